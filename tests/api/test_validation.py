"""Every rule a stored value keeps is checked before any SQL runs: a write breaking one is refused as a typed
`ValidationError` naming the entity and field, never reaches a CHECK constraint (`Unexpected error.`)."""

import copy
from typing import Any

import pytest
from sqlalchemy import CheckConstraint
from sqlmodel import SQLModel

import db.tables  # noqa: F401  (every table in the metadata)
from tests.conftest import GraphQLClient, Tokens

TEXT = (
    "The county said four people were missing and two were hurt, aged 30 to 40. Ada Brook, the mayor, "
    "ordered an evacuation in May 2026 and demanded repairs."
)
QUOTE = "four people were missing"

BASE: dict[str, Any] = {
    "sources": [{"id": "report", "kind": "NEWS_ARTICLE", "text": TEXT}],
    "default_source": "report",
    "places": [{"id": "rivertown", "name": {"value": "Rivertown", "cite": "The county"}}],
    "persons": [
        {"id": "ada-brook", "name": {"value": "Ada Brook", "cite": "Ada Brook"}},
        {"id": "ben-brook", "name": {"value": "Ben Brook", "cite": "the mayor"}},
    ],
    "organizations": [{"id": "county", "name": {"value": "The county", "cite": "The county"}}],
}
"""What the cases refer to: a source, a place, two persons and an organization."""


def event(**fields: Any) -> dict[str, Any]:
    return {
        "events": [{"id": "evacuation", "title": {"value": "Evacuation", "cite": "ordered an evacuation"}, **fields}]
    }


def casualty(**fields: Any) -> dict[str, Any]:
    item = {
        "id": "missing",
        "description": {"value": "Missing people", "cite": QUOTE},
        "outcome": {"value": "MISSING", "cite": QUOTE},
        "count": {"low": 4, "high": 4, "wording": "EXACTLY", "cite": QUOTE},
    }
    return {"casualties": [{**item, **fields}]}


def cited_name(**cite: Any) -> dict[str, Any]:
    return {"persons": [{"id": "cara-brook", "name": {"value": "Cara Brook", "cite": {"quote": "the mayor", **cite}}}]}


def count(low: int | None, high: int | None, wording: str) -> dict[str, Any]:
    return casualty(count={"low": low, "high": high, "wording": wording, "cite": QUOTE})


def proceeding(**fields: Any) -> dict[str, Any]:
    item = {"id": "repairs-case", "title": {"value": "The repairs case", "cite": "demanded repairs"}}
    return {"legal_proceedings": [{**item, **fields}]}


def hearing(**fields: Any) -> dict[str, Any]:
    return proceeding(hearings=[{"id": "first", "kind": {"value": "hearing", "cite": "ordered"}, **fields}])


def time(value: str, precision: str | None, **more: Any) -> dict[str, Any]:
    given = {"value": value, "cite": "in May 2026", **more}
    return event(time=given if precision is None else {**given, "precision": precision})


def date(value: str, precision: str, **more: Any) -> dict[str, Any]:
    return event(date={"value": value, "precision": precision, "cite": "in May 2026", **more})


