"""Typed GraphQL inputs for fact documents, built from the seed format's models (`seeds.format`), so the
API's inputs and the fact files can never drift apart; `plain` turns an input back into the document the
seed loader validates and writes.
"""

import dataclasses
import datetime as dt
import enum
import types
from typing import Any, Union, get_args, get_origin

import strawberry
from pydantic import BaseModel

from schema.terms import TermCode
from seeds import format as spec

TEXT = "Text stated by the source."
CITE = (
    "The evidence: one or more citations (a quote in a stored source, located and verified; or an inferred "
    "value with its reasoning)."
)
REFERENCE = "The id of the {} (stored, or given in the same document)."

FIELD_DOCS: dict[str, str] = {
    "quote": "The exact words of the source (checked against its text).",
    "source": "The id of the source quoted; default: the document's `defaultSource`.",
    "occurrence": "Which occurrence of the quote (from 1), when it occurs several times in the source.",
    "by": "The id of the person or organization who made the statement.",
    "via": "The id of the person or organization the statement reached the source through.",
    "inferred": "Makes the citation INFERRED: the reasoning that derives the value from the quote.",
    "value": "The value.",
    "cite": CITE,
    "precision": "How much of the date (or how exactly the time of day) the source establishes.",
    "open_ended": "The period has begun and has not ended.",
    "low": "The lowest count the source allows (null: not given).",
    "high": "The highest count the source allows (null: not given).",
    "wording": "How the source words the count.",
    "min": "The lowest value (null: not given).",
    "max": "The highest value (null: not given).",
    "id": "A stable id of your choosing (lowercase words joined by `-`); the same id names the same object.",
    "text": "The full text of the document.",
    "kind": "What kind it is (for events, organizations and places a code of their vocabulary: see `terms`).",
    "title": "The title.",
    "publisher": "Who published it.",
    "author": "Who wrote it.",
    "url": "Where it was published.",
    "language": "BCP 47 language tag (`en`).",
    "published_on": "When it was published.",
    "retrieved_on": "When it was retrieved.",
    "name": "The name, as the source gives it.",
    "aliases": 'Other names the sources give it ("parliament" for the National Assembly, another spelling), each '
    "with its citations; `name` filters and search find it by them.",
    "within": REFERENCE.format("place the place lies within"),
    "country": "The id of the country (a place).",
    "parent": "The id of the larger whole it is part of.",
    "person": REFERENCE.format("person"),
    "organization": REFERENCE.format("organization"),
    "role": 'The post or role, as the source words it ("presiding judge", "magistrate" for a judge).',
    "start": "When it began.",
    "end": "When it ended (for a date: the last day of a range).",
    "related_person": REFERENCE.format("other person"),
    "subject": REFERENCE.format("organization that relates to the other"),
    "object": REFERENCE.format("organization related to"),
    "who": REFERENCE.format("person or organization taking part"),
    "description": TEXT,
    "date": "When, with its precision.",
    "place": REFERENCE.format("place"),
    "participants": "Who took part, each with a role and citations.",
    "category": "The group the people counted belong to: a code of the CASUALTY_CATEGORY vocabulary.",
    "rank": "A rank (military or police), as the source words it.",
    "count": "How many.",
    "part": "The id of a casualty figure this one includes (a total and its parts).",
    "outcome": "What happened to the people counted.",
    "event": REFERENCE.format("event"),
    "reported_by": "The id of the person or organization that reported the figure.",
    "reported_on": "When the figure was reported.",
    "caused_by": "The id of the person or organization that caused it.",
    "age_range": "The ages of the people counted.",
    "ranks_complete": "Whether `ranks` lists every rank among the people counted.",
    "affiliations": "Whom the people counted belonged to (an organization or a country).",
    "categories": "Which groups the people counted belong to.",
    "ranks": "How many of the people counted held each rank.",
    "parts": "Casualty figures this one is the sum of.",
    "offence": "The offence charged, as the source words it.",
    "counts": 'How many counts of the offence ("four counts of manslaughter"): a whole number from 1.',
    "custody": "Whether the defendant is held or free (remanded in custody, released on bail, ...).",
    "custody_date": "Since when the custody status holds, where given.",
    "status": "Whether the post is current or former (a membership); whether a hearing is to come, held, "
    "postponed or cancelled (a hearing).",
    "time": "The local time of day, with its time zone where established and its precision.",
    "zone": "The time zone: an IANA name (`Europe/Stockholm`) or a UTC offset (`+01:00`) when the source gives only "
    "that; leave it out when no zone is established, or cite the zone INFERRED with the reasoning.",
    "judges": "Judges and magistrates of the proceeding or of one of its hearings, each with a role and citations.",
    "defendant": REFERENCE.format("defendant (a person)"),
    "plea": "The plea entered.",
    "charge": "The id of the charge the plea answers.",
    "hearing": "The id of the hearing where it was entered (a plea), or sat at (a judge; optional).",
    "court": "The court, as the source names it.",
    "jurisdiction": "The jurisdiction, as the source names it.",
    "charges_complete": "Whether `charges` lists every charge.",
    "defendants": "The defendants.",
    "charges": "The charges.",
    "hearings": "The hearings.",
    "pleas": "The pleas entered.",
    "term": "One term of the demands, as the source words it.",
    "summary": "What was demanded, in short.",
    "made_by": "The id of the person or organization making the demands.",
    "addressed_to": "The id of the person or organization the demands are made of.",
    "terms_complete": "Whether `terms` lists every term.",
    "terms": "The terms.",
    "sources": "Sources given in full (with `text`); a source already stored is named by its id instead.",
    "default_source": "The id of the source quotes come from unless a citation names another.",
    "places": "Places.",
    "persons": "Persons.",
    "organizations": "Organizations.",
    "memberships": "Posts persons hold in organizations.",
    "person_relationships": "How persons are related.",
    "organization_relationships": "How organizations relate to one another.",
    "events": "Events.",
    "casualties": "Casualty figures.",
    "legal_proceedings": "Legal proceedings, with defendants, charges, hearings, pleas and judges.",
    "demands": "Demands one party made of another.",
}

