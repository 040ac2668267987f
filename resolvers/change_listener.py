"""On PostgreSQL, one LISTEN connection per app process: every write any process commits (another worker,
`citegraph ingest`) wakes this process's `factChanged` subscribers through its `ChangeNotifier`."""

import asyncio
import contextlib
import logging
from typing import Any

import asyncpg
from sqlalchemy.ext.asyncio import AsyncEngine

from db.change_feed import CHANNEL
from resolvers.notifier import ChangeNotifier

log = logging.getLogger("citegraph.changes")

APPLICATION_NAME = "citegraph-changes"
"""How the LISTEN connections show in `pg_stat_activity`."""


class ChangeListener:
    """LISTENs on `db.change_feed.CHANNEL` with its own connection (not one of the pool's) until cancelled.

    A connection that drops, or cannot be made, is retried with backoff (`retry_seconds` doubling up to
    `max_retry_seconds`); it never raises, and subscribers keep polling meanwhile. After each (re)connect it
    notifies once, since writes may have committed while nobody listened."""

    def __init__(
        self,
        engine: AsyncEngine,
        notifier: ChangeNotifier,
        connect_timeout: float = 10.0,
        check_seconds: float = 30.0,
        retry_seconds: float = 0.5,
        max_retry_seconds: float = 30.0,
    ) -> None:
        self.engine = engine
        self.notifier = notifier
        self.connect_timeout = connect_timeout
        self.check_seconds = check_seconds
        """How often an idle connection is checked (`SELECT 1`), so that a silently dead one is replaced."""
        self.retry_seconds = retry_seconds
        self.max_retry_seconds = max_retry_seconds
        self.listening = asyncio.Event()
        """Set while LISTEN is in place."""

    async def run(self) -> None:
        """Listen until cancelled (the app's lifespan runs it as a task and cancels it at shutdown)."""
        delay = self.retry_seconds
        while True:
            try:
                await self._listen()
            except Exception as exc:  # whatever broke the connection, listening must go on
                log.warning("change listener: %r", exc)
            if self.listening.is_set():
                delay = self.retry_seconds
                self.listening.clear()
            log.warning("change listener: reconnecting in %.1f s", delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, self.max_retry_seconds)

    async def _listen(self) -> None:
        """Listen on one connection until it is lost."""
        args, params = self.engine.dialect.create_connect_args(self.engine.url)
        server_settings = {**params.pop("server_settings", {}), "application_name": APPLICATION_NAME}
        connection = await asyncpg.connect(
            *args, **params, server_settings=server_settings, timeout=self.connect_timeout
        )
        lost = asyncio.Event()
        try:
            connection.add_termination_listener(lambda _connection: lost.set())
            await connection.add_listener(CHANNEL, self._wake)
            self.listening.set()
            self.notifier.notify()
            while not lost.is_set():
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(self.check_seconds):  # not wait_for: 3.11's may drop a cancellation
                        await lost.wait()
                if not lost.is_set():
                    await connection.execute("SELECT 1", timeout=self.connect_timeout)
            log.warning("change listener: the connection was closed")
        finally:
            connection.terminate()

    def _wake(self, *_notification: Any) -> None:
        self.notifier.notify()
