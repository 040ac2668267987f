"""Demands one party sets on another, and their terms."""

from typing import ClassVar

import strawberry
from strawberry.types import Info

from db import tables
from resolvers.context import Context
from resolvers.evidence import FieldEvidence
from schema.actors import CitedAgent, CitedPerson, Person, cited_agent
from schema.cited import CitedBoolean, CitedRecord, CitedString, Historied, cited_boolean
from schema.context import build_children, build_one
from schema.evidence import citations
from schema.node import Node, global_id

Ctx = Info[Context, None]


@strawberry.type(description='Conditions one party sets on another ("only if she meets specific demands").')
class Demand(Node, Historied):
    TABLE: ClassVar[str] = "demand"
    row: strawberry.Private[tables.Demand]
    evidence: strawberry.Private[FieldEvidence]

    @classmethod
    def from_row(cls, row: tables.Demand, evidence: FieldEvidence) -> "Demand":
        return cls(row=row, evidence=evidence, id=global_id("Demand", row.id))

    @strawberry.field(description="What is demanded, and in exchange for what.")
    def summary(self) -> CitedString:
        return CitedString(value=self.row.summary, citations=citations(self.evidence, "summary"))

    @strawberry.field(description='Whether `terms` lists every term (false when the source says the terms "include").')
    def terms_complete(self) -> CitedBoolean | None:
        return cited_boolean(self.evidence, "termsComplete", self.row.terms_complete)

    @strawberry.field(description="Who set the conditions.")
    async def made_by(self, info: Ctx) -> CitedAgent | None:
        row = self.row
        return await cited_agent(info, self.evidence, "madeBy", row.made_by_person_id, row.made_by_organization_id)

    @strawberry.field(description="To whom the conditions are addressed.")
    async def addressed_to(self, info: Ctx) -> CitedPerson | None:
        person = await build_one(info, Person, tables.Person, self.row.addressed_to_person_id)
        return None if person is None else CitedPerson(value=person, citations=citations(self.evidence, "addressedTo"))

    @strawberry.field(description="The individual terms named in the sources; see `termsComplete`.")
    async def terms(self, info: Ctx) -> list["DemandTerm"]:
        return await build_children(info, DemandTerm, tables.DemandTerm, "demand_id", self.row.id)


@strawberry.type(description="One term of a demand; `citations` support it.")
class DemandTerm(Node, Historied, CitedRecord):
    TABLE: ClassVar[str] = "demand_term"
    row: strawberry.Private[tables.DemandTerm]
    evidence: strawberry.Private[FieldEvidence]
    term: str = strawberry.field(description="The term, as the sources word it.")

    @classmethod
    def from_row(cls, row: tables.DemandTerm, evidence: FieldEvidence) -> "DemandTerm":
        return cls(
            row=row,
            evidence=evidence,
            id=global_id("DemandTerm", row.id),
            term=row.term,
        )
