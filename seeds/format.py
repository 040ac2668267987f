"""The shape of a fact file, validated before anything is written.

Every fact field is a mapping with its value and `cite`: one citation or a list of them. A citation is a
quote (a plain string, or a mapping with `quote`) in the file's `default_source` unless it names `source`;
`by` and `via` name the person or organization who made the statement and the one it reached the source
through; `inferred` turns it into an INFERRED citation whose text is the explanation; `occurrence` (from 1)
picks one of several identical quotes.

Every value is checked here for what the tables hold true of it (a count's bounds and wording, a date's range
and precision, a relation between two different things), so that no write reaches a CHECK constraint. Fields an
object cannot lack (a person's `name`) are optional here: a document extending a stored object may leave them
out, and the planner refuses a new object without them.
"""

import datetime as dt
import re
import zoneinfo
from typing import Annotated, Generic, NewType, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from db.enums import (
    CasualtyOutcome,
    CountWording,
    CustodyStatus,
    DatePrecision,
    HearingStatus,
    MembershipStatus,
    OrganizationRelationKind,
    PersonRelationKind,
    Plea,
    SourceKind,
    TimePrecision,
)

T = TypeVar("T")

EventKind = NewType("EventKind", str)
"""A code of the EVENT_KIND vocabulary; whether it is a stored term is checked when the document is written."""
OrganizationKind = NewType("OrganizationKind", str)
PlaceKind = NewType("PlaceKind", str)
CasualtyCategory = NewType("CasualtyCategory", str)
TERM_CODES = (EventKind, OrganizationKind, PlaceKind, CasualtyCategory)
"""The types of fields holding a term's code (`db.terms`): the API takes each as a `TermCode`."""


MAX_COUNT = 2**31 - 1
"""The largest whole number a column holds (PostgreSQL's `integer`)."""


class Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @field_validator("*")
    @classmethod
    def _storable_text(cls, value: object) -> object:
        """Refuses text no database column can hold: the NUL character, or a lone surrogate (not UTF-8)."""
        if isinstance(value, str):
            if "\x00" in value:
                raise ValueError("text may not hold the NUL character (U+0000)")
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise ValueError(f"text is not valid Unicode: {exc.reason}") from None
        return value


class CiteSpec(Spec):
    quote: str = Field(min_length=1)
    source: str | None = None
    occurrence: int | None = Field(default=None, ge=1)
    by: str | None = None
    via: str | None = None
    inferred: str | None = Field(default=None, min_length=1)

    @field_validator("quote")
    @classmethod
    def _words(cls, quote: str) -> str:
        """A quote is located ignoring whitespace (`seeds.quotes`): one of nothing but whitespace quotes nothing."""
        if quote.isspace():
            raise ValueError("a quote holds more than whitespace")
        return quote


def _as_cite_list(raw: object) -> object:
    if raw is None:
        return []
    items = raw if isinstance(raw, list) else [raw]
    return [{"quote": item} if isinstance(item, str) else item for item in items]


Cites = Annotated[list[CiteSpec], BeforeValidator(_as_cite_list), Field(min_length=1)]


class Cited(Spec, Generic[T]):
    """A fact value with the citations that support it."""

    value: T
    cite: Cites


def _not_itself(reference: object, info: ValidationInfo, what: str = "id") -> object:
    """Refuses a reference (an id, or a cited id) naming the object it belongs to (`what` in the same input)."""
    named = getattr(reference, "value", reference)
    if named is not None and named == info.data.get(what):
        raise ValueError(f"{info.field_name} names {named!r} itself; it must name another")
    return reference


class CitedDateSpec(Spec):
    """A date, or a range from `value` to `end`, known to `precision`: a MONTH date is the first day of its month
    (2026-01-01 for January 2026), a YEAR date the first day of its year; an open-ended period has no end."""

    value: dt.date
    end: dt.date | None = None
    precision: DatePrecision
    open_ended: bool = False
    cite: Cites

    @model_validator(mode="after")
    def _consistent(self) -> "CitedDateSpec":
        if self.end is not None and self.end < self.value:
            raise ValueError(f"the range ends ({self.end}) before it starts ({self.value})")
        if self.end is not None and self.open_ended:
            raise ValueError("an open-ended period has no `end`")
        for day in (self.value, self.end):
            if day is None:
                continue
            if self.precision == DatePrecision.MONTH and day.day != 1:
                raise ValueError(f"a date of MONTH precision is the first of its month, not {day}")
            if self.precision == DatePrecision.YEAR and (day.month, day.day) != (1, 1):
                raise ValueError(f"a date of YEAR precision is the first of January, not {day}")
        return self


WORDING_BOUNDS: dict[CountWording, tuple[bool | None, bool | None]] = {
    CountWording.EXACTLY: (True, True),
    CountWording.AT_LEAST: (True, False),
    CountWording.AT_MOST: (None, True),
    CountWording.ABOUT: (True, True),
    CountWording.BETWEEN: (True, True),
    CountWording.MOST: (True, True),
    CountWording.MANY: (False, False),
    CountWording.UNKNOWN: (False, False),
}
"""For each wording, whether `low` and `high` must be given (True), must be null (False), or may be either."""


