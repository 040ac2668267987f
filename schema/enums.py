"""The stored vocabularies as GraphQL enums."""

import strawberry

from db import enums

SourceKind = strawberry.enum(enums.SourceKind, description="What kind of document a source is.")
CitationKind = strawberry.enum(
    enums.CitationKind,
    description="QUOTED: the quote states the value. INFERRED: the value is derived from the quote; see `note`.",
)
DatePrecision = strawberry.enum(enums.DatePrecision, description="How much of a date the sources establish.")
PlaceKind = strawberry.enum(enums.PlaceKind, description="What kind of place this is.")
OrganizationKind = strawberry.enum(enums.OrganizationKind, description="What kind of organization this is.")
MembershipStatus = strawberry.enum(
    enums.MembershipStatus, description="Whether the post was still held when the source was written."
)
PersonRelationKind = strawberry.enum(enums.PersonRelationKind, description="How two persons are related.")
OrganizationRelationKind = strawberry.enum(
    enums.OrganizationRelationKind, description="How one organization relates to another."
)
EventKind = strawberry.enum(enums.EventKind, description="What kind of event this is.")
CasualtyOutcome = strawberry.enum(enums.CasualtyOutcome, description="What happened to the people counted.")
CasualtyCategory = strawberry.enum(enums.CasualtyCategory, description="Which group the people counted belong to.")
CountWording = strawberry.enum(
    enums.CountWording,
    description="How the source worded the count; UNKNOWN: the source says the count is not known or not given.",
)
Plea = strawberry.enum(enums.Plea, description="A defendant's plea.")
