"""The change feed: rows of the change log, oldest first, from a time or a cursor."""

import datetime as dt
from typing import Any

from sqlalchemy import Select, select
from sqlmodel import col

from db.tables import Change
from resolvers.pagination import Ordering, SortKey


def changes_query(since: dt.datetime | None) -> Select[Any]:
    """Every logged change, or those made at or after `since` (a naive time is taken as UTC)."""
    query = select(Change)
    if since is not None:
        moment = since.replace(tzinfo=dt.UTC) if since.tzinfo is None else since.astimezone(dt.UTC)
        query = query.where(col(Change.at) >= moment)
    return query


CHANGE_ORDERING = Ordering((SortKey(col(Change.seq), lambda row: row.seq, "int"),))
"""Commit order: a cursor from the feed stays valid, and later changes always come after it."""
