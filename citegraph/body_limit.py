"""Refuses request bodies over a size limit with HTTP 413 and a GraphQL-style error, before the app reads them."""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from citegraph.http_errors import error_response


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
                await self.refuse(scope, receive, send)
            else:
                await self.app(scope, receive, send)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if started:
                raise
            await self.refuse(scope, receive, send)

    async def refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        message = f"The request body is larger than the limit of {self.max_bytes} bytes (CITEGRAPH_MAX_BODY_BYTES)."
        await error_response(413, message, self.max_bytes)(scope, receive, send)
