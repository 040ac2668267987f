"""Per-request DataLoaders: every batch of keys becomes one SQL statement.

Built fresh for each request by `resolvers.context.Context`; never share them across requests, since
they cache rows.
"""

import asyncio
from collections import defaultdict, namedtuple
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from sqlalchemy import ARRAY, Dialect, Select, any_, bindparam, literal_column, null, union_all
from sqlalchemy import cast as sa_cast
from sqlalchemy import select as sa_select
from sqlalchemy.orm import aliased
from sqlmodel import SQLModel, col
from strawberry.dataloader import DataLoader

from db.engine import driver_ran
from db.enums import CitationKind, Rank
from db.tables import Citation, FactCitation, FactValue, Organization, Person, Source
from resolvers.evidence import AgentRef, CitationRecord, Evidence, FieldEvidence, Rival, RowEvidence
from resolvers.reads import AsyncReads, ReadConnection, Reads, SyncReads

if TYPE_CHECKING:
    from resolvers.merges import Merges

Row = TypeVar("Row", bound=SQLModel)


KEY = "key"
KEYS = "keys"
"""The bound parameters loader statements take their keys in: one KEY, or an expanding list of KEYS."""


@dataclass(frozen=True)
class DriverStatement:
    """A statement compiled once for one dialect (and, for an expanding list of keys, one list length): the SQL
    the driver runs, its parameters' names in order with their bind processors, and how to make its rows."""

    sql: str
    parameters: tuple[tuple[str, Callable[[Any], Any] | None], ...]
    processors: tuple[tuple[int, Callable[[Any], Any]], ...]
    """(column index, result processor) for the columns whose driver value SQLAlchemy would convert."""
    row: type[tuple[Any, ...]]
    """A named tuple with the statement's column names, for rows read by attribute."""
    array: bool
    """KEYS is bound as one list (PostgreSQL's `= ANY(:keys)`), not one parameter per key."""

    @classmethod
    def compile(cls, statement: Select[Any], dialect: Dialect, keys: int | None) -> "DriverStatement":
        """`statement` for `dialect` (a driver with positional placeholders: `?` or `$n`); with `keys`, its
        expanding KEYS parameter rendered for that many keys (`?` only)."""
        if dialect.paramstyle not in ("qmark", "numeric_dollar"):
            raise ValueError(f"driver statements need positional parameters, not {dialect.paramstyle}")
        compiled: Any = statement.compile(dialect=dialect)
        sql: str = compiled.string
        names: list[str] = []
        for name in compiled.positiontup:
            if name == KEYS and keys is not None:
                sql = sql.replace(f"__[POSTCOMPILE_{KEYS}]", ", ".join(["?"] * keys), 1)
                names += [KEYS] * keys
            else:
                names.append(name)
        binds = compiled.binds
        parameters = tuple((name, binds[name].type.dialect_impl(dialect).bind_processor(dialect)) for name in names)
        types = [column.type.dialect_impl(dialect) for column in statement.selected_columns]
        found = ((i, t.result_processor(dialect, None)) for i, t in enumerate(types))
        processors = tuple((i, processor) for i, processor in found if processor is not None)
        row = namedtuple("Row", statement.selected_columns.keys(), rename=True)  # type: ignore[misc]
        return cls(sql, parameters, processors, row, keys is None and KEYS in names)

    def values(self, keys: Sequence[str], parameters: dict[str, Any]) -> list[Any]:
        """The driver's parameter values for `keys` and the named `parameters`, in order."""
        values: list[Any] = []
        position = 0
        for name, bind in self.parameters:
            if name == KEYS:
                value: Any = list(keys) if self.array else keys[position]
                position += 1
            else:
                value = keys[0] if name == KEY else parameters[name]
            values.append(value if bind is None else bind(value))
        return values

    def rows(self, rows: Sequence[Any], process: bool) -> list[Any]:
        """The driver's rows named and converted with `process`, else as they are (tuples, or asyncpg's
        records, which index and slice alike)."""
        if not process:
            return list(rows)
        make = self.row._make  # type: ignore[attr-defined]
        if not self.processors:
            return [make(row) for row in rows]
        processed = []
        for row in rows:
            columns = list(row)
            for i, processor in self.processors:
                columns[i] = processor(columns[i])
            processed.append(make(columns))
        return processed

    def run(self, driver: Any, keys: Sequence[str], parameters: dict[str, Any], process: bool) -> list[Any]:
        """The rows for `keys` from the DB-API connection `driver` (SQLite's)."""
        return self.rows(driver.execute(self.sql, self.values(keys, parameters)).fetchall(), process)

    async def fetch(
        self, connection: AsyncReads, keys: Sequence[str], parameters: dict[str, Any], process: bool
    ) -> list[Any]:
        """The rows for `keys` from the connection's asyncpg connection."""
        return self.rows(await connection.fetch(self.sql, self.values(keys, parameters)), process)