TYPE_NAMES: dict[type[BaseModel], str] = {spec.FactFile: "Facts", spec.SourceSpec: "InlineSource"}
TYPE_DOCS: dict[str, str] = {
    "Facts": "A fact document, as `ingest` and `correct` take it (the seed files' format, typed).",
    "InlineSource": "A source given in full, so that quotes from it can be checked.",
    "Cite": "One citation: a quote located in a source, or an inferred value with its reasoning.",
    "CitedDate": "A date or a range of dates, with its precision and citations.",
    "CitedCount": "A count of people as the source gives it (exact, at least, at most, about...), with citations.",
    "CitedRange": "A range of numbers (ages), with citations.",
    "CitedTime": "A local time of day with its time zone (where established) and precision, with citations.",
    "CitedCounts": "How many counts of an offence are charged, with citations.",
    "Judge": "A judge or magistrate of a proceeding, or of one of its hearings, in a role; cited as a whole.",
    "Place": "A place (a country, a city, a building...).",
    "Person": "A person.",
    "Organization": "An organization (a government, armed forces, a news agency...).",
    "Membership": "A post a person holds or held in an organization, cited as a whole.",
    "PersonRelationship": "How two persons are related, cited as a whole.",
    "OrganizationRelationship": "How one organization relates to another, cited as a whole.",
    "Participant": "Who took part in an event and in what role, cited as a whole.",
    "Event": "An event; give the same id again to extend a stored one (its cited fields restated).",
    "Affiliation": "Whom the people counted belonged to: an organization or a country, cited as a whole.",
    "Category": "A group the people counted belong to, cited as a whole.",
    "Rank": "How many of the people counted held one rank, cited as a whole.",
    "Part": "A casualty figure the figure includes, cited as a whole.",
    "Casualty": "A casualty figure: how many people, what happened to them, as a source reported it.",
    "Defendant": "A defendant in a proceeding, cited as a whole.",
    "Charge": "A charge brought in a proceeding.",
    "Hearing": "A hearing of a proceeding.",
    "Plea": "A plea a defendant entered.",
    "LegalProceeding": "A legal proceeding: defendants, charges, hearings, pleas and judges.",
    "Term": "One term of a set of demands, cited as a whole.",
    "Demand": "Demands one party made of another.",
}
LEAVE_OUT: dict[type[BaseModel], set[str]] = {spec.SourceSpec: {"file"}}
"""Fields the API does not take: a server never reads a file a client names."""
SCALAR_NAMES: dict[object, str] = {str: "Text", bool: "Boolean", int: "Int", dt.date: "Date", dt.time: "Time"}

