"""The rows exports write, read in batches on one snapshot (`db.snapshot`), so that memory stays flat whatever the
size of the database: each fact row with the citations of its fields and a count of their rival values, the
values disputes and corrections set beside the rows' own, citations with what they support, sources, and the terms of
the vocabularies (the kinds and categories the rows hold)."""

from collections import defaultdict
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import ColumnElement, Select, case, func, select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import col

from db.base import FactTable
from db.enums import ValueStatus
from db.tables import FACT_TABLES, Citation, FactCitation, FactValue, Source, Term

BATCH = 1000
"""Rows read per statement (and the ids of one batch in the `IN (...)` of its citations)."""
CONTEXT = 32
"""Characters of source text kept before and after a quote (a Web Annotation's prefix and suffix)."""
EXPORTED_VALUES = (ValueStatus.ALTERNATIVE, ValueStatus.SUPERSEDED)
"""Rival values still standing, and values a correction or a rank swap closed. A PROMOTED value is the one its
row holds: exported as the row's."""


@dataclass(frozen=True, slots=True)
class Cite:
    """A citation as a cited value lists it: its id, its source and the words quoted."""

    id: str
    source_id: str
    quote: str


@dataclass(frozen=True, slots=True)
class FactRow:
    """A row of a fact table: its columns, the citations of each cited field (in reading order: by source, then
    position), and how many standing rival values each field has (a dispute)."""

    values: Mapping[str, Any]
    cites: Mapping[str, list[Cite]]
    alternatives: Mapping[str, int]


@dataclass(frozen=True, slots=True)
class OtherValue:
    """A value of a field other than the one its row holds (`db.values.FactValue`'s columns; a read-only row),
    with its citations."""

    value: FactValue
    cites: list[Cite]


@dataclass(frozen=True, slots=True)
class Supported:
    """What one citation supports: a field of a row, or a value beside it (`value_id`)."""

    entity_type: str
    entity_id: str
    field: str
    value_id: str | None


@dataclass(frozen=True, slots=True)
class CitationRow:
    """A citation (its columns; a read-only row) with the source text around its quote and all it supports."""

    citation: Citation
    prefix: str
    suffix: str
    supports: list[Supported]


async def batches(conn: AsyncConnection, statement: Select[Any], key: Any) -> AsyncIterator[Sequence[Any]]:
    """The rows of `statement` by ascending `key` (unique), BATCH at a time, each batch a statement of its own."""
    last: Any = None
    while True:
        page = statement if last is None else statement.where(key > last)
        rows = (await conn.execute(page.order_by(key).limit(BATCH))).all()
        if rows:
            yield rows
        if len(rows) < BATCH:
            return
        last = getattr(rows[-1], key.name)


def _cite(row: Any) -> Cite:
    return Cite(row.citation_id, row.source_id, row.quote)


CITE_COLUMNS: tuple[Any, ...] = (
    col(Citation.id).label("citation_id"),
    col(Citation.source_id),
    col(Citation.quote),
)
READING_ORDER = (col(Citation.source_id), col(Citation.start_offset), col(Citation.id))


async def fact_rows(conn: AsyncConnection, table: type[FactTable]) -> AsyncIterator[list[FactRow]]:
    """Every row of `table` by id, with the citations of the values it holds and its fields' rival counts."""
    name = str(table.__tablename__)
    columns: Any = table.__table__.columns  # type: ignore[attr-defined]
    async for rows in batches(conn, select(*columns), columns["id"]):
        ids = [row.id for row in rows]
        cites: dict[str, dict[str, list[Cite]]] = defaultdict(lambda: defaultdict(list))
        linked = (
            select(col(FactCitation.entity_id), col(FactCitation.field), *CITE_COLUMNS)
            .join(Citation, col(Citation.id) == col(FactCitation.citation_id))
            .where(
                col(FactCitation.entity_type) == name,
                col(FactCitation.entity_id).in_(ids),
                col(FactCitation.value_id).is_(None),
            )
            .order_by(*READING_ORDER)
        )
        for link in await conn.execute(linked):
            cites[link.entity_id][link.field].append(_cite(link))
        rivals: dict[str, dict[str, int]] = defaultdict(dict)
        counted = (
            select(col(FactValue.entity_id), col(FactValue.field), func.count())
            .where(
                col(FactValue.entity_type) == name,
                col(FactValue.entity_id).in_(ids),
                col(FactValue.status) == ValueStatus.ALTERNATIVE,
            )
            .group_by(col(FactValue.entity_id), col(FactValue.field))
        )
        for entity_id, field, count in await conn.execute(counted):
            rivals[entity_id][field] = count
        yield [FactRow(row._mapping, cites.get(row.id, {}), rivals.get(row.id, {})) for row in rows]


