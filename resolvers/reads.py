"""The read connection of one request: Core rows, without the ORM session's per-statement work."""

import asyncio
import datetime as dt
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
from sqlalchemy import Connection, Engine, Result
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from db.asof import AsOfUnavailable, as_of_engine, at_moment, read_at
from db.engine import READ_ENGINE, ReadEngine


class AsOfConflict(ValueError):
    """Root fields of one request asked for different `asOf` moments."""


Sessions = async_sessionmaker[AsyncSession]


PROGRESS_STEPS = 10_000
"""SQLite virtual machine steps between two looks at the deadline (each a fraction of a millisecond)."""


class SyncReads:
    """A synchronous connection with the async connection's `execute`, for the read path."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.dialect = connection.dialect
        self.driver: Any = connection.connection.driver_connection
        """The DBAPI connection, for statements compiled once (`resolvers.loaders.DriverStatement`)."""

    async def execute(self, statement: Any, parameters: Any = None) -> Result[Any]:
        return self.connection.execute(statement, parameters)

    def interrupt_after(self, handler: Callable[[], bool] | None) -> None:
        """Have SQLite call `handler` every PROGRESS_STEPS steps of a statement and interrupt the statement
        (`sqlite3.OperationalError: interrupted`) once it returns True; None: never."""
        self.driver.set_progress_handler(handler, PROGRESS_STEPS if handler else 0)


DROPPED = (asyncpg.ConnectionDoesNotExistError, asyncpg.AdminShutdownError, asyncpg.CannotConnectNowError)
"""asyncpg's errors of a connection the server closed (a restart, a failover, `pg_terminate_backend`)."""


class AsyncReads:
    """An async connection of the read path, with asyncpg's own connection (`driver`, None on other drivers)
    for statements compiled once (`resolvers.loaders.DriverStatement`). A statement that finds the connection
    dropped by the server runs again, once, on a new one, which replaces the dropped one in place (so the
    statements after it, in the same `Reads.connection()` block or not, use it too): reads change nothing, and
    so a pool needs no ping (a round trip) at every checkout to hand out only live connections."""

    def __init__(self, connection: AsyncConnection, connect: Callable[[], Awaitable[AsyncConnection]]) -> None:
        self._connect = connect
        self._use(connection)

    def _use(self, connection: AsyncConnection) -> None:
        self.connection = connection
        self.dialect = connection.dialect
        self.sync_engine = connection.sync_engine
        started = connection.sync_connection  # checked out already: reading it costs no hop to a greenlet
        self.driver: Any = None
        if started is not None and connection.dialect.driver == "asyncpg":
            self.driver = started.connection.driver_connection

    async def _replace(self) -> None:
        dropped = self.connection
        await dropped.invalidate()
        await dropped.close()
        self._use(await self._connect())

    async def execute(self, statement: Any, parameters: Any = None) -> Result[Any]:
        try:
            result: Result[Any] = await self.connection.execute(statement, parameters)
            return result
        except DBAPIError as error:
            if not error.connection_invalidated:
                raise
        await self._replace()
        result = await self.connection.execute(statement, parameters)
        return result

    async def fetch(self, sql: str, values: list[Any]) -> list[Any]:
        """The rows of `sql` run on asyncpg's connection (whose statement cache prepares it once)."""
        try:
            rows: list[Any] = await self.driver.fetch(sql, *values)
            return rows
        except (*DROPPED, asyncpg.InterfaceError) as error:
            if not (isinstance(error, DROPPED) or self.driver.is_closed()):
                raise
        await self._replace()
        rows = await self.driver.fetch(sql, *values)
        return rows


ReadConnection = AsyncReads | SyncReads
"""What `Reads.connection()` yields: both execute statements with `await connection.execute(...)`."""


