"""Cited values: each carries the value and the citations that support it."""

import datetime as dt
from typing import Generic, TypeVar, cast

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from db.base import RECORD
from db.enums import Rank, ValueStatus, Vocabulary
from db.values import stated_value
from resolvers.context import Context
from resolvers.disputes import contested, span
from resolvers.evidence import FieldEvidence, Rival
from schema.disputes import CONTESTED, CountRange, DateRange, count_range, count_values, date_range, date_values
from schema.enums import (
    CasualtyOutcome,
    CountWording,
    CustodyStatus,
    DatePrecision,
    HearingStatus,
    MembershipStatus,
    Plea,
    TimePrecision,
)
from schema.evidence import CITATIONS_OF_LINK, UNSUPPORTED, Citation, citations, corroboration, withdrawn_only
from schema.node import global_id
from schema.terms import Term, TermCode, term_of

CITATIONS = "The evidence for this value: one or more citations."
DISPUTED = (
    "Whether a source gave this fact another value, standing beside it at any rank (see `alternatives`). Rivals may "
    'all be true (30, and "between 30 and 40"): `contested`, on counts and dates, says whether they cannot be.'
)
SOURCES = (
    "Corroboration: how many distinct sources the citations quote, withdrawn ones not counted (0 when "
    "`unsupported`). Two quotes of one source count once, whoever made the statements; two sources count twice "
    "even when they carry one speaker's statement (see each citation's `attributedTo` and `via`)."
)
TERM = "The term of `value`: its label, description, broader terms and references."
ALTERNATIVES = "The other values sources gave for this fact, best rank first, each with its own citations."


@strawberry.type(description="Another value a source gave for a fact: both are kept, each with its citations.")
class Alternative:
    rival: strawberry.Private[Rival]

    @strawberry.field(description="The value's id (`Value:...`), for `rankValue`.")
    def id(self) -> strawberry.ID:
        return global_id("Value", self.rival.value.id)

    @strawberry.field(
        description='The stated columns of this value and their values, as JSON (`{"count_low": 35, ...}`).'
    )
    def value(self) -> JSON:
        return cast(JSON, stated_value(self.rival.value.value))

    @strawberry.field(description="PREFERRED, NORMAL or DEPRECATED (Wikidata's ranks).")
    def rank(self) -> Rank:
        return self.rival.value.rank

    @strawberry.field(description="When it was recorded (UTC).")
    def recorded_at(self) -> dt.datetime:
        return self.rival.value.recorded_at

    @strawberry.field(description="Who recorded it (a token's name).")
    def recorded_by(self) -> str:
        return self.rival.value.recorded_by

    @strawberry.field(description=CITATIONS)
    def citations(self) -> list[Citation]:
        return [Citation.of(e) for e in self.rival.evidence]

    @strawberry.field(description=SOURCES)
    def sources(self) -> int:
        return corroboration(self.citations())


async def rivals(info: Info[Context, None], cited: list[Citation]) -> list[Alternative]:
    """The rival values of the fact these citations support (none when the fact is not known)."""
    fact = getattr(cited, "fact", None)
    if fact is None:
        return []
    table, row_id, field = fact
    found = await info.context.loaders.rivals_by_entity.load((table, row_id))
    return [Alternative(rival=r) for r in found if r.value.field == field and r.value.status == ValueStatus.ALTERNATIVE]


@strawberry.type(
    description="A value a field no longer holds, closed by a correction or a rank swap, or (`empty`) the absence "
    "of a value until a write filled the field: what it was, since when, who closed it and why."
)
class FormerValue:
    rival: strawberry.Private[Rival]

    @strawberry.field(description="The field of the object (fact-file name, e.g. `count`).")
    def field(self) -> str:
        return self.rival.value.field

    @strawberry.field(description='The field\'s stored columns and their values, as JSON (`{"count_low": 32, ...}`).')
    def value(self) -> JSON:
        return cast(JSON, stated_value(self.rival.value.value))

    @strawberry.field(
        description="True when the field held no value (every column null) until the write at `closedAt`, by "
        "`closedBy`, filled it."
    )
    def empty(self) -> bool:
        return all(value is None for value in stated_value(self.rival.value.value).values())

    @strawberry.field(description="Since when the field held it (UTC): its row's first write or an earlier correction.")
    def recorded_at(self) -> dt.datetime:
        return self.rival.value.recorded_at

    @strawberry.field(description="Whose write gave the field this value (a token's name, or `seed`).")
    def recorded_by(self) -> str:
        return self.rival.value.recorded_by

    @strawberry.field(description="When the correction (or the fill, or the rank swap) closed it (UTC).")
    def closed_at(self) -> dt.datetime:
        return self.rival.value.closed_at or self.rival.value.recorded_at

    @strawberry.field(description="Whose write closed it (a token's name).")
    def closed_by(self) -> str:
        return self.rival.value.closed_by or ""

    @strawberry.field(description="Why, as the correction gave it (for a fill by an ingest: `filled: ...`).")
    def reason(self) -> str:
        return self.rival.value.reason or ""

    @strawberry.field(description="The citations that supported it.")
    def citations(self) -> list[Citation]:
        return [Citation.of(e) for e in self.rival.evidence]


