"""uvicorn's httptools protocol with a deadline for a request's headers, which uvicorn does not have: a connection
that sends nothing, or its headers too slowly (slowloris), is closed instead of held. Its refusals (408, and the
400 for bytes that are no HTTP) are JSON like the app's."""

import asyncio
import functools
from typing import Any, ClassVar

import orjson
from uvicorn.config import Config
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol
from uvicorn.server import ServerState

from citegraph.http_errors import error_body, read_timeout_message
from citegraph.settings import load_settings


@functools.cache
def _configured_timeout_ms() -> int:
    return load_settings().request_read_timeout_ms


class HeaderTimeoutProtocol(HttpToolsProtocol):
    """A new connection's first request, and each later one from its first byte, must have sent all its headers
    within `timeout_ms`: else a begun request gets 408, and a connection that sent nothing (or only the unread
    rest of an answered request) is closed silently, which a client may retry. For
    `uvicorn --http citegraph.header_timeout:HeaderTimeoutProtocol`."""

    timeout_ms: ClassVar[int | None] = None
    """None: CITEGRAPH_REQUEST_READ_TIMEOUT_MS; `with_timeout` sets it."""

    def __init__(
        self,
        config: Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        self.header_timeout_ms = self.timeout_ms or _configured_timeout_ms()
        self.header_deadline: asyncio.TimerHandle | None = None
        self.reading_headers = False

    @classmethod
    def with_timeout(cls, timeout_ms: int) -> type["HeaderTimeoutProtocol"]:
        """The protocol class for uvicorn's `http=`, with a timeout other than the environment's."""
        return type(cls.__name__, (cls,), {"timeout_ms": timeout_ms})

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        """The first bytes after an answer cancel uvicorn's keep-alive timer, whether they begin a request or not
        (the unread rest of a body answered early, blank lines): from them on, the deadline runs."""
        if self.timeout_keep_alive_task is not None and self.header_deadline is None:
            self._arm()
        super().data_received(data)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self.reading_headers = True
        if self.header_deadline is None:
            self._arm()

    def on_headers_complete(self) -> None:
        self.reading_headers = False
        self._disarm()
        super().on_headers_complete()

    def _arm(self) -> None:
        self.header_deadline = self.loop.call_later(self.header_timeout_ms / 1000, self._expired)

    def _disarm(self) -> None:
        if self.header_deadline is not None:
            self.header_deadline.cancel()
            self.header_deadline = None

    def _expired(self) -> None:
        """Refuse a begun request; but a response under way (to a request before it) is finished first."""
        self.header_deadline = None
        if self.transport.is_closing():
            return
        if self.cycle is not None and not self.cycle.response_complete:
            self.cycle.keep_alive = False
            return
        if self.reading_headers:
            timeout = self.header_timeout_ms
            self.transport.write(self._refusal(408, read_timeout_message(timeout), timeout))
        self.transport.close()

    def send_400_response(self, msg: str) -> None:
        """uvicorn's answer to bytes that are no HTTP request, as JSON like every other refusal."""
        self.transport.write(self._refusal(400, f"{msg} The request is not valid HTTP/1.1."))
        self.transport.close()

    def _refusal(self, status: int, message: str, limit: int | None = None) -> bytes:
        body = orjson.dumps(error_body(status, message, limit))
        headers = [
            *self.server_state.default_headers,
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
        ]
        lines = (name + b": " + value + b"\r\n" for name, value in headers)
        return b"".join([STATUS_LINE[status], *lines, b"\r\n", body])