@dataclass(frozen=True)
class KeyedStatement:
    """A statement in three forms: `column = :key` for one key, `column IN (:keys)` for several, and
    `column = ANY(:keys)` for several on PostgreSQL, whose text does not change with the number of keys (so
    asyncpg prepares it once per connection, and the server plans it as such). It runs on the driver's
    connection, compiled once per dialect (and list length, for IN): SQLAlchemy's execution (and rendering an
    expanding IN anew each time) costs more than a small read. Elsewhere, through SQLAlchemy."""

    one: Select[Any]
    many: Select[Any]
    array: Select[Any]

    @classmethod
    def build(cls, statement: Callable[[Callable[[Any], Any]], Select[Any]]) -> "KeyedStatement":
        """From `statement(match)`, where `match(column)` is the condition that picks the keys."""
        return cls(
            statement(lambda column: column == bindparam(KEY)),
            statement(lambda column: column.in_(bindparam(KEYS, expanding=True))),
            statement(lambda column: column == any_(bindparam(KEYS, type_=ARRAY(column.type)))),
        )

    async def execute(self, connection: ReadConnection, keys: Sequence[str], **parameters: Any) -> Sequence[Any]:
        """The rows, their columns readable by name and converted as SQLAlchemy converts them."""
        return await self._run(connection, keys, parameters, True)

    async def tuples(self, connection: ReadConnection, keys: Sequence[str], **parameters: Any) -> Sequence[Any]:
        """The rows as the driver returns them, without conversion (for statements whose columns need none,
        or whose callers convert them): thousands of rows cost a third less."""
        return await self._run(connection, keys, parameters, False)

    async def _run(
        self, connection: ReadConnection, keys: Sequence[str], parameters: dict[str, Any], process: bool
    ) -> Sequence[Any]:
        if isinstance(connection, SyncReads):
            compiled = self.driver_statement(connection.dialect, len(keys))
            return compiled.run(connection.driver, keys, parameters, process)
        if connection.driver is not None:
            compiled = _driver_statement(self, connection.dialect, None, True)
            driver_ran(connection.sync_engine, compiled.sql)
            return await compiled.fetch(connection, keys, parameters, process)
        values: dict[str, Any] = {**parameters}
        if len(keys) == 1:
            statement, values[KEY] = self.one, keys[0]
        else:
            statement, values[KEYS] = self.many, list(keys)
        rows: Sequence[Any] = (await connection.execute(statement, values)).all()
        return rows

    def driver_statement(self, dialect: Dialect, keys: int) -> DriverStatement:
        return _driver_statement(self, dialect, keys if keys > 1 else None, False)


@lru_cache(maxsize=1024)
def _driver_statement(statement: "KeyedStatement", dialect: Dialect, keys: int | None, array: bool) -> DriverStatement:
    chosen = statement.array if array else statement.one if keys is None else statement.many
    return DriverStatement.compile(chosen, dialect, keys)


@cache
def rows_statement(table: type[SQLModel], column: str, without: tuple[str, ...] = ()) -> KeyedStatement:
    """Rows of `table` whose `column` is one of the keys, in id order. Built once: constructing a statement
    and its cache key costs more than running it on small batches."""
    columns: Any = table.__table__.columns  # type: ignore[attr-defined]
    chosen = [c for c in columns if c.name not in without]
    return KeyedStatement.build(lambda match: sa_select(*chosen).where(match(columns[column])).order_by(columns["id"]))