@strawberry.type(description="Base of the objects whose facts can be corrected: their `history`.")
class Historied:
    @strawberry.field(
        description="Every value closed on this object (by a correction, a rank swap, or a write filling an empty "
        "field), oldest first; the current values are the fields themselves."
    )
    async def history(self, info: Info[Context, None]) -> list[FormerValue]:
        key = (str(getattr(self, "TABLE")), str(getattr(self, "row").id))  # noqa: B009
        found = await info.context.loaders.rivals_by_entity.load(key)
        closed = [r for r in found if r.value.status == ValueStatus.SUPERSEDED]
        return [FormerValue(rival=r) for r in sorted(closed, key=lambda r: (r.value.closed_at, r.value.id))]


@strawberry.interface(
    description="Anything resting on citations: every cited value (`Cited`) and every relation cited as a whole "
    "(`Membership`, `Participation`, `Defendant`, ...), so that one fragment reads the evidence of any of them."
)
class Evidenced:
    citations: list[Citation] = strawberry.field(description="The evidence: one or more citations.")

    @strawberry.field(description=UNSUPPORTED)
    def unsupported(self) -> bool:
        return withdrawn_only(self.citations)

    @strawberry.field(description=SOURCES)
    def sources(self) -> int:
        return corroboration(self.citations)


@strawberry.interface(
    name="Cited",
    description="A fact's value with its evidence, implemented by every `Cited*` type: "
    "`... on Cited { citations { quote line } disputed alternatives { value } unsupported }` reads the evidence of "
    "any cited field. The value's own fields differ by type (`value`; `low`, `high`, `wording`; `min`, `max`).",
)
class CitedValue(Evidenced):
    citations: list[Citation] = strawberry.field(description=CITATIONS)

    @strawberry.field(description=DISPUTED)
    async def disputed(self, info: Info[Context, None]) -> bool:
        return bool(await rivals(info, self.citations))

    @strawberry.field(description=ALTERNATIVES)
    async def alternatives(self, info: Info[Context, None]) -> list[Alternative]:
        return await rivals(info, self.citations)


def record_citations(self: "CitedRecord") -> list[Citation]:
    return citations(getattr(self, "evidence"), RECORD)  # noqa: B009


@strawberry.type(
    description="Base of the relations cited as a whole: `citations` support the relation itself. They have no "
    "`disputed` or `alternatives`: a relation holds no value a source could give otherwise (its own facts, such as "
    "`Membership.start`, are cited values)."
)
class CitedRecord(Evidenced):
    """Builds `citations` only when asked for (a resolver, not an attribute filled for every row)."""

    citations: list[Citation] = strawberry.field(resolver=record_citations, description=CITATIONS_OF_LINK)

    @strawberry.field(description=UNSUPPORTED)
    def unsupported(self) -> bool:
        return withdrawn_only(record_citations(self))

    @strawberry.field(description=SOURCES)
    def sources(self) -> int:
        return corroboration(record_citations(self))


T = TypeVar("T")


@strawberry.type(description="A value with its citations.")
class Cited(CitedValue, Generic[T]):
    """Base of the cited value types; each concrete subclass names its GraphQL type."""

    value: T = strawberry.field(description="The value.")


@strawberry.type(name="CitedString", description="A text value with its citations.")
class CitedString(Cited[str]):
    pass


@strawberry.type(name="CitedBoolean", description="A yes/no value with its citations.")
class CitedBoolean(Cited[bool]):
    pass


@strawberry.type(description="A date, or a date range, established to a given precision, with its citations.")
class CitedDate(CitedValue):
    value: dt.date = strawberry.field(
        description="The date (the start of a range). With MONTH or YEAR precision only those parts are known."
    )
    end: dt.date | None = strawberry.field(description="The last day of a range; null for a single date.")
    precision: DatePrecision = strawberry.field(description="Which parts of the date the sources establish.")
    open_ended: bool = strawberry.field(description='True for something ongoing since `value` ("since ...").')

    @strawberry.field(
        description="The days the date can fall on by the value and its standing alternatives (not DEPRECATED), each "
        "at its precision: the earliest first day and the latest last day, and who gives each."
    )
    async def range(self, info: Info[Context, None]) -> DateRange:
        found = date_range(span(await date_values(info, self)))
        if found is None:
            raise LookupError("a cited date without a value")
        return found

    @strawberry.field(description=CONTESTED)
    async def contested(self, info: Info[Context, None]) -> bool:
        return contested(await date_values(info, self))


