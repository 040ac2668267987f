"""Demands one party sets on another, and their terms."""

from typing import ClassVar

import strawberry
from strawberry.types import Info

from db import tables
from resolvers.context import Context
from resolvers.evidence import FieldEvidence
from schema.actors import CitedAgent, CitedPerson, Person, cited_agent
from schema.cited import CitedBoolean, CitedRecord, CitedString, Historied
from schema.cited_fields import CitedFields
from schema.context import build_children
from schema.node import Node, global_id

Ctx = Info[Context, None]
FACTS = CitedFields(tables.Demand, __name__)


@strawberry.type(description='Conditions one party sets on another ("only if she meets specific demands").')
class Demand(Node, Historied):
    TABLE: ClassVar[str] = "demand"
    row: strawberry.Private[tables.Demand]
    evidence: strawberry.Private[FieldEvidence]

    @classmethod
    def from_row(cls, row: tables.Demand, evidence: FieldEvidence) -> "Demand":
        return cls(row=row, evidence=evidence, id=global_id("Demand", row.id))

    summary = FACTS.value("summary", CitedString, description="What is demanded, and in exchange for what.")
    terms_complete = FACTS.value(
        "termsComplete",
        CitedBoolean,
        description='Whether `terms` lists every term (false when the source says the terms "include").',
    )

    @strawberry.field(description="Who set the conditions.")
    async def made_by(self, info: Ctx) -> CitedAgent | None:
        row = self.row
        return await cited_agent(info, self.evidence, "madeBy", row.made_by_person_id, row.made_by_organization_id)

    addressed_to = FACTS.reference(
        "addressedTo", CitedPerson, Person, description="To whom the conditions are addressed."
    )

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
