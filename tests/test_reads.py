"""A request reads through one connection, and gives it back when it ends."""

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, event
from sqlalchemy.ext.asyncio import AsyncEngine

from db.engine import make_read_engine, session_factory, trace_statements
from resolvers.context import Context
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