class CitedCountSpec(Spec):
    """A count as worded by its source; see `WORDING_BOUNDS` for the bounds each wording has."""

    low: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    high: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    wording: CountWording
    cite: Cites

    @model_validator(mode="after")
    def _consistent(self) -> "CitedCountSpec":
        bounds = zip(("low", "high"), (self.low, self.high), WORDING_BOUNDS[self.wording], strict=True)
        for bound, value, needed in bounds:
            if needed is True and value is None:
                raise ValueError(f"a count worded {self.wording.value} gives `{bound}`")
            if needed is False and value is not None:
                raise ValueError(f"a count worded {self.wording.value} has no `{bound}` (it is null)")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"low ({self.low}) is above high ({self.high})")
        if self.wording == CountWording.EXACTLY and self.low != self.high:
            raise ValueError(f"an EXACTLY count has low equal to high, not {self.low} and {self.high}")
        if self.wording == CountWording.BETWEEN and self.low == self.high:
            raise ValueError(f"a BETWEEN count has low below high, not {self.low} and {self.high} (EXACTLY?)")
        return self


UTC_OFFSET = re.compile(r"[+-](0\d|1[0-4]):[0-5]\d")
"""A UTC offset as `+01:00` or `-05:30` (from -14:59 to +14:59)."""


def time_zone(zone: str) -> str:
    """`zone` if it is an IANA time zone (`Europe/Stockholm`, checked with `zoneinfo`) or a UTC offset."""
    if UTC_OFFSET.fullmatch(zone):
        return zone
    try:
        zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        expected = "an IANA time zone (Europe/Stockholm) nor a UTC offset (+01:00)"
        raise ValueError(f"{zone!r} is neither {expected}") from None
    return zone


class CitedTimeSpec(Spec):
    """A local time of day to the minute, known to `precision` (an HOUR time is on the hour), with the time
    zone it is in: an IANA name, or the UTC offset when the source gives only that. A time whose zone the text
    does not state leaves `zone` out, or gives it with an INFERRED citation saying how it is known."""

    value: dt.time
    zone: str | None = None
    precision: TimePrecision
    cite: Cites

    @field_validator("value")
    @classmethod
    def _to_the_minute(cls, value: dt.time) -> dt.time:
        if value.second or value.microsecond or value.tzinfo is not None:
            raise ValueError(f"a time of day is given to the minute, with its zone apart, not {value.isoformat()}")
        return value

    @field_validator("zone")
    @classmethod
    def _known_zone(cls, zone: str | None) -> str | None:
        return None if zone is None else time_zone(zone)

    @model_validator(mode="after")
    def _consistent(self) -> "CitedTimeSpec":
        if self.precision == TimePrecision.HOUR and self.value.minute:
            raise ValueError(f"a time of HOUR precision is on the hour, not {self.value:%H:%M}")
        return self


class CitedRangeSpec(Spec):
    """A range of whole numbers with at least one bound; `min` is not above `max`."""

    min: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    max: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    cite: Cites

    @model_validator(mode="after")
    def _consistent(self) -> "CitedRangeSpec":
        if self.min is None and self.max is None:
            raise ValueError("a range gives `min`, `max` or both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min ({self.min}) is above max ({self.max})")
        return self


class SourceSpec(Spec):
    """A source document: its text inline (`text`) or in a file beside the fact file (`file`), not both."""

    id: str = ""
    """Required in fact files; a source added through the API without one gets `src-` and its hash."""
    file: str | None = None
    text: str | None = Field(default=None, min_length=1)
    kind: SourceKind
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    url: str | None = None
    language: str | None = None
    published_on: dt.date | None = None
    retrieved_on: dt.date | None = None

    @model_validator(mode="after")
    def _one_text(self) -> "SourceSpec":
        if (self.file is None) == (self.text is None):
            raise ValueError("a source gives exactly one of `text` (inline) or `file` (beside the fact file)")
        return self


class PlaceSpec(Spec):
    id: str
    name: Cited[str] | None = None
    aliases: list[Cited[str]] = []
    kind: Cited[PlaceKind] | None = None
    within: Cited[str] | None = None

    _not_within_itself = field_validator("within")(_not_itself)


class PersonSpec(Spec):
    id: str
    name: Cited[str] | None = None
    aliases: list[Cited[str]] = []


class OrganizationSpec(Spec):
    id: str
    name: Cited[str] | None = None
    aliases: list[Cited[str]] = []
    kind: Cited[OrganizationKind] | None = None
    country: Cited[str] | None = None
    parent: Cited[str] | None = None

    _not_its_own_parent = field_validator("parent")(_not_itself)


class MembershipSpec(Spec):
    person: str
    organization: str
    role: str
    cite: Cites
    status: Cited[MembershipStatus] | None = None
    start: CitedDateSpec | None = None
    end: CitedDateSpec | None = None


class PersonRelationshipSpec(Spec):
    person: str
    related_person: str
    kind: PersonRelationKind
    cite: Cites

    @field_validator("related_person")
    @classmethod
    def _another_person(cls, related: str, info: ValidationInfo) -> str:
        _not_itself(related, info, "person")
        return related


