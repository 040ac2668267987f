"""The evidence for one cited value, as the loaders return it: citation, source, speaker, intermediary."""

from dataclasses import dataclass
from typing import NamedTuple

from db.enums import CitationKind
from db.tables import Organization, Person, Source

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


@dataclass(frozen=True, slots=True)
class Evidence:
    citation: CitationRecord
    source: Source
    speaker: AgentRef | None
    via: AgentRef | None


FieldEvidence = dict[str, list[Evidence]]
"""The evidence of one row, by cited field name (see `FactTable.__fact_fields__`)."""