async def read_rows(
    reads: Reads, table: type[Row], column: str, keys: Sequence[str], without: tuple[str, ...] = ()
) -> list[Row]:
    """Rows of `table` whose `column` is one of `keys`, in id order, as light read-only rows.

    They have the table's column attributes (typed as the table class for callers) but skip the ORM's
    identity map and instrumentation, which cost more than the query itself on large pages.
    """
    async with reads.connection() as connection:
        return cast(list[Row], list(await rows_statement(table, column, without).execute(connection, keys)))


K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class PageLoader(DataLoader[K, V]):
    """A DataLoader that can also take a whole page's keys at once."""

    async def load_page(self, keys: Sequence[K]) -> list[V]:
        """The value of every key, those not yet cached fetched directly in one batch. For a caller holding a
        page's keys together; `load_many` costs a future and an event-loop round per key, which is what
        coalesces scattered callers and what a page does not need."""
        cache = self.cache_map
        missing = list(dict.fromkeys(k for k in keys if cache.get(k) is None))
        if missing:
            for key, value in zip(missing, await self.load_fn(missing), strict=True):
                if isinstance(value, BaseException):
                    raise value
                future = self.loop.create_future()
                future.set_result(value)
                cache.set(key, future)
        values: list[V] = []
        for key in keys:
            cached = cache.get(key)
            if cached is None:
                raise LookupError(f"{key!r} left the cache while its page was loading")
            values.append(cached.result() if cached.done() else await cached)
        return values


class RowByIdLoader(PageLoader[str, Row | None], Generic[Row]):
    """Rows of one table by primary key, optionally `without` some large columns; a missing id loads as None."""

    def __init__(self, reads: Reads, table: type[Row], without: tuple[str, ...] = ()) -> None:
        self.reads = reads
        self.table = table
        self.without = without
        super().__init__(load_fn=self._load)

    async def _load(self, ids: list[str]) -> Sequence[Row | None]:
        rows = await read_rows(self.reads, self.table, "id", ids, self.without)
        by_id = {getattr(row, "id"): row for row in rows}  # noqa: B009
        return [by_id.get(i) for i in ids]


class RowsByColumnLoader(PageLoader[str, list[Row]], Generic[Row]):
    """Rows of one table whose `column` equals the key (the children of a parent), in id order."""

    def __init__(self, reads: Reads, table: type[Row], column: str) -> None:
        self.reads = reads
        self.table = table
        self.column = column
        super().__init__(load_fn=self._load)

    async def _load(self, keys: list[str]) -> Sequence[list[Row]]:
        rows = await read_rows(self.reads, self.table, self.column, keys)
        grouped: dict[str, list[Row]] = defaultdict(list)
        for row in rows:
            grouped[getattr(row, self.column)].append(row)
        return [grouped.get(k, []) for k in keys]


EntityKey = tuple[str, str]
"""(table name, row id)"""


async def per_table(
    connection: ReadConnection, statement: KeyedStatement, keys: Sequence[EntityKey], tuples: bool = False
) -> list[Any]:
    """The rows of a statement keyed by (`entity_type`, ids), one execution per table among `keys` (as
    driver tuples with `tuples`, see `KeyedStatement.tuples`)."""
    ids_by_table: dict[str, list[str]] = defaultdict(list)
    for table, entity_id in keys:
        ids_by_table[table].append(entity_id)
    run = statement.tuples if tuples else statement.execute
    rows: list[Any] = []
    for table, ids in ids_by_table.items():
        rows.extend(await run(connection, ids, entity_type=table))
    return rows


class CitationsByEntityLoader(PageLoader[EntityKey, FieldEvidence]):
    """All citations of a row, by field, with their sources and speakers resolved in batches."""

    def __init__(self, reads: Reads, loaders: "Loaders") -> None:
        self.reads = reads
        self.loaders = loaders
        super().__init__(load_fn=self._load)

    async def _load(self, keys: list[EntityKey]) -> Sequence[FieldEvidence]:
        async with self.reads.connection() as connection:
            rows = await per_table(connection, LINKED_CITATIONS, keys, tuples=True)
        return await self.field_evidence(keys, rows)

    async def field_evidence(self, keys: Sequence[EntityKey], rows: Sequence[Any]) -> list[FieldEvidence]:
        """The evidence of each key's fields, from LINKED_CITATIONS rows (sources loaded for those not loaded)."""
        evidence = await self.loaders.evidence_of_rows(rows)
        result: dict[EntityKey, FieldEvidence] = {}
        several: list[list[Evidence]] = []
        for row in rows:
            found = evidence.get(row[0])
            if found is not None:
                entity_type, entity_id, field = row[LINK_COLUMNS]
                fields = result.get((entity_type, entity_id))
                if fields is None:
                    fields = result[(entity_type, entity_id)] = RowEvidence(entity_type, entity_id)
                items = fields.get(field)
                if items is None:
                    fields[field] = [found]
                else:
                    items.append(found)
                    if len(items) == 2:
                        several.append(items)
        for items in several:
            items.sort(key=EVIDENCE_ORDER)
        return [result.get(key) or RowEvidence(*key) for key in keys]


