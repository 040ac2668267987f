"""Typed access to the request context from resolvers, and building schema types from loaded rows."""

from collections.abc import Sequence
from typing import Any, ClassVar, Protocol, TypeVar

from strawberry.types import Info

from db.merging import MERGEABLE
from db.tables import FACT_TABLES
from resolvers.context import Context
from resolvers.evidence import FieldEvidence
from resolvers.merges import combined

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
    return await with_merged(info, cls, [cls.from_row(row, ev) for row, ev in zip(rows, evidence, strict=True)])


async def build_page(info: Info[Context, None], cls: type[Built], rows: Sequence[Row]) -> list[Built]:
    """`build_all` for a caller holding a whole page of rows: the evidence comes in one direct batch.
    Resolvers that run once per parent must use `build_all`, whose loads coalesce across them."""
    keys = [(cls.TABLE, row.id) for row in rows]
    evidence = await info.context.loaders.citations_by_entity.load_page(keys)
    return await with_merged(info, cls, [cls.from_row(row, ev) for row, ev in zip(rows, evidence, strict=True)])


async def build_one(info: Info[Context, None], cls: type[Built], table: type[Any], row_id: str | None) -> Built | None:
    """The object for one id, or None when there is no such row. An id SAME judgements merged into another gives
    the canonical object (`Node.id` is the canonical id)."""
    if row_id is None:
        return None
    if cls.TABLE in MERGEABLE:
        row_id = (await info.context.loaders.merges()).canonical_of(cls.TABLE, row_id)
    found = await info.context.loaders.row_with_evidence.load((table, row_id))
    return None if found is None else (await with_merged(info, cls, [cls.from_row(*found)]))[0]


async def with_merged(info: Info[Context, None], cls: type[Built], built: list[Built]) -> list[Built]:
    """The objects, each canonical one rebuilt from its row and the rows merged into it (`resolvers.merges`), which
    it keeps as `merged`. Objects of tables that cannot be merged are returned as they are, with no read."""
    if cls.TABLE not in MERGEABLE or not built:
        return built
    loaders = info.context.loaders
    merges = await loaders.merges()
    table = FACT_TABLES[cls.TABLE]
    result: list[Built] = []
    for found in built:
        plain: Any = found
        ids = merges.merged_into(cls.TABLE, plain.row.id)
        if not ids:
            result.append(found)
            continue
        members = [m for m in await loaders.row_with_evidence.load_many([(table, i) for i in ids]) if m is not None]
        rebuilt: Any = cls.from_row(*combined(table, (plain.row, plain.evidence), members))
        rebuilt.merged = tuple(members)
        result.append(rebuilt)
    return result


async def build_children(
    info: Info[Context, None], cls: type[Built], table: type[Any], column: str, key: str | Sequence[str]
) -> list[Built]:
    """The objects whose `column` points at `key` (a parent's children), in id order; for several keys (a merged
    record's ids), the children of each key in turn."""
    loader = info.context.loaders.by_column(table, column)
    if isinstance(key, str):
        return await build_all(info, cls, await loader.load(key))
    rows = [row for found in await loader.load_many(list(key)) for row in found]
    return await build_all(info, cls, rows)


async def build_ref(info: Info[Context, None], cls: type[Built], table: type[Any], row_id: str) -> Built:
    """The object a non-null foreign key points at; the database guarantees it exists."""
    built = await build_one(info, cls, table, row_id)
    if built is None:
        raise LookupError(f"{table.__tablename__} {row_id!r} is referenced but missing")
    return built