CHECKS: dict[tuple[str, str], tuple[dict[str, Any], str, str]] = {
    ("event", "date_range_ordered"): (date("2026-05-04", "DAY", end="2026-05-01"), "events[0] 'evacuation'", "date"),
    ("event", "date_has_precision"): (
        event(date={"value": "2026-05-04", "cite": "in May 2026"}),
        "events[0] 'evacuation'",
        "date.precision",
    ),
    ("event", "time_has_precision"): (time("22:00", None), "events[0] 'evacuation'", "time.precision"),
    ("hearing", "time_has_precision"): (
        hearing(time={"value": "09:30", "cite": "in May 2026"}),
        "legal_proceedings[0] 'repairs-case'",
        "hearings.0.time.precision",
    ),
    ("charge", "counts_positive"): (
        proceeding(
            charges=[
                {
                    "id": "neglect",
                    "offence": {"value": "neglect", "cite": "demanded repairs"},
                    "counts": {"value": 0, "cite": "demanded repairs"},
                }
            ]
        ),
        "legal_proceedings[0] 'repairs-case'",
        "charges.0.counts.value",
    ),
    ("person_relationship", "not_self"): (
        {
            "person_relationships": [
                {"person": "ada-brook", "related_person": "ada-brook", "kind": "SPOUSE", "cite": "Ada"}
            ]
        },
        "person_relationships[0]",
        "related_person",
    ),
    ("casualty", "one_reporter"): (
        casualty(reported_by={"value": ["ada-brook", "county"], "cite": "The county said"}),
        "casualties[0] 'missing'",
        "reported_by.value",
    ),
    ("casualty", "unknown_has_no_count"): (count(4, None, "UNKNOWN"), "casualties[0] 'missing'", "count"),
    ("casualty", "bounds"): (count(40, 30, "ABOUT"), "casualties[0] 'missing'", "count"),
    ("casualty", "age_range"): (
        casualty(age_range={"min": 40, "max": 30, "cite": "aged 30 to 40"}),
        "casualties[0] 'missing'",
        "age_range",
    ),
    ("citation", "quote_matches_offsets"): (cited_name(quote=" \n "), "persons[2] 'cara-brook'", "name.cite.0.quote"),
    ("citation", "one_intermediary"): (
        cited_name(via=["county", "ada-brook"]),
        "persons[2] 'cara-brook'",
        "name.cite.0.via",
    ),
    ("citation", "inference_has_note"): (cited_name(inferred=""), "persons[2] 'cara-brook'", "name.cite.0.inferred"),
    ("citation", "one_speaker"): (cited_name(by=["county", "ada-brook"]), "persons[2] 'cara-brook'", "name.cite.0.by"),
    ("demand", "one_maker"): (
        {
            "demands": [
                {
                    "id": "repairs",
                    "summary": {"value": "Repairs", "cite": "demanded repairs"},
                    "made_by": {"value": ["ada-brook", "county"], "cite": "Ada Brook"},
                }
            ]
        },
        "demands[0] 'repairs'",
        "made_by.value",
    ),
    ("event_participant", "one_participant"): (
        event(participants=[{"who": ["ada-brook", "county"], "role": "ordered it", "cite": "Ada Brook"}]),
        "events[0] 'evacuation'",
        "participants.0.who",
    ),
    ("casualty_affiliation", "one_affiliation"): (
        casualty(affiliations=[{"organization": "county", "country": "rivertown", "cite": QUOTE}]),
        "casualties[0] 'missing'",
        "affiliations.0",
    ),
    ("casualty_component", "not_self"): (
        casualty(parts=[{"part": "missing", "cite": QUOTE}]),
        "casualties[0] 'missing'",
        "parts",
    ),
}
"""For each CHECK constraint (table, name): an input that would break it, and the entity and field the refusal
names. Clients never give a citation's offsets, so `quote_matches_offsets` is tried with the quote alone: one of
only whitespace (the stored quote is always the source's span at its offsets: tests/api/test_quotes.py)."""

BY_CONSTRUCTION: dict[tuple[str, str], str] = {
    ("alias", "one_owner"): "an alias is written inside its owner's entry (`aliases` of a person, organization or "
    "place), so every input gives it exactly one owner",
}
"""CHECK constraints no input can break, and why: kept by how the write path builds the row."""

