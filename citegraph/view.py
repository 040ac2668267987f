"""The GraphQL endpoint: Strawberry's ASGI view, with queries posted as JSON answered on `schema.direct`."""

from typing import Any

import orjson
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.responses import Response
from starlette.types import Message, Receive, Scope, Send
from strawberry.asgi import GraphQL

from citegraph.settings import Settings
from db.engine import ReadEngine, session_factory
from resolvers.context import Context
from resolvers.notifier import ChangeNotifier
from schema import make_schema
from schema.direct import DirectQueries
from schema.limits import QueryLimits


class CitegraphGraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI app with a fresh context (and loaders) per request and orjson encoding. A POST with
    a JSON body that `DirectQueries` accepts is answered there; every other request, Strawberry answers."""

    def __init__(self, engine: AsyncEngine, read_engine: ReadEngine | None, settings: Settings) -> None:
        mask_errors, limits = not settings.debug, query_limits(settings)
        schema = make_schema(mask_errors=mask_errors, limits=limits, introspection=settings.introspection)
        super().__init__(schema, graphql_ide="graphiql" if settings.graphiql else None)
        self.direct = DirectQueries(schema, mask_errors, limits, settings.introspection)
        self.sessions = session_factory(engine, read_engine)
        self.settings = settings
        self.notifier = ChangeNotifier()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST" and _is_json(scope):
            received, body = await _read_body(receive)
            query = None if body is None else self.direct.prepare(body)
            if query is not None:
                answer = await self.direct.run(query, self.context_for(_header(scope, b"authorization")))
                await Response(self.encode_json(answer), media_type="application/json")(scope, receive, send)
                return
            receive = _replay(received, receive)
        await super().__call__(scope, receive, send)

    async def get_context(self, request: Any, response: Any) -> Context:
        return self.context_for(request.headers.get("authorization"))

    def context_for(self, authorization: str | None) -> Context:
        """A request's context, with the token of its `Authorization: Bearer` header (unchecked) if any."""
        scheme, _, token = (authorization or "").partition(" ")
        bearer = token.strip() if scheme.lower() == "bearer" and token.strip() else None
        return Context(self.sessions, self.settings.page_size, self.settings.max_page_size, bearer, self.notifier)

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


def _is_json(scope: Scope) -> bool:
    """Whether the request's media type is exactly application/json (parameters such as charset aside)."""
    content_type = _header(scope, b"content-type") or ""
    return content_type.partition(";")[0].strip().lower() == "application/json"


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
