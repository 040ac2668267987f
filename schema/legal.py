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
    CitedDate,
    CitedHearingStatus,
    CitedInt,
    CitedPlea,
    CitedRecord,
    CitedString,
    CitedTime,
    Historied,
    cited_boolean,
    cited_date,
    cited_time,
)
from schema.context import build_children, build_one, build_ref
from schema.events import CitedEvent, Event
from schema.evidence import citations
from schema.node import Node, global_id

Ctx = Info[Context, None]


@strawberry.type(description="A legal case: its court, defendants, charges, hearings and pleas.")
class LegalProceeding(Node, Historied):
    TABLE: ClassVar[str] = "legal_proceeding"
    row: strawberry.Private[tables.LegalProceeding]
    evidence: strawberry.Private[FieldEvidence]

    @classmethod
    def from_row(cls, row: tables.LegalProceeding, evidence: FieldEvidence) -> "LegalProceeding":
        return cls(row=row, evidence=evidence, id=global_id("LegalProceeding", row.id))

    @strawberry.field(description="A short title for the case, supported by its citations.")
    def title(self) -> CitedString:
        return CitedString(value=self.row.title, citations=citations(self.evidence, "title"))

    @strawberry.field(
        description='Whether `charges` lists every charge (false when the source says "charges including").'
    )
    def charges_complete(self) -> CitedBoolean | None:
        return cited_boolean(self.evidence, "chargesComplete", self.row.charges_complete)

    @strawberry.field(description="The court hearing the case.")
    async def court(self, info: Ctx) -> CitedOrganization | None:
        org = await build_one(info, Organization, tables.Organization, self.row.court_id)
        return None if org is None else CitedOrganization(value=org, citations=citations(self.evidence, "court"))

    @strawberry.field(description="The jurisdiction the case is brought in.")
    async def jurisdiction(self, info: Ctx) -> CitedPlace | None:
        place = await build_one(info, Place, tables.Place, self.row.jurisdiction_id)
        return None if place is None else CitedPlace(value=place, citations=citations(self.evidence, "jurisdiction"))

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

    @strawberry.field(
        description="Whether the defendant is held or free (remanded in custody, released on bail, ...), as last "
        "reported; see `custodyDate`."
    )
    def custody(self) -> CitedCustodyStatus | None:
        found = self.row.custody
        return None if found is None else CitedCustodyStatus(value=found, citations=citations(self.evidence, "custody"))

    @strawberry.field(description="Since when `custody` holds (the day of the remand or release), where given.")
    def custody_date(self) -> CitedDate | None:
        return cited_date(self.evidence, "custodyDate", self.row.custody_date, self.row.custody_date_precision)


@strawberry.type(description="An offence charged in a proceeding.")
class Charge(Node, Historied):
    TABLE: ClassVar[str] = "charge"
    row: strawberry.Private[tables.Charge]
    evidence: strawberry.Private[FieldEvidence]

    @classmethod
    def from_row(cls, row: tables.Charge, evidence: FieldEvidence) -> "Charge":
        return cls(row=row, evidence=evidence, id=global_id("Charge", row.id))

    @strawberry.field(description="The offence, as the sources word it.")
    def offence(self) -> CitedString:
        return CitedString(value=self.row.offence, citations=citations(self.evidence, "offence"))

    @strawberry.field(
        description='How many counts of the offence are charged ("four counts of manslaughter"); null when the '
        "sources do not say."
    )
    def counts(self) -> CitedInt | None:
        found = self.row.counts
        return None if found is None else CitedInt(value=found, citations=citations(self.evidence, "counts"))

    @strawberry.field(description="The one defendant charged; null when the charge is against every defendant.")
    async def defendant(self, info: Ctx) -> "CitedDefendant | None":
        found = await build_one(info, Defendant, tables.Defendant, self.row.defendant_id)
        return None if found is None else CitedDefendant(value=found, citations=citations(self.evidence, "defendant"))


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

    @strawberry.field(description='What kind of hearing ("court appearance").')
    def kind(self) -> CitedString:
        return CitedString(value=self.row.kind, citations=citations(self.evidence, "kind"))

    @strawberry.field(description="When it took place, or is to take place (see `status`).")
    def date(self) -> CitedDate | None:
        return cited_date(self.evidence, "date", self.row.date, self.row.date_precision)

    @strawberry.field(description="Whether it is still to come, took place, was postponed or cancelled.")
    def status(self) -> CitedHearingStatus | None:
        found = self.row.status
        return None if found is None else CitedHearingStatus(value=found, citations=citations(self.evidence, "status"))

    @strawberry.field(description="The local time of day it began, or is to begin, with its time zone where known.")
    def time(self) -> CitedTime | None:
        row = self.row
        return cited_time(self.evidence, "time", row.time_of_day, row.time_zone, row.time_precision)

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

    @strawberry.field(description="Where it took place.")
    async def place(self, info: Ctx) -> CitedPlace | None:
        place = await build_one(info, Place, tables.Place, self.row.place_id)
        return None if place is None else CitedPlace(value=place, citations=citations(self.evidence, "place"))

    @strawberry.field(description="The event record of the hearing.")
    async def event(self, info: Ctx) -> CitedEvent | None:
        event = await build_one(info, Event, tables.Event, self.row.event_id)
        return None if event is None else CitedEvent(value=event, citations=citations(self.evidence, "event"))


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

    @strawberry.field(description="The plea entered.")
    def plea(self) -> CitedPlea:
        return CitedPlea(value=self.row.plea, citations=citations(self.evidence, "plea"))

    @strawberry.field(description="When the plea was entered.")
    def date(self) -> CitedDate | None:
        return cited_date(self.evidence, "date", self.row.date, self.row.date_precision)

    @strawberry.field(description="The charge pleaded to; null when the plea is to all charges.")
    async def charge(self, info: Ctx) -> CitedCharge | None:
        found = await build_one(info, Charge, tables.Charge, self.row.charge_id)
        return None if found is None else CitedCharge(value=found, citations=citations(self.evidence, "charge"))

    @strawberry.field(description="The hearing at which the plea was entered.")
    async def hearing(self, info: Ctx) -> CitedHearing | None:
        found = await build_one(info, Hearing, tables.Hearing, self.row.hearing_id)
        return None if found is None else CitedHearing(value=found, citations=citations(self.evidence, "hearing"))


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
