"""Casualty figures: a count reported by someone, for an event, of people affected in one way."""

from datetime import date

from sqlalchemy import CheckConstraint
from sqlmodel import Field

from db.base import RECORD, FactTable
from db.enums import CasualtyOutcome, CountWording, DatePrecision


class Casualty(FactTable, table=True):
    """One reported figure. A count the source says is not known has wording UNKNOWN and no bounds."""

    __tablename__ = "casualty"
    __table_args__ = (
        CheckConstraint("count_low IS NULL OR count_high IS NULL OR count_low <= count_high", name="bounds"),
        CheckConstraint("count_wording != 'UNKNOWN' OR count_low IS NULL", name="unknown_has_no_count"),
        CheckConstraint(
            "(reported_by_person_id IS NULL) OR (reported_by_organization_id IS NULL)", name="one_reporter"
        ),
        CheckConstraint("age_min IS NULL OR age_max IS NULL OR age_min <= age_max", name="age_range"),
    )
    __fact_fields__ = {
        "event": ("event_id",),
        "description": ("description",),
        "outcome": ("outcome",),
        "count": ("count_low", "count_high", "count_wording"),
        "reportedBy": ("reported_by_person_id", "reported_by_organization_id"),
        "reportedOn": ("reported_on", "reported_on_precision"),
        "causedBy": ("caused_by_organization_id",),
        "ageRange": ("age_min", "age_max"),
        "ranksComplete": ("ranks_complete",),
    }

    id: str = Field(primary_key=True)
    event_id: str | None = Field(default=None, foreign_key="event.id", index=True)
    description: str
    outcome: CasualtyOutcome = Field(index=True)
    count_low: int | None = Field(default=None, ge=0)
    count_high: int | None = Field(default=None, ge=0)
    count_wording: CountWording
    reported_by_person_id: str | None = Field(default=None, foreign_key="person.id", index=True)
    reported_by_organization_id: str | None = Field(default=None, foreign_key="organization.id", index=True)
    reported_on: date | None = None
    reported_on_precision: DatePrecision | None = None
    caused_by_organization_id: str | None = Field(default=None, foreign_key="organization.id")
    age_min: int | None = Field(default=None, ge=0)
    age_max: int | None = Field(default=None, ge=0)
    ranks_complete: bool | None = None


class CasualtyAffiliation(FactTable, table=True):
    """Who the affected belonged to: an organization, or a country."""

    __tablename__ = "casualty_affiliation"
    __table_args__ = (CheckConstraint("(organization_id IS NULL) != (country_id IS NULL)", name="one_affiliation"),)
    __fact_fields__ = {RECORD: ()}

    id: str = Field(primary_key=True)
    casualty_id: str = Field(foreign_key="casualty.id", index=True)
    organization_id: str | None = Field(default=None, foreign_key="organization.id", index=True)
    country_id: str | None = Field(default=None, foreign_key="place.id", index=True)


class CasualtyCategoryLink(FactTable, table=True):
    __tablename__ = "casualty_category"
    __fact_fields__ = {RECORD: ()}

    id: str = Field(primary_key=True)
    casualty_id: str = Field(foreign_key="casualty.id", index=True)
    category: str
    """A code of the CASUALTY_CATEGORY vocabulary (`db.terms`)."""


class CasualtyRank(FactTable, table=True):
    """How many of the affected held a rank ("two colonels"); see `Casualty.ranks_complete`."""

    __tablename__ = "casualty_rank"
    __fact_fields__ = {RECORD: ()}

    id: str = Field(primary_key=True)
    casualty_id: str = Field(foreign_key="casualty.id", index=True)
    rank: str
    count: int = Field(ge=1)


class CasualtyComponent(FactTable, table=True):
    """`part` is included in `total`: totals and their parts must never be added together."""

    __tablename__ = "casualty_component"
    __table_args__ = (CheckConstraint("total_id != part_id", name="not_self"),)
    __fact_fields__ = {RECORD: ()}

    id: str = Field(primary_key=True)
    total_id: str = Field(foreign_key="casualty.id", index=True)
    part_id: str = Field(foreign_key="casualty.id", index=True)
