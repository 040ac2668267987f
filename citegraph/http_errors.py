"""Refusals of whole HTTP requests, shaped as GraphQL errors so that every client reads them one way:
`{"errors": [{"message": ..., "extensions": {"code": ..., "limit": ...}}]}` with the HTTP status."""

from collections.abc import Callable

from graphql import GraphQLFormattedError
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CODES = {
    400: "BAD_REQUEST",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    408: "REQUEST_TIMEOUT",
    413: "REQUEST_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
}
"""The code a refusal carries for each HTTP status it is sent with."""


class RequestRefused(Exception):
    """A request refused before any GraphQL runs; `response()` is what the client gets, `error()` the GraphQL error
    alone (a WebSocket operation's `error` message holds it). `code` replaces the one of `status`."""

    def __init__(
        self,
        status: int,
        message: str,
        limit: int | None = None,
        code: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.limit = limit
        self.code = code
        self.headers = headers

    def response(self) -> JSONResponse:
        return error_response(self.status, self.message, self.limit, self.headers, self.code)

    def error(self) -> GraphQLFormattedError:
        return graphql_error(self.status, self.message, self.limit, self.code)


def graphql_error(
    status: int, message: str, limit: int | None = None, code: str | None = None
) -> GraphQLFormattedError:
    """The GraphQL error refusing a request with `status`, naming `limit` when a limit refused it."""
    extensions: dict[str, object] = {"code": code or CODES.get(status, "BAD_REQUEST")}
    if limit is not None:
        extensions["limit"] = limit
    return {"message": message, "extensions": extensions}


def error_body(status: int, message: str, limit: int | None = None, code: str | None = None) -> dict[str, object]:
    """The JSON refusing a request with `status` (`graphql_error`)."""
    return {"errors": [graphql_error(status, message, limit, code)]}


def error_response(
    status: int,
    message: str,
    limit: int | None = None,
    headers: dict[str, str] | None = None,
    code: str | None = None,
) -> JSONResponse:
    """`error_body` as the response with `status`."""
    return JSONResponse(error_body(status, message, limit, code), status_code=status, headers=headers)


def read_timeout_message(limit_ms: int) -> str:
    """Why a request not received in time is refused (its body in `read_timeout`, headers in `header_timeout`)."""
    return f"The request did not arrive in full within the limit of {limit_ms} ms (CITEGRAPH_REQUEST_READ_TIMEOUT_MS)."


async def refuse_when(
    refused: type[Exception],
    refusal: Callable[[], Response],
    app: ASGIApp,
    scope: Scope,
    receive: Receive,
    app_receive: Receive,
    send: Send,
) -> None:
    """Run `app` reading through `app_receive`; if that raises `refused` before the response started, answer
    `refusal()` instead (after the start no other answer can follow: the error goes to the server)."""
    started = False

    async def tracking_send(message: Message) -> None:
        nonlocal started
        started = started or message["type"] == "http.response.start"
        await send(message)

    try:
        await app(scope, app_receive, tracking_send)
    except refused:
        if started:
            raise
        await refusal()(scope, receive, send)