class RowWithEvidenceLoader(PageLoader[tuple[type[Any], str], tuple[Any, FieldEvidence] | None]):
    """A row of a fact table by (table, id) with its evidence, both in one loader round: looking up one object
    (`node(id)`, a reference) would otherwise wait a round for the row and another for its citations."""

    def __init__(self, loaders: "Loaders") -> None:
        self.loaders = loaders
        super().__init__(load_fn=self._load)

    async def _load(self, keys: list[tuple[type[Any], str]]) -> Sequence[tuple[Any, FieldEvidence] | None]:
        ids_by_table: dict[type[Any], list[str]] = defaultdict(list)
        for table, row_id in keys:
            ids_by_table[table].append(row_id)
        found: dict[tuple[type[Any], str], tuple[Any, FieldEvidence]] = {}
        for table, ids in ids_by_table.items():
            if self.loaders.reads.round_trips:
                await self._read_in_one_statement(table, ids)
            rows = [row for row in await self.loaders.by_id(table).load_page(ids) if row is not None]
            name = table.__tablename__
            evidence = await self.loaders.citations_by_entity.load_page([(name, row.id) for row in rows])
            found.update(((table, row.id), (row, ev)) for row, ev in zip(rows, evidence, strict=True))
        return [found.get(key) for key in keys]

    async def _read_in_one_statement(self, table: type[SQLModel], ids: list[str]) -> None:
        """Load the rows of `ids` not loaded yet, their citations and those citations' sources in one statement
        (`LookupStatement`), into the loaders that `_load` then reads: three round trips become one."""
        by_id = self.loaders.by_id(table)
        missing = [i for i in dict.fromkeys(ids) if by_id.cache_map.get(i) is None]
        if not missing:
            return
        lookup = lookup_statement(table)
        name: str = table.__table__.name  # type: ignore[attr-defined]
        async with self.loaders.reads.connection() as held:
            connection = cast(AsyncReads, held)
            compiled = _driver_statement(lookup.statement, connection.dialect, None, True)
            driver_ran(connection.sync_engine, compiled.sql)
            records = await compiled.fetch(connection, missing, {"entity_type": name}, False)
            rows_of = _driver_statement(lookup.rows, connection.dialect, None, True)
            sources_of = _driver_statement(lookup.sources, connection.dialect, None, True)
        parts: tuple[list[Any], list[Any], list[Any]] = ([], [], [])
        for record in records:
            parts[record[0]].append(record)
        rows = rows_of.rows([r[lookup.row_columns] for r in parts[0]], True)
        by_id.prime_many({i: None for i in missing} | {row.id: row for row in rows}, force=True)
        sources = sources_of.rows([r[lookup.source_columns] for r in parts[2]], True)
        self.loaders.source_by_id.prime_many({source.id: source for source in sources})
        keys = [(name, i) for i in missing]
        citations = self.loaders.citations_by_entity
        evidence = await citations.field_evidence(keys, [r[lookup.citation_columns] for r in parts[1]])
        citations.prime_many(dict(zip(keys, evidence, strict=True)))


@dataclass(frozen=True)
class LookupStatement:
    """One statement for a lookup of a table's rows by id: the rows (part 0), their LINKED_CITATIONS (part 1) and
    those citations' sources without their text (part 2), as a UNION ALL whose first column is the part and whose
    other columns are each part's own, NULL in the other parts' records."""

    statement: KeyedStatement
    """Run only in its `= ANY(:keys)` form (PostgreSQL's)."""
    rows: KeyedStatement
    sources: KeyedStatement
    row_columns: slice
    citation_columns: slice
    source_columns: slice


