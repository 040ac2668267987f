"""`ChangeNotifier`, which `factChanged` subscriptions wait on."""

import asyncio

import pytest

from resolvers.notifier import ChangeNotifier


async def test_a_wait_cancelled_as_a_write_wakes_it_ends_cancelled() -> None:
    """A subscriber whose client leaves as a write commits stops: Python 3.11's `asyncio.wait_for` dropped such a
    cancellation, and the subscription polled on with no client, holding up the server's shutdown."""
    notifier = ChangeNotifier()
    waiting = asyncio.create_task(notifier.wait(60, notifier.ticket()))
    await asyncio.sleep(0)
    notifier.notify()
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting


async def test_a_wait_ends_at_the_next_write() -> None:
    notifier = ChangeNotifier()
    ticket = notifier.ticket()
    notifier.notify()
    await notifier.wait(60, ticket)
