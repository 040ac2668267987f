"""The read timeout of a request body once the app has started its response: no 408 can follow, so the error
reaches the server, which closes the connection (through HTTP, see tests/api/test_read_timeouts.py)."""

import asyncio

import pytest
from starlette.types import Message, Receive, Scope, Send

from citegraph.read_timeout import ReadTimedOut, RequestReadTimeout

SCOPE = {"type": "http", "method": "POST", "path": "/graphql", "headers": []}


async def test_a_body_late_after_the_response_started_ends_the_request_with_an_error() -> None:
    async def answers_first(scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await receive()

    async def stalled() -> Message:
        await asyncio.Event().wait()
        raise AssertionError("unreachable")

    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    with pytest.raises(ReadTimedOut):
        await RequestReadTimeout(answers_first, timeout_ms=1)(SCOPE, stalled, send)
    assert [message["type"] for message in sent] == ["http.response.start"]
