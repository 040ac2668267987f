"""Where every write transaction opens. Writes take turns, because a write reads what is stored (rows
already there, values to dispute or correct) and then inserts what is not: two at once could both find a
citation missing and both insert it. Within a process an asyncio lock orders them (a waiting write holds no
connection). Across processes, on SQLite each write begins IMMEDIATE, taking the file's write lock before
its first read (a write of another process makes it wait, up to the busy timeout, rather than fail
halfway); on PostgreSQL each takes a transaction-level advisory lock (`WRITE_LOCK`) first, released at
commit or rollback, so that the workers of a deployment write one at a time. Reads never wait for it. A write
the database has no room for raises DatabaseFull, on either backend."""

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from db.sqlite import is_busy, is_full

WRITE_LOCKS: "WeakKeyDictionary[Engine, asyncio.Lock]" = WeakKeyDictionary()
"""One lock per engine (its writes run on one event loop)."""
WRITE_LOCK = 0x63697465677261
"""The key of PostgreSQL's advisory lock for writes (any fixed bigint: "citegra")."""
DISK_FULL = "53100"
"""PostgreSQL's SQLSTATE disk_full. The other insufficient-resources codes, 53200 out_of_memory and 53300
too_many_connections, say nothing about storage, so they stay unexpected errors."""


class DatabaseBusy(RuntimeError):
    """Another process held the SQLite database's write lock for longer than the busy timeout."""


class DatabaseFull(RuntimeError):
    """The database's storage had no room for a write (its disk is full, or a size limit is reached); the write's
    transaction was not committed, so nothing of it is stored."""


@asynccontextmanager
async def write_session(engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    """A session in a write transaction, committed when the block ends (rolled back if it raises)."""
    with _full_refused(engine):
        async with _turn(engine), AsyncSession(engine, expire_on_commit=False) as session, session.begin():
            await _take_write_lock(await session.connection())
            yield session


@asynccontextmanager
async def write_connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """A connection in a write transaction, committed when the block ends (rolled back if it raises)."""
    with _full_refused(engine):
        async with _turn(engine), engine.begin() as connection:
            await _take_write_lock(connection)
            yield connection


@contextmanager
def _full_refused(engine: AsyncEngine) -> Iterator[None]:
    """A write (or its commit) that failed for want of room raises DatabaseFull, whatever the backend."""
    try:
        yield
    except DBAPIError as exc:
        reason = exc.orig
        if reason is None or not (is_full(reason) or getattr(reason, "sqlstate", None) == DISK_FULL):
            raise
        said = reason.args[0] if reason.args else reason
        url = engine.url.render_as_string(hide_password=True)
        raise DatabaseFull(f"the database's disk is full; nothing was written ({url}: {said})") from exc


@asynccontextmanager
async def _turn(engine: AsyncEngine) -> AsyncIterator[None]:
    async with WRITE_LOCKS.setdefault(engine.sync_engine, asyncio.Lock()):
        yield


async def _take_write_lock(connection: AsyncConnection) -> None:
    """The database's write lock, before the transaction's first read. On PostgreSQL the advisory lock (it
    waits for another process's write to end). SQLite's driver would begin the transaction at the first
    INSERT (after the reads before it): begin it here, IMMEDIATE; SQLAlchemy takes the open transaction as
    its own and commits or rolls it back."""
    if connection.dialect.name == "postgresql":
        await connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})
        return
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