class OrganizationRelationshipSpec(Spec):
    subject: str
    object: str
    kind: OrganizationRelationKind
    cite: Cites

    @field_validator("object")
    @classmethod
    def _another_organization(cls, related: str, info: ValidationInfo) -> str:
        _not_itself(related, info, "subject")
        return related


class ParticipantSpec(Spec):
    who: str
    role: str
    cite: Cites


class EventSpec(Spec):
    id: str
    title: Cited[str] | None = None
    kind: Cited[EventKind] | None = None
    description: Cited[str] | None = None
    date: CitedDateSpec | None = None
    place: Cited[str] | None = None
    parent: Cited[str] | None = None
    time: CitedTimeSpec | None = None
    participants: list[ParticipantSpec] = []

    _not_its_own_parent = field_validator("parent")(_not_itself)


class AffiliationSpec(Spec):
    """Exactly one of `organization` or `country`."""

    organization: str | None = None
    country: str | None = None
    cite: Cites

    @model_validator(mode="after")
    def _one(self) -> "AffiliationSpec":
        if (self.organization is None) == (self.country is None):
            raise ValueError("an affiliation names exactly one of `organization` or `country`")
        return self


class CategorySpec(Spec):
    category: CasualtyCategory
    cite: Cites


class RankSpec(Spec):
    rank: str
    count: int = Field(ge=1, le=MAX_COUNT)
    cite: Cites


class PartSpec(Spec):
    part: str
    cite: Cites


class CasualtySpec(Spec):
    id: str
    description: Cited[str] | None = None
    outcome: Cited[CasualtyOutcome] | None = None
    count: CitedCountSpec | None = None
    event: Cited[str] | None = None
    reported_by: Cited[str] | None = None
    reported_on: CitedDateSpec | None = None
    caused_by: Cited[str] | None = None
    age_range: CitedRangeSpec | None = None
    ranks_complete: Cited[bool] | None = None
    affiliations: list[AffiliationSpec] = []
    categories: list[CategorySpec] = []
    ranks: list[RankSpec] = []
    parts: list[PartSpec] = []

    @field_validator("parts")
    @classmethod
    def _not_its_own_part(cls, parts: list[PartSpec], info: ValidationInfo) -> list[PartSpec]:
        for part in parts:
            _not_itself(part.part, info)
        return parts


class DefendantSpec(Spec):
    person: str
    cite: Cites
    custody: Cited[CustodyStatus] | None = None
    custody_date: CitedDateSpec | None = None


class CitedCountsSpec(Spec):
    """How many counts of an offence are charged ("four counts of manslaughter"): a positive whole number."""

    value: int = Field(ge=1, le=MAX_COUNT)
    cite: Cites


class ChargeSpec(Spec):
    id: str
    offence: Cited[str] | None = None
    defendant: Cited[str] | None = None
    counts: CitedCountsSpec | None = None


class HearingSpec(Spec):
    id: str
    kind: Cited[str] | None = None
    date: CitedDateSpec | None = None
    place: Cited[str] | None = None
    event: Cited[str] | None = None
    status: Cited[HearingStatus] | None = None
    time: CitedTimeSpec | None = None


class JudgeSpec(Spec):
    """A judge or magistrate of the proceeding, or of one of its hearings (`hearing`), in a role as worded."""

    person: str
    role: str = Field(min_length=1)
    hearing: str | None = None
    cite: Cites


class PleaSpec(Spec):
    defendant: str
    plea: Cited[Plea]
    date: CitedDateSpec | None = None
    charge: Cited[str] | None = None
    hearing: Cited[str] | None = None


class LegalProceedingSpec(Spec):
    id: str
    title: Cited[str] | None = None
    court: Cited[str] | None = None
    jurisdiction: Cited[str] | None = None
    charges_complete: Cited[bool] | None = None
    defendants: list[DefendantSpec] = []
    charges: list[ChargeSpec] = []
    hearings: list[HearingSpec] = []
    pleas: list[PleaSpec] = []
    judges: list[JudgeSpec] = []


class TermSpec(Spec):
    term: str
    cite: Cites


class DemandSpec(Spec):
    id: str
    summary: Cited[str] | None = None
    made_by: Cited[str] | None = None
    addressed_to: Cited[str] | None = None
    terms_complete: Cited[bool] | None = None
    terms: list[TermSpec] = []


class FactFile(Spec):
    """One YAML fact file. Person and organization ids share one namespace (a speaker is either)."""

    sources: list[SourceSpec] = []
    default_source: str | None = None
    places: list[PlaceSpec] = []
    persons: list[PersonSpec] = []
    organizations: list[OrganizationSpec] = []
    memberships: list[MembershipSpec] = []
    person_relationships: list[PersonRelationshipSpec] = []
    organization_relationships: list[OrganizationRelationshipSpec] = []
    events: list[EventSpec] = []
    casualties: list[CasualtySpec] = []
    legal_proceedings: list[LegalProceedingSpec] = []
    demands: list[DemandSpec] = []