@cache
def lookup_statement(table: type[SQLModel]) -> LookupStatement:
    rows = rows_statement(table, "id")
    sources = rows_statement(Source, "id", ("text",))
    table_columns: Any = table.__table__.columns  # type: ignore[attr-defined]
    keys = bindparam(KEYS, type_=ARRAY(table_columns["id"].type))
    citations = LINKED_CITATIONS.array
    row_columns = list(rows.array.selected_columns)
    citation_columns = list(citations.selected_columns)
    source_columns = list(sources.array.selected_columns)
    widths = (len(row_columns), len(citation_columns), len(source_columns))

    def record(part: int, columns: list[Any]) -> list[Any]:
        slots: list[Any] = [literal_column(str(part)).label("part")]
        for n, own in enumerate((row_columns, citation_columns, source_columns)):
            if n == part:
                slots += [c.label(f"p{part}_{i}") for i, c in enumerate(columns)]
            else:
                slots += [sa_cast(null(), c.type).label(f"p{n}_{i}") for i, c in enumerate(own)]
        return slots

    link = (
        col(FactCitation.entity_type) == bindparam("entity_type"),
        col(FactCitation.entity_id) == any_(keys),
        col(FactCitation.value_id).is_(None),
    )
    linked = citation_query(col(FactCitation.entity_type), col(FactCitation.entity_id), col(FactCitation.field))
    linked = linked.join(FactCitation, col(FactCitation.citation_id) == col(Citation.id)).where(*link)
    cited_sources = (
        sa_select(col(Citation.source_id))
        .join(FactCitation, col(FactCitation.citation_id) == col(Citation.id))
        .where(*link)
    )
    statement = union_all(
        sa_select(*record(0, row_columns)).where(table_columns["id"] == any_(keys)),
        linked.with_only_columns(*record(1, citation_columns), maintain_column_froms=False),
        sa_select(*record(2, source_columns)).where(col(Source.id).in_(cited_sources)),
    )
    first = 1
    slices = []
    for width in widths:
        slices.append(slice(first, first + width))
        first += width
    same = sa_select(statement.subquery())
    return LookupStatement(KeyedStatement(same, same, same), rows, sources, *slices)


SPEAKER_PERSON = aliased(Person)
SPEAKER_ORGANIZATION = aliased(Organization)
VIA_PERSON = aliased(Person)
VIA_ORGANIZATION = aliased(Organization)


CITATION_COLUMNS: list[Any] = [col(getattr(Citation, name)) for name in CitationRecord._fields]
AGENT_COLUMNS: list[Any] = [
    col(Citation.attributed_person_id),
    col(SPEAKER_PERSON.name),
    col(Citation.attributed_organization_id),
    col(SPEAKER_ORGANIZATION.name),
    col(Citation.via_person_id),
    col(VIA_PERSON.name),
    col(Citation.via_organization_id),
    col(VIA_ORGANIZATION.name),
]
RECORD_COLUMNS = slice(0, len(CITATION_COLUMNS))
SPEAKER_COLUMNS = slice(len(CITATION_COLUMNS), len(CITATION_COLUMNS) + 4)
VIA_COLUMNS = slice(len(CITATION_COLUMNS) + 4, len(CITATION_COLUMNS) + 8)
LINK_COLUMNS = slice(len(CITATION_COLUMNS) + 8, len(CITATION_COLUMNS) + 11)
SPEAKER_PRESENT = len(CITATION_COLUMNS)
VIA_PRESENT = len(CITATION_COLUMNS) + 4
"""Where each part of a `citation_query` row stands: rows are read by position, which costs a tenth of
reading them by attribute name on the thousands of rows of a large page."""


def citation_query(*extra: Any) -> Select[Any]:
    """Citation rows (CITATION_COLUMNS, then AGENT_COLUMNS, then `extra`) with the names of their speaker and
    intermediary, in one statement whatever the page."""
    query: Select[Any] = sa_select(*CITATION_COLUMNS, *AGENT_COLUMNS, *extra)
    return (
        query.outerjoin(SPEAKER_PERSON, col(SPEAKER_PERSON.id) == col(Citation.attributed_person_id))
        .outerjoin(SPEAKER_ORGANIZATION, col(SPEAKER_ORGANIZATION.id) == col(Citation.attributed_organization_id))
        .outerjoin(VIA_PERSON, col(VIA_PERSON.id) == col(Citation.via_person_id))
        .outerjoin(VIA_ORGANIZATION, col(VIA_ORGANIZATION.id) == col(Citation.via_organization_id))
    )