RULES: dict[str, tuple[dict[str, Any], str, str]] = {
    "a BETWEEN count with equal bounds": (count(30, 30, "BETWEEN"), "casualties[0] 'missing'", "count"),
    "a BETWEEN count without high": (count(30, None, "BETWEEN"), "casualties[0] 'missing'", "count"),
    "a BETWEEN count with bounds reversed": (count(40, 30, "BETWEEN"), "casualties[0] 'missing'", "count"),
    "a time in an unknown time zone": (
        time("22:00", "APPROXIMATE", zone="Europe/Port_Aldern"),
        "events[0] 'evacuation'",
        "time.zone",
    ),
    "a time at a UTC offset past 14 hours": (
        time("22:00", "HOUR", zone="+15:00"),
        "events[0] 'evacuation'",
        "time.zone",
    ),
    "a time of HOUR precision off the hour": (time("22:10", "HOUR"), "events[0] 'evacuation'", "time"),
    "a time of day with seconds": (time("22:10:05", "MINUTE"), "events[0] 'evacuation'", "time.value"),
    "a time of day that is no time": (time("25:00", "MINUTE"), "events[0] 'evacuation'", "time.value"),
    "a hearing status not in the vocabulary": (
        hearing(status={"value": "ADJOURNED", "cite": "ordered"}),
        "legal_proceedings[0] 'repairs-case'",
        "hearings.0.status.value",
    ),
    "a custody status not in the vocabulary": (
        proceeding(
            defendants=[{"person": "ada-brook", "cite": "Ada Brook", "custody": {"value": "JAILED", "cite": "Ada"}}]
        ),
        "legal_proceedings[0] 'repairs-case'",
        "defendants.0.custody.value",
    ),
    "a judge without a role": (
        proceeding(judges=[{"person": "ben-brook", "role": "", "cite": "the mayor"}]),
        "legal_proceedings[0] 'repairs-case'",
        "judges.0.role",
    ),
    "a judge of a hearing the proceeding does not have": (
        proceeding(judges=[{"person": "ben-brook", "role": "magistrate", "hearing": "second", "cite": "the mayor"}]),
        "legal_proceeding 'repairs-case' judge 'ben-brook'",
        "hearing",
    ),
    "an EXACTLY count with two bounds": (count(30, 40, "EXACTLY"), "casualties[0] 'missing'", "count"),
    "an EXACTLY count without high": (count(30, None, "EXACTLY"), "casualties[0] 'missing'", "count"),
    "an AT_LEAST count with a high": (count(30, 40, "AT_LEAST"), "casualties[0] 'missing'", "count"),
    "an AT_MOST count without high": (count(30, None, "AT_MOST"), "casualties[0] 'missing'", "count"),
    "an ABOUT count without high": (count(30, None, "ABOUT"), "casualties[0] 'missing'", "count"),
    "a MOST count without bounds": (count(None, None, "MOST"), "casualties[0] 'missing'", "count"),
    "a MANY count with a bound": (count(30, None, "MANY"), "casualties[0] 'missing'", "count"),
    "an UNKNOWN count with a high": (count(None, 4, "UNKNOWN"), "casualties[0] 'missing'", "count"),
    "a negative count": (count(-1, None, "AT_LEAST"), "casualties[0] 'missing'", "count.low"),
    "a count past what a column holds": (count(2**31, None, "AT_LEAST"), "casualties[0] 'missing'", "count.low"),
    "a negative age": (
        casualty(age_range={"min": -3, "cite": "aged 30 to 40"}),
        "casualties[0] 'missing'",
        "age_range.min",
    ),
    "an age range without bounds": (
        casualty(age_range={"cite": "aged 30 to 40"}),
        "casualties[0] 'missing'",
        "age_range",
    ),
    "a rank held by no one": (
        casualty(ranks=[{"rank": "mayor", "count": 0, "cite": QUOTE}]),
        "casualties[0] 'missing'",
        "ranks.0.count",
    ),
    "a MONTH date not on the first": (date("2026-05-04", "MONTH"), "events[0] 'evacuation'", "date"),
    "a YEAR date not on the first of January": (date("2026-05-01", "YEAR"), "events[0] 'evacuation'", "date"),
    "an open-ended date with an end": (
        date("2026-05-04", "DAY", end="2026-05-05", open_ended=True),
        "events[0] 'evacuation'",
        "date",
    ),
    "an event that is its own parent": (
        event(parent={"value": "evacuation", "cite": "ordered an evacuation"}),
        "events[0] 'evacuation'",
        "parent",
    ),
    "an organization related to itself": (
        {
            "organization_relationships": [
                {"subject": "county", "object": "county", "kind": "CONTROLS", "cite": "The county"}
            ]
        },
        "organization_relationships[0]",
        "object",
    ),
    "a place within itself": (
        {
            "places": [
                {
                    "id": "rivertown",
                    "name": {"value": "Rivertown", "cite": "The county"},
                    "within": {"value": "rivertown", "cite": "The county"},
                }
            ]
        },
        "places[0] 'rivertown'",
        "within",
    ),
    "a kind no term of its vocabulary has": (
        event(kind={"value": "EARTHQUAKE", "cite": "ordered an evacuation"}),
        "events[0] 'evacuation'",
        "kind.value",
    ),
    "a NUL character": (
        {"persons": [{"id": "cara-brook", "name": {"value": "Cara\u0000Brook", "cite": "the mayor"}}]},
        "persons[2] 'cara-brook'",
        "name.value",
    ),
}
"""Other rules of values, which no CHECK constraint holds (or which a database refuses with an error of its own)."""

