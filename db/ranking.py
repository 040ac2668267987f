"""Ranking rival values: marking one PREFERRED makes it the value reads return, and keeps the one it
replaces as a rival, each with its own citations; nothing is lost."""

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
from db.engine import session_factory
from db.enums import ChangeKind, Rank
from db.holding import held_since
from db.search import reindex_row
from db.tables import FACT_TABLES, Change, FactCitation, FactValue
from db.values import stored_value


async def rank_value(engine: AsyncEngine, value_id: str, rank: Rank, actor: str) -> FactValue | None:
    """Set a rival value's rank; PREFERRED swaps it with the value the row holds. None for an unknown id."""
    async with session_factory(engine)() as session, session.begin():
        return await session.run_sync(_rank, value_id, rank, actor)


def _rank(session: Session, value_id: str, rank: Rank, actor: str) -> FactValue | None:
    value = session.get(FactValue, value_id)
    if value is None:
        return None
    at = now()
    if rank != Rank.PREFERRED:
        value.rank = rank
        session.add(_change(at, actor, ChangeKind.RANKED, value.id))
        return value
    model: Any = FACT_TABLES[value.entity_type]
    row = session.get(model, value.entity_id)
    if row is None:
        return None
    chosen: dict[str, Any] = json.loads(value.value)
    held = stored_value(row, list(chosen))
    since = held_since(session, value.entity_type, value.entity_id)
    recorded_at, recorded_by = since.get(value.field) or since[""]
    demoted = FactValue(
        id=content_id("fact_value", value.entity_type, value.entity_id, value.field, held),
        entity_type=value.entity_type,
        entity_id=value.entity_id,
        field=value.field,
        value=held,
        rank=Rank.NORMAL,
        recorded_at=recorded_at,
        recorded_by=recorded_by,
    )
    if session.get(FactValue, demoted.id) is None:
        session.add(demoted)
    session.flush()
    links = session.scalars(
        select(FactCitation).where(
            col(FactCitation.entity_type) == value.entity_type,
            col(FactCitation.entity_id) == value.entity_id,
            col(FactCitation.field) == value.field,
            col(FactCitation.value_id).is_(None) | (col(FactCitation.value_id) == value.id),
        )
    ).all()
    moved = [(link.citation_id, demoted.id if link.value_id is None else None) for link in links]
    session.execute(delete(FactCitation).where(col(FactCitation.id).in_([link.id for link in links])))
    session.flush()
    for citation_id, target in moved:
        parts: tuple[object, ...] = (value.entity_type, value.entity_id, value.field, citation_id)
        session.add(
            FactCitation(
                id=content_id(*parts, target) if target else content_id(*parts),
                entity_type=value.entity_type,
                entity_id=value.entity_id,
                field=value.field,
                citation_id=citation_id,
                value_id=target,
            )
        )
    for column, stored in chosen.items():
        setattr(row, column, _python(model, column, stored))
    session.delete(value)
    session.add(_change(at, actor, ChangeKind.RANKED, value.id))
    session.flush()
    reindex_row(session.connection(), value.entity_type, value.entity_id)
    return demoted


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
