"""The stored vocabularies, registered as GraphQL enums (the same classes the tables use)."""

import strawberry

from db.enums import (
    CasualtyCategory,
    CasualtyOutcome,
    ChangeKind,
    CitationKind,
    CountWording,
    DatePrecision,
    EventKind,
    MembershipStatus,
    OrganizationKind,
    OrganizationRelationKind,
    PersonRelationKind,
    PlaceKind,
    Plea,
    Rank,
    SourceKind,
)

DESCRIPTIONS = {
    SourceKind: "What kind of document a source is.",
    CitationKind: "QUOTED: the quote states the value. INFERRED: the value is derived from the quote; see `note`.",
    DatePrecision: "How much of a date the sources establish.",
    PlaceKind: "What kind of place this is.",
    OrganizationKind: "What kind of organization this is.",
    MembershipStatus: "Whether the post was still held when the source was written.",
    PersonRelationKind: "How two persons are related.",
    OrganizationRelationKind: "How one organization relates to another.",
    EventKind: "What kind of event this is.",
    CasualtyOutcome: "What happened to the people counted.",
    CasualtyCategory: "Which group the people counted belong to.",
    CountWording: "How the source worded the count; UNKNOWN: the source says the count is not known or not given.",
    Plea: "A defendant's plea.",
    Rank: "How much a value is trusted among rival values of one fact (Wikidata's ranks).",
    ChangeKind: "What a change did to a row (ADDED: written; RETRACTED: a source withdrawn, see `withdrawal`; "
    "RANKED: a rival value ranked, or made the value reads return).",
}

for _enum, _description in DESCRIPTIONS.items():
    strawberry.enum(_enum, description=_description)

__all__ = [
    "CasualtyCategory",
    "CasualtyOutcome",
    "ChangeKind",
    "CitationKind",
    "CountWording",
    "DatePrecision",
    "EventKind",
    "MembershipStatus",
    "OrganizationKind",
    "OrganizationRelationKind",
    "PersonRelationKind",
    "PlaceKind",
    "Plea",
    "Rank",
    "SourceKind",
]
