"""Candidate facts proposed from a source's text, each anchored by exact offsets; see `proposals.propose`."""

from proposals.propose import propose
from proposals.records import (
    Attribution,
    ChargeProposal,
    CountProposal,
    DateKind,
    DateProposal,
    EntityMention,
    EntityType,
    EventProposal,
    KnownEntity,
    KnownRecord,
    Outcome,
    PleaProposal,
    PleaValue,
    Precision,
    Proposal,
    Wording,
)

__all__ = [
    "Attribution",
    "ChargeProposal",
    "CountProposal",
    "DateKind",
    "DateProposal",
    "EntityMention",
    "EntityType",
    "EventProposal",
    "KnownEntity",
    "KnownRecord",
    "Outcome",
    "PleaProposal",
    "PleaValue",
    "Precision",
    "Proposal",
    "Wording",
    "propose",
]
