"""Typed access to the request context from resolvers, and building schema types from loaded rows."""

from collections.abc import Sequence
from typing import Any, ClassVar, Protocol, TypeVar

from strawberry.types import Info

from resolvers.context import Context
from resolvers.evidence import FieldEvidence

Row = Any
Built = TypeVar("Built", bound="FromRow")


class FromRow(Protocol):
    """A schema type built from a table row and that row's evidence."""

    TABLE: ClassVar[str]

    @classmethod
    def from_row(cls: type[Built], row: Any, evidence: FieldEvidence) -> Built: ...


def context(info: Info[Context, None]) -> Context:
    return info.context


async def build_all(info: Info[Context, None], cls: type[Built], rows: Sequence[Row]) -> list[Built]:
    """Build one schema object per row, loading the evidence of all of them in one batch."""
    keys = [(cls.TABLE, row.id) for row in rows]
    evidence = await info.context.loaders.citations_by_entity.load_many(keys)
    return [cls.from_row(row, ev) for row, ev in zip(rows, evidence, strict=True)]


async def build_page(info: Info[Context, None], cls: type[Built], rows: Sequence[Row]) -> list[Built]:
    """`build_all` for a caller holding a whole page of rows: the evidence comes in one direct batch.
    Resolvers that run once per parent must use `build_all`, whose loads coalesce across them."""
    keys = [(cls.TABLE, row.id) for row in rows]
    evidence = await info.context.loaders.citations_by_entity.load_page(keys)
    return [cls.from_row(row, ev) for row, ev in zip(rows, evidence, strict=True)]


async def build_one(info: Info[Context, None], cls: type[Built], table: type[Any], row_id: str | None) -> Built | None:
    """The object for one id, or None when there is no such row."""
    if row_id is None:
        return None
    found = await info.context.loaders.row_with_evidence.load((table, row_id))
    return None if found is None else cls.from_row(*found)


async def build_children(
    info: Info[Context, None], cls: type[Built], table: type[Any], column: str, key: str
) -> list[Built]:
    """The objects whose `column` points at `key` (a parent's children), in id order."""
    rows = await info.context.loaders.by_column(table, column).load(key)
    return await build_all(info, cls, rows)


async def build_ref(info: Info[Context, None], cls: type[Built], table: type[Any], row_id: str) -> Built:
    """The object a non-null foreign key points at; the database guarantees it exists."""
    built = await build_one(info, cls, table, row_id)
    if built is None:
        raise LookupError(f"{table.__tablename__} {row_id!r} is referenced but missing")
    return built
