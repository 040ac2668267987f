"""Per-request loaders batch every key asked for in one tick into one SQL statement."""

import asyncio
from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import col

from db.engine import session_factory
from db.enums import CitationKind
from db.tables import Citation, Event, Membership, Person
from resolvers.context import Context
from resolvers.loaders import Loaders
from resolvers.reads import Reads
from tests.conftest import StatementCounter

PERSONS = ["nicolas-maduro", "cilia-flores", "delcy-rodriguez", "donald-trump", "padrino-lopez"]


async def test_row_by_id_loader_batches_its_keys_into_one_statement(
    new_reads: Callable[[], Reads], statements: StatementCounter
) -> None:
    loaders = Loaders(new_reads())
    found = await asyncio.gather(*(loaders.person_by_id.load(i) for i in [*PERSONS, "nobody"]))
    assert statements.count == 1
    assert [p.id if p else None for p in found] == [*PERSONS, None]


async def test_rows_by_column_loader_batches_its_keys_into_one_statement(
    new_reads: Callable[[], Reads], statements: StatementCounter
) -> None:
    loader = Loaders(new_reads()).by_column(Membership, "person_id")
    found = await loader.load_many(PERSONS)
    assert statements.count == 1
    assert sum(len(rows) for rows in found) == 5


async def test_citations_loader_costs_the_same_statements_for_one_row_or_many(
    new_reads: Callable[[], Reads], statements: StatementCounter
) -> None:
    one = await Loaders(new_reads()).citations_by_entity.load(("person", PERSONS[0]))
    for_one = statements.count
    statements.count = 0
    many = await Loaders(new_reads()).citations_by_entity.load_many([("person", p) for p in PERSONS])
    assert statements.count == for_one
    assert set(one) == {"name"} and all(set(m) == {"name"} for m in many)


async def test_loaders_cache_within_a_request(new_reads: Callable[[], Reads], statements: StatementCounter) -> None:
    loaders = Loaders(new_reads())
    first: Person | None = await loaders.person_by_id.load(PERSONS[0])
    again = await loaders.person_by_id.load(PERSONS[0])
    assert first is again
    assert statements.count == 1


async def test_released_loaders_hold_nothing_and_read_again(
    new_reads: Callable[[], Reads], statements: StatementCounter
) -> None:
    loaders = Loaders(new_reads())
    first = await loaders.person_by_id.load(PERSONS[0])
    evidence = await loaders.citations_by_entity.load(("person", PERSONS[0]))
    before = statements.count
    loaders.release()
    again = await loaders.person_by_id.load(PERSONS[0])
    assert first is not None and again is not None
    assert again is not first and again.id == first.id
    assert await loaders.citations_by_entity.load(("person", PERSONS[0])) == evidence
    assert statements.count > before


async def test_a_closed_context_drops_what_its_loaders_cached_at_the_next_turn(
    seeded: AsyncEngine, statements: StatementCounter
) -> None:
    context = Context(session_factory(seeded))
    first = await context.loaders.person_by_id.load(PERSONS[0])
    await context.close()
    assert await context.loaders.person_by_id.load(PERSONS[0]) is first
    await asyncio.sleep(0)
    before = statements.count
    again = await context.loaders.person_by_id.load(PERSONS[0])
    assert again is not first and statements.count == before + 1
    await context.close()


async def test_evidence_holds_each_citation_column_in_its_place(
    seeded: AsyncEngine, new_reads: Callable[[], Reads]
) -> None:
    async with AsyncSession(seeded) as session:
        rows = (await session.execute(select(Citation).order_by(col(Citation.id)).limit(30))).scalars().all()
    found = await Loaders(new_reads()).evidence_by_id([row.id for row in rows])
    for row in rows:
        record = found[row.id].citation
        expected = (row.id, row.source_id, row.quote, row.start_offset, row.end_offset, row.kind, row.note)
        assert tuple(record) == expected
        assert type(record.kind) is CitationKind


LOOKUPS = [(Event, "operation"), (Person, "nicolas-maduro"), (Person, "cilia-flores"), (Event, "no-such-event")]


async def test_a_lookup_on_postgresql_reads_its_rows_citations_and_sources_in_one_statement(
    backend: str, new_reads: Callable[[], Reads], statements: StatementCounter
) -> None:
    if backend != "postgresql":
        pytest.skip("on SQLite a statement is a function call, not a round trip")
    loaders = Loaders(new_reads())
    found = await loaders.row_with_evidence.load_many([(Event, "operation"), (Event, "capture")])
    assert statements.count == 1
    assert all(f is not None and f[1] for f in found)


async def test_a_lookup_in_one_statement_finds_what_three_statements_find(
    backend: str, new_reads: Callable[[], Reads], monkeypatch: pytest.MonkeyPatch
) -> None:
    if backend != "postgresql":
        pytest.skip("the one statement is PostgreSQL's")
    one = await Loaders(new_reads()).row_with_evidence.load_many(LOOKUPS)
    monkeypatch.setattr(Reads, "round_trips", property(lambda _: False))
    three = await Loaders(new_reads()).row_with_evidence.load_many(LOOKUPS)
    assert one == three
    assert one[0] is not None and one[-1] is None
