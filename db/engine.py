"""The async engine for a database URL, and bringing its schema to the newest revision."""

from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from db.migrate import Revision, upgrade
from db.sqlite import READ_BUSY_TIMEOUT, WRITE_BUSY_TIMEOUT, on_connect
from db.writes import write_connection

ASYNC_DRIVERS = {"sqlite": "aiosqlite", "postgresql": "asyncpg"}


class UnsupportedDatabase(ValueError):
    """The URL names a database backend citegraph does not run on, or is no database URL at all. The message
    leaves the URL out (it may hold a password): `db.reachability.masked` gives one to print."""


def async_url(url: str) -> URL:
    """Accept a URL with or without a driver name and return it with the async driver we run on."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise UnsupportedDatabase("not a database URL: use sqlite:///path.db or postgresql://user@host/db") from exc
    backend = parsed.get_backend_name()
    if backend not in ASYNC_DRIVERS:
        raise UnsupportedDatabase(f"unsupported database {backend!r}: use sqlite or postgresql")
    return parsed.set(drivername=f"{backend}+{ASYNC_DRIVERS[backend]}")


def make_engine(url: str, connect_timeout: float = 10.0, statement_timeout: float | None = None) -> AsyncEngine:
    """On PostgreSQL, pooled connections are pinged at checkout (one the server dropped is replaced, not
    handed to a request), and connecting (`connect_timeout`) and each statement (`statement_timeout`, seconds;
    None: no limit) fail rather than hang on a server that stopped answering. On SQLite (`db.sqlite`), a database
    file is in WAL mode, and a write waits up to WRITE_BUSY_TIMEOUT for another process's write to end."""
    parsed = async_url(url)
    if parsed.get_backend_name() != "postgresql":
        engine = create_async_engine(parsed, connect_args={"timeout": WRITE_BUSY_TIMEOUT})
        event.listen(engine.sync_engine, "connect", on_connect(parsed))
        return engine
    timeouts = {"timeout": connect_timeout, "command_timeout": statement_timeout}
    return create_async_engine(parsed, pool_pre_ping=True, connect_args=timeouts)


ReadEngine = Engine | AsyncEngine
"""Where the read path reads (`make_read_engine`): a synchronous engine (SQLite) or an async one (PostgreSQL)."""


READ_POOL_SIZE = 15
"""Connections the PostgreSQL read pool keeps, and the most it opens: as many as SQLAlchemy's default pool
allows (5 + 10 overflow), all kept, since an overflow connection is closed on its return and a new one costs
a connection, type introspection and statement preparation (with the default pool, 8 concurrent readers
made about six a second)."""


READ_SETTINGS = {"plan_cache_mode": "force_generic_plan"}
"""The read pool's session settings. The read path's statements are prepared once per connection (asyncpg's
statement cache) and keyed by `= ANY($1)` lists, whose custom plan PostgreSQL's estimate always prefers, so by
default it planned every execution again: three quarters of the server's CPU for one event by id
(docs/bench.md). Generic plans of these statements use the same indexes."""


