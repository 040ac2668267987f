"""Refuses request bodies over a size limit with HTTP 413 and a GraphQL-style error, before the app reads them."""

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from citegraph.http_errors import error_response, refuse_when


class BodyTooLarge(Exception):
    """Raised from `receive` once a body without Content-Length has grown past the limit."""


class BodySizeLimit:
    """ASGI middleware: a declared Content-Length over `max_bytes` is refused at once; a body streamed
    without one is counted as the app reads it."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None:
            if length.isdigit() and int(length) > self.max_bytes:
                await self.refusal()(scope, receive, send)
            else:
                await self.app(scope, receive, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge
            return message

        await refuse_when(BodyTooLarge, self.refusal, self.app, scope, receive, counting_receive, send)

    def refusal(self) -> Response:
        message = f"The request body is larger than the limit of {self.max_bytes} bytes (CITEGRAPH_MAX_BODY_BYTES)."
        return error_response(413, message, self.max_bytes)
