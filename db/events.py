"""Events with dates of known precision, their nesting, place and participants."""

from datetime import date

from sqlalchemy import CheckConstraint, Index
from sqlmodel import Field

from db.base import RECORD, FactTable
from db.enums import DatePrecision, TimePrecision


class Event(FactTable, table=True):
    """Something that happened; `date_end` is set for a range, `date_open_ended` for "since ..." events."""

    __tablename__ = "event"
    __table_args__ = (
        CheckConstraint("date_start IS NULL OR date_precision IS NOT NULL", name="date_has_precision"),
        CheckConstraint("date_end IS NULL OR date_end >= date_start", name="date_range_ordered"),
        CheckConstraint("time_of_day IS NULL OR time_precision IS NOT NULL", name="time_has_precision"),
        Index("ix_event_date_sort_asc", "date_sort_asc", "id"),
        Index("ix_event_date_sort_desc", "date_sort_desc", "id"),
    )
    __fact_fields__ = {
        "title": ("title",),
        "kind": ("kind",),
        "description": ("description",),
        "date": ("date_start", "date_end", "date_precision"),
        "place": ("place_id",),
        "parent": ("parent_id",),
        "time": ("time_of_day", "time_zone", "time_precision"),
    }
    __stated_with__ = {"date": ("date_open_ended",)}

    id: str = Field(primary_key=True)
    title: str
    kind: str = Field(index=True)
    """A code of the EVENT_KIND vocabulary (`db.terms`)."""
    description: str | None = None
    date_start: date | None = Field(default=None, index=True)
    date_end: date | None = None
    date_precision: DatePrecision | None = None
    date_open_ended: bool = False
    date_latest: date | None = Field(default=None, index=True)
    date_sort_asc: date | None = None
    date_sort_desc: date | None = None
    place_id: str | None = Field(default=None, foreign_key="place.id", index=True)
    parent_id: str | None = Field(default=None, foreign_key="event.id", index=True)
    time_of_day: str | None = None
    """Local time as `HH:MM` (24-hour clock, sorting as text), in `time_zone` when the sources establish one."""
    time_zone: str | None = None
    """An IANA zone (`Europe/Stockholm`) or a UTC offset (`+01:00`); null when no zone is established."""
    time_precision: TimePrecision | None = None


class EventParticipant(FactTable, table=True):
    """A person or an organization taking part in an event, in a role ("attacking force", "captured")."""

    __tablename__ = "event_participant"
    __table_args__ = (CheckConstraint("(person_id IS NULL) != (organization_id IS NULL)", name="one_participant"),)
    __fact_fields__ = {RECORD: ()}

    id: str = Field(primary_key=True)
    event_id: str = Field(foreign_key="event.id", index=True)
    person_id: str | None = Field(default=None, foreign_key="person.id", index=True)
    organization_id: str | None = Field(default=None, foreign_key="organization.id", index=True)
    role: str
