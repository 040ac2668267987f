"""The Starlette application: GraphQL and GraphiQL at /graphql (GraphiQL's assets at /graphiql/), the desk at /desk
(its assets at /desk/), a health check at /healthz, the exports at /export/ (public, like reads), and the request
limits, CORS and lock-down switches of the settings."""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route, WebSocketRoute

from citegraph.body_limit import BodySizeLimit
from citegraph.desk_page import desk_routes, desk_works
from citegraph.graphiql_page import asset_route
from citegraph.read_timeout import RequestReadTimeout
from citegraph.runtime import tune_gc
from citegraph.settings import Settings, load_settings
from citegraph.startup import prepare_database
from citegraph.view import CitegraphGraphQL
from db.engine import make_engine, make_read_engine
from exports.annotations import jsonld
from exports.archive import zipped
from exports.chunks import exported
from exports.spreadsheets import csv_files
from resolvers.change_listener import ChangeListener

log = logging.getLogger("citegraph")


def middleware(settings: Settings) -> list[Middleware]:
    """The body's read timeout and size limit, inside CORS (when origins are set) so that browsers can read their
    408 and 413."""
    cors = [
        Middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    ]
    return [
        *(cors if settings.cors_origins else []),
        Middleware(RequestReadTimeout, timeout_ms=settings.request_read_timeout_ms),
        Middleware(BodySizeLimit, max_bytes=settings.max_body_bytes),
    ]


def create_app(settings: Settings | None = None) -> Starlette:
    """The app for `settings` (default: from the environment). Its lifespan creates and seeds the database."""
    settings = settings or load_settings()
    engine = make_engine(
        settings.database_url, settings.db_connect_timeout_ms / 1000, settings.db_statement_timeout_ms / 1000
    )
    read_engine = make_read_engine(
        settings.database_url, settings.db_connect_timeout_ms / 1000, settings.db_statement_timeout_ms / 1000
    )

    graphql = CitegraphGraphQL(engine, read_engine, settings)
    postgresql = engine.dialect.name == "postgresql"
    listener = ChangeListener(engine, graphql.notifier, settings.db_connect_timeout_ms / 1000) if postgresql else None

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await prepare_database(engine, seed=settings.seed_on_start)
        tune_gc()
        listening = None if listener is None else asyncio.create_task(listener.run(), name="change listener")
        yield
        if listening is not None:
            listening.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await listening
        await engine.dispose()
        if isinstance(read_engine, AsyncEngine):
            await read_engine.dispose()
        elif read_engine is not None:
            read_engine.dispose()

    async def healthz(request: Request) -> Response:
        try:
            async with engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        except Exception:
            log.exception("health check: database unreachable")
            return JSONResponse({"status": "error", "database": "unreachable"}, status_code=503)
        return JSONResponse({"status": "ok", "database": "ok"})

    async def export_jsonld(request: Request) -> Response:
        chunks = (chunk.text.encode("utf-8") async for chunk in exported(engine, jsonld))
        return StreamingResponse(chunks, media_type="application/ld+json", headers=attachment("citegraph.jsonld"))

    async def export_csv(request: Request) -> Response:
        return StreamingResponse(
            zipped(exported(engine, csv_files)), media_type="application/zip", headers=attachment("citegraph-csv.zip")
        )

    app = Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", graphql),
            Route("/healthz", healthz),
            *([asset_route()] if settings.graphiql else []),
            *(desk_routes() if desk_works(settings) else []),
            Route("/export/citegraph.jsonld", export_jsonld),
            Route("/export/csv.zip", export_csv),
        ],
        middleware=middleware(settings),
        lifespan=lifespan,
    )
    app.state.engine = engine
    app.state.read_engine = read_engine
    app.state.notifier = graphql.notifier
    app.state.change_listener = listener
    return app


def attachment(name: str) -> dict[str, str]:
    """Headers that have browsers save a download as `name`."""
    return {"Content-Disposition": f'attachment; filename="{name}"'}
