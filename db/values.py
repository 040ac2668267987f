"""Rival values of one fact field: what a later source reported differently from the value stored.

The entity row holds the value reads return; each rival value reported since is kept here with its own
citations (`fact_citation.value_id`), so that both stay visible as a dispute.
"""

import datetime as dt

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from db.enums import Rank


class FactValue(SQLModel, table=True):
    """Another value for one field of one row (`entity_type` is the table name), with who recorded it."""

    __tablename__ = "fact_value"

    id: str = Field(primary_key=True)
    entity_type: str = Field(index=True)
    entity_id: str = Field(index=True)
    field: str
    value: str = Field(sa_column=Column(Text, nullable=False))
    """The field's columns and their values, as a JSON object (dates as ISO text)."""
    rank: Rank = Rank.NORMAL
    recorded_at: dt.datetime
    recorded_by: str
