"""The evidence for one cited value, as the loaders return it: citation, source, speaker, intermediary."""

from dataclasses import dataclass

from db.tables import Citation, Organization, Person, Source

Agent = Person | Organization


@dataclass(frozen=True, slots=True)
class AgentRef:
    """Who made or passed on a statement: a person or an organization (`table`), its id and name."""

    table: str
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Evidence:
    citation: Citation
    source: Source
    speaker: AgentRef | None
    via: AgentRef | None


FieldEvidence = dict[str, list[Evidence]]
"""The evidence of one row, by cited field name (see `FactTable.__fact_fields__`)."""
