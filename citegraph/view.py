"""The GraphQL endpoint: Strawberry's ASGI view, with queries posted as JSON answered on `schema.direct`, persisted
queries resolved before either (`citegraph.persisted`), and every malformed request refused as a GraphQL-shaped JSON
error (`citegraph.http_errors`)."""

from dataclasses import replace
from typing import Any

import orjson
from cross_web import AsyncHTTPRequestAdapter, HTTPException
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.types import Message, Receive, Scope, Send
from starlette.websockets import WebSocketDisconnect
from strawberry.asgi import ASGIWebSocketAdapter, GraphQL
from strawberry.http import GraphQLRequestData
from strawberry.http.base import BaseRequestProtocol
from strawberry.http.exceptions import WebSocketDisconnected

from citegraph.graphiql_page import page
from citegraph.graphql_request import check_query_string, parse_body
from citegraph.http_errors import RequestRefused, error_response
from citegraph.persisted import PersistedQueries, read_manifest, without_persisted_query
from citegraph.settings import Settings
from citegraph.websocket_handlers import LegacyWSHandler, TransportWSHandler
from db.engine import ReadEngine, session_factory
from resolvers.context import Context
from resolvers.notifier import ChangeNotifier
from resolvers.search import SearchLimits
from schema import make_schema
from schema.direct import DirectQueries
from schema.limits import QueryLimits


class TextFrames(ASGIWebSocketAdapter):
    """Sends every message as a text frame: both GraphQL WebSocket protocols speak JSON in text frames, and
    standard clients (graphql-ws, Python gql, GraphiQL) refuse binary ones, which Strawberry sends for the
    bytes that `encode_json` returns."""

    async def send_json(self, message: Any) -> None:
        try:
            await self.ws.send_text(orjson.dumps(message).decode())
        except WebSocketDisconnect as exc:
            raise WebSocketDisconnected from exc


class CitegraphGraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI app with a fresh context (and loaders) per request and orjson encoding. A POST body
    is read and checked here: a malformed one is refused, a query `DirectQueries` accepts is answered there,
    and Strawberry answers every other request, its refusals sent as JSON too."""

    websocket_adapter_class = TextFrames
    graphql_transport_ws_handler_class = TransportWSHandler
    graphql_ws_handler_class = LegacyWSHandler

    def __init__(self, engine: AsyncEngine, read_engine: ReadEngine | None, settings: Settings) -> None:
        mask_errors, limits = not settings.debug, query_limits(settings)
        schema = make_schema(mask_errors=mask_errors, limits=limits, introspection=settings.introspection)
        super().__init__(schema, graphql_ide="graphiql" if settings.graphiql else None)
        self.direct = DirectQueries(schema, mask_errors, limits, settings.introspection)
        self.sessions = session_factory(engine, read_engine)
        self.settings = settings
        self.notifier = ChangeNotifier()
        trusted = read_manifest(settings.trusted_documents) if settings.trusted_documents else None
        self.persisted = PersistedQueries(trusted)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        if scope["method"] == "POST":
            received, body = await _read_body(receive)
            if body is None:
                return
            try:
                posted = parse_body(_header(scope, b"content-type"), body)
                text = self.persisted.resolve(posted.query, posted.extensions)
            except RequestRefused as refused:
                await refused.response()(scope, receive, send)
                return
            query = None
            if text is not None and without_persisted_query(posted.extensions) is None:
                query = self.direct.prepare(text, posted.variables, posted.operation_name)
            if query is not None:
                answer = await self.direct.run(query, self.context_for(_header(scope, b"authorization")))
                await Response(self.encode_json(answer), media_type="application/json")(scope, receive, send)
                return
            receive = _replay(received, receive)
        request = Request(scope=scope, receive=receive)
        try:
            if scope["method"] == "GET":
                check_query_string(request.query_params)
            response = await self.run(request)
        except RequestRefused as refused:
            response = refused.response()
        except HTTPException as refused:
            response = error_response(refused.status_code, refused.reason)
        await response(scope, receive, send)

    async def parse_http_body(self, request: AsyncHTTPRequestAdapter) -> GraphQLRequestData | list[GraphQLRequestData]:
        """The request with its persisted query resolved (again for a POST the direct path declined: the hash
        alone still names the query, kept when the POST gave it). A subscription asked for as plain JSON is
        refused: only the WebSocket serves it (Strawberry would run it as a query)."""
        data = await super().parse_http_body(request)
        if isinstance(data, list):
            return data
        query = self.persisted.resolve(data.query, data.extensions)
        if query is not None and data.protocol == "http" and self.direct.is_subscription(query, data.operation_name):
            raise RequestRefused(
                400, "A subscription is served over the WebSocket at /graphql (graphql-transport-ws), not over HTTP."
            )
        return data if query is data.query else replace(data, query=query)

    def should_render_graphql_ide(self, request: BaseRequestProtocol) -> bool:
        """GraphiQL for a browser's GET without a query, unless it names a persisted query."""
        return super().should_render_graphql_ide(request) and request.query_params.get("extensions") is None

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        """Our own GraphiQL page, whose assets the app serves (`citegraph.graphiql_page`), not Strawberry's CDN one."""
        return page()

    async def get_context(self, request: Any, response: Any) -> Context:
        return self.context_for(request.headers.get("authorization"))

    def context_for(self, authorization: str | None) -> Context:
        """A request's context, with the token of its `Authorization: Bearer` header (unchecked) if any."""
        scheme, _, token = (authorization or "").partition(" ")
        bearer = token.strip() if scheme.lower() == "bearer" and token.strip() else None
        settings = self.settings
        search_limits = SearchLimits(settings.max_search_chars, settings.max_search_terms)
        return Context(self.sessions, settings.page_size, settings.max_page_size, bearer, self.notifier, search_limits)

    def decode_json(self, data: str | bytes) -> object:
        """orjson for query-string variables too: UTF-8 only, nesting bounded (the stdlib's recursion is not)."""
        return orjson.loads(data)

    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data)


def query_limits(settings: Settings) -> QueryLimits:
    return QueryLimits(
        max_depth=settings.max_query_depth,
        max_aliases=settings.max_aliases,
        max_tokens=settings.max_tokens,
        max_cost=settings.max_query_cost,
        page_size=settings.page_size,
        max_page_size=settings.max_page_size,
        timeout_ms=settings.query_timeout_ms,
        max_validation_work=settings.max_validation_work,
        max_list_items=settings.max_list_items,
    )


def _header(scope: Scope, name: bytes) -> str | None:
    """The first value of the header `name` (lower case), as Starlette decodes it."""
    for key, value in scope["headers"]:
        if key == name:
            return str(value.decode("latin-1"))
    return None


async def _read_body(receive: Receive) -> tuple[list[Message], bytes | None]:
    """The messages read and the whole body; None for the body if the client left before sending it all."""
    received: list[Message] = []
    chunks: list[bytes] = []
    while True:
        message = await receive()
        received.append(message)
        if message["type"] != "http.request":
            return received, None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return received, b"".join(chunks)


def _replay(received: list[Message], receive: Receive) -> Receive:
    """`receive` for the view that the direct path declined: the messages already read, then the client's."""
    pending = list(received)

    async def replay() -> Message:
        return pending.pop(0) if pending else await receive()

    return replay
