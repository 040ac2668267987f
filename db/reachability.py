"""Whether a database can be used at all, and why not, in one line: it cannot be opened (a missing folder, a file
that is not a database, an unknown database name, a wrong role or password), written (a read-only file, a
read-only server, a role without the privilege), reached (a server down, silent or unknown), or is not one
citegraph runs on. The command line prints that line instead of a traceback."""

import re
import sqlite3

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import NullPool

from db.engine import UnsupportedDatabase, make_engine
from db.sqlite import WRITE_BUSY_TIMEOUT, on_connect

SQLITE_CODES = {
    sqlite3.SQLITE_CANTOPEN: "open",
    sqlite3.SQLITE_NOTADB: "open",
    sqlite3.SQLITE_PERM: "open",
    sqlite3.SQLITE_READONLY: "write to",
}
"""SQLite's primary result codes of a database that cannot be used, and what could not be done to it."""

POSTGRESQL_STATES = {
    "08": "reach",  # connection exception
    "28": "open",  # invalid authorization: an unknown role, a wrong password, refused by pg_hba.conf
    "3D": "open",  # invalid catalog name: no such database
    "57P03": "reach",  # cannot connect now: starting up or shutting down
    "53300": "reach",  # too many connections
    "25006": "write to",  # read-only SQL transaction: a standby, or default_transaction_read_only
    "42501": "write to",  # insufficient privilege
}
"""PostgreSQL SQLSTATEs (whole, or their two-character class) of a database that cannot be used."""


class DatabaseUnusable(RuntimeError):
    """The database cannot be used; the message names it (password masked) and says why, in one line."""


async def open_database(url: str, connect_timeout: float = 10.0) -> AsyncEngine:
    """`make_engine(url)` once a first connection has opened (it goes back to the pool for the first statement).
    Raises DatabaseUnusable when the URL is not a database citegraph runs on, or that database cannot be opened or
    reached within `connect_timeout` seconds."""
    try:
        engine = make_engine(url, connect_timeout)
    except UnsupportedDatabase as exc:
        raise DatabaseUnusable(f"cannot use the database {masked(url)}: {exc}") from exc
    try:
        if engine.dialect.name == "sqlite":
            _open_synchronously(engine.url)
        else:
            async with engine.connect():
                pass
    except Exception as exc:
        await engine.dispose()
        line = unusable(exc, url, connecting=True)
        if line is None:
            raise
        raise DatabaseUnusable(line) from exc
    return engine


def _open_synchronously(url: URL) -> None:
    """Open and close one SQLite connection as the engine would (same pragmas and busy timeout), but with the
    synchronous driver: when aiosqlite fails to connect, its thread reports the failure to the event loop later,
    maybe once that loop is closed, which prints a stray traceback (aiosqlite issue 241)."""
    probe = create_engine(
        url.set(drivername="sqlite+pysqlite"), poolclass=NullPool, connect_args={"timeout": WRITE_BUSY_TIMEOUT}
    )
    event.listen(probe, "connect", on_connect(url))
    try:
        with probe.connect():
            pass
    finally:
        probe.dispose()


def unusable(error: BaseException, url: str, connecting: bool = False) -> str | None:
    """The line saying that the database at `url` cannot be used and why, when `error` means so; None for any
    other error (a bug, or a problem of the data, is not hidden). An OSError or a timeout means so only while
    `connecting`: later it may be about a file or a pipe."""
    driver_error = error.orig if isinstance(error, DBAPIError) and error.orig is not None else error
    if connecting and isinstance(driver_error, TimeoutError):
        verb, cause = "reach", "no answer within the connect timeout (CITEGRAPH_DB_CONNECT_TIMEOUT_MS)"
    elif connecting and isinstance(driver_error, OSError):
        verb, cause = "reach", str(driver_error)
    elif (refused := _refusal(driver_error)) is not None:
        verb, cause = refused, _message(driver_error)
    else:
        return None
    return f"cannot {verb} the database {masked(url)}: {cause}"


def masked(url: str) -> str:
    """The URL as it may be printed: as given, with its password replaced by `***` (SQLAlchemy's rendering, which
    also escapes characters of the path, only when there is one)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return re.sub(r":[^:/@]*@", ":***@", url)
    return url if parsed.password is None else parsed.render_as_string(hide_password=True)


def _refusal(driver_error: BaseException) -> str | None:
    """What the database refused to let us do (open, reach, write to), from SQLite's code or PostgreSQL's
    SQLSTATE; None for other errors."""
    code = getattr(driver_error, "sqlite_errorcode", None)
    if isinstance(driver_error, sqlite3.Error) and isinstance(code, int):
        return SQLITE_CODES.get(code & 0xFF)
    state = getattr(driver_error, "sqlstate", None)
    if not isinstance(state, str):
        return None
    return POSTGRESQL_STATES.get(state) or POSTGRESQL_STATES.get(state[:2])


def _message(error: BaseException) -> str:
    """The driver's message alone (SQLAlchemy's asyncpg adapter keeps the original error beside it in `args`)."""
    first = error.args[0] if error.args else None
    return first if isinstance(first, str) else str(error)