LINKED_CITATIONS = KeyedStatement.build(
    lambda match: (
        citation_query(col(FactCitation.entity_type), col(FactCitation.entity_id), col(FactCitation.field))
        .join(FactCitation, col(FactCitation.citation_id) == col(Citation.id))
        .where(
            col(FactCitation.entity_type) == bindparam("entity_type"),
            match(col(FactCitation.entity_id)),
            col(FactCitation.value_id).is_(None),
        )
    )
)
"""The citations of the values rows of one table (`entity_type`) with the given ids hold (not of rival
values), with the links' fields (LINK_COLUMNS). Unordered: SQLite sorts these wide rows slower than
Python sorts the few per field."""

RIVAL_CITATIONS = KeyedStatement.build(
    lambda match: (
        citation_query(col(FactCitation.value_id))
        .join(FactCitation, col(FactCitation.citation_id) == col(Citation.id))
        .where(match(col(FactCitation.value_id)))
    )
)
"""The citations of rival values, with the value's id (the last column)."""

CITATIONS_BY_ID = KeyedStatement.build(lambda match: citation_query().where(match(col(Citation.id))))


CITATION_KINDS = {kind.value: kind for kind in CitationKind} | {kind: kind for kind in CitationKind}
"""A citation's kind as the enum, from a row's column whether the row was converted (the enum) or not (its text)."""


_tuple_new = tuple.__new__
"""Makes a named tuple from its values without the Python-level `__new__` call: a request makes thousands."""


def _agent(person_id: str | None, person_name: str | None, org_id: str | None, org_name: str | None) -> AgentRef | None:
    if person_id and person_name is not None:
        return AgentRef("person", person_id, person_name)
    if org_id and org_name is not None:
        return AgentRef("organization", org_id, org_name)
    return None


class RivalsByEntityLoader(PageLoader[EntityKey, list[Rival]]):
    """The other values of a row's fields (see `db.values`), each with its evidence: rivals best rank
    first, then superseded ones, oldest first."""

    def __init__(self, reads: Reads, loaders: "Loaders") -> None:
        self.reads = reads
        self.loaders = loaders
        super().__init__(load_fn=self._load)

    async def _load(self, keys: list[EntityKey]) -> Sequence[list[Rival]]:
        async with self.reads.connection() as connection:
            values = await per_table(connection, RIVALS, keys)
            links = list(await RIVAL_CITATIONS.tuples(connection, [v.id for v in values])) if values else []
        evidence = await self.loaders.evidence_of_rows(links)
        by_value: dict[str, list[Evidence]] = defaultdict(list)
        for link in links:
            if link[0] in evidence:
                by_value[link[-1]].append(evidence[link[0]])
        result: dict[EntityKey, list[Rival]] = defaultdict(list)
        for value in sorted(values, key=lambda v: (v.status, RANK_ORDER[v.rank], v.recorded_at, v.id)):
            items = sorted(by_value.get(value.id, []), key=EVIDENCE_ORDER)
            result[(value.entity_type, value.entity_id)].append(Rival(value, items))
        return [result.get(key, []) for key in keys]


RIVALS = KeyedStatement.build(
    lambda match: sa_select(FactValue).where(
        col(FactValue.entity_type) == bindparam("entity_type"), match(col(FactValue.entity_id))
    )
)
"""Every other value of the rows' fields, rivals and superseded ones (callers tell them by `status`)."""
RANK_ORDER = {Rank.PREFERRED: 0, Rank.NORMAL: 1, Rank.DEPRECATED: 2}


def EVIDENCE_ORDER(e: Evidence) -> tuple[str, int, str]:
    """Citations of one field in reading order: by source, then position, then id."""
    return (e.citation.source_id, e.citation.start_offset, e.citation.id)