INGEST = """mutation ($facts: JSON) { ingest(facts: $facts) {
  __typename ... on Ingested { added } ... on Rejected { errors { __typename message entity field
    ... on ValidationError { code } } } } }"""


def document(case: dict[str, Any]) -> dict[str, Any]:
    merged = copy.deepcopy(BASE)
    for section, items in case.items():
        merged[section] = [*[i for i in merged.get(section, []) if i["id"] not in {c.get("id") for c in items}], *items]
    return merged


async def refusal(gql: GraphQLClient, token: str, case: dict[str, Any]) -> list[dict[str, Any]]:
    """The errors of a write of BASE and `case` (gql.data fails on a GraphQL error such as `Unexpected error.`)."""
    result = (await gql.data(INGEST, {"facts": document(case)}, token))["ingest"]
    assert result["__typename"] == "Rejected", result
    errors: list[dict[str, Any]] = result["errors"]
    return errors


def check_constraints() -> list[tuple[str, str]]:
    found = [
        (table.name, str(constraint.name))
        for table in SQLModel.metadata.sorted_tables
        for constraint in table.constraints
        if isinstance(constraint, CheckConstraint)
    ]
    return sorted(found)


def test_every_check_constraint_of_the_models_has_a_case() -> None:
    assert check_constraints() == sorted([*CHECKS, *BY_CONSTRUCTION])


async def test_the_base_document_is_accepted(gql: GraphQLClient, tokens: Tokens) -> None:
    result = (await gql.data(INGEST, {"facts": document(casualty())}, tokens.editor))["ingest"]
    assert result["__typename"] == "Ingested", result


@pytest.mark.parametrize("constraint", sorted(CHECKS), ids=lambda c: ".".join(c))
async def test_an_input_breaking_a_check_constraint_is_refused_before_sql(
    gql: GraphQLClient, tokens: Tokens, constraint: tuple[str, str]
) -> None:
    case, entity, field = CHECKS[constraint]
    errors = await refusal(gql, tokens.editor, case)
    assert [(e["__typename"], e["code"], e["entity"], e["field"]) for e in errors] == [
        ("ValidationError", "INVALID", entity, field)
    ], errors


@pytest.mark.parametrize("rule", sorted(RULES))
async def test_a_value_breaking_a_rule_of_its_kind_is_refused(gql: GraphQLClient, tokens: Tokens, rule: str) -> None:
    case, entity, field = RULES[rule]
    errors = await refusal(gql, tokens.editor, case)
    assert [(e["__typename"], e["code"], e["entity"], e["field"]) for e in errors] == [
        ("ValidationError", "INVALID", entity, field)
    ], errors
