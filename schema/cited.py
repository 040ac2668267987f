"""Cited values: each carries the value and the citations that support it."""

import datetime as dt
from typing import Generic, TypeVar

import strawberry

from resolvers.evidence import FieldEvidence
from schema.enums import (
    CasualtyCategory,
    CasualtyOutcome,
    CountWording,
    DatePrecision,
    EventKind,
    MembershipStatus,
    OrganizationKind,
    PlaceKind,
    Plea,
)
from schema.evidence import UNSUPPORTED, Citation, citations, withdrawn_only

CITATIONS = "The evidence for this value: one or more citations."


T = TypeVar("T")


@strawberry.type(description="A value with its citations.")
class Cited(Generic[T]):
    """Base of the cited value types; each concrete subclass names its GraphQL type."""

    value: T = strawberry.field(description="The value.")
    citations: list[Citation] = strawberry.field(description=CITATIONS)

    @strawberry.field(description=UNSUPPORTED)
    def unsupported(self) -> bool:
        return withdrawn_only(self.citations)


@strawberry.type(name="CitedString", description="A text value with its citations.")
class CitedString(Cited[str]):
    pass


@strawberry.type(name="CitedBoolean", description="A yes/no value with its citations.")
class CitedBoolean(Cited[bool]):
    pass


@strawberry.type(description="A date, or a date range, established to a given precision, with its citations.")
class CitedDate:
    value: dt.date = strawberry.field(
        description="The date (the start of a range). With MONTH or YEAR precision only those parts are known."
    )
    end: dt.date | None = strawberry.field(description="The last day of a range; null for a single date.")
    precision: DatePrecision = strawberry.field(description="Which parts of the date the sources establish.")
    open_ended: bool = strawberry.field(description='True for something ongoing since `value` ("since ...").')
    citations: list[Citation] = strawberry.field(description=CITATIONS)

    @strawberry.field(description=UNSUPPORTED)
    def unsupported(self) -> bool:
        return withdrawn_only(self.citations)


@strawberry.type(description="A count as reported: bounds and the source's wording. UNKNOWN wording has no bounds.")
class CitedCount:
    low: int | None = strawberry.field(description="Lower bound; equal to `high` for an exact count.")
    high: int | None = strawberry.field(description='Upper bound; null when the source gives none ("at least").')
    wording: CountWording = strawberry.field(description="How the source worded the count.")
    citations: list[Citation] = strawberry.field(description=CITATIONS)

    @strawberry.field(description=UNSUPPORTED)
    def unsupported(self) -> bool:
        return withdrawn_only(self.citations)


@strawberry.type(description="A range of whole numbers (for example the ages of the dead), with its citations.")
class CitedIntRange:
    min: int | None = strawberry.field(description="Smallest value; null when not given.")
    max: int | None = strawberry.field(description="Largest value; null when not given.")
    citations: list[Citation] = strawberry.field(description=CITATIONS)

    @strawberry.field(description=UNSUPPORTED)
    def unsupported(self) -> bool:
        return withdrawn_only(self.citations)


@strawberry.type(name="CitedPlaceKind", description="A kind of place, with its citations.")
class CitedPlaceKind(Cited[PlaceKind]):
    pass


@strawberry.type(name="CitedOrganizationKind", description="A kind of organization, with its citations.")
class CitedOrganizationKind(Cited[OrganizationKind]):
    pass


@strawberry.type(name="CitedMembershipStatus", description="Whether a post is current or former, with its citations.")
class CitedMembershipStatus(Cited[MembershipStatus]):
    pass


@strawberry.type(name="CitedEventKind", description="A kind of event, with its citations.")
class CitedEventKind(Cited[EventKind]):
    pass


@strawberry.type(name="CitedCasualtyOutcome", description="What happened to the people counted, with its citations.")
class CitedCasualtyOutcome(Cited[CasualtyOutcome]):
    pass


@strawberry.type(name="CitedCasualtyCategory", description="A group the people counted belong to, with its citations.")
class CitedCasualtyCategory(Cited[CasualtyCategory]):
    pass


@strawberry.type(name="CitedPlea", description="A plea, with its citations.")
class CitedPlea(Cited[Plea]):
    pass


def cited_string(evidence: FieldEvidence, field: str, value: str | None) -> CitedString | None:
    return None if value is None else CitedString(value=value, citations=citations(evidence, field))


def cited_boolean(evidence: FieldEvidence, field: str, value: bool | None) -> CitedBoolean | None:
    return None if value is None else CitedBoolean(value=value, citations=citations(evidence, field))


def cited_date(
    evidence: FieldEvidence,
    field: str,
    start: dt.date | None,
    precision: DatePrecision | None,
    end: dt.date | None = None,
    open_ended: bool = False,
) -> CitedDate | None:
    if start is None or precision is None:
        return None
    return CitedDate(
        value=start, end=end, precision=precision, open_ended=open_ended, citations=citations(evidence, field)
    )
