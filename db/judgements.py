"""Editors' judgements of whether two records stand for one person, organization or place, and the redirects
the SAME judgements make. Judgements are never overwritten: a new judgement of a pair closes the one before it
(`closed_at`, by whom), and a retraction closes one with a reason; both stay stored, as nomenklatura's resolver
keeps its edges. Redirects are derived from the open SAME judgements by `db.merging` and versioned the same way,
so that an `asOf` read sees the merges of its moment."""

import datetime as dt

from sqlalchemy import Column, Index, Text
from sqlmodel import Field, SQLModel

from db.enums import Verdict


class Judgement(SQLModel, table=True):
    """One judgement of a pair of rows of one table (`entity_type`); `left_id` < `right_id`, so a pair has one form."""

    __tablename__ = "judgement"
    __table_args__ = (Index("ix_judgement_pair", "entity_type", "left_id", "right_id"),)

    id: str = Field(primary_key=True)
    entity_type: str
    left_id: str
    right_id: str
    verdict: Verdict
    reason: str = Field(sa_column=Column(Text, nullable=False))
    judged_at: dt.datetime
    judged_by: str
    closed_at: dt.datetime | None = None
    """When a later judgement of the pair, or a retraction, closed it."""
    closed_by: str | None = None
    closed_reason: str | None = Field(default=None, sa_column=Column(Text))
    """A retraction's reason (a judgement closed by a later one has that one's reason)."""


class Redirect(SQLModel, table=True):
    """While open, reads of `merged_id` answer the row `canonical_id` (both of `entity_type`)."""

    __tablename__ = "redirect"

    id: str = Field(primary_key=True)
    entity_type: str
    merged_id: str = Field(index=True)
    canonical_id: str = Field(index=True)
    opened_at: dt.datetime
    closed_at: dt.datetime | None = None
