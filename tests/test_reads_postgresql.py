"""On PostgreSQL the read path has its own pool in autocommit, which keeps what it opens; asOf reads still get
their transaction; statements are planned once; a connection the server dropped is replaced, not pinged for."""

import datetime as dt
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from db.engine import READ_POOL_SIZE, make_read_engine, session_factory
from db.tables import Event
from resolvers.loaders import read_rows
from resolvers.reads import AsyncReads, Reads


@pytest.fixture
async def pg_read_engine(backend: str, database_url: str) -> AsyncIterator[AsyncEngine]:
    if backend != "postgresql":
        pytest.skip("the async read engine is PostgreSQL's")
    engine = make_read_engine(database_url)
    assert isinstance(engine, AsyncEngine)
    yield engine
    await engine.dispose()


@pytest.fixture
async def reads(seeded: AsyncEngine, pg_read_engine: AsyncEngine) -> AsyncIterator[Reads]:
    """A request's reads on the seeded database through the PostgreSQL read engine, closed after the test."""
    reads = Reads(session_factory(seeded, pg_read_engine))
    yield reads
    await reads.close()


async def in_transaction(reads: Reads) -> bool:
    async with reads.connection() as connection:
        await connection.execute(text("SELECT 1"))
        assert isinstance(connection, AsyncReads)
        return bool(connection.driver.is_in_transaction())


async def test_reads_on_postgresql_run_outside_a_transaction(reads: Reads, pg_read_engine: AsyncEngine) -> None:
    assert reads.engine is pg_read_engine
    assert not await in_transaction(reads)


async def test_as_of_reads_on_postgresql_run_in_a_transaction(reads: Reads) -> None:
    reads.read_as_of(dt.datetime.now(dt.UTC))
    assert await in_transaction(reads)


async def test_a_connection_an_as_of_read_returned_reads_outside_a_transaction_again(
    seeded: AsyncEngine, pg_read_engine: AsyncEngine
) -> None:
    for _ in range(READ_POOL_SIZE):
        as_of = Reads(session_factory(seeded, pg_read_engine))
        as_of.read_as_of(dt.datetime.now(dt.UTC))
        assert await in_transaction(as_of)
        await as_of.close()
    for _ in range(READ_POOL_SIZE):
        reads = Reads(session_factory(seeded, pg_read_engine))
        assert not await in_transaction(reads)
        await reads.close()


async def test_the_read_pool_keeps_every_connection_a_burst_of_requests_opened(pg_read_engine: AsyncEngine) -> None:
    connections = [await pg_read_engine.connect() for _ in range(READ_POOL_SIZE)]
    for connection in connections:
        await connection.close()
    assert pg_read_engine.sync_engine.pool.checkedin() == READ_POOL_SIZE  # type: ignore[attr-defined]


async def test_read_connections_plan_their_statements_once(pg_read_engine: AsyncEngine) -> None:
    async with pg_read_engine.connect() as connection:
        assert await connection.scalar(text("SHOW plan_cache_mode")) == "force_generic_plan"


async def test_the_read_pool_does_not_ping_at_checkout(pg_read_engine: AsyncEngine) -> None:
    assert not pg_read_engine.sync_engine.pool._pre_ping  # type: ignore[attr-defined]


TERMINATE_OTHERS = text(
    "SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity "
    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
)


async def test_a_read_on_a_connection_the_server_dropped_runs_again_on_a_new_one(
    reads: Reads, seeded: AsyncEngine
) -> None:
    before = await read_rows(reads, Event, "id", ["operation"])
    dropped = await backend_pid(reads)
    await terminate_others(seeded)
    assert await read_rows(reads, Event, "id", ["operation"]) == before
    assert await backend_pid(reads) != dropped


async def test_a_sqlalchemy_statement_on_a_connection_the_server_dropped_runs_again_on_a_new_one(
    reads: Reads, seeded: AsyncEngine
) -> None:
    dropped = await backend_pid(reads)
    await terminate_others(seeded)
    async with reads.connection() as connection:
        assert (await connection.execute(text("SELECT 1"))).scalar() == 1
    assert await backend_pid(reads) != dropped


async def test_the_statements_after_a_replaced_connection_in_one_block_run_on_the_new_one(
    reads: Reads, seeded: AsyncEngine
) -> None:
    dropped = await backend_pid(reads)
    await terminate_others(seeded)
    async with reads.connection() as connection:
        assert isinstance(connection, AsyncReads)
        assert (await connection.fetch("SELECT 1", []))[0][0] == 1
        assert (await connection.execute(text("SELECT 2"))).scalar() == 2
        assert int(connection.driver.get_server_pid()) != dropped


async def backend_pid(reads: Reads) -> int:
    async with reads.connection() as connection:
        assert isinstance(connection, AsyncReads)
        return int(connection.driver.get_server_pid())


async def terminate_others(engine: AsyncEngine) -> None:
    async with engine.connect() as admin:
        assert await admin.scalar(TERMINATE_OTHERS)


async def test_a_statement_error_on_a_live_connection_is_not_run_again(reads: Reads) -> None:
    async with reads.connection() as connection:
        assert isinstance(connection, AsyncReads)
        with pytest.raises(Exception, match="no_such_table"):
            await connection.fetch("SELECT * FROM no_such_table", [])
