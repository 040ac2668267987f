"""Ranking rival values: marking one PREFERRED makes it the value reads return, and keeps the one it
replaces as a rival, each with its own citations; nothing is lost. The swap is versioned like a correction
(the replaced value is closed into the field's history, the chosen rival kept as PROMOTED), so that `asOf`
reads from before it see the field, its rivals and their citations as they were."""

import datetime as dt
import enum
import json
from typing import Any

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import Session
from sqlmodel import col, select

from db.access import now
from db.base import content_id
from db.change_feed import announce_changes
from db.derived import DERIVED_COLUMNS
from db.enums import ChangeKind, Rank, ValueStatus
from db.holding import held_since
from db.search import reindex_row
from db.sources import relinked
from db.tables import FACT_TABLES, Change, FactCitation, FactValue, RankChange
from db.values import stored_value
from db.writes import write_session


async def rank_value(engine: AsyncEngine, value_id: str, rank: Rank, actor: str) -> FactValue | None:
    """Set a rival value's rank; PREFERRED swaps it with the value the row holds. None for an unknown id."""
    async with write_session(engine) as session:
        value = await session.run_sync(_rank, value_id, rank, actor)
        if value is not None:
            await session.run_sync(announce_changes)
        return value


class NotRankable(ValueError):
    """The value is not a standing rival (a superseded or promoted one belongs to history)."""


def _rank(session: Session, value_id: str, rank: Rank, actor: str) -> FactValue | None:
    value = session.get(FactValue, value_id)
    if value is None:
        return None
    if value.status != ValueStatus.ALTERNATIVE:
        raise NotRankable(
            f"value {value_id!r} is {value.status.value}, not a standing alternative: only those are ranked"
        )
    at = now()
    if rank != Rank.PREFERRED:
        session.add(RankChange(value_id=value.id, at=at, previous=value.rank))
        value.rank = rank
        session.add(_change(at, actor, ChangeKind.RANKED, value.id))
        return value
    model: Any = FACT_TABLES[value.entity_type]
    row = session.get(model, value.entity_id)
    if row is None:
        return None
    chosen = {c: v for c, v in json.loads(value.value).items() if c not in DERIVED_COLUMNS}
    since = held_since(session, value.entity_type, value.entity_id)
    recorded_at, recorded_by = since.get(value.field) or since[""]
    held = stored_value(row, list(chosen))
    reason = f"value {value.id} was ranked preferred"
    closed = _value(value, stored_value(row, list(chosen), derived=True), recorded_at, recorded_by, "closed", at)
    closed.status, closed.closed_at, closed.closed_by, closed.reason = ValueStatus.SUPERSEDED, at, actor, reason
    demoted = _value(value, held, recorded_at, recorded_by, "demoted", at)
    demoted.opened_at = at
    session.add_all([closed, demoted])
    session.flush()
    links = session.scalars(
        select(FactCitation).where(
            col(FactCitation.entity_type) == value.entity_type,
            col(FactCitation.entity_id) == value.entity_id,
            col(FactCitation.field) == value.field,
            col(FactCitation.value_id).is_(None) | (col(FactCitation.value_id) == value.id),
        )
    ).all()
    held_links = [link for link in links if link.value_id is None]
    session.execute(delete(FactCitation).where(col(FactCitation.id).in_([link.id for link in held_links])))
    session.flush()
    for link in held_links:
        session.add_all([relinked(link, closed.id), relinked(link, demoted.id)])
    for link in links:
        if link.value_id == value.id:
            session.add(relinked(link, None))
    for column, stored in chosen.items():
        setattr(row, column, _python(model, column, stored))
    value.status, value.closed_at, value.closed_by = ValueStatus.PROMOTED, at, actor
    session.add(_change(at, actor, ChangeKind.RANKED, value.id))
    session.flush()
    reindex_row(session.connection(), value.entity_type, value.entity_id)
    return demoted


def _value(
    rival: FactValue, stored: str, recorded_at: dt.datetime, recorded_by: str, role: str, at: dt.datetime
) -> FactValue:
    """A record of the value the row held, for the field `rival` belongs to (`role` keeps ids apart)."""
    parts = ("fact_value", rival.entity_type, rival.entity_id, rival.field, stored, role, at.isoformat())
    return FactValue(
        id=content_id(*parts),
        entity_type=rival.entity_type,
        entity_id=rival.entity_id,
        field=rival.field,
        value=stored,
        rank=Rank.NORMAL,
        recorded_at=recorded_at,
        recorded_by=recorded_by,
    )


def _change(at: dt.datetime, actor: str, kind: ChangeKind, value_id: str) -> Change:
    return Change(at=at, actor=actor, kind=kind, entity_type="fact_value", entity_id=value_id)


def _python(model: Any, column: str, stored: object) -> object:
    """A JSON-stored column value back as the column's Python type (dates, enums)."""
    if stored is None:
        return None
    kind = model.__table__.c[column].type.python_type
    if kind is dt.date and isinstance(stored, str):
        return dt.date.fromisoformat(stored)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind(stored)
    return stored
