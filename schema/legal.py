"""Legal proceedings: defendants, charges, hearings and pleas."""

from typing import ClassVar

import strawberry
from strawberry.types import Info

from db import tables
from resolvers.context import Context
from resolvers.evidence import FieldEvidence
from schema.actors import CitedOrganization, CitedPlace, Organization, Person, Place
from schema.cited import (
    Cited,
    CitedBoolean,
    CitedCustodyStatus,
    CitedHearingStatus,
    CitedInt,
    CitedPlea,
    CitedRecord,
    CitedString,
    Historied,
)
from schema.cited_fields import CitedFields
from schema.context import build_children, build_one, build_ref
from schema.events import CitedEvent, Event
from schema.evidence import citations
from schema.node import Node, global_id

Ctx = Info[Context, None]
PROCEEDING_FACTS = CitedFields(tables.LegalProceeding, __name__)
DEFENDANT_FACTS = CitedFields(tables.Defendant, __name__)
CHARGE_FACTS = CitedFields(tables.Charge, __name__)
HEARING_FACTS = CitedFields(tables.Hearing, __name__)
PLEA_FACTS = CitedFields(tables.PleaEntry, __name__)


@strawberry.type(description="A legal case: its court, defendants, charges, hearings and pleas.")
class LegalProceeding(Node, Historied):
    TABLE: ClassVar[str] = "legal_proceeding"
    row: strawberry.Private[tables.LegalProceeding]
    evidence: strawberry.Private[FieldEvidence]

    @classmethod
    def from_row(cls, row: tables.LegalProceeding, evidence: FieldEvidence) -> "LegalProceeding":
        return cls(row=row, evidence=evidence, id=global_id("LegalProceeding", row.id))

    title = PROCEEDING_FACTS.value(
        "title", CitedString, description="A short title for the case, supported by its citations."
    )
    charges_complete = PROCEEDING_FACTS.value(
        "chargesComplete",
        CitedBoolean,
        description='Whether `charges` lists every charge (false when the source says "charges including").',
    )
    court = PROCEEDING_FACTS.reference(
        "court", CitedOrganization, Organization, description="The court hearing the case."
    )
    jurisdiction = PROCEEDING_FACTS.reference(
        "jurisdiction", CitedPlace, Place, description="The jurisdiction the case is brought in."
    )

    @strawberry.field(description="The persons charged in the case.")
    async def defendants(self, info: Ctx) -> list["Defendant"]:
        return await build_children(info, Defendant, tables.Defendant, "proceeding_id", self.row.id)

    @strawberry.field(
        description="The charges named in the sources (see `chargesComplete`); each cited by its `offence` evidence."
    )
    async def charges(self, info: Ctx) -> list["CitedCharge"]:
        found = await build_children(info, Charge, tables.Charge, "proceeding_id", self.row.id)
        return [CitedCharge(value=c, citations=citations(c.evidence, "offence")) for c in found]

    @strawberry.field(description="Hearings and court appearances in the case; each cited by its `kind` evidence.")
    async def hearings(self, info: Ctx) -> list["CitedHearing"]:
        found = await build_children(info, Hearing, tables.Hearing, "proceeding_id", self.row.id)
        return [CitedHearing(value=h, citations=citations(h.evidence, "kind")) for h in found]

    @strawberry.field(
        description="The judges and magistrates sitting in the case, of the whole proceeding or of one hearing."
    )
    async def judges(self, info: Ctx) -> list["Judge"]:
        return await build_children(info, Judge, tables.Judge, "proceeding_id", self.row.id)


@strawberry.type(description="A person charged in a proceeding; `citations` support it.")
class Defendant(Node, Historied, CitedRecord):
    TABLE: ClassVar[str] = "defendant"
    row: strawberry.Private[tables.Defendant]
    evidence: strawberry.Private[FieldEvidence]

    @classmethod
    def from_row(cls, row: tables.Defendant, evidence: FieldEvidence) -> "Defendant":
        return cls(row=row, evidence=evidence, id=global_id("Defendant", row.id))

    @strawberry.field(description="The person charged.")
    async def person(self, info: Ctx) -> Person:
        return await build_ref(info, Person, tables.Person, self.row.person_id)

    @strawberry.field(description="The defendant's pleas.")
    async def pleas(self, info: Ctx) -> list["PleaEntry"]:
        return await build_children(info, PleaEntry, tables.PleaEntry, "defendant_id", self.row.id)

    custody = DEFENDANT_FACTS.value(
        "custody",
        CitedCustodyStatus,
        description="Whether the defendant is held or free (remanded in custody, released on bail, ...), as last "
        "reported; see `custodyDate`.",
    )
    custody_date = DEFENDANT_FACTS.date(
        "custodyDate",
        start="custody_date",
        precision="custody_date_precision",
        description="Since when `custody` holds (the day of the remand or release), where given.",
    )


@strawberry.type(description="An offence charged in a proceeding.")
class Charge(Node, Historied):
    TABLE: ClassVar[str] = "charge"
    row: strawberry.Private[tables.Charge]
    evidence: strawberry.Private[FieldEvidence]

    @classmethod
    def from_row(cls, row: tables.Charge, evidence: FieldEvidence) -> "Charge":
        return cls(row=row, evidence=evidence, id=global_id("Charge", row.id))

    offence = CHARGE_FACTS.value("offence", CitedString, description="The offence, as the sources word it.")
    counts = CHARGE_FACTS.value(
        "counts",
        CitedInt,
        description='How many counts of the offence are charged ("four counts of manslaughter"); null when the '
        "sources do not say.",
    )
    defendant = CHARGE_FACTS.reference(
        "defendant",
        "CitedDefendant",
        Defendant,
        description="The one defendant charged; null when the charge is against every defendant.",
    )


