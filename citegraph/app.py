"""The Starlette application: GraphQL and GraphiQL at /graphql, a health check at /healthz."""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import orjson
from sqlalchemy import Engine, text
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from strawberry.asgi import GraphQL

from citegraph.runtime import tune_gc
from citegraph.settings import Settings, load_settings
from citegraph.startup import prepare_database
from db.engine import make_engine, make_read_engine, session_factory
from resolvers.context import Context
from resolvers.notifier import ChangeNotifier
from schema import make_schema

log = logging.getLogger("citegraph")


class CitegraphGraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI app with a fresh context (and loaders) per request and orjson encoding."""

    def __init__(self, engine: AsyncEngine, read_engine: Engine | None, settings: Settings) -> None:
        super().__init__(make_schema(mask_errors=not settings.debug), graphql_ide="graphiql")
        self.sessions = session_factory(engine, read_engine)
        self.settings = settings
        self.notifier = ChangeNotifier()

    async def get_context(self, request: Any, response: Any) -> Context:
        scheme, _, token = (request.headers.get("authorization") or "").partition(" ")
        bearer = token.strip() if scheme.lower() == "bearer" and token.strip() else None
        return Context(self.sessions, self.settings.page_size, self.settings.max_page_size, bearer, self.notifier)

    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data)


def create_app(settings: Settings | None = None) -> Starlette:
    """The app for `settings` (default: from the environment). Its lifespan creates and seeds the database."""
    settings = settings or load_settings()
    engine = make_engine(settings.database_url)
    read_engine = make_read_engine(settings.database_url)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await prepare_database(engine, seed=settings.seed_on_start)
        tune_gc()
        yield
        await engine.dispose()
        if read_engine is not None:
            read_engine.dispose()

    async def healthz(request: Request) -> Response:
        try:
            async with engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        except Exception:
            log.exception("health check: database unreachable")
            return JSONResponse({"status": "error", "database": "unreachable"}, status_code=503)
        return JSONResponse({"status": "ok", "database": "ok"})

    graphql = CitegraphGraphQL(engine, read_engine, settings)
    app = Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", graphql),
            Route("/healthz", healthz),
        ],
        lifespan=lifespan,
    )
    app.state.engine = engine
    app.state.read_engine = read_engine
    return app
