"""On PostgreSQL the read path has its own pool in autocommit, which keeps what it opens; asOf reads still get
their transaction."""

import datetime as dt
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from db.engine import READ_POOL_SIZE, make_read_engine, session_factory
from resolvers.reads import Reads


@pytest.fixture
async def pg_read_engine(backend: str, database_url: str) -> AsyncIterator[AsyncEngine]:
    if backend != "postgresql":
        pytest.skip("the async read engine is PostgreSQL's")
    engine = make_read_engine(database_url)
    assert isinstance(engine, AsyncEngine)
    yield engine
    await engine.dispose()


async def in_transaction(reads: Reads) -> bool:
    async with reads.connection() as connection:
        await connection.execute(text("SELECT 1"))
        raw = await connection.get_raw_connection()  # type: ignore[union-attr]
        return bool(raw.driver_connection.is_in_transaction())  # type: ignore[union-attr]


async def test_reads_on_postgresql_run_outside_a_transaction(seeded: AsyncEngine, pg_read_engine: AsyncEngine) -> None:
    reads = Reads(session_factory(seeded, pg_read_engine))
    try:
        assert reads.engine is pg_read_engine
        assert not await in_transaction(reads)
    finally:
        await reads.close()


async def test_as_of_reads_on_postgresql_run_in_a_transaction(seeded: AsyncEngine, pg_read_engine: AsyncEngine) -> None:
    reads = Reads(session_factory(seeded, pg_read_engine))
    try:
        reads.read_as_of(dt.datetime.now(dt.UTC))
        assert await in_transaction(reads)
    finally:
        await reads.close()


async def test_the_read_pool_keeps_every_connection_a_burst_of_requests_opened(pg_read_engine: AsyncEngine) -> None:
    connections = [await pg_read_engine.connect() for _ in range(READ_POOL_SIZE)]
    for connection in connections:
        await connection.close()
    assert pg_read_engine.sync_engine.pool.checkedin() == READ_POOL_SIZE  # type: ignore[attr-defined]
