"""A request reads through one connection, and gives it back when it ends."""

import time
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

from db.engine import make_read_engine, session_factory, trace_statements
from resolvers.context import Context
from resolvers.reads import Reads
from schema import make_schema

pytestmark = pytest.mark.sqlite_only("the synchronous read engine is SQLite's (db/engine.make_read_engine)")

QUERY = """{ events(first: 5) { totalCount edges { node { id title { value citations { quote source { title } } }
    casualties { value { count { low } } } } } } }"""


@pytest.fixture
def read_engine(database_url: str) -> Iterator[Engine]:
    engine = make_read_engine(database_url)
    assert engine is not None
    yield engine
    engine.dispose()


async def test_a_request_checks_out_one_read_connection_for_all_its_statements(
    seeded: AsyncEngine, read_engine: Engine
) -> None:
    checkouts: list[object] = []
    statements: list[str] = []
    event.listen(read_engine, "checkout", lambda *args: checkouts.append(args))
    trace_statements(read_engine, statements.append)
    result = await make_schema().execute(QUERY, context_value=Context(session_factory(seeded, read_engine)))
    assert result.errors is None
    assert len(statements) > 3
    assert len(checkouts) == 1


async def test_a_finished_request_returns_its_read_connection(seeded: AsyncEngine, read_engine: Engine) -> None:
    result = await make_schema().execute(QUERY, context_value=Context(session_factory(seeded, read_engine)))
    assert result.errors is None
    assert read_engine.pool.checkedout() == 0  # type: ignore[attr-defined]


async def test_a_failed_request_returns_its_read_connection(seeded: AsyncEngine, read_engine: Engine) -> None:
    checkouts: list[object] = []
    event.listen(read_engine, "checkout", lambda *args: checkouts.append(args))
    query = '{ read: events(first: 1) { totalCount } fail: events(first: 1, after: "not a cursor") { totalCount } }'
    result = await make_schema().execute(query, context_value=Context(session_factory(seeded, read_engine)))
    assert result.errors is not None and result.data is None
    assert len(checkouts) == 1
    assert read_engine.pool.checkedout() == 0  # type: ignore[attr-defined]


ENDLESS = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000000) SELECT count(*) FROM c"
"""A statement that runs for minutes unless interrupted."""


async def test_a_statement_running_past_the_deadline_is_interrupted(seeded: AsyncEngine, read_engine: Engine) -> None:
    reads = Reads(session_factory(seeded, read_engine))
    reads.deadline = time.monotonic()
    with pytest.raises(OperationalError, match="interrupted"):
        async with reads.connection() as connection:
            await connection.execute(text(ENDLESS))
    assert reads.interrupted
    await reads.close()


async def test_a_statement_run_apart_is_interrupted_at_the_deadline_too(
    seeded: AsyncEngine, read_engine: Engine
) -> None:
    reads = Reads(session_factory(seeded, read_engine))
    reads.deadline = time.monotonic()
    with pytest.raises(OperationalError, match="interrupted"):
        await reads.apart(text(ENDLESS), {})
    assert reads.interrupted


async def test_a_connection_returned_after_an_interrupt_runs_statements_to_their_end(
    seeded: AsyncEngine, read_engine: Engine
) -> None:
    reads = Reads(session_factory(seeded, read_engine))
    reads.deadline = time.monotonic()
    with pytest.raises(OperationalError):
        async with reads.connection() as connection:
            await connection.execute(text(ENDLESS))
    await reads.close()
    later = Reads(session_factory(seeded, read_engine))
    async with later.connection() as connection:
        counted = (await connection.execute(text(ENDLESS.replace("300000000", "200000")))).scalar_one()
    assert counted == 200000 and not later.interrupted
    await later.close()
