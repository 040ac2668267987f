"""Legal proceedings: the case, its defendants, charges, pleas and hearings."""

import datetime as dt

from sqlalchemy import CheckConstraint, Column, Enum
from sqlmodel import Field

from db.base import RECORD, FactTable
from db.enums import CustodyStatus, DatePrecision, HearingStatus, Plea, TimePrecision


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
    """A person charged, cited as a whole (`RECORD`); `custody` and `custodyDate` are cited on their own."""

    __tablename__ = "defendant"
    __fact_fields__ = {
        RECORD: (),
        "custody": ("custody",),
        "custodyDate": ("custody_date", "custody_date_precision"),
    }

    id: str = Field(primary_key=True)
    proceeding_id: str = Field(foreign_key="legal_proceeding.id", index=True)
    person_id: str = Field(foreign_key="person.id", index=True)
    custody: CustodyStatus | None = None
    custody_date: dt.date | None = None
    """Since when the custody status holds (the day of the remand, the bail, the release), where given."""
    custody_date_precision: DatePrecision | None = None


class Charge(FactTable, table=True):
    """An offence charged in a proceeding; `defendant_id` null means it is charged against every defendant."""

    __tablename__ = "charge"
    __table_args__ = (CheckConstraint("counts IS NULL OR counts >= 1", name="counts_positive"),)
    __fact_fields__ = {"offence": ("offence",), "defendant": ("defendant_id",), "counts": ("counts",)}

    id: str = Field(primary_key=True)
    proceeding_id: str = Field(foreign_key="legal_proceeding.id", index=True)
    defendant_id: str | None = Field(default=None, foreign_key="defendant.id")
    offence: str = Field(index=True)
    counts: int | None = Field(default=None, ge=1)
    """How many counts of the offence ("four counts of manslaughter"); null when the source does not say."""


class Hearing(FactTable, table=True):
    """A hearing held or to come (`status`); `time` is its time of day as `db.events.Event` keeps one."""

    __tablename__ = "hearing"
    __table_args__ = (CheckConstraint("time_of_day IS NULL OR time_precision IS NOT NULL", name="time_has_precision"),)
    __fact_fields__ = {
        "kind": ("kind",),
        "date": ("date", "date_precision"),
        "place": ("place_id",),
        "event": ("event_id",),
        "status": ("status",),
        "time": ("time_of_day", "time_zone", "time_precision"),
    }

    id: str = Field(primary_key=True)
    proceeding_id: str = Field(foreign_key="legal_proceeding.id", index=True)
    kind: str
    date: dt.date | None = None
    date_precision: DatePrecision | None = None
    place_id: str | None = Field(default=None, foreign_key="place.id")
    event_id: str | None = Field(default=None, foreign_key="event.id")
    status: HearingStatus | None = None
    time_of_day: str | None = None
    """Local time as `HH:MM` (24-hour clock), in `time_zone` when the sources establish one."""
    time_zone: str | None = None
    """An IANA zone (`Europe/Stockholm`) or a UTC offset (`+01:00`); null when no zone is established."""
    time_precision: TimePrecision | None = None


class Judge(FactTable, table=True):
    """A judge or magistrate sitting in a proceeding, or at one of its hearings, in a role the source words
    ("presiding judge", "magistrate"); cited as a whole."""

    __tablename__ = "judge"
    __fact_fields__ = {RECORD: ()}

    id: str = Field(primary_key=True)
    proceeding_id: str = Field(foreign_key="legal_proceeding.id", index=True)
    hearing_id: str | None = Field(default=None, foreign_key="hearing.id", index=True)
    person_id: str = Field(foreign_key="person.id", index=True)
    role: str


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
