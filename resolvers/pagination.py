"""Keyset pagination: a page of rows after or before a cursor, in a stable order, in one statement.

A cursor is the page row's sort key, encoded; it stays valid when rows are added before it, unlike an
offset.
"""

import base64
import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import orjson
from sqlalchemy import Select, func, select, tuple_

from resolvers.reads import Reads

KeyKind = Literal["date", "str", "int"]


class PaginationError(ValueError):
    """The client asked for a page that cannot be served; the message names the argument and the limit."""


@dataclass(frozen=True)
class SortKey:
    """One component of an ordering: a SQL expression and how to read the same value off a row."""

    expression: Any
    """A SQL expression (a column, or a function of columns)."""
    value: Callable[[Any], Any]
    kind: KeyKind


@dataclass(frozen=True)
class Ordering:
    """A total order (its last key must be unique, normally the id), ascending or descending."""

    keys: tuple[SortKey, ...]
    descending: bool = False


@dataclass(frozen=True)
class PageRequest:
    first: int | None = None
    after: str | None = None
    last: int | None = None
    before: str | None = None


@dataclass(frozen=True)
class Page:
    rows: Sequence[Any]
    ordering: Ordering
    has_next: bool
    has_previous: bool

    def cursor(self, row: Any) -> str:
        """The cursor of one of `rows`: encoded on demand, since most queries select no edge's cursor."""
        return encode_cursor(self.ordering, row)


def encode_cursor(ordering: Ordering, row: Any) -> str:
    values = [_encode_value(key.value(row)) for key in ordering.keys]
    return base64.urlsafe_b64encode(json.dumps(values, separators=(",", ":")).encode()).decode().rstrip("=")


MAX_CURSOR_LENGTH = 512
"""Longer than any cursor of ours (a sort key of a few values)."""
INT_RANGE = range(-(2**63), 2**63)
"""The integers a database column holds; a key outside it cannot be one of ours."""


def decode_cursor(ordering: Ordering, cursor: str, argument: str) -> tuple[Any, ...]:
    """The sort key a cursor stands for; a cursor from another ordering or not ours is a PaginationError."""
    shown = repr(cursor) if len(cursor) <= 60 else repr(cursor[:60]) + "…"
    try:
        if len(cursor) > MAX_CURSOR_LENGTH:
            raise ValueError("too long")
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = orjson.loads(raw)
        if not isinstance(values, list) or len(values) != len(ordering.keys):
            raise ValueError("wrong length")
        return tuple(_decode_value(key.kind, v) for key, v in zip(ordering.keys, values, strict=True))
    except (ValueError, TypeError) as exc:
        raise PaginationError(f"{argument}: {shown} is not a valid cursor for this list and order") from exc


def _encode_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _decode_value(kind: KeyKind, value: Any) -> Any:
    if kind == "date":
        return dt.date.fromisoformat(value)
    if kind == "int" and isinstance(value, int) and not isinstance(value, bool) and value in INT_RANGE:
        return value
    if kind == "str" and isinstance(value, str):
        return value
    raise ValueError(f"expected {kind}")


def _page_size(request: PageRequest, default: int, maximum: int) -> tuple[int, bool]:
    """How many rows, and whether counted from the end (`last`)."""
    if request.first is not None and request.last is not None:
        raise PaginationError("pass either first or last, not both")
    for name, value in (("first", request.first), ("last", request.last)):
        if value is not None and not 0 <= value <= maximum:
            raise PaginationError(f"{name} must be between 0 and {maximum} (the maximum page size), got {value}")
    if request.last is not None:
        return request.last, True
    return (request.first if request.first is not None else default), False


async def fetch_page(
    reads: Reads,
    query: Select[Any],
    ordering: Ordering,
    request: PageRequest,
    default_size: int,
    max_size: int,
) -> Page:
    """One page of the rows `query` selects (a single entity), in `ordering`, in one statement."""
    size, from_end = _page_size(request, default_size, max_size)
    keys = tuple_(*(k.expression for k in ordering.keys))
    forward = not ordering.descending
    if request.after is not None:
        after = tuple_(*decode_cursor(ordering, request.after, "after"))
        query = query.where(keys > after if forward else keys < after)
    if request.before is not None:
        before = tuple_(*decode_cursor(ordering, request.before, "before"))
        query = query.where(keys < before if forward else keys > before)
    ascending = forward != from_end
    order = [k.expression.asc() if ascending else k.expression.desc() for k in ordering.keys]
    async with reads.connection() as connection:
        rows = list((await connection.execute(query.order_by(*order).limit(size + 1))).all())
    more = len(rows) > size
    rows = rows[:size]
    if from_end:
        rows.reverse()
    return Page(
        rows=rows,
        ordering=ordering,
        has_next=more if not from_end else request.before is not None,
        has_previous=more if from_end else request.after is not None,
    )


async def count_rows(reads: Reads, query: Select[Any]) -> int:
    """How many rows `query` selects, ignoring pagination."""
    async with reads.connection() as connection:
        counted = select(func.count()).select_from(query.order_by(None).subquery())
        total = (await connection.execute(counted)).scalar()
    return int(total or 0)
