"""Values of one fact field other than the one the row holds, each with its own citations
(`fact_citation.value_id`): rivals a later source reported (ALTERNATIVE, a dispute), values a
correction or a rank swap closed (SUPERSEDED, the field's history, with when, by whom and why), and rivals
that were ranked preferred (PROMOTED). Together with `fact_citation.added_at` and the change log they let
`db.asof` rebuild any field as it stood at a past moment.
"""

import datetime as dt
import json
from typing import Any

from sqlalchemy import Column, String, Text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal
from sqlmodel import Field, SQLModel

from db.derived import DERIVED_COLUMNS, DERIVED_FROM
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
    """ALTERNATIVE, PROMOTED: when a write recorded it; SUPERSEDED: since when the row held it."""
    recorded_by: str
    opened_at: dt.datetime | None = None
    """When it became a rival, where that is later than `recorded_at`: a held value a rank swap set aside."""
    closed_at: dt.datetime | None = None
    """SUPERSEDED: when the correction (or rank swap) closed it; PROMOTED: when it became the row's value."""
    closed_by: str | None = None
    reason: str | None = None
    """Why the correction was made, as its author gave it."""


class RankChange(SQLModel, table=True):
    """A rival's rank before a `rankValue` changed it (PREFERRED swaps are versioned in `FactValue` itself)."""

    __tablename__ = "rank_change"

    id: int | None = Field(default=None, primary_key=True)
    value_id: str = Field(foreign_key="fact_value.id", index=True)
    at: dt.datetime
    previous: Rank


def stored_value(row: Any, columns: tuple[str, ...] | list[str], derived: bool = False) -> str:
    """A field's columns of `row` and their values, as `FactValue.value` stores them (JSON, dates as ISO).
    With `derived`, also the row's derived columns computed from them (a stored row's value that an `asOf`
    read may put back, filters and sort keys included)."""
    names = list(columns)
    if derived:
        names += [d for d, sources in DERIVED_FROM.items() if hasattr(row, d) and set(sources) & set(columns)]
    return json.dumps({c: _jsonable(getattr(row, c)) for c in names}, sort_keys=True)


def stated_value(stored: str) -> dict[str, Any]:
    """A `FactValue.value` as clients see it: the stated columns only."""
    value: dict[str, Any] = json.loads(stored)
    return {c: v for c, v in value.items() if c not in DERIVED_COLUMNS}


def _jsonable(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


class StoredColumn(ColumnElement[str]):
    """One column of a stored value (`FactValue.value`) in SQL, as text: null when the value lacks it or holds null.
    For filters that match rival values as well as the rows' own."""

    inherit_cache = True
    _traverse_internals = [("value", InternalTraversal.dp_clauseelement), ("column", InternalTraversal.dp_string)]
    type = String()

    def __init__(self, value: Any, column: str) -> None:
        if not column.isidentifier():
            raise ValueError(f"not a column name: {column!r}")
        self.value = value
        self.column = column

    @property
    def _from_objects(self) -> Any:
        return self.value._from_objects


@compiles(StoredColumn)
def _sqlite_column(element: StoredColumn, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_extract({compiler.process(element.value, **kw)}, '$.{element.column}')"


@compiles(StoredColumn, "postgresql")
def _postgresql_column(element: StoredColumn, compiler: SQLCompiler, **kw: Any) -> str:
    return f"(CAST({compiler.process(element.value, **kw)} AS JSONB) ->> '{element.column}')"