@strawberry.type(description="A count as reported: bounds and the source's wording. UNKNOWN wording has no bounds.")
class CitedCount(CitedValue):
    low: int | None = strawberry.field(description="Lower bound; equal to `high` for an exact count.")
    high: int | None = strawberry.field(description='Upper bound; null when the source gives none ("at least").')
    wording: CountWording = strawberry.field(description="How the source worded the count.")

    @strawberry.field(
        description="The range of the count by the value and its standing alternatives (not DEPRECATED): the lowest "
        "low and the highest high, and who gives each. Values with no figure (UNKNOWN, MANY) take no part; null when "
        "none has one."
    )
    async def range(self, info: Info[Context, None]) -> CountRange | None:
        return count_range(span(await count_values(info, self)))

    @strawberry.field(description=CONTESTED)
    async def contested(self, info: Info[Context, None]) -> bool:
        return contested(await count_values(info, self))


@strawberry.type(
    description="A local time of day, to the minute at best, with its time zone where the sources establish one, "
    "and its citations."
)
class CitedTime(CitedValue):
    value: dt.time = strawberry.field(
        description="The local time (24-hour clock, to the minute); with HOUR or APPROXIMATE precision read "
        "`precision` before it."
    )
    zone: str | None = strawberry.field(
        description="The time zone: an IANA name (`Europe/Stockholm`), or a UTC offset (`+01:00`) when the "
        "source gives only that; null when no zone is established (the local time of the place). A zone the text "
        "does not state is cited INFERRED, with the reasoning."
    )
    precision: TimePrecision = strawberry.field(description="How exactly the source gives the time.")


@strawberry.type(description="A range of whole numbers (for example the ages of the dead), with its citations.")
class CitedIntRange(CitedValue):
    min: int | None = strawberry.field(description="Smallest value; null when not given.")
    max: int | None = strawberry.field(description="Largest value; null when not given.")


@strawberry.type(name="CitedPlaceKind", description="A kind of place, with its citations.")
class CitedPlaceKind(Cited[TermCode]):
    @strawberry.field(description=TERM)
    async def term(self, info: Info[Context, None]) -> Term | None:
        return await term_of(info, Vocabulary.PLACE_KIND, str(self.value))


@strawberry.type(name="CitedOrganizationKind", description="A kind of organization, with its citations.")
class CitedOrganizationKind(Cited[TermCode]):
    @strawberry.field(description=TERM)
    async def term(self, info: Info[Context, None]) -> Term | None:
        return await term_of(info, Vocabulary.ORGANIZATION_KIND, str(self.value))


@strawberry.type(name="CitedMembershipStatus", description="Whether a post is current or former, with its citations.")
class CitedMembershipStatus(Cited[MembershipStatus]):
    pass


@strawberry.type(name="CitedEventKind", description="A kind of event, with its citations.")
class CitedEventKind(Cited[TermCode]):
    @strawberry.field(description=TERM)
    async def term(self, info: Info[Context, None]) -> Term | None:
        return await term_of(info, Vocabulary.EVENT_KIND, str(self.value))


@strawberry.type(name="CitedCasualtyOutcome", description="What happened to the people counted, with its citations.")
class CitedCasualtyOutcome(Cited[CasualtyOutcome]):
    pass


@strawberry.type(name="CitedCasualtyCategory", description="A group the people counted belong to, with its citations.")
class CitedCasualtyCategory(Cited[TermCode]):
    @strawberry.field(description=TERM)
    async def term(self, info: Info[Context, None]) -> Term | None:
        return await term_of(info, Vocabulary.CASUALTY_CATEGORY, str(self.value))


@strawberry.type(name="CitedPlea", description="A plea, with its citations.")
class CitedPlea(Cited[Plea]):
    pass


@strawberry.type(name="CitedInt", description="A whole number, with its citations.")
class CitedInt(Cited[int]):
    pass


@strawberry.type(name="CitedHearingStatus", description="Whether a hearing is to come, held, put off or called off.")
class CitedHearingStatus(Cited[HearingStatus]):
    pass


@strawberry.type(name="CitedCustodyStatus", description="A defendant's custody status, with its citations.")
class CitedCustodyStatus(Cited[CustodyStatus]):
    pass


def cited_string(evidence: FieldEvidence, field: str, value: str | None) -> CitedString | None:
    return None if value is None else CitedString(value=value, citations=citations(evidence, field))


def cited_boolean(evidence: FieldEvidence, field: str, value: bool | None) -> CitedBoolean | None:
    return None if value is None else CitedBoolean(value=value, citations=citations(evidence, field))


def cited_time(
    evidence: FieldEvidence, field: str, value: str | None, zone: str | None, precision: TimePrecision | None
) -> CitedTime | None:
    """A time of day as stored (`HH:MM` text, see `db.events.Event.time_of_day`), cited."""
    if value is None or precision is None:
        return None
    return CitedTime(
        value=dt.time.fromisoformat(value), zone=zone, precision=precision, citations=citations(evidence, field)
    )


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
