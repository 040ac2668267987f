"""Retracting a source: it stays stored (its quotes still check), marked withdrawn, and the feed says so."""

from sqlalchemy.ext.asyncio import AsyncEngine

from db.access import now
from db.change_feed import announce_changes
from db.enums import ChangeKind
from db.tables import Change, Source
from db.writes import write_session


async def retract_source(engine: AsyncEngine, source_id: str, actor: str, reason: str) -> Source | None:
    """Mark the source withdrawn (when, by whom, why) and log it; None when there is no such source.
    Retracting it again keeps the first withdrawal."""
    async with write_session(engine) as session:
        source = await session.get(Source, source_id)
        if source is None:
            return None
        if source.withdrawn_at is None:
            at = now()
            source.withdrawn_at, source.withdrawn_by, source.withdrawn_reason = at, actor, reason
            session.add(
                Change(at=at, actor=actor, kind=ChangeKind.RETRACTED, entity_type="source", entity_id=source_id)
            )
            await session.run_sync(announce_changes)
        return source
