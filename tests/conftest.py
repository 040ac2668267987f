"""Fixtures: a fresh SQLite database per test, the seeded app, and an HTTP client through ASGI."""

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, event
from sqlalchemy.ext.asyncio import AsyncEngine

from citegraph.app import create_app
from citegraph.settings import Settings
from db.access import create_token, revoke_token
from db.engine import create_schema, make_engine
from db.enums import Role
from seeds.loader import load_fact_files
from tests.factories import add_synthetic_events


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'citegraph.db'}"


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = make_engine(database_url)
    await create_schema(engine)
    yield engine
    await engine.dispose()


@pytest.fixture
async def seeded(engine: AsyncEngine) -> AsyncEngine:
    await load_fact_files(engine)
    return engine


class StatementCounter:
    """Counts the SQL statements the engines execute while attached (the async one and the read one)."""

    def __init__(self, engine: AsyncEngine, read_engine: Engine | None = None) -> None:
        self.count = 0
        self.engines = [engine.sync_engine, *([read_engine] if read_engine is not None else [])]
        for target in self.engines:
            event.listen(target, "before_cursor_execute", self._count)

    def _count(self, *args: Any) -> None:
        self.count += 1

    def detach(self) -> None:
        for target in self.engines:
            event.remove(target, "before_cursor_execute", self._count)


@pytest.fixture
def statements(seeded: AsyncEngine) -> Iterator[StatementCounter]:
    counter = StatementCounter(seeded)
    yield counter
    counter.detach()


class GraphQLClient:
    """Posts queries to /graphql; `data` asserts the answer has no errors, as every API test should."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def post(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        assert response.status_code in (200, 400), response.text
        body: dict[str, Any] = response.json()
        return body

    async def data(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        body = await self.post(query, variables, token)
        assert body.get("errors") is None, body["errors"]
        data: dict[str, Any] = body["data"]
        return data


@pytest.fixture
async def http(database_url: str) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the app as `make run` starts it: on first start the database is created and seeded."""
    app = create_app(Settings(database_url=database_url))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://citegraph.test") as client:
            yield client


@pytest.fixture
def gql(http: httpx.AsyncClient) -> GraphQLClient:
    return GraphQLClient(http)


@dataclass(frozen=True)
class Tokens:
    """Write tokens in the `http` app's database: an editor's, an admin's, and a revoked editor's."""

    editor: str
    admin: str
    revoked: str


@pytest.fixture
async def tokens(http: httpx.AsyncClient, database_url: str) -> Tokens:
    engine = make_engine(database_url)
    try:
        editor = await create_token(engine, "desk-editor", Role.EDITOR)
        admin = await create_token(engine, "chief", Role.ADMIN)
        revoked = await create_token(engine, "former-editor", Role.EDITOR)
        await revoke_token(engine, "former-editor")
    finally:
        await engine.dispose()
    return Tokens(editor, admin, revoked)


SYNTHETIC_EVENTS = 250


@pytest.fixture
async def synthetic(database_url: str) -> AsyncIterator[tuple[GraphQLClient, StatementCounter]]:
    """A client over a database of SYNTHETIC_EVENTS generated events (no seed corpus), pages up to 500,
    and a counter of the SQL statements the app runs."""
    engine = make_engine(database_url)
    await create_schema(engine)
    await add_synthetic_events(engine, SYNTHETIC_EVENTS)
    await engine.dispose()
    app = create_app(Settings(database_url=database_url, seed_on_start=False, max_page_size=500))
    async with app.router.lifespan_context(app):
        counter = StatementCounter(app.state.engine, app.state.read_engine)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://citegraph.test") as client:
            yield GraphQLClient(client), counter
        counter.detach()


@asynccontextmanager
async def serve(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the app for `settings` (through its lifespan), for tests of one setting."""
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://citegraph.test") as client:
            yield client
