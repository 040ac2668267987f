"""Answers HTTP 408 with a GraphQL-style error to a request whose body has not all arrived in time, so that a
slow or stalled client cannot hold an app task; any ASGI server, any reader of the body."""

import asyncio

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from citegraph.http_errors import error_response, read_timeout_message, refuse_when


class ReadTimedOut(Exception):
    """Raised from `receive` when the deadline passes before the body's last part; the app sees no more of it."""


class RequestReadTimeout:
    """ASGI middleware: the body must have arrived `timeout_ms` after the app was called (its headers read);
    then the client gets 408 and the connection is closed. Once it has, `receive` waits as long as the app likes
    (for a disconnect)."""

    def __init__(self, app: ASGIApp, timeout_ms: int) -> None:
        self.app = app
        self.timeout_ms = timeout_ms

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        deadline = asyncio.get_running_loop().time() + self.timeout_ms / 1000
        complete = False

        async def timed_receive() -> Message:
            nonlocal complete
            if complete:
                return await receive()
            try:
                async with asyncio.timeout_at(deadline):
                    message = await receive()
            except TimeoutError:
                raise ReadTimedOut from None
            complete = message["type"] != "http.request" or not message.get("more_body", False)
            return message

        await refuse_when(ReadTimedOut, self.refusal, self.app, scope, receive, timed_receive, send)

    def refusal(self) -> Response:
        message = read_timeout_message(self.timeout_ms)
        return error_response(408, message, self.timeout_ms, headers={"Connection": "close"})
