"""The change log: one row per row a write added, in commit order, for the `changes` feed."""

import datetime as dt

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from db.enums import ChangeKind


class Change(SQLModel, table=True):
    """A row added (by `actor`, at `at`); `seq` orders the feed and is its cursor."""

    __tablename__ = "change"
    __table_args__ = (Index("ix_change_row", "entity_type", "entity_id"),)

    seq: int | None = Field(default=None, primary_key=True)
    at: dt.datetime
    actor: str
    kind: ChangeKind
    entity_type: str
    """The table of the row (`event`, `citation`, `fact_citation`, ...)."""
    entity_id: str
