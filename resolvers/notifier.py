"""Wakes `factChanged` subscribers when a write in this process commits; they then read the change log.

Subscribers also re-read the log every few seconds, so writes from other processes (`citegraph ingest`,
other workers) reach them too, only later.
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

    async def wait(self, timeout: float) -> None:
        """Until the next `notify()` or `timeout` seconds, whichever comes first."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._event.wait(), timeout)
