"""How citegraph opens SQLite connections: write-ahead logging on database files, and a busy timeout per
engine. With WAL, readers never wait for the writer nor it for them; writers still take turns (one lock)."""

import sqlite3
from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import URL

WRITE_BUSY_TIMEOUT = 30.0
"""Seconds a write waits for another process's write transaction (say `citegraph ingest` while the server
runs) before failing. It waits in aiosqlite's thread, never on the event loop."""

READ_BUSY_TIMEOUT = 0.2
"""Seconds a read on the synchronous read engine waits for a lock. It waits on the event loop's thread,
stalling every request, so it is short: under WAL a reader waits only while another connection recovers the
WAL after a crash or resets it in a checkpoint, which takes milliseconds; a longer hold fails the read."""


def is_file_database(url: URL) -> bool:
    """Whether the URL names a database file (WAL needs one); not `:memory:`, a temporary or a memory URI."""
    database = url.database or ""
    memory = url.query.get("mode") == "memory" or database.startswith("file::memory:")
    return database not in ("", ":memory:") and not memory


def on_connect(url: URL) -> Callable[[Any, Any], None]:
    """The `connect` event listener for an engine on `url`: foreign keys enforced and, on a database file,
    WAL journal mode (a property of the file, kept once set; switching is skipped when the file has it)."""
    wal = is_file_database(url)

    def prepare(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys=ON")
            if wal:
                cursor.execute("PRAGMA journal_mode")
                if cursor.fetchone()[0] != "wal":
                    cursor.execute("PRAGMA journal_mode=WAL")
        finally:
            cursor.close()

    return prepare


def is_busy(error: BaseException | None) -> bool:
    """Whether a DBAPI error is SQLite's `database is locked` (another connection holds the lock)."""
    return isinstance(error, sqlite3.OperationalError) and error.sqlite_errorcode & 0xFF == sqlite3.SQLITE_BUSY


def is_full(error: BaseException | None) -> bool:
    """Whether a DBAPI error is SQLite's `database or disk is full`: no room for another page (the disk, or the
    connection's `max_page_count`)."""
    return isinstance(error, sqlite3.OperationalError) and error.sqlite_errorcode & 0xFF == sqlite3.SQLITE_FULL
