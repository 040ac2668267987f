"""The evidence for one cited value, as the loaders return it: citation, source, speaker, intermediary."""

from dataclasses import dataclass

from db.tables import Citation, Organization, Person, Source

Agent = Person | Organization


@dataclass(frozen=True, slots=True)
class Evidence:
    citation: Citation
    source: Source
    speaker: Agent | None
    via: Agent | None


FieldEvidence = dict[str, list[Evidence]]
"""The evidence of one row, by cited field name (see `FactTable.__fact_fields__`)."""
