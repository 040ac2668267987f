"""Conditions one party sets on another ("cooperation only if she meets specific American demands")."""

from sqlalchemy import CheckConstraint
from sqlmodel import Field

from db.base import RECORD, FactTable


class Demand(FactTable, table=True):
    """A set of demands; `terms_complete` is false when the source lists only some ("include")."""

    __tablename__ = "demand"
    __table_args__ = (
        CheckConstraint("made_by_person_id IS NULL OR made_by_organization_id IS NULL", name="one_maker"),
    )
    __fact_fields__ = {
        "summary": ("summary",),
        "madeBy": ("made_by_person_id", "made_by_organization_id"),
        "addressedTo": ("addressed_to_person_id",),
        "termsComplete": ("terms_complete",),
    }

    id: str = Field(primary_key=True)
    summary: str
    made_by_person_id: str | None = Field(default=None, foreign_key="person.id")
    made_by_organization_id: str | None = Field(default=None, foreign_key="organization.id")
    addressed_to_person_id: str | None = Field(default=None, foreign_key="person.id")
    terms_complete: bool | None = None


class DemandTerm(FactTable, table=True):
    __tablename__ = "demand_term"
    __fact_fields__ = {RECORD: ()}

    id: str = Field(primary_key=True)
    demand_id: str = Field(foreign_key="demand.id", index=True)
    term: str
