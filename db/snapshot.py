"""One consistent read of the whole database, for exports: whatever a running server writes meanwhile, every
statement of a snapshot sees the database as it stood when the snapshot began."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine


@asynccontextmanager
async def snapshot(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """A connection in one read transaction: REPEATABLE READ on PostgreSQL; on SQLite an explicit BEGIN (pysqlite
    starts none for reads), whose WAL read mark holds the snapshot. Reads only: closing it rolls back."""
    async with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            await conn.execution_options(isolation_level="REPEATABLE READ")
        await conn.begin()
        if conn.dialect.name == "sqlite":
            await conn.exec_driver_sql("BEGIN")
        yield conn
