"""Per-request DataLoaders: every batch of keys becomes one SQL statement.

Built fresh for each request by `resolvers.context.make_context`; never share them across requests, since
they cache rows.
"""

from collections import defaultdict
from collections.abc import Hashable, Sequence
from typing import Any, Generic, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import SQLModel, col, select
from strawberry.dataloader import DataLoader

from db.tables import Citation, FactCitation, Organization, Person, Source
from resolvers.evidence import Evidence, FieldEvidence

Row = TypeVar("Row", bound=SQLModel)
Sessions = async_sessionmaker[AsyncSession]


class RowByIdLoader(DataLoader[str, Row | None], Generic[Row]):
    """Rows of one table by primary key; a missing id loads as None."""

    def __init__(self, sessions: Sessions, table: type[Row]) -> None:
        self.sessions = sessions
        self.table = table
        super().__init__(load_fn=self._load)

    async def _load(self, ids: list[str]) -> Sequence[Row | None]:
        column: Any = getattr(self.table, "id")  # noqa: B009
        async with self.sessions() as session:
            rows = (await session.execute(select(self.table).where(column.in_(ids)))).scalars().all()
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
        order: Any = getattr(self.table, "id")  # noqa: B009
        async with self.sessions() as session:
            query = select(self.table).where(column.in_(keys)).order_by(order)
            rows = (await session.execute(query)).scalars().all()
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
        found: list[tuple[str, str, str, Citation]] = []
        async with self.sessions() as session:
            for table, ids in ids_by_table.items():
                query = (
                    select(
                        col(FactCitation.entity_type), col(FactCitation.entity_id), col(FactCitation.field), Citation
                    )
                    .join(Citation, col(Citation.id) == col(FactCitation.citation_id))
                    .where(col(FactCitation.entity_type) == table, col(FactCitation.entity_id).in_(ids))
                    .order_by(col(Citation.source_id), col(Citation.start_offset), col(Citation.id))
                )
                found.extend((t, i, f, c) for t, i, f, c in await session.execute(query))
        evidence = await self.loaders.evidence([row[3] for row in found])
        result: dict[EntityKey, FieldEvidence] = defaultdict(lambda: defaultdict(list))
        for (table, entity_id, field, _citation), item in zip(found, evidence, strict=True):
            result[(table, entity_id)][field].append(item)
        return [result.get(key, {}) for key in keys]


class Loaders:
    """The loaders of one request; `by_id` and `by_column` build each kind once, on first use."""

    def __init__(self, sessions: Sessions) -> None:
        self.sessions = sessions
        self._cache: dict[Hashable, DataLoader[Any, Any]] = {}
        self.source_by_id: RowByIdLoader[Source] = self.by_id(Source)
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
        sources = await self.source_by_id.load_many([c.source_id for c in citations])
        person_ids = {i for c in citations for i in (c.attributed_person_id, c.via_person_id) if i}
        org_ids = {i for c in citations for i in (c.attributed_organization_id, c.via_organization_id) if i}
        persons = dict(zip(person_ids, await self.person_by_id.load_many(list(person_ids)), strict=True))
        orgs = dict(zip(org_ids, await self.organization_by_id.load_many(list(org_ids)), strict=True))

        def agent(person_id: str | None, org_id: str | None) -> Person | Organization | None:
            return persons.get(person_id) if person_id else orgs.get(org_id) if org_id else None

        return [
            Evidence(
                citation=c,
                source=source,
                speaker=agent(c.attributed_person_id, c.attributed_organization_id),
                via=agent(c.via_person_id, c.via_organization_id),
            )
            for c, source in zip(citations, sources, strict=True)
            if source is not None
        ]
