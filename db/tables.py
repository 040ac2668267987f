"""Every table, importable from one place; `FACT_TABLES` indexes the fact tables by table name."""

from db import derived  # noqa: F401  (keeps derived columns in step)
from db.actors import Alias, Membership, Organization, OrganizationRelationship, Person, PersonRelationship, Place
from db.base import FactTable
from db.casualties import Casualty, CasualtyAffiliation, CasualtyCategoryLink, CasualtyComponent, CasualtyRank
from db.changes import Change
from db.demands import Demand, DemandTerm
from db.events import Event, EventParticipant
from db.judgements import Judgement, Redirect
from db.legal import Charge, Defendant, Hearing, Judge, LegalProceeding, PleaEntry
from db.proposals import Proposal
from db.sources import Citation, FactCitation, Source
from db.terms import Term
from db.tokens import ApiToken
from db.values import FactValue, RankChange

FACT_TABLES: dict[str, type[FactTable]] = {
    str(table.__tablename__): table
    for table in (
        Place,
        Person,
        Organization,
        Alias,
        Membership,
        PersonRelationship,
        OrganizationRelationship,
        Event,
        EventParticipant,
        Casualty,
        CasualtyAffiliation,
        CasualtyCategoryLink,
        CasualtyRank,
        CasualtyComponent,
        LegalProceeding,
        Defendant,
        Charge,
        Hearing,
        PleaEntry,
        Judge,
        Demand,
        DemandTerm,
    )
}

__all__ = [
    "FACT_TABLES",
    "Alias",
    "ApiToken",
    "Casualty",
    "CasualtyAffiliation",
    "CasualtyCategoryLink",
    "CasualtyComponent",
    "CasualtyRank",
    "Change",
    "Charge",
    "Citation",
    "Defendant",
    "Demand",
    "DemandTerm",
    "Event",
    "EventParticipant",
    "FactCitation",
    "FactTable",
    "FactValue",
    "Hearing",
    "Judge",
    "Judgement",
    "LegalProceeding",
    "Membership",
    "Organization",
    "OrganizationRelationship",
    "Person",
    "PersonRelationship",
    "Place",
    "PleaEntry",
    "Proposal",
    "RankChange",
    "Redirect",
    "Source",
    "Term",
]