class Reads:
    """Where one request reads: one connection, checked out on first use and held until `close()`, since a
    checkout per statement cost more than the statement. On the session factory's synchronous read engine
    (SQLite) its statements never interleave, since each runs to completion without awaiting. On an async
    engine (PostgreSQL: the read engine, in autocommit) a request's batches may run concurrently, so they
    take turns on the connection; an asOf request's connection is in a transaction, for `read_at`.
    So a `connection()` block must only run statements: awaiting another read inside it (a loader) would
    wait for its own turn, for ever.

    Rows have the table's column attributes; callers type them as the table class and only read them.
    """

    def __init__(self, sessions: Sessions) -> None:
        read_engine: ReadEngine | None = (sessions.kw.get("info") or {}).get(READ_ENGINE)
        self.read_engine: Engine | None = read_engine if isinstance(read_engine, Engine) else None
        self.engine: AsyncEngine = read_engine if isinstance(read_engine, AsyncEngine) else sessions.kw["bind"]
        """Where async reads go: the read engine (PostgreSQL, autocommit) or else the write engine."""
        self._held: SyncReads | None = None
        self._held_async: AsyncReads | None = None
        self._turn = asyncio.Lock()
        self.moment: dt.datetime | None = None
        """Read as the database stood then (`db.asof`); None: as it stands. Fixed by the first root field."""
        self.decided = False
        self.deadline: float | None = None
        """A `time.monotonic()` moment: on SQLite, whose statements run on the event loop's thread, a statement
        still running then is interrupted (and `interrupted` set), so none blocks the loop past the timeout.
        Set before the first read."""
        self.interrupted = False

    @property
    def dialect_name(self) -> str:
        return (self.read_engine or self.engine).dialect.name

    @property
    def round_trips(self) -> bool:
        """Whether each statement is a round trip to a server (asyncpg) rather than a call into SQLite: where
        it is, reading what one lookup needs in one statement saves the others' round trips."""
        return self.read_engine is None and self.engine.dialect.driver == "asyncpg"

    def _past_deadline(self) -> bool:
        if self.deadline is None or time.monotonic() < self.deadline:
            return False
        self.interrupted = True
        return True

    def read_as_of(self, moment: dt.datetime | None) -> None:
        """Answer every read as of `moment`. Each root field says its moment before it reads; a moment other
        than the one already decided is refused, since one request's loaders share the rows they load."""
        if self.decided and moment != self.moment:
            raise AsOfConflict("asOf must be the same for every root field of one request")
        if moment is not None:
            if self.read_engine is not None:
                as_of_engine(self.read_engine)
            elif self.engine.dialect.name != "postgresql":
                raise AsOfUnavailable(f"asOf is not available on {self.engine.dialect.name}")
        self.moment, self.decided = moment, True

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[ReadConnection]:
        self.decided = True
        if self.read_engine is not None:
            if self._held is None:
                self._held = SyncReads(self._connect(self.read_engine))
                if self.deadline is not None:
                    self._held.interrupt_after(self._past_deadline)
            yield self._held
            return
        async with self._turn:
            if self._held_async is None:
                self._held_async = await self._open_async()
            try:
                yield self._held_async
            except BaseException:
                await self._release_async()  # a failed statement aborts the transaction: start afresh
                raise

    async def _open_async(self) -> AsyncReads:
        return AsyncReads(await self._connect_async(), self._connect_async)

    async def _connect_async(self) -> AsyncConnection:
        """A connection of the async engine, reading at the request's moment if it has one."""
        connection = await self.engine.connect()
        try:
            if self.moment is not None:
                await connection.execution_options(isolation_level="READ COMMITTED")
                await read_at(connection, self.moment)
        except BaseException:
            await connection.close()
            raise
        return connection

    async def apart(self, statement: Any, parameters: dict[str, Any]) -> list[Any]:
        """The rows of a statement that may take long (a full-text search): on SQLite it runs in a worker
        thread on a connection of its own, as the database stands now, so the event loop (other requests, the
        health check) goes on meanwhile; it is interrupted at the deadline too. Elsewhere on the request's
        connection."""
        read_engine = self.read_engine
        if read_engine is None:
            async with self.connection() as connection:
                return list(await connection.execute(statement, parameters))

        def run() -> list[Any]:
            with read_engine.connect() as connection:
                reads = SyncReads(connection)
                reads.interrupt_after(self._past_deadline if self.deadline is not None else None)
                try:
                    return list(connection.execute(statement, parameters))
                finally:
                    reads.interrupt_after(None)

        return await asyncio.to_thread(run)

    def _connect(self, read_engine: Engine) -> Connection:
        if self.moment is None:
            return read_engine.connect()
        connection = as_of_engine(read_engine).connect()
        at_moment(connection, self.moment)
        return connection

    async def close(self) -> None:
        """Return the held connection to its pool (the request is over, or a subscription waits); reads after
        this check out anew."""
        if self._held is not None:
            self._held.interrupt_after(None)
            self._held.connection.close()
            self._held = None
        async with self._turn:
            await self._release_async()

    async def _release_async(self) -> None:
        held, self._held_async = self._held_async, None
        if held is not None:
            await held.connection.close()
