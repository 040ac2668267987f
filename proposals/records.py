"""The typed proposals, all frozen: every one holds `text`, `start` and `end` with `source[start:end] == text`.

The enums are the proposer's own, not `db.enums`: some have values the fact file lacks (BETWEEN, NONE_ENTERED) or
leave some out (RELEASED), and the proposer stays apart from the data model while its vocabularies change."""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class EntityType(StrEnum):
    PERSON = "PERSON"
    ORGANIZATION = "ORGANIZATION"
    PLACE = "PLACE"


class Wording(StrEnum):
    """The fact file's count wordings plus BETWEEN (stored as ABOUT with both bounds)."""

    EXACTLY = "EXACTLY"
    AT_LEAST = "AT_LEAST"
    AT_MOST = "AT_MOST"
    ABOUT = "ABOUT"
    BETWEEN = "BETWEEN"
    MOST = "MOST"
    MANY = "MANY"
    UNKNOWN = "UNKNOWN"


class Outcome(StrEnum):
    KILLED = "KILLED"
    INJURED = "INJURED"
    MISSING = "MISSING"
    DETAINED = "DETAINED"


class Precision(StrEnum):
    DAY = "DAY"
    MONTH = "MONTH"
    YEAR = "YEAR"


class DateKind(StrEnum):
    """QUOTED: the text gives the whole date; INFERRED: part of it (the year, the day) comes from elsewhere."""

    QUOTED = "QUOTED"
    INFERRED = "INFERRED"


class PleaValue(StrEnum):
    GUILTY = "GUILTY"
    NOT_GUILTY = "NOT_GUILTY"
    NO_CONTEST = "NO_CONTEST"
    NONE_ENTERED = "NONE_ENTERED"


@dataclass(frozen=True)
class KnownEntity:
    """A stored entity the proposer may link to: its id, type, and every name and alias it is known by."""

    id: str
    type: EntityType
    names: tuple[str, ...]


@dataclass(frozen=True)
class EntityMention:
    type: EntityType
    text: str
    start: int
    end: int
    entity_id: str | None
    confidence: float


@dataclass(frozen=True)
class CountProposal:
    """A count as worded: `low`/`high` follow the fact file's bounds for the wording (None where it has none)."""

    low: int | None
    high: int | None
    wording: Wording
    counted: str | None
    outcome: Outcome | None
    text: str
    start: int
    end: int
    confidence: float


@dataclass(frozen=True)
class DateProposal:
    """`value` is the first day of its month or year for MONTH or YEAR precision; `note` explains an INFERRED date."""

    value: dt.date
    precision: Precision
    kind: DateKind
    note: str | None
    text: str
    start: int
    end: int
    confidence: float


@dataclass(frozen=True)
class Attribution:
    """Who said what: `text` is the content; `via` is whom it reached the source through, if the text says."""

    speaker: EntityMention
    cue: str
    cue_start: int
    cue_end: int
    via: EntityMention | None
    text: str
    start: int
    end: int
    confidence: float


@dataclass(frozen=True)
class ChargeProposal:
    offence: str
    counts: int | None
    text: str
    start: int
    end: int
    confidence: float


@dataclass(frozen=True)
class PleaProposal:
    plea: PleaValue
    defendants: tuple[str, ...]
    text: str
    start: int
    end: int
    confidence: float


Proposal = EntityMention | CountProposal | DateProposal | Attribution | ChargeProposal | PleaProposal
