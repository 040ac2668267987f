"""Where every write transaction opens. On SQLite, one engine's writes take turns (an asyncio lock: a waiting
write holds no connection and never meets `database is locked`), and each begins IMMEDIATE, taking the file's
write lock before its first read, so that a write of another process makes it wait (the busy timeout) rather
than fail halfway. PostgreSQL writes run concurrently, as they always did."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from weakref import WeakKeyDictionary

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from db.sqlite import is_busy

WRITE_LOCKS: "WeakKeyDictionary[Engine, asyncio.Lock]" = WeakKeyDictionary()
"""One lock per SQLite engine (its writes run on one event loop)."""


class DatabaseBusy(RuntimeError):
    """Another process held the SQLite database's write lock for longer than the busy timeout."""


@asynccontextmanager
async def write_session(engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    """A session in a write transaction, committed when the block ends (rolled back if it raises)."""
    async with _turn(engine), AsyncSession(engine, expire_on_commit=False) as session, session.begin():
        await _begin_immediate(await session.connection())
        yield session


@asynccontextmanager
async def write_connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """A connection in a write transaction, committed when the block ends (rolled back if it raises)."""
    async with _turn(engine), engine.begin() as connection:
        await _begin_immediate(connection)
        yield connection


@asynccontextmanager
async def _turn(engine: AsyncEngine) -> AsyncIterator[None]:
    if engine.dialect.name != "sqlite":
        yield
        return
    async with WRITE_LOCKS.setdefault(engine.sync_engine, asyncio.Lock()):
        yield


async def _begin_immediate(connection: AsyncConnection) -> None:
    """SQLite's driver would begin the transaction at the first INSERT (after the reads before it): begin it
    here, IMMEDIATE. SQLAlchemy takes the open transaction as its own and commits or rolls it back."""
    if connection.dialect.name != "sqlite":
        return
    try:
        await connection.exec_driver_sql("BEGIN IMMEDIATE")
    except OperationalError as exc:
        if not is_busy(exc.orig):
            raise
        waited = (await connection.exec_driver_sql("PRAGMA busy_timeout")).scalar_one() / 1000
        raise DatabaseBusy(
            f"the SQLite database {connection.engine.url.database} stayed locked by another process's write for"
            f" {waited:g} s (a `citegraph ingest`?): nothing was written; try again when that write is done"
        ) from exc