async def other_values(conn: AsyncConnection) -> AsyncIterator[list[OtherValue]]:
    """Standing rival values and closed former values, by id, each with its citations."""
    values = select(FactValue).where(col(FactValue.status).in_(EXPORTED_VALUES))
    async for rows in batches(conn, values, col(FactValue.id)):
        found = cast(list[FactValue], rows)
        cites: dict[str, list[Cite]] = defaultdict(list)
        linked = (
            select(col(FactCitation.value_id), *CITE_COLUMNS)
            .join(Citation, col(Citation.id) == col(FactCitation.citation_id))
            .where(col(FactCitation.value_id).in_([value.id for value in found]))
            .order_by(*READING_ORDER)
        )
        for link in await conn.execute(linked):
            cites[link.value_id].append(_cite(link))
        yield [OtherValue(value, cites.get(value.id, [])) for value in found]


def _before(text: Any, start: Any) -> ColumnElement[str]:
    """The CONTEXT characters of `text` before offset `start` (SQL's substr counts characters from 1)."""
    return func.substr(
        text, case((start > CONTEXT, start - CONTEXT + 1), else_=1), case((start > CONTEXT, CONTEXT), else_=start)
    )


async def citation_rows(conn: AsyncConnection) -> AsyncIterator[list[CitationRow]]:
    """Every citation by id, with CONTEXT characters of its source around the quote and what it supports."""
    columns: Any = Citation.__table__.columns  # type: ignore[attr-defined]
    citations = select(
        *columns,
        _before(col(Source.text), col(Citation.start_offset)).label("prefix"),
        func.substr(col(Source.text), col(Citation.end_offset) + 1, CONTEXT).label("suffix"),
    ).join(Source, col(Source.id) == col(Citation.source_id))
    async for rows in batches(conn, citations, col(Citation.id)):
        supports: dict[str, list[Supported]] = defaultdict(list)
        linked = (
            select(
                col(FactCitation.citation_id),
                col(FactCitation.entity_type),
                col(FactCitation.entity_id),
                col(FactCitation.field),
                col(FactCitation.value_id),
            )
            .where(col(FactCitation.citation_id).in_([row.id for row in rows]))
            .order_by(col(FactCitation.id))
        )
        for link in await conn.execute(linked):
            supports[link.citation_id].append(Supported(*link[1:]))
        yield [CitationRow(cast(Citation, row), row.prefix, row.suffix, supports[row.id]) for row in rows]


async def sources(conn: AsyncConnection, text: bool) -> AsyncIterator[list[Source]]:
    """Every source by id; with `text`, its full text (else the rows have no `text`)."""
    columns: Any = Source.__table__.columns  # type: ignore[attr-defined]
    chosen = [column for column in columns if text or column.name != "text"]
    async for rows in batches(conn, select(*chosen), columns["id"]):
        yield cast(list[Source], rows)


async def terms(conn: AsyncConnection) -> AsyncIterator[list[Term]]:
    """Every term of the vocabularies, base and added, by id."""
    columns: Any = Term.__table__.columns  # type: ignore[attr-defined]
    async for rows in batches(conn, select(*columns), columns["id"]):
        yield cast(list[Term], rows)


async def exported_rows(conn: AsyncConnection) -> int:
    """How many rows an export reads: facts, other values, citations, sources and terms (what progress counts)."""
    total = 0
    for table in FACT_TABLES.values():
        total += (await conn.execute(select(func.count()).select_from(table))).scalar_one()
    for counted in (
        select(func.count()).select_from(FactValue).where(col(FactValue.status).in_(EXPORTED_VALUES)),
        select(func.count()).select_from(Citation),
        select(func.count()).select_from(Source),
        select(func.count()).select_from(Term),
    ):
        total += (await conn.execute(counted)).scalar_one()
    return int(total)