def make_read_engine(
    url: str, connect_timeout: float = 10.0, statement_timeout: float | None = None
) -> ReadEngine | None:
    """The engine of the read path (`resolvers.reads.Reads`); None where reads go through the write engine.

    On SQLite, a synchronous engine, faster than the async driver (aiosqlite hops to a thread several times
    per statement, while a read takes microseconds in-process). Each request holds one connection while it
    runs and checkouts happen on the event loop's thread, so the pool must never make a checkout wait: its
    overflow is unbounded, and a lock wait is cut short (READ_BUSY_TIMEOUT; in WAL mode readers do not wait
    for writers). On PostgreSQL, its own pool in autocommit: a read costs no BEGIN and ROLLBACK (in READ
    COMMITTED every statement sees the newest commits either way; asOf reads open a transaction for their
    transaction-local settings, and end it before they return the connection), a checkout no ping
    (`resolvers.reads.AsyncReads` runs a read again on a new connection when the server dropped the old one),
    and a statement is planned once (READ_SETTINGS)."""
    parsed = async_url(url)
    if parsed.get_backend_name() == "postgresql":
        return create_async_engine(
            parsed,
            pool_size=READ_POOL_SIZE,
            max_overflow=0,
            isolation_level="AUTOCOMMIT",
            pool_reset_on_return=None,
            connect_args={
                "timeout": connect_timeout,
                "command_timeout": statement_timeout,
                "server_settings": READ_SETTINGS,
            },
        )
    if parsed.get_backend_name() != "sqlite":
        return None
    sync_url = parsed.set(drivername="sqlite+pysqlite")
    unbounded = {} if sync_url.database in (None, "", ":memory:") else {"pool_size": 8, "max_overflow": -1}
    engine = create_engine(sync_url, connect_args={"timeout": READ_BUSY_TIMEOUT}, **unbounded)
    event.listen(engine, "connect", on_connect(sync_url))
    return engine


def trace_statements(engine: ReadEngine, callback: Callable[[str], None]) -> Callable[[], None]:
    """Call `callback(sql)` for every statement the engine runs, also those the read path runs on the DBAPI
    connection of the synchronous SQLite engine (`resolvers.loaders.DriverStatement`), which SQLAlchemy's
    events do not see; returns the function that stops it. For counting statements in tests and benchmarks."""
    if isinstance(engine, AsyncEngine):
        engine = engine.sync_engine
    if engine.dialect.driver != "pysqlite":
        sync_engine = engine

        def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
            callback(statement)

        def stop_tracing() -> None:
            event.remove(sync_engine, "before_cursor_execute", before)
            DRIVER_TRACERS[sync_engine].remove(callback)

        event.listen(engine, "before_cursor_execute", before)
        DRIVER_TRACERS.setdefault(engine, []).append(callback)
        return stop_tracing

    def checkout(dbapi_connection: Any, *_args: Any) -> None:
        dbapi_connection.set_trace_callback(callback)

    def checkin(dbapi_connection: Any, *_args: Any) -> None:
        dbapi_connection.set_trace_callback(None)

    event.listen(engine, "checkout", checkout)
    event.listen(engine, "checkin", checkin)

    def stop() -> None:
        event.remove(engine, "checkout", checkout)
        event.remove(engine, "checkin", checkin)

    return stop


DRIVER_TRACERS: dict[Engine, list[Callable[[str], None]]] = {}
"""`trace_statements`' callbacks by engine, for statements the read path runs on asyncpg's connection."""


def driver_ran(engine: Engine, statement: str) -> None:
    """Tell `trace_statements` of a statement run on the driver's connection, which SQLAlchemy did not see."""
    for callback in DRIVER_TRACERS.get(engine, ()):
        callback(statement)


def session_factory(engine: AsyncEngine, read_engine: ReadEngine | None = None) -> async_sessionmaker[AsyncSession]:
    """Sessions for writes; `read_engine`, when given, serves the read path (see `resolvers.reads.Reads`)."""
    return async_sessionmaker(engine, expire_on_commit=False, info={READ_ENGINE: read_engine})


READ_ENGINE = "read_engine"


async def create_schema(engine: AsyncEngine) -> Revision:
    """Bring the database to the newest schema revision, in one transaction (`db.migrate.upgrade`: an empty
    database gets every table; one made before migrations, or by a newer citegraph, is refused)."""
    async with write_connection(engine) as conn:
        return await conn.run_sync(upgrade)


async def refresh_statistics(engine: AsyncEngine) -> None:
    """After a bulk load: PostgreSQL's planner guesses from empty statistics until autovacuum analyzes the
    tables (a minute or more later), and meanwhile picks plans several times slower. SQLite plans without
    statistics, as the read path was tuned; nothing to do there."""
    if engine.dialect.name == "postgresql":
        async with engine.connect() as connection:
            await connection.exec_driver_sql("ANALYZE")
            await connection.commit()
