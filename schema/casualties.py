"""Casualty figures: who reported them, who was affected, and how figures contain one another."""

from typing import ClassVar

import strawberry
from strawberry.types import Info

from db import tables
from resolvers.context import Context
from resolvers.evidence import FieldEvidence
from schema.actors import CitedAgent, CitedOrganization, Organization, Place, cited_agent
from schema.cited import (
    Cited,
    CitedBoolean,
    CitedCasualtyCategory,
    CitedCasualtyOutcome,
    CitedCount,
    CitedIntRange,
    CitedRecord,
    CitedString,
    Historied,
)
from schema.cited_fields import CitedFields
from schema.context import build_children, build_one, build_ref
from schema.events import CitedEvent, Event
from schema.evidence import citations
from schema.node import Node, global_id
from schema.terms import TermCode

Ctx = Info[Context, None]
FACTS = CitedFields(tables.Casualty, __name__)


@strawberry.type(
    description="A casualty figure as one party reported it: how many people, affected how, in which event."
)
class Casualty(Node, Historied):
    TABLE: ClassVar[str] = "casualty"
    row: strawberry.Private[tables.Casualty]
    evidence: strawberry.Private[FieldEvidence]

    @classmethod
    def from_row(cls, row: tables.Casualty, evidence: FieldEvidence) -> "Casualty":
        return cls(row=row, evidence=evidence, id=global_id("Casualty", row.id))

    description = FACTS.value("description", CitedString, description="Who was counted, in the sources' words.")
    outcome = FACTS.value("outcome", CitedCasualtyOutcome, description="What happened to them.")

    @strawberry.field(description="How many, as bounds and the source's wording.")
    def count(self) -> CitedCount:
        row = self.row
        return CitedCount(
            low=row.count_low,
            high=row.count_high,
            wording=row.count_wording,
            citations=citations(self.evidence, "count"),
        )

    reported_on = FACTS.date(
        "reportedOn",
        start="reported_on",
        precision="reported_on_precision",
        description="When the figure was reported or confirmed.",
    )

    @strawberry.field(description="The ages of the people counted.")
    def age_range(self) -> CitedIntRange | None:
        row = self.row
        if row.age_min is None and row.age_max is None:
            return None
        return CitedIntRange(min=row.age_min, max=row.age_max, citations=citations(self.evidence, "ageRange"))

    ranks_complete = FACTS.value(
        "ranksComplete",
        CitedBoolean,
        description='Whether `ranks` lists every rank held (false when the source says "including").',
    )
    event = FACTS.reference("event", CitedEvent, Event, description="The event the figure is for.")

    @strawberry.field(description="Who reported the figure (a government, a ministry, a union, a person).")
    async def reported_by(self, info: Ctx) -> CitedAgent | None:
        row = self.row
        return await cited_agent(
            info, self.evidence, "reportedBy", row.reported_by_person_id, row.reported_by_organization_id
        )

    caused_by = FACTS.reference(
        "causedBy", CitedOrganization, Organization, description="Who caused the casualties, where the sources say."
    )

    @strawberry.field(description="Whom the people counted belonged to: organizations or countries.")
    async def affiliations(self, info: Ctx) -> list["CasualtyAffiliation"]:
        return await build_children(info, CasualtyAffiliation, tables.CasualtyAffiliation, "casualty_id", self.row.id)

    @strawberry.field(description="The groups the people counted belong to (military, security, civilian, ...).")
    async def categories(self, info: Ctx) -> list[CitedCasualtyCategory]:
        rows = await info.context.loaders.by_column(tables.CasualtyCategoryLink, "casualty_id").load(self.row.id)
        keys = [("casualty_category", r.id) for r in rows]
        evidence = await info.context.loaders.citations_by_entity.load_many(keys)
        return [
            CitedCasualtyCategory(value=TermCode(r.category), citations=citations(ev, "record"))
            for r, ev in zip(rows, evidence, strict=True)
        ]

    @strawberry.field(description='Ranks held among the people counted ("two colonels").')
    async def ranks(self, info: Ctx) -> list["CasualtyRank"]:
        return await build_children(info, CasualtyRank, tables.CasualtyRank, "casualty_id", self.row.id)

    @strawberry.field(description="Figures included in this one (a total's parts): never add a total to its parts.")
    async def parts(self, info: Ctx) -> list["CasualtyComponent"]:
        return await build_children(info, CasualtyComponent, tables.CasualtyComponent, "total_id", self.row.id)

    @strawberry.field(description="Figures that include this one (the totals it is part of).")
    async def part_of(self, info: Ctx) -> list["CasualtyComponent"]:
        return await build_children(info, CasualtyComponent, tables.CasualtyComponent, "part_id", self.row.id)


@strawberry.type(
    name="CitedCasualty", description="A reference to a casualty figure, with the citations that support the reference."
)
class CitedCasualty(Cited[Casualty]):
    pass


@strawberry.type(description="An organization or country the people counted belonged to; `citations` support it.")
class CasualtyAffiliation(Node, Historied, CitedRecord):
    TABLE: ClassVar[str] = "casualty_affiliation"
    row: strawberry.Private[tables.CasualtyAffiliation]
    evidence: strawberry.Private[FieldEvidence]

    @classmethod
    def from_row(cls, row: tables.CasualtyAffiliation, evidence: FieldEvidence) -> "CasualtyAffiliation":
        return cls(
            row=row,
            evidence=evidence,
            id=global_id("CasualtyAffiliation", row.id),
        )

    @strawberry.field(description="The organization; null when the affiliation is a country.")
    async def organization(self, info: Ctx) -> Organization | None:
        return await build_one(info, Organization, tables.Organization, self.row.organization_id)

    @strawberry.field(description="The country; null when the affiliation is an organization.")
    async def country(self, info: Ctx) -> Place | None:
        return await build_one(info, Place, tables.Place, self.row.country_id)


@strawberry.type(description="How many of the people counted held a rank; `citations` support it.")
class CasualtyRank(Node, Historied, CitedRecord):
    TABLE: ClassVar[str] = "casualty_rank"
    row: strawberry.Private[tables.CasualtyRank]
    evidence: strawberry.Private[FieldEvidence]
    rank: str = strawberry.field(description="The rank, as the sources word it.")
    count: int = strawberry.field(description="How many held it.")

    @classmethod
    def from_row(cls, row: tables.CasualtyRank, evidence: FieldEvidence) -> "CasualtyRank":
        return cls(
            row=row,
            evidence=evidence,
            id=global_id("CasualtyRank", row.id),
            rank=row.rank,
            count=row.count,
        )


@strawberry.type(description="One figure included in another (a part of a total); `citations` support it.")
class CasualtyComponent(Node, Historied, CitedRecord):
    TABLE: ClassVar[str] = "casualty_component"
    row: strawberry.Private[tables.CasualtyComponent]
    evidence: strawberry.Private[FieldEvidence]

    @classmethod
    def from_row(cls, row: tables.CasualtyComponent, evidence: FieldEvidence) -> "CasualtyComponent":
        return cls(
            row=row,
            evidence=evidence,
            id=global_id("CasualtyComponent", row.id),
        )

    @strawberry.field(description="The figure that includes the other.")
    async def total(self, info: Ctx) -> Casualty:
        return await build_ref(info, Casualty, tables.Casualty, self.row.total_id)

    @strawberry.field(description="The figure included in the total.")
    async def part(self, info: Ctx) -> Casualty:
        return await build_ref(info, Casualty, tables.Casualty, self.row.part_id)
