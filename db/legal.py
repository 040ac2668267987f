"""Legal proceedings: the case, its defendants, charges, pleas and hearings."""

import datetime as dt

from sqlalchemy import Column, Enum
from sqlmodel import Field

from db.base import RECORD, FactTable
from db.enums import DatePrecision, Plea


class LegalProceeding(FactTable, table=True):
    """A case; `charges_complete` is false when the source names only some charges ("including ...")."""

    __tablename__ = "legal_proceeding"
    __fact_fields__ = {
        "title": ("title",),
        "court": ("court_id",),
        "jurisdiction": ("jurisdiction_id",),
        "chargesComplete": ("charges_complete",),
    }

    id: str = Field(primary_key=True)
    title: str
    court_id: str | None = Field(default=None, foreign_key="organization.id")
    jurisdiction_id: str | None = Field(default=None, foreign_key="place.id")
    charges_complete: bool | None = None


class Defendant(FactTable, table=True):
    __tablename__ = "defendant"
    __fact_fields__ = {RECORD: ()}

    id: str = Field(primary_key=True)
    proceeding_id: str = Field(foreign_key="legal_proceeding.id", index=True)
    person_id: str = Field(foreign_key="person.id", index=True)


class Charge(FactTable, table=True):
    """An offence charged in a proceeding; `defendant_id` null means it is charged against every defendant."""

    __tablename__ = "charge"
    __fact_fields__ = {"offence": ("offence",), "defendant": ("defendant_id",)}

    id: str = Field(primary_key=True)
    proceeding_id: str = Field(foreign_key="legal_proceeding.id", index=True)
    defendant_id: str | None = Field(default=None, foreign_key="defendant.id")
    offence: str = Field(index=True)


class Hearing(FactTable, table=True):
    __tablename__ = "hearing"
    __fact_fields__ = {
        "kind": ("kind",),
        "date": ("date", "date_precision"),
        "place": ("place_id",),
        "event": ("event_id",),
    }

    id: str = Field(primary_key=True)
    proceeding_id: str = Field(foreign_key="legal_proceeding.id", index=True)
    kind: str
    date: dt.date | None = None
    date_precision: DatePrecision | None = None
    place_id: str | None = Field(default=None, foreign_key="place.id")
    event_id: str | None = Field(default=None, foreign_key="event.id")


class PleaEntry(FactTable, table=True):
    """A defendant's plea to one charge, or to all charges when `charge_id` is null."""

    __tablename__ = "plea"
    __fact_fields__ = {
        "plea": ("plea",),
        "date": ("date", "date_precision"),
        "charge": ("charge_id",),
        "hearing": ("hearing_id",),
    }

    id: str = Field(primary_key=True)
    defendant_id: str = Field(foreign_key="defendant.id", index=True)
    charge_id: str | None = Field(default=None, foreign_key="charge.id")
    hearing_id: str | None = Field(default=None, foreign_key="hearing.id")
    plea: Plea = Field(sa_column=Column(Enum(Plea, name="plea_entered"), nullable=False))
    """Its PostgreSQL enum type is not named `plea`: that name is the table's own row type."""
    date: dt.date | None = None
    date_precision: DatePrecision | None = None
