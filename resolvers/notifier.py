"""Wakes `factChanged` subscribers when a write commits; they then read the change log.

In this process, mutations notify it directly. On PostgreSQL, `resolvers.change_listener` also notifies it for
every write any process commits (other workers, `citegraph ingest`). Subscribers still re-read the log every
few seconds, for what a listener could not hear (SQLite: a deployment is one process; a dropped connection).
"""

import asyncio
import contextlib


class ChangeNotifier:
    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        """A write committed: wake everyone waiting now."""
        event, self._event = self._event, asyncio.Event()
        event.set()

    def ticket(self) -> asyncio.Event:
        """The event the next `notify()` sets: take it before reading the change log and wait on it after,
        so that a write committed during the read is not missed."""
        return self._event

    async def wait(self, timeout: float, ticket: asyncio.Event | None = None) -> None:
        """Until the `notify()` after `ticket` was taken (default: now), or `timeout` seconds. A cancellation is
        never dropped (`asyncio.wait_for` of Python 3.11 dropped one that came as the event was set)."""
        event = ticket or self._event
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(timeout):
                await event.wait()
