"""The change feed: rows of the change log, oldest first, from a time or a cursor."""

import datetime as dt
from typing import Any, cast

from sqlalchemy import Select, func, select
from sqlmodel import col

from db.tables import Change
from resolvers.pagination import Ordering, SortKey
from resolvers.reads import Reads


def changes_query(since: dt.datetime | None) -> Select[Any]:
    """Every logged change, or those made at or after `since` (a naive time is taken as UTC)."""
    query = select(Change)
    if since is not None:
        moment = since.replace(tzinfo=dt.UTC) if since.tzinfo is None else since.astimezone(dt.UTC)
        query = query.where(col(Change.at) >= moment)
    return query


CHANGE_ORDERING = Ordering((SortKey(col(Change.seq), lambda row: row.seq, "int"),))
"""Commit order: a cursor from the feed stays valid, and later changes always come after it."""


async def changes_after(reads: Reads, seq: int, limit: int) -> list[Change]:
    """Up to `limit` changes logged after position `seq`, oldest first."""
    query = select(Change).where(col(Change.seq) > seq).order_by(col(Change.seq)).limit(limit)
    async with reads.connection() as connection:
        return cast(list[Change], list((await connection.execute(query)).all()))


async def last_seq(reads: Reads) -> int:
    """The position of the latest change (0 when none)."""
    async with reads.connection() as connection:
        return int((await connection.execute(select(func.max(col(Change.seq))))).scalar() or 0)
