"""Columns derived from stated ones, kept in step on every ORM insert and update.

They are never facts (so they carry no citations): they exist so that filters stay indexable and
portable across SQLite and PostgreSQL. Bulk inserts that bypass the ORM must fill them with these
same functions.
"""

import calendar
import datetime as dt
import unicodedata
from typing import Any

from sqlalchemy import event

from db.actors import Alias, Membership, Organization, Person, Place
from db.enums import DatePrecision
from db.events import Event

DERIVED_FROM: dict[str, tuple[str, ...]] = {
    "name_folded": ("name",),
    "role_folded": ("role",),
    "date_latest": ("date_start", "date_end", "date_precision"),
    "date_sort_asc": ("date_start",),
    "date_sort_desc": ("date_start",),
}
"""Each derived column (the same name in every table that has it) and the stated columns it is computed from."""
DERIVED_COLUMNS = frozenset(DERIVED_FROM)
"""The derived columns of every table: never compared as facts (a planned row has them unset until flushed)."""


def fold(text: str) -> str:
    """Case- and accent-insensitive form: "Rodríguez" and "RODRIGUEZ" both fold to "rodriguez"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def latest_day(start: dt.date | None, end: dt.date | None, precision: DatePrecision | None) -> dt.date | None:
    """The last day a date of this precision can stand for: 2026-01 (MONTH) may be as late as 2026-01-31."""
    last = end or start
    if last is None or precision is None or precision == DatePrecision.DAY:
        return last
    if precision == DatePrecision.MONTH:
        return last.replace(day=calendar.monthrange(last.year, last.month)[1])
    return last.replace(month=12, day=31)


UNDATED_LAST_ASCENDING = dt.date(9999, 12, 31)
UNDATED_LAST_DESCENDING = dt.date(1, 1, 1)


def sort_day(start: dt.date | None, descending: bool) -> dt.date:
    """The day an event sorts by, with undated events last in either direction (indexed, never null)."""
    if start is not None:
        return start
    return UNDATED_LAST_DESCENDING if descending else UNDATED_LAST_ASCENDING


def _fold_name(_mapper: Any, _connection: Any, row: Person | Organization | Place | Alias) -> None:
    row.name_folded = fold(row.name)


def _fold_role(_mapper: Any, _connection: Any, row: Membership) -> None:
    row.role_folded = fold(row.role)


def _event_dates(_mapper: Any, _connection: Any, row: Event) -> None:
    row.date_latest = latest_day(row.date_start, row.date_end, row.date_precision)
    row.date_sort_asc = sort_day(row.date_start, descending=False)
    row.date_sort_desc = sort_day(row.date_start, descending=True)


for _table in (Person, Organization, Place, Alias):
    for _moment in ("before_insert", "before_update"):
        event.listen(_table, _moment, _fold_name)
for _moment in ("before_insert", "before_update"):
    event.listen(Membership, _moment, _fold_role)
    event.listen(Event, _moment, _event_dates)
