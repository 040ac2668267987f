"""Places, persons and organizations, and the relations between them."""

from typing import TYPE_CHECKING, Annotated, ClassVar

import strawberry
from strawberry.types import Info

from db import tables
from resolvers.context import Context
from resolvers.evidence import AgentRef, FieldEvidence
from schema.cited import (
    Cited,
    CitedMembershipStatus,
    CitedOrganizationKind,
    CitedPlaceKind,
    CitedRecord,
    CitedString,
    CitedValue,
    Historied,
)
from schema.cited_fields import CitedFields
from schema.context import build_children, build_one, build_ref
from schema.enums import OrganizationRelationKind, PersonRelationKind
from schema.evidence import CITATIONS_OF_LINK, Citation, citations
from schema.merged import Mergeable
from schema.node import Node, global_id

if TYPE_CHECKING:
    from schema.events import Participation
    from schema.legal import Judge

Ctx = Info[Context, None]
ParticipationType = Annotated["Participation", strawberry.lazy("schema.events")]
JudgeType = Annotated["Judge", strawberry.lazy("schema.legal")]
PLACE_FACTS = CitedFields(tables.Place, __name__)
PERSON_FACTS = CitedFields(tables.Person, __name__)
ORGANIZATION_FACTS = CitedFields(tables.Organization, __name__)
MEMBERSHIP_FACTS = CitedFields(tables.Membership, __name__)


@strawberry.type(description="A place: a country, city, building, border area or site.")
class Place(Node, Historied, Mergeable):
    TABLE: ClassVar[str] = "place"
    row: strawberry.Private[tables.Place]
    evidence: strawberry.Private[FieldEvidence]

    @classmethod
    def from_row(cls, row: tables.Place, evidence: FieldEvidence) -> "Place":
        return cls(row=row, evidence=evidence, id=global_id("Place", row.id))

    name = PLACE_FACTS.value("name", CitedString, description="The place's name as the sources give it.")
    kind = PLACE_FACTS.value("kind", CitedPlaceKind, description="What kind of place this is.")
    within = PLACE_FACTS.reference("within", "CitedPlace", "Place", description="The larger place this one lies in.")


@strawberry.type(
    name="CitedPlace", description="A reference to a place, with the citations that support the reference."
)
class CitedPlace(Cited[Place]):
    pass


@strawberry.type(description="A person named in the sources.")
class Person(Node, Historied, Mergeable):
    TABLE: ClassVar[str] = "person"
    row: strawberry.Private[tables.Person]
    evidence: strawberry.Private[FieldEvidence]

    @classmethod
    def from_row(cls, row: tables.Person, evidence: FieldEvidence) -> "Person":
        return cls(row=row, evidence=evidence, id=global_id("Person", row.id))

    name = PERSON_FACTS.value("name", CitedString, description="The person's name as the sources give it.")

    @strawberry.field(description="Posts the person holds or held, with dates where known.")
    async def memberships(self, info: Ctx) -> list["Membership"]:
        return await build_children(info, Membership, tables.Membership, "person_id", self.ids())

    @strawberry.field(description="Relations to other persons (spouse, relative, associate), either direction.")
    async def relationships(self, info: Ctx) -> list["PersonRelationship"]:
        outgoing = await build_children(info, PersonRelationship, tables.PersonRelationship, "person_id", self.ids())
        incoming = await build_children(
            info, PersonRelationship, tables.PersonRelationship, "related_person_id", self.ids()
        )
        return outgoing + incoming

    @strawberry.field(description="Events the person took part in, with their role.")
    async def participations(self, info: Ctx) -> list[ParticipationType]:
        from schema.events import Participation

        return await build_children(info, Participation, tables.EventParticipant, "person_id", self.ids())

    @strawberry.field(description="Proceedings and hearings the person sat in as a judge or magistrate, with the role.")
    async def judicial_roles(self, info: Ctx) -> list[JudgeType]:
        from schema.legal import Judge

        return await build_children(info, Judge, tables.Judge, "person_id", self.ids())


@strawberry.type(
    name="CitedPerson", description="A reference to a person, with the citations that support the reference."
)
class CitedPerson(Cited[Person]):
    pass


@strawberry.type(
    description="A body that acts or speaks: government, armed force, ministry, court, news agency, union, ..."
)
class Organization(Node, Historied, Mergeable):
    TABLE: ClassVar[str] = "organization"
    row: strawberry.Private[tables.Organization]
    evidence: strawberry.Private[FieldEvidence]

    @classmethod
    def from_row(cls, row: tables.Organization, evidence: FieldEvidence) -> "Organization":
        return cls(row=row, evidence=evidence, id=global_id("Organization", row.id))

    name = ORGANIZATION_FACTS.value("name", CitedString, description="The organization's name as the sources give it.")
    kind = ORGANIZATION_FACTS.value("kind", CitedOrganizationKind, description="What kind of organization this is.")
    country = ORGANIZATION_FACTS.reference(
        "country", CitedPlace, Place, description="The country the organization belongs to."
    )
    parent = ORGANIZATION_FACTS.reference(
        "parent", "CitedOrganization", "Organization", description="The organization this one is part of."
    )

    @strawberry.field(description="Persons holding or having held posts in the organization.")
    async def members(self, info: Ctx) -> list["Membership"]:
        return await build_children(info, Membership, tables.Membership, "organization_id", self.ids())

    @strawberry.field(description="Relations to other organizations (for example CONTROLS), either direction.")
    async def relationships(self, info: Ctx) -> list["OrganizationRelationship"]:
        outgoing = await build_children(
            info, OrganizationRelationship, tables.OrganizationRelationship, "subject_id", self.ids()
        )
        incoming = await build_children(
            info, OrganizationRelationship, tables.OrganizationRelationship, "object_id", self.ids()
        )
        return outgoing + incoming

    @strawberry.field(description="Events the organization took part in, with its role.")
    async def participations(self, info: Ctx) -> list[ParticipationType]:
        from schema.events import Participation

        return await build_children(info, Participation, tables.EventParticipant, "organization_id", self.ids())


