"""The typed proposals, all frozen: every one holds `text`, `start` and `end` with `source[start:end] == text`.

Values are those of the data model (`db.enums`), under the names the proposer reads best: a proposal's value is
the value an accepted fact stores."""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from db.enums import CasualtyOutcome, CitationKind, CountWording, DatePrecision, Plea

Outcome = CasualtyOutcome
DateKind = CitationKind
Wording = CountWording
Precision = DatePrecision
PleaValue = Plea


class EntityType(StrEnum):
    PERSON = "PERSON"
    ORGANIZATION = "ORGANIZATION"
    PLACE = "PLACE"


@dataclass(frozen=True)
class KnownEntity:
    """A stored entity the proposer may link to: its id, type, and every name and alias it is known by."""

    id: str
    type: EntityType
    names: tuple[str, ...]


@dataclass(frozen=True)
class KnownRecord:
    """A stored event or casualty this source already cites: its id, its kind (an event's kind, a casualty's
    outcome) and the spans of the source its citations quote. A proposal over one of them names it, not a new one."""

    id: str
    kind: str
    spans: tuple[tuple[int, int], ...]

    def cited_within(self, start: int, end: int) -> bool:
        return any(begin < end and start < stop for begin, stop in self.spans)


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


@dataclass(frozen=True)
class Participant:
    """An entity taking part in an event; `role` is guessed from the voice of the clause (the editor may reword it)."""

    mention: EntityMention
    role: str


@dataclass(frozen=True)
class EventProposal:
    """An event a sentence reports: `text` is the sentence, `title` the sentence less its attribution (cut if long; it
    stands at `title_start`:`title_end`), `trigger` the word that names the event and gives its `kind` (an
    EVENT_KIND term code). `place`, `date` and `casualties` are what the same sentence says of it;
    `refers_to` is the start of an earlier event proposal this sentence reports again ("the fire")."""

    kind: str
    title: str
    title_start: int
    title_end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    participants: tuple[Participant, ...]
    place: EntityMention | None
    place_start: int
    date: DateProposal | None
    casualties: tuple[CountProposal, ...]
    text: str
    start: int
    end: int
    confidence: float


Proposal = EntityMention | CountProposal | DateProposal | Attribution | ChargeProposal | PleaProposal | EventProposal
