"""The async engine for a database URL, and creating the schema in an empty database."""

from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlmodel import SQLModel

import db.tables  # noqa: F401  (registers every table on SQLModel.metadata)
from db.asof import create_views
from db.search import create_search_index

ASYNC_DRIVERS = {"sqlite": "aiosqlite", "postgresql": "asyncpg"}


class UnsupportedDatabase(ValueError):
    """The URL names a database backend citegraph does not run on."""


def async_url(url: str) -> URL:
    """Accept a URL with or without a driver name and return it with the async driver we run on."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend not in ASYNC_DRIVERS:
        raise UnsupportedDatabase(f"unsupported database {backend!r} in {url!r}: use sqlite or postgresql")
    return parsed.set(drivername=f"{backend}+{ASYNC_DRIVERS[backend]}")


def _enable_sqlite_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def make_engine(url: str, connect_timeout: float = 10.0, statement_timeout: float | None = None) -> AsyncEngine:
    """On PostgreSQL, pooled connections are pinged at checkout (one the server dropped is replaced, not
    handed to a request), and connecting (`connect_timeout`) and each statement (`statement_timeout`, seconds;
    None: no limit) fail rather than hang on a server that stopped answering."""
    parsed = async_url(url)
    if parsed.get_backend_name() != "postgresql":
        engine = create_async_engine(parsed)
        event.listen(engine.sync_engine, "connect", _enable_sqlite_foreign_keys)
        return engine
    timeouts = {"timeout": connect_timeout, "command_timeout": statement_timeout}
    return create_async_engine(parsed, pool_pre_ping=True, connect_args=timeouts)


def make_read_engine(url: str) -> Engine | None:
    """A synchronous engine for reads where it is faster than the async driver (SQLite: aiosqlite hops to a
    thread several times per statement, while a read takes microseconds in-process); None elsewhere.

    Each request holds one connection while it runs (`resolvers.reads.Reads`) and checkouts happen on the
    event loop's thread, so the pool must never make a checkout wait: its overflow is unbounded."""
    parsed = async_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    sync_url = parsed.set(drivername="sqlite+pysqlite")
    unbounded = {} if sync_url.database in (None, "", ":memory:") else {"pool_size": 8, "max_overflow": -1}
    engine = create_engine(sync_url, **unbounded)
    event.listen(engine, "connect", _enable_sqlite_foreign_keys)
    return engine


def session_factory(engine: AsyncEngine, read_engine: Engine | None = None) -> async_sessionmaker[AsyncSession]:
    """Sessions for writes; `read_engine`, when given, serves the read path (see `resolvers.reads.Reads`)."""
    return async_sessionmaker(engine, expire_on_commit=False, info={READ_ENGINE: read_engine})


READ_ENGINE = "read_engine"


class OutdatedSchema(RuntimeError):
    """The database was created by an older citegraph: its tables lack columns this version reads."""


def missing_columns(connection: Connection) -> list[str]:
    """`table.column` for every column of the models that the database's existing tables lack."""
    inspector = inspect(connection)
    missing: list[str] = []
    for table in SQLModel.metadata.sorted_tables:
        present = {column["name"] for column in inspector.get_columns(table.name)}
        missing += [f"{table.name}.{column.name}" for column in table.columns if column.name not in present]
    return missing


async def create_schema(engine: AsyncEngine) -> None:
    """Create every missing table; existing tables are left as they are, and must have every column
    (OutdatedSchema names those they lack)."""
    async with engine.begin() as conn:
        await conn.run_sync(SQLModel.metadata.create_all)
        missing = await conn.run_sync(missing_columns)
        if missing:
            raise OutdatedSchema(
                f"the database was created by an older citegraph and lacks {', '.join(missing)}; "
                "start from an empty database (for the default one: make clean)"
            )
        await conn.run_sync(create_search_index)
        await conn.run_sync(create_views)