@strawberry.type(
    name="CitedOrganization",
    description="A reference to an organization, with the citations that support the reference.",
)
class CitedOrganization(Cited[Organization]):
    pass


Agent = Annotated[
    Person | Organization,
    strawberry.union("Agent", description="Whoever acts, speaks or reports: a person or an organization."),
]


@strawberry.type(description="A reference to a person or organization, with the citations that support it.")
class CitedAgent(CitedValue):
    value: Agent = strawberry.field(description="The person or organization.")
    citations: list[Citation] = strawberry.field(description=CITATIONS_OF_LINK)


async def agent(info: Ctx, ref: AgentRef | None) -> Person | Organization | None:
    """The schema object for a person or organization row."""
    if ref is None:
        return None
    if ref.table == "person":
        return await build_one(info, Person, tables.Person, ref.id)
    return await build_one(info, Organization, tables.Organization, ref.id)


async def cited_agent(
    info: Ctx, evidence: FieldEvidence, field: str, person_id: str | None, organization_id: str | None
) -> CitedAgent | None:
    """A cited reference to whichever of a person or an organization a row points at."""
    found: Person | Organization | None = await build_one(info, Person, tables.Person, person_id)
    if found is None:
        found = await build_one(info, Organization, tables.Organization, organization_id)
    return None if found is None else CitedAgent(value=found, citations=citations(evidence, field))


@strawberry.type(
    description="A person holding a post in an organization (Popolo membership); `citations` support the post."
)
class Membership(Node, Historied, CitedRecord):
    TABLE: ClassVar[str] = "membership"
    row: strawberry.Private[tables.Membership]
    evidence: strawberry.Private[FieldEvidence]
    role: str = strawberry.field(description='The post, as the sources word it ("Defence Minister").')

    @classmethod
    def from_row(cls, row: tables.Membership, evidence: FieldEvidence) -> "Membership":
        return cls(row=row, evidence=evidence, id=global_id("Membership", row.id), role=row.role)

    status = MEMBERSHIP_FACTS.value(
        "status", CitedMembershipStatus, description="Whether the post is current or former."
    )
    start = MEMBERSHIP_FACTS.date(
        "start", start="start_date", precision="start_precision", description="When the person took up the post."
    )
    end = MEMBERSHIP_FACTS.date(
        "end", start="end_date", precision="end_precision", description="When the person left the post."
    )

    @strawberry.field(description="The person holding the post.")
    async def person(self, info: Ctx) -> Person:
        return await build_ref(info, Person, tables.Person, self.row.person_id)

    @strawberry.field(description="The organization the post belongs to.")
    async def organization(self, info: Ctx) -> Organization:
        return await build_ref(info, Organization, tables.Organization, self.row.organization_id)


@strawberry.type(description="A relation between two persons; `citations` support it.")
class PersonRelationship(Node, Historied, CitedRecord):
    TABLE: ClassVar[str] = "person_relationship"
    row: strawberry.Private[tables.PersonRelationship]
    evidence: strawberry.Private[FieldEvidence]
    kind: PersonRelationKind = strawberry.field(description="How `person` relates to `relatedPerson`.")

    @classmethod
    def from_row(cls, row: tables.PersonRelationship, evidence: FieldEvidence) -> "PersonRelationship":
        return cls(
            row=row,
            evidence=evidence,
            id=global_id("PersonRelationship", row.id),
            kind=row.kind,
        )

    @strawberry.field(description="The person the relation starts from.")
    async def person(self, info: Ctx) -> Person:
        return await build_ref(info, Person, tables.Person, self.row.person_id)

    @strawberry.field(description="The person `person` is related to.")
    async def related_person(self, info: Ctx) -> Person:
        return await build_ref(info, Person, tables.Person, self.row.related_person_id)


@strawberry.type(description="A directed relation between two organizations; `citations` support it.")
class OrganizationRelationship(Node, Historied, CitedRecord):
    TABLE: ClassVar[str] = "organization_relationship"
    row: strawberry.Private[tables.OrganizationRelationship]
    evidence: strawberry.Private[FieldEvidence]
    kind: OrganizationRelationKind = strawberry.field(description="How `subject` relates to `object`.")

    @classmethod
    def from_row(cls, row: tables.OrganizationRelationship, evidence: FieldEvidence) -> "OrganizationRelationship":
        return cls(
            row=row,
            evidence=evidence,
            id=global_id("OrganizationRelationship", row.id),
            kind=row.kind,
        )

    @strawberry.field(description="The organization the relation starts from.")
    async def subject(self, info: Ctx) -> Organization:
        return await build_ref(info, Organization, tables.Organization, self.row.subject_id)

    @strawberry.field(description="The organization the relation points at.")
    async def object(self, info: Ctx) -> Organization:
        return await build_ref(info, Organization, tables.Organization, self.row.object_id)
