"""Filter inputs and orderings of the root lists; ids in filters are global ids."""

import datetime as dt
from enum import Enum

import strawberry

from resolvers import filters as f
from schema.enums import CasualtyOutcome, Plea, SourceKind
from schema.node import key_of
from schema.terms import TermCode

NO_MATCH = "\uffffno-match"
"""Stands for an id of the wrong type or form: it matches no row, so the filter returns nothing (U+FFFF is
a noncharacter no id holds; PostgreSQL refuses a NUL in text)."""


BELOW = ", or any term below one of them (DISASTER matches FIRE and WILDFIRE)."


def _key(value: strawberry.ID | None, *type_names: str) -> str | None:
    if value is None:
        return None
    return key_of(str(value), type_names) or NO_MATCH


@strawberry.enum(description="How to order events.")
class EventOrder(Enum):
    DATE_ASC = strawberry.enum_value("DATE_ASC", description="Earliest `date.value` first; undated events last.")
    DATE_DESC = strawberry.enum_value("DATE_DESC", description="Latest `date.value` first; undated events last.")


@strawberry.enum(description="How to order casualty figures.")
class CasualtyOrder(Enum):
    ID = strawberry.enum_value("ID", description="By the id's key, in text order.")
    COUNT_ASC = strawberry.enum_value(
        "COUNT_ASC", description="Smallest `count.low` first; figures without a lower bound last."
    )
    COUNT_DESC = strawberry.enum_value(
        "COUNT_DESC", description="Largest `count.low` first; figures without a lower bound last."
    )


@strawberry.input(description="Filters on events; every given filter must match.")
class EventFilter:
    kind: list[TermCode] | None = strawberry.field(
        default=None, description=f"Any of these kinds of the EVENT_KIND vocabulary{BELOW}"
    )
    date_from: dt.date | None = strawberry.field(
        default=None, description="Events that may have happened on or after this day, at their date's precision."
    )
    date_to: dt.date | None = strawberry.field(
        default=None, description="Events that may have happened on or before this day, at their date's precision."
    )
    place: strawberry.ID | None = strawberry.field(default=None, description="Events at this place.")
    participant: strawberry.ID | None = strawberry.field(
        default=None, description="Events this person or organization took part in."
    )
    parent: strawberry.ID | None = strawberry.field(default=None, description="Events that are part of this one.")
    match_alternatives: bool = strawberry.field(
        default=False,
        description="Also match what other sources say: `kind`, `dateFrom`/`dateTo`, `place` and `parent` then match "
        "an event whose value or any standing alternative (not DEPRECATED) meets them (one value meets both ends of a "
        'date range): "any event some source dates in this range". Off: only the values reads return.',
    )

    def criteria(self) -> f.EventCriteria:
        return f.EventCriteria(
            kinds=self.kind,
            date_from=self.date_from,
            date_to=self.date_to,
            place=_key(self.place, "Place"),
            participant=_key(self.participant, "Person", "Organization"),
            parent=_key(self.parent, "Event"),
            match_alternatives=self.match_alternatives,
        )


@strawberry.input(description="Filters on casualty figures; every given filter must match.")
class CasualtyFilter:
    event: strawberry.ID | None = strawberry.field(default=None, description="Figures for this event.")
    affiliation: strawberry.ID | None = strawberry.field(
        default=None, description="Figures of people affiliated with this organization or country."
    )
    outcome: list[CasualtyOutcome] | None = strawberry.field(default=None, description="Any of these outcomes.")
    category: list[TermCode] | None = strawberry.field(
        default=None, description=f"Figures counting any of these groups of the CASUALTY_CATEGORY vocabulary{BELOW}"
    )
    reported_by: strawberry.ID | None = strawberry.field(
        default=None, description="Figures reported by this person or organization."
    )
    match_alternatives: bool = strawberry.field(
        default=False,
        description="Also match what other sources say: `event`, `outcome` and `reportedBy` then match a figure "
        "whose value or any standing alternative (not DEPRECATED) meets them. Off: only the values reads return.",
    )

    def criteria(self) -> f.CasualtyCriteria:
        return f.CasualtyCriteria(
            event=_key(self.event, "Event"),
            affiliation=_key(self.affiliation, "Organization", "Place"),
            outcomes=self.outcome,
            categories=self.category,
            reported_by=_key(self.reported_by, "Person", "Organization"),
            match_alternatives=self.match_alternatives,
        )


@strawberry.input(description="Filters on persons; text matches ignore case and accents.")
class PersonFilter:
    name: str | None = strawberry.field(default=None, description='Part of the name ("rodriguez").')
    role: str | None = strawberry.field(default=None, description='Part of a post held ("minister").')
    organization: strawberry.ID | None = strawberry.field(
        default=None, description="Persons holding or having held a post in this organization."
    )

    def criteria(self) -> f.PersonCriteria:
        return f.PersonCriteria(name=self.name, role=self.role, organization=_key(self.organization, "Organization"))


@strawberry.input(description="Filters on organizations; text matches ignore case and accents.")
class OrganizationFilter:
    name: str | None = strawberry.field(default=None, description="Part of the name.")
    kind: list[TermCode] | None = strawberry.field(
        default=None, description=f"Any of these kinds of the ORGANIZATION_KIND vocabulary{BELOW}"
    )
    country: strawberry.ID | None = strawberry.field(default=None, description="Organizations of this country.")

    def criteria(self) -> f.OrganizationCriteria:
        return f.OrganizationCriteria(name=self.name, kinds=self.kind, country=_key(self.country, "Place"))


@strawberry.input(description="Filters on places; text matches ignore case and accents.")
class PlaceFilter:
    name: str | None = strawberry.field(default=None, description="Part of the name.")
    kind: list[TermCode] | None = strawberry.field(
        default=None, description=f"Any of these kinds of the PLACE_KIND vocabulary{BELOW}"
    )
    within: strawberry.ID | None = strawberry.field(default=None, description="Places directly within this one.")

    def criteria(self) -> f.PlaceCriteria:
        return f.PlaceCriteria(name=self.name, kinds=self.kind, within=_key(self.within, "Place"))


@strawberry.input(description="Filters on legal proceedings; every given filter must match.")
class LegalProceedingFilter:
    defendant: strawberry.ID | None = strawberry.field(default=None, description="Proceedings against this person.")
    charge: str | None = strawberry.field(default=None, description='Part of a charged offence ("trafficking").')
    plea: Plea | None = strawberry.field(default=None, description="Proceedings in which this plea was entered.")

    def criteria(self) -> f.ProceedingCriteria:
        return f.ProceedingCriteria(defendant=_key(self.defendant, "Person"), charge=self.charge, plea=self.plea)


@strawberry.input(description="Filters on sources.")
class SourceFilter:
    kind: list[SourceKind] | None = strawberry.field(default=None, description="Any of these kinds.")
    publisher: str | None = strawberry.field(default=None, description="This publisher (ignoring case).")

    def criteria(self) -> f.SourceCriteria:
        return f.SourceCriteria(kinds=self.kind, publisher=self.publisher)
