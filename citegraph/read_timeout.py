"""Answers HTTP 408 with a GraphQL-style error to a request whose body has not all arrived in time, so that a
slow or stalled client cannot hold an app task; any ASGI server, any reader of the body."""

import asyncio

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send


def request_timeout_error(limit_ms: int) -> dict[str, object]:
    """The answer to a request not received in time, for its body here and for its headers in `header_timeout`."""
    limit = f"the limit of {limit_ms} ms (CITEGRAPH_REQUEST_READ_TIMEOUT_MS)"
    message = f"The request did not arrive in full within {limit}."
    return {"errors": [{"message": message, "extensions": {"code": "REQUEST_TIMEOUT", "limit": limit_ms}}]}


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
        started = False

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

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, timed_receive, tracking_send)
        except ReadTimedOut:
            if started:
                raise
            answer = JSONResponse(
                request_timeout_error(self.timeout_ms), status_code=408, headers={"Connection": "close"}
            )
            await answer(scope, receive, send)
