"""Proposals: candidate facts the proposer found in a stored source, kept apart from the facts until an editor
accepts one (its fragment is then ingested) or rejects it. The id is a fingerprint of the source, kind, span and
fragment, so proposing again adds nothing, and a rejected proposal stays rejected."""

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column, Index, Text
from sqlmodel import Field, SQLModel

from db.enums import ProposalKind, ProposalStatus


class Proposal(SQLModel, table=True):
    """One candidate fact at `start`:`end` of its source (`quote` is the text there); `facts` is the fact-document
    fragment accepting it ingests."""

    __tablename__ = "proposal"
    __table_args__ = (Index("ix_proposal_source_status", "source_id", "status"),)

    id: str = Field(primary_key=True)
    source_id: str = Field(foreign_key="source.id")
    kind: ProposalKind
    status: ProposalStatus
    confidence: float
    start_offset: int
    end_offset: int
    quote: str = Field(sa_column=Column(Text, nullable=False))
    summary: str = Field(sa_column=Column(Text, nullable=False))
    facts: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    proposed_at: dt.datetime
    proposed_by: str
    decided_at: dt.datetime | None = None
    decided_by: str | None = None
    reason: str | None = Field(default=None, sa_column=Column(Text))