BUILT: dict[str, type] = {}
_VOCABULARIES = {
    spec.EventKind: "EVENT_KIND",
    spec.OrganizationKind: "ORGANIZATION_KIND",
    spec.PlaceKind: "PLACE_KIND",
    spec.CasualtyCategory: "CASUALTY_CATEGORY",
}


def _type_name(model: type[BaseModel]) -> str:
    generic = model.__pydantic_generic_metadata__
    if generic["origin"] is not None:
        [argument] = generic["args"]
        inner = SCALAR_NAMES.get(argument) or argument.__name__
        return f"{generic['origin'].__name__}{inner}"
    return TYPE_NAMES.get(model) or model.__name__.removesuffix("Spec")


def _type_doc(model: type[BaseModel], name: str) -> str:
    generic = model.__pydantic_generic_metadata__
    if generic["origin"] is not None:
        [argument] = generic["args"]
        what = SCALAR_NAMES.get(argument) or argument.__name__
        if argument in spec.TERM_CODES:
            return f"A value (a code of the {_VOCABULARIES[argument]} vocabulary) with the citations that support it."
        return f"A value ({what}) with the citations that support it."
    return TYPE_DOCS[name]


def _graphql_type(annotation: Any) -> Any:
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        [inner] = [a for a in get_args(annotation) if a is not type(None)]
        return _graphql_type(inner)
    if origin is list:
        return list[_graphql_type(get_args(annotation)[0])]  # type: ignore[misc]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return input_type(annotation)
    if annotation in spec.TERM_CODES:
        return TermCode
    if annotation in SCALAR_NAMES or (isinstance(annotation, type) and issubclass(annotation, enum.Enum)):
        return annotation
    raise TypeError(f"no GraphQL input for {annotation!r}")


def input_type(model: type[BaseModel]) -> type:
    """The GraphQL input type of a seed-format model (built once; nested models get their own types)."""
    name = f"{_type_name(model)}Input"
    if name in BUILT:
        return BUILT[name]
    annotations: dict[str, Any] = {}
    namespace: dict[str, Any] = {}
    for field, info in model.model_fields.items():
        if field in LEAVE_OUT.get(model, set()):
            continue
        kind = _graphql_type(info.annotation)
        description = FIELD_DOCS[field]
        if info.is_required():
            annotations[field] = kind
            namespace[field] = strawberry.field(description=description)
        else:
            annotations[field] = kind | None
            namespace[field] = strawberry.field(default=None, description=f"{description} Optional.")
    cls = type(name, (), {"__annotations__": annotations, **namespace})
    BUILT[name] = strawberry.input(cls, name=name, description=_type_doc(model, name.removesuffix("Input")))
    return BUILT[name]


def plain(value: Any) -> Any:
    """An input (or a list of them) as the seed format's plain data, leaving out what was not given."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(v) for f in dataclasses.fields(value) if (v := getattr(value, f.name)) is not None}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


FactsInput: Any = input_type(spec.FactFile)
SourcesInput: Any = list[input_type(spec.SourceSpec)]  # type: ignore[misc]
SINGULAR = {
    "places": "place",
    "persons": "person",
    "organizations": "organization",
    "memberships": "membership",
    "person_relationships": "person_relationship",
    "organization_relationships": "organization_relationship",
    "events": "event",
    "casualties": "casualty",
    "legal_proceedings": "legal_proceeding",
    "demands": "demand",
}
"""Each section of a fact document holding objects, and what one of its items is."""
SECTIONS: dict[str, Any] = {
    name: input_type(get_args(spec.FactFile.model_fields[name].annotation)[0]) for name in SINGULAR
}
"""The input type of each section's items (`events`: `EventInput`, ...)."""