@strawberry.type(
    name="CitedDefendant", description="A reference to a defendant, with the citations that support the reference."
)
class CitedDefendant(Cited[Defendant]):
    pass


@strawberry.type(
    name="CitedCharge", description="A reference to a charge, with the citations that support the reference."
)
class CitedCharge(Cited[Charge]):
    pass


@strawberry.type(description="A hearing or court appearance.")
class Hearing(Node, Historied):
    TABLE: ClassVar[str] = "hearing"
    row: strawberry.Private[tables.Hearing]
    evidence: strawberry.Private[FieldEvidence]

    @classmethod
    def from_row(cls, row: tables.Hearing, evidence: FieldEvidence) -> "Hearing":
        return cls(row=row, evidence=evidence, id=global_id("Hearing", row.id))

    kind = HEARING_FACTS.value("kind", CitedString, description='What kind of hearing ("court appearance").')
    date = HEARING_FACTS.date(
        "date",
        start="date",
        precision="date_precision",
        description="When it took place, or is to take place (see `status`).",
    )
    status = HEARING_FACTS.value(
        "status",
        CitedHearingStatus,
        description="Whether it is still to come, took place, was postponed or cancelled.",
    )
    time = HEARING_FACTS.time(
        "time",
        value="time_of_day",
        zone="time_zone",
        precision="time_precision",
        description="The local time of day it began, or is to begin, with its time zone where known.",
    )

    @strawberry.field(
        description="The pleas entered at the hearing (its outcome for each charge pleaded to); each cited by its "
        "`hearing` evidence."
    )
    async def pleas(self, info: Ctx) -> list["CitedPleaEntry"]:
        found = await build_children(info, PleaEntry, tables.PleaEntry, "hearing_id", self.row.id)
        return [CitedPleaEntry(value=p, citations=citations(p.evidence, "hearing")) for p in found]

    @strawberry.field(description="The judges and magistrates who sat at the hearing.")
    async def judges(self, info: Ctx) -> list["Judge"]:
        return await build_children(info, Judge, tables.Judge, "hearing_id", self.row.id)

    place = HEARING_FACTS.reference("place", CitedPlace, Place, description="Where it took place.")
    event = HEARING_FACTS.reference("event", CitedEvent, Event, description="The event record of the hearing.")


@strawberry.type(
    name="CitedHearing", description="A reference to a hearing, with the citations that support the reference."
)
class CitedHearing(Cited[Hearing]):
    pass


@strawberry.type(name="PleaEntry", description="A defendant's plea, to one charge or to all charges.")
class PleaEntry(Node, Historied):
    TABLE: ClassVar[str] = "plea"
    row: strawberry.Private[tables.PleaEntry]
    evidence: strawberry.Private[FieldEvidence]

    @classmethod
    def from_row(cls, row: tables.PleaEntry, evidence: FieldEvidence) -> "PleaEntry":
        return cls(row=row, evidence=evidence, id=global_id("PleaEntry", row.id))

    plea = PLEA_FACTS.value("plea", CitedPlea, description="The plea entered.")
    date = PLEA_FACTS.date("date", start="date", precision="date_precision", description="When the plea was entered.")
    charge = PLEA_FACTS.reference(
        "charge", CitedCharge, Charge, description="The charge pleaded to; null when the plea is to all charges."
    )
    hearing = PLEA_FACTS.reference(
        "hearing", CitedHearing, Hearing, description="The hearing at which the plea was entered."
    )


@strawberry.type(
    name="CitedPleaEntry", description="A reference to a plea, with the citations that support the reference."
)
class CitedPleaEntry(Cited[PleaEntry]):
    pass


@strawberry.type(
    description='A judge or magistrate sitting in a proceeding, or at one of its hearings, in a role ("presiding '
    'judge", "magistrate"); `citations` support it.'
)
class Judge(Node, Historied, CitedRecord):
    TABLE: ClassVar[str] = "judge"
    row: strawberry.Private[tables.Judge]
    evidence: strawberry.Private[FieldEvidence]
    role: str = strawberry.field(description='The role, as the source words it ("presiding judge", "magistrate").')

    @classmethod
    def from_row(cls, row: tables.Judge, evidence: FieldEvidence) -> "Judge":
        return cls(row=row, evidence=evidence, id=global_id("Judge", row.id), role=row.role)

    @strawberry.field(description="The judge.")
    async def person(self, info: Ctx) -> Person:
        return await build_ref(info, Person, tables.Person, self.row.person_id)

    @strawberry.field(description="The proceeding.")
    async def proceeding(self, info: Ctx) -> LegalProceeding:
        return await build_ref(info, LegalProceeding, tables.LegalProceeding, self.row.proceeding_id)

    @strawberry.field(description="The hearing sat at; null when the role is in the whole proceeding.")
    async def hearing(self, info: Ctx) -> Hearing | None:
        return await build_one(info, Hearing, tables.Hearing, self.row.hearing_id)
