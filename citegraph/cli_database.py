"""The database of a `citegraph` command (CITEGRAPH_DATABASE_URL, opened within CITEGRAPH_DB_CONNECT_TIMEOUT_MS),
and the one line a command prints instead of a traceback when that database cannot be used, is busy or is full."""

from typing import TYPE_CHECKING

from citegraph.settings import load_settings

if TYPE_CHECKING:  # the commands import SQLAlchemy and the models only when they run
    from sqlalchemy.ext.asyncio import AsyncEngine


async def open_engine() -> "AsyncEngine":
    """The command's engine, once a first connection opened (`db.reachability.open_database`)."""
    from db.reachability import open_database

    settings = load_settings()
    return await open_database(settings.database_url, settings.db_connect_timeout_ms / 1000)


def failure_line(error: BaseException) -> str | None:
    """What to print for an error saying the database cannot be used, is locked by another process's write or
    has no room; None for any other error."""
    from db.reachability import DatabaseUnusable, unusable
    from db.writes import DatabaseBusy, DatabaseFull

    if isinstance(error, DatabaseUnusable | DatabaseBusy | DatabaseFull):
        return str(error)
    return unusable(error, load_settings().database_url)
