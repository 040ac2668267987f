"""The evidence for one cited value, as the loaders return it: citation, source, speaker, intermediary."""

from dataclasses import dataclass
from typing import NamedTuple

from db.enums import CitationKind
from db.tables import FactValue, Organization, Person, Source

Agent = Person | Organization


@dataclass(frozen=True, slots=True)
class AgentRef:
    """Who made or passed on a statement: a person or an organization (`table`), its id and name."""

    table: str
    id: str
    name: str


class CitationRecord(NamedTuple):
    """The columns of a citation the read path shows, as a tuple: a request reads thousands of them."""

    id: str
    source_id: str
    quote: str
    start_offset: int
    end_offset: int
    kind: CitationKind
    note: str | None


class Evidence(NamedTuple):
    """A citation with its source, speaker and intermediary: a tuple, since a request builds thousands."""

    citation: CitationRecord
    source: Source
    speaker: AgentRef | None
    via: AgentRef | None


FieldEvidence = dict[str, list[Evidence]]
"""The evidence of one row, by cited field name (see `FactTable.__fact_fields__`)."""


class RowEvidence(dict[str, list[Evidence]]):
    """The evidence of one row by field (a `FieldEvidence`), knowing which row: its table and id. Starts empty
    (`dict.__new__` makes it so); slotted, since a page makes one per row."""

    __slots__ = ("row_id", "table")

    def __init__(self, table: str, row_id: str) -> None:
        self.table = table
        self.row_id = row_id


@dataclass(frozen=True, slots=True)
class Rival:
    """Another value a source gave for one field of a row, with that value's own evidence."""

    value: FactValue
    evidence: list[Evidence]
