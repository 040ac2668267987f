"""Values of one fact field other than the one the row holds, each with its own citations
(`fact_citation.value_id`): rivals a later source reported (ALTERNATIVE, a dispute), and values a
correction closed (SUPERSEDED, the field's history, with when, by whom and why).
"""

import datetime as dt
import json
from typing import Any

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from db.enums import Rank, ValueStatus


class FactValue(SQLModel, table=True):
    """Another value for one field of one row (`entity_type` is the table name), with who recorded it."""

    __tablename__ = "fact_value"

    id: str = Field(primary_key=True)
    entity_type: str = Field(index=True)
    entity_id: str = Field(index=True)
    field: str
    value: str = Field(sa_column=Column(Text, nullable=False))
    """The field's columns and their values, as a JSON object (dates as ISO text)."""
    status: ValueStatus = ValueStatus.ALTERNATIVE
    rank: Rank = Rank.NORMAL
    recorded_at: dt.datetime
    recorded_by: str
    closed_at: dt.datetime | None = None
    """For SUPERSEDED values: when the correction closed it."""
    closed_by: str | None = None
    reason: str | None = None
    """Why the correction was made, as its author gave it."""


def stored_value(row: Any, columns: tuple[str, ...] | list[str]) -> str:
    """A field's columns of `row` and their values, as `FactValue.value` stores them (JSON, dates as ISO)."""
    return json.dumps({c: _jsonable(getattr(row, c)) for c in columns}, sort_keys=True)


def _jsonable(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value
