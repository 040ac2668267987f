"""The evidence for one cited value, as the loaders return it: citation, source, speaker, intermediary."""

from dataclasses import dataclass

from db.tables import Citation, Organization, Person, Source

Agent = Person | Organization


@dataclass(frozen=True, slots=True)
class AgentRef:
    """A person or organization row, and which of the two it is."""

    table: str
    row: Agent

    @property
    def name(self) -> str:
        return self.row.name


@dataclass(frozen=True, slots=True)
class Evidence:
    citation: Citation
    source: Source
    speaker: AgentRef | None
    via: AgentRef | None


FieldEvidence = dict[str, list[Evidence]]
"""The evidence of one row, by cited field name (see `FactTable.__fact_fields__`)."""
