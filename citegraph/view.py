"""The GraphQL endpoint: every HTTP request (GET and POST, queries and mutations) is parsed here
(`citegraph.graphql_request`), its persisted query resolved (`citegraph.persisted`) and run by the one pipeline
(`schema.pipeline`), every malformed request refused as a GraphQL-shaped JSON error (`citegraph.http_errors`).
Strawberry's ASGI view serves the WebSocket with the handlers of `citegraph.websocket_handlers`: queries and
mutations sent over it run on the same pipeline, subscriptions on Strawberry's."""

from typing import Any

import orjson
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocketDisconnect
from strawberry.asgi import ASGIWebSocketAdapter, GraphQL
from strawberry.http.exceptions import WebSocketDisconnected

from citegraph.graphiql_page import page
from citegraph.graphql_request import GraphQLRequest, parse_body, parse_query_string
from citegraph.http_errors import RequestRefused
from citegraph.persisted import PersistedQueries, read_manifest
from citegraph.runtime import collect_after_answer
from citegraph.settings import Settings
from citegraph.websocket_handlers import LegacyWSHandler, TransportWSHandler
from db.engine import ReadEngine, session_factory
from resolvers.context import Context
from resolvers.notifier import ChangeNotifier
from resolvers.search import SearchLimits
from schema import make_schema
from schema.limits import QueryLimits
from schema.pipeline import GraphQLOperation, OperationRefused, Pipeline


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
    """The /graphql endpoint: HTTP requests answered by `Pipeline.execute_request`, WebSocket connections by
    Strawberry's view with our handlers (a context per connection, holding its token; a fresh one per query or
    mutation)."""

    websocket_adapter_class = TextFrames
    graphql_transport_ws_handler_class = TransportWSHandler
    graphql_ws_handler_class = LegacyWSHandler

    def __init__(self, engine: AsyncEngine, read_engine: ReadEngine | None, settings: Settings) -> None:
        mask_errors, limits = not settings.debug, query_limits(settings)
        schema = make_schema(mask_errors=mask_errors, limits=limits, introspection=settings.introspection)
        super().__init__(schema, graphql_ide="graphiql" if settings.graphiql else None)
        self.pipeline = Pipeline(schema, mask_errors, limits, settings.introspection)
        self.sessions = session_factory(engine, read_engine)
        self.settings = settings
        self.notifier = ChangeNotifier()
        trusted = read_manifest(settings.trusted_documents) if settings.trusted_documents else None
        self.persisted = PersistedQueries(trusted)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope, receive)
        try:
            response = await self.answer(request)
        except ClientDisconnect:
            return
        except RequestRefused as refused:
            response = refused.response()
        await response(scope, receive, send)
        collect_after_answer()

    async def answer(self, request: Request) -> Response:
        """The response to an HTTP request: GraphiQL for a browser's GET without a query, else the request's
        GraphQL answer; `RequestRefused` for a request that holds none, `ClientDisconnect` if the client left."""
        if request.method == "GET":
            if wants_graphiql(request):
                if not self.graphql_ide:
                    raise RequestRefused(404, "Not Found")
                return page()
            posted = parse_query_string(request.query_params)
        elif request.method == "POST":
            posted = parse_body(request.headers.get("content-type"), await request.body())
        else:
            raise RequestRefused(405, "GraphQL only supports GET and POST requests.")
        operation = self.operation(posted)
        context = self.context_for(request.headers.get("authorization"))
        try:
            answer = await self.pipeline.execute_request(operation, context, mutations=request.method == "POST")
        except OperationRefused as refused:
            raise RequestRefused(400, refused.message) from None
        return Response(orjson.dumps(answer.response), media_type="application/json")

    def operation(self, request: GraphQLRequest) -> GraphQLOperation:
        """The operation `request` asks for, its persisted query resolved (`RequestRefused` if it cannot be)."""
        query = self.persisted.resolve(request.query, request.extensions)
        return GraphQLOperation(query, request.variables, request.operation_name, request.extensions)

    async def get_context(self, request: Any, response: Any) -> Context:
        """A WebSocket connection's context (Strawberry's view asks for it): its subscriptions run in it, its queries
        and mutations each in a copy (`citegraph.websocket_handlers.answer`)."""
        return self.context_for(request.headers.get("authorization"))

    def context_for(self, authorization: str | None) -> Context:
        """A request's context, with the token of its `Authorization: Bearer` header (unchecked) if any."""
        scheme, _, token = (authorization or "").partition(" ")
        bearer = token.strip() if scheme.lower() == "bearer" and token.strip() else None
        settings = self.settings
        search_limits = SearchLimits(settings.max_search_chars, settings.max_search_terms)
        return Context(self.sessions, settings.page_size, settings.max_page_size, bearer, self.notifier, search_limits)

    def decode_json(self, data: str | bytes) -> object:
        """orjson for WebSocket messages too: UTF-8 only, nesting bounded (the stdlib's recursion is not)."""
        return orjson.loads(data)

    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data)


def wants_graphiql(request: Request) -> bool:
    """A browser's GET without a query (accepting HTML, or anything), unless it names a persisted query."""
    accept = request.headers.get("accept", "")
    parameters = request.query_params
    return (
        parameters.get("query") is None
        and parameters.get("extensions") is None
        and any(kind in accept for kind in ("text/html", "*/*"))
    )


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