class Loaders:
    """The loaders of one request; `by_id` and `by_column` build each kind once, on first use."""

    def __init__(self, reads: Reads) -> None:
        self.reads = reads
        self._cache: dict[Hashable, DataLoader[Any, Any]] = {}
        self._evidence: dict[str, Evidence] = {}
        self.source_by_id: RowByIdLoader[Source] = RowByIdLoader(reads, Source, without=("text",))
        """Sources without their text, which every citation refers to; `by_id(Source)` has the text."""
        self.person_by_id: RowByIdLoader[Person] = self.by_id(Person)
        self.organization_by_id: RowByIdLoader[Organization] = self.by_id(Organization)
        self.citations_by_entity = CitationsByEntityLoader(reads, self)
        self.rivals_by_entity = RivalsByEntityLoader(reads, self)
        self.row_with_evidence = RowWithEvidenceLoader(self)
        self._merges: asyncio.Task[Merges] | None = None

    def release(self) -> None:
        """Drop every cached row, evidence and merge: the request is over. Each loader refers to its own load
        function and some to these `Loaders`, so what they hold would otherwise wait, in reference cycles, for
        the garbage collector's oldest generations (a pause of half a second for twenty large answers)."""
        for loader in (
            *self._cache.values(),
            self.source_by_id,
            self.citations_by_entity,
            self.rivals_by_entity,
            self.row_with_evidence,
        ):
            loader.clear_all()
        self._evidence.clear()
        self._merges = None

    async def merges(self) -> "Merges":
        """The merges SAME judgements made (`resolvers.merges`), read once per request, on first use."""
        if self._merges is None:
            from resolvers.merges import read_merges

            self._merges = asyncio.ensure_future(read_merges(self.reads))
        return await self._merges

    def by_id(self, table: type[Row]) -> RowByIdLoader[Row]:
        key = ("id", table)
        if key not in self._cache:
            self._cache[key] = RowByIdLoader(self.reads, table)
        loader: RowByIdLoader[Row] = self._cache[key]  # type: ignore[assignment]
        return loader

    def by_column(self, table: type[Row], column: str) -> RowsByColumnLoader[Row]:
        key = (column, table)
        if key not in self._cache:
            self._cache[key] = RowsByColumnLoader(self.reads, table, column)
        loader: RowsByColumnLoader[Row] = self._cache[key]  # type: ignore[assignment]
        return loader

    async def evidence(self, citations: Sequence[Citation]) -> list[Evidence]:
        """Citations with their sources, speakers and intermediaries, each looked up in one batch."""
        found = await self.evidence_by_id([c.id for c in citations])
        return [found[c.id] for c in citations if c.id in found]

    async def evidence_by_id(self, citation_ids: Sequence[str]) -> dict[str, Evidence]:
        """The evidence of each citation id, built once per request and shared by every value it supports."""
        missing = list(dict.fromkeys(i for i in citation_ids if i not in self._evidence))
        if missing:
            async with self.reads.connection() as connection:
                rows = await CITATIONS_BY_ID.tuples(connection, missing)
            await self.evidence_of_rows(rows)
        return {i: self._evidence[i] for i in citation_ids if i in self._evidence}

    async def evidence_of_rows(self, rows: Sequence[Any]) -> Mapping[str, Evidence]:
        """The request's evidence by citation id, now holding that of the rows of `citation_query` (their sources
        loaded in one statement for those not loaded yet); a row whose source is gone has none."""
        known = self._evidence
        new = {row[0]: row for row in rows if row[0] not in known}
        source_ids = list({row[1] for row in new.values()})
        sources = dict(zip(source_ids, await self.source_by_id.load_page(source_ids), strict=True))
        kinds = CITATION_KINDS
        for citation_id, row in new.items():
            source = sources[row[1]]
            if source is not None:
                record = (citation_id, row[1], row[2], row[3], row[4], kinds[row[5]], row[6])
                known[citation_id] = _tuple_new(
                    Evidence,
                    (
                        _tuple_new(CitationRecord, record),
                        source,
                        _agent(*row[SPEAKER_COLUMNS]) if row[SPEAKER_PRESENT] or row[SPEAKER_PRESENT + 2] else None,
                        _agent(*row[VIA_COLUMNS]) if row[VIA_PRESENT] or row[VIA_PRESENT + 2] else None,
                    ),
                )
        return known
