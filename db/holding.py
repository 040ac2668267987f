"""Since when, and by whose write, a row's fields have held their values (from the change log and the
values corrections closed): what a value moved aside keeps as its `recorded_at` / `recorded_by`."""

import datetime as dt

from sqlalchemy.orm import Session
from sqlmodel import col, select

from db.access import now
from db.enums import ValueStatus
from db.tables import Change, FactValue


def held_since(session: Session, table: str, row_id: str) -> dict[str, tuple[dt.datetime, str]]:
    """Since when, and by whose write, each field of a row has held its value: the last correction that
    closed a value of that field, else (key "") the row's first write."""
    first = session.execute(
        select(Change.at, Change.actor)
        .where(col(Change.entity_type) == table, col(Change.entity_id) == row_id)
        .order_by(col(Change.seq))
        .limit(1)
    ).first()
    held: dict[str, tuple[dt.datetime, str]] = {"": (first[0], first[1]) if first else (now(), "unknown")}
    closed = session.execute(
        select(FactValue.field, FactValue.closed_at, FactValue.closed_by)
        .where(
            col(FactValue.entity_type) == table,
            col(FactValue.entity_id) == row_id,
            col(FactValue.status) == ValueStatus.SUPERSEDED,
        )
        .order_by(col(FactValue.closed_at))
    ).all()
    for field, closed_at, closed_by in closed:
        held[field] = (closed_at, closed_by or "unknown")
    return held
