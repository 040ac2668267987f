"""The read connection of one request: Core rows, without the ORM session's per-statement work."""

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import Connection, Engine, Result
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from db.asof import AsOfUnavailable, as_of_engine, at_moment, read_at
from db.engine import READ_ENGINE, ReadEngine


class AsOfConflict(ValueError):
    """Root fields of one request asked for different `asOf` moments."""


Sessions = async_sessionmaker[AsyncSession]


class SyncReads:
    """A synchronous connection with the async connection's `execute`, for the read path."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.dialect = connection.dialect
        self.driver: Any = connection.connection.driver_connection
        """The DBAPI connection, for statements compiled once (`resolvers.loaders.DriverStatement`)."""

    async def execute(self, statement: Any, parameters: Any = None) -> Result[Any]:
        return self.connection.execute(statement, parameters)


ReadConnection = AsyncConnection | SyncReads
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
        self._held_async: AsyncConnection | None = None
        self._turn = asyncio.Lock()
        self.moment: dt.datetime | None = None
        """Read as the database stood then (`db.asof`); None: as it stands. Fixed by the first root field."""
        self.decided = False

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
            yield self._held
            return
        async with self._turn:
            if self._held_async is None:
                connection = await self.engine.connect()
                if self.moment is not None:
                    await connection.execution_options(isolation_level="READ COMMITTED")
                    await read_at(connection, self.moment)
                self._held_async = connection
            try:
                yield self._held_async
            except BaseException:
                await self._release_async()  # a failed statement aborts the transaction: start afresh
                raise

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
            self._held.connection.close()
            self._held = None
        async with self._turn:
            await self._release_async()

    async def _release_async(self) -> None:
        connection, self._held_async = self._held_async, None
        if connection is not None:
            await connection.close()
