"""Per-request DataLoaders: every batch of keys becomes one SQL statement.

Built fresh for each request by `resolvers.context.make_context`; never share them across requests, since
they cache rows.
"""

from collections import defaultdict
from collections.abc import AsyncIterator, Hashable, Sequence
from contextlib import asynccontextmanager
from typing import Any, Generic, TypeVar, cast

from sqlalchemy import Connection, Engine, Result
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker
from sqlmodel import SQLModel, col, select
from strawberry.dataloader import DataLoader

from db.engine import READ_ENGINE
from db.tables import Citation, FactCitation, Organization, Person, Source
from resolvers.evidence import AgentRef, Evidence, FieldEvidence

Row = TypeVar("Row", bound=SQLModel)
Sessions = async_sessionmaker[AsyncSession]


class SyncReads:
    """A synchronous connection with the async connection's `execute`, for the read path."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.dialect = connection.dialect

    async def execute(self, statement: Any, parameters: Any = None) -> Result[Any]:
        return self.connection.execute(statement, parameters)


@asynccontextmanager
async def reading(sessions: Sessions) -> AsyncIterator[AsyncConnection | SyncReads]:
    """A connection for reads: Core rows, without the ORM session's per-statement work, on the session
    factory's synchronous read engine when it has one.

    Rows have the table's column attributes; callers type them as the table class and only read them.
    """
    read_engine: Engine | None = (sessions.kw.get("info") or {}).get(READ_ENGINE)
    if read_engine is not None:
        with read_engine.connect() as connection:
            yield SyncReads(connection)
        return
    engine: AsyncEngine = sessions.kw["bind"]
    async with engine.connect() as connection:
        yield connection


async def read_rows(sessions: Sessions, table: type[Row], condition: Any, without: tuple[str, ...] = ()) -> list[Row]:
    """Rows of `table` matching `condition`, in id order, as light read-only rows.

    They have the table's column attributes (typed as the table class for callers) but skip the ORM's
    identity map and instrumentation, which cost more than the query itself on large pages.
    """
    columns: Any = table.__table__.columns  # type: ignore[attr-defined]
    chosen = [c for c in columns if c.name not in without]
    async with reading(sessions) as connection:
        result = await connection.execute(select(*chosen).where(condition).order_by(columns["id"]))
        return cast(list[Row], result.all())


class RowByIdLoader(DataLoader[str, Row | None], Generic[Row]):
    """Rows of one table by primary key, optionally `without` some large columns; a missing id loads as None."""

    def __init__(self, sessions: Sessions, table: type[Row], without: tuple[str, ...] = ()) -> None:
        self.sessions = sessions
        self.table = table
        self.without = without
        super().__init__(load_fn=self._load)

    async def _load(self, ids: list[str]) -> Sequence[Row | None]:
        column: Any = getattr(self.table, "id")  # noqa: B009
        rows = await read_rows(self.sessions, self.table, column.in_(ids), self.without)
        by_id = {getattr(row, "id"): row for row in rows}  # noqa: B009
        return [by_id.get(i) for i in ids]


class RowsByColumnLoader(DataLoader[str, list[Row]], Generic[Row]):
    """Rows of one table whose `column` equals the key (the children of a parent), in id order."""

    def __init__(self, sessions: Sessions, table: type[Row], column: str) -> None:
        self.sessions = sessions
        self.table = table
        self.column = column
        super().__init__(load_fn=self._load)

    async def _load(self, keys: list[str]) -> Sequence[list[Row]]:
        column: Any = getattr(self.table, self.column)
        rows = await read_rows(self.sessions, self.table, column.in_(keys))
        grouped: dict[str, list[Row]] = defaultdict(list)
        for row in rows:
            grouped[getattr(row, self.column)].append(row)
        return [grouped.get(k, []) for k in keys]


EntityKey = tuple[str, str]
"""(table name, row id)"""


class CitationsByEntityLoader(DataLoader[EntityKey, FieldEvidence]):
    """All citations of a row, by field, with their sources and speakers resolved in batches."""

    def __init__(self, sessions: Sessions, loaders: "Loaders") -> None:
        self.sessions = sessions
        self.loaders = loaders
        super().__init__(load_fn=self._load)

    async def _load(self, keys: list[EntityKey]) -> Sequence[FieldEvidence]:
        ids_by_table: dict[str, list[str]] = defaultdict(list)
        for table, entity_id in keys:
            ids_by_table[table].append(entity_id)
        links: list[Any] = []
        async with reading(self.sessions) as session:
            for table, ids in ids_by_table.items():
                query = select(
                    col(FactCitation.entity_type),
                    col(FactCitation.entity_id),
                    col(FactCitation.field),
                    col(FactCitation.citation_id),
                ).where(col(FactCitation.entity_type) == table, col(FactCitation.entity_id).in_(ids))
                links.extend((await session.execute(query)).all())
        evidence = await self.loaders.evidence_by_id([link.citation_id for link in links])
        result: dict[EntityKey, FieldEvidence] = defaultdict(lambda: defaultdict(list))
        for link in links:
            found = evidence.get(link.citation_id)
            if found is not None:
                result[(link.entity_type, link.entity_id)][link.field].append(found)
        for fields in result.values():
            for items in fields.values():
                items.sort(key=EVIDENCE_ORDER)
        return [result.get(key, {}) for key in keys]


def EVIDENCE_ORDER(e: Evidence) -> tuple[str, int, str]:
    """Citations of one field in reading order: by source, then position, then id."""
    return (e.citation.source_id, e.citation.start_offset, e.citation.id)


class Loaders:
    """The loaders of one request; `by_id` and `by_column` build each kind once, on first use."""

    def __init__(self, sessions: Sessions) -> None:
        self.sessions = sessions
        self._cache: dict[Hashable, DataLoader[Any, Any]] = {}
        self._evidence: dict[str, Evidence] = {}
        self.source_by_id: RowByIdLoader[Source] = RowByIdLoader(sessions, Source, without=("text",))
        """Sources without their text, which every citation refers to; `by_id(Source)` has the text."""
        self.person_by_id: RowByIdLoader[Person] = self.by_id(Person)
        self.organization_by_id: RowByIdLoader[Organization] = self.by_id(Organization)
        self.citations_by_entity = CitationsByEntityLoader(sessions, self)

    def by_id(self, table: type[Row]) -> RowByIdLoader[Row]:
        key = ("id", table)
        if key not in self._cache:
            self._cache[key] = RowByIdLoader(self.sessions, table)
        loader: RowByIdLoader[Row] = self._cache[key]  # type: ignore[assignment]
        return loader

    def by_column(self, table: type[Row], column: str) -> RowsByColumnLoader[Row]:
        key = (column, table)
        if key not in self._cache:
            self._cache[key] = RowsByColumnLoader(self.sessions, table, column)
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
            citations = [c for c in await self.by_id(Citation).load_many(missing) if c is not None]
            sources = await self.source_by_id.load_many([c.source_id for c in citations])
            person_ids = list({i for c in citations for i in (c.attributed_person_id, c.via_person_id) if i})
            org_ids = list({i for c in citations for i in (c.attributed_organization_id, c.via_organization_id) if i})
            persons = dict(zip(person_ids, await self.person_by_id.load_many(person_ids), strict=True))
            orgs = dict(zip(org_ids, await self.organization_by_id.load_many(org_ids), strict=True))

            def agent(person_id: str | None, org_id: str | None) -> AgentRef | None:
                if person_id and persons.get(person_id):
                    return AgentRef("person", persons[person_id])  # type: ignore[arg-type]
                if org_id and orgs.get(org_id):
                    return AgentRef("organization", orgs[org_id])  # type: ignore[arg-type]
                return None

            for c, source in zip(citations, sources, strict=True):
                if source is not None:
                    self._evidence[c.id] = Evidence(
                        citation=c,
                        source=source,
                        speaker=agent(c.attributed_person_id, c.attributed_organization_id),
                        via=agent(c.via_person_id, c.via_organization_id),
                    )
        return {i: self._evidence[i] for i in citation_ids if i in self._evidence}
