"""Fixtures: a fresh database per test on each backend (SQLite, and PostgreSQL on a throwaway server), the
seeded app, and an HTTP client through ASGI."""

import asyncio
import io
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import strawberry
import uvicorn
import yaml
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import Pool
from starlette.types import ASGIApp

from citegraph.app import create_app
from citegraph.settings import Settings
from citegraph.startup import is_empty, prepare_database
from db.access import create_token, revoke_token
from db.engine import ReadEngine, create_schema, make_engine, session_factory, trace_statements
from db.enums import Role
from resolvers.reads import Reads
from seeds.loader import correct_document, ingest_files, load_fact_files
from tests.factories import add_synthetic_events
from tests.postgres import REQUIRED, NoServer, Server


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Server | NoServer]:
    """The session's throwaway PostgreSQL server, or why there is none (then its tests skip, saying so;
    with CITEGRAPH_TEST_POSTGRES=required, as in CI, they fail instead). It holds two templates: the
    tables (`tables`), and the tables with the seed corpus (`seeded`), which tests copy in milliseconds
    rather than seeding for a second each."""
    try:
        server = Server.start()
        for template, seed in (("tables", False), ("seeded", True)):
            server.psql(f"CREATE DATABASE {template}")
            asyncio.run(_prepare(server.url(template), seed))
    except NoServer as exc:
        if os.environ.get(REQUIRED) == "required":
            raise
        yield exc
        return
    yield server
    server.stop()


async def _prepare(url: str, seed: bool) -> None:
    engine = make_engine(url)
    try:
        await create_schema(engine)
        if seed:
            await load_fact_files(engine)
    finally:
        await engine.dispose()


SEEDING_FIXTURES = {"http", "gql", "seeded", "statements", "live", "live_trusted"}
"""Fixtures whose database holds the seed corpus: on PostgreSQL they start from the `seeded` template."""


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    """Every test that touches a database runs on both backends; `@pytest.mark.sqlite_only(reason)` marks
    what PostgreSQL does not do yet."""
    marker = request.node.get_closest_marker("sqlite_only")
    if request.param == "postgresql" and marker is not None:
        pytest.skip(f"not on PostgreSQL yet: {marker.args[0]}")
    return str(request.param)


@pytest.fixture
def database_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh database of the test's backend holding no facts: on SQLite a new file (the `engine` fixture or the
    app creates the schema), on PostgreSQL a copy of the `tables` template (`seeded` for the seeding fixtures)."""
    template = "seeded" if SEEDING_FIXTURES & set(request.fixturenames) else "tables"
    yield from _fresh_database(backend, tmp_path, request, template)


@pytest.fixture
def empty_database_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh database of the test's backend without even the schema: what `citegraph db upgrade` starts from."""
    yield from _fresh_database(backend, tmp_path, request, "template0")


def _fresh_database(backend: str, tmp_path: Path, request: pytest.FixtureRequest, template: str) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'citegraph.db'}"
        return
    server = request.getfixturevalue("postgres_server")
    if isinstance(server, NoServer):
        pytest.skip(f"PostgreSQL half skipped: {server}")
    url = server.database(template)
    yield url
    server.drop(url)


@pytest.fixture
def empty_database(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Callable[[str], str]]:
    """Makes fresh databases with empty tables on either backend (`empty_database("postgresql")`), beside the
    test's own, for tests that move data between databases; PostgreSQL ones are dropped after the test."""
    server = request.getfixturevalue("postgres_server")
    made: list[str] = []

    def make(backend: str) -> str:
        if backend == "sqlite":
            return f"sqlite:///{tmp_path / f'empty-{uuid.uuid4().hex[:8]}.db'}"
        if isinstance(server, NoServer):
            pytest.skip(f"needs PostgreSQL: {server}")
        made.append(server.database("tables"))
        return made[-1]

    yield make
    for url in made:
        server.drop(url)


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = make_engine(database_url)
    await create_schema(engine)
    yield engine
    await engine.dispose()


@pytest.fixture
async def empty_engine(empty_database_url: str) -> AsyncIterator[AsyncEngine]:
    """An engine on a database without the schema (the migrations' starting point)."""
    engine = make_engine(empty_database_url)
    yield engine
    await engine.dispose()


@pytest.fixture
async def seeded(engine: AsyncEngine) -> AsyncEngine:
    """The test's database with the seed corpus (loaded here unless copied from the `seeded` template)."""
    if await is_empty(engine):
        await load_fact_files(engine)
    return engine


class StatementCounter:
    """Counts the SQL statements the engines execute while attached (the async one and the read one)."""

    def __init__(self, engine: AsyncEngine, read_engine: ReadEngine | None = None) -> None:
        self.count = 0
        engines = [engine.sync_engine, *([read_engine] if read_engine is not None else [])]
        self.stops = [trace_statements(target, self._count) for target in engines]

    def _count(self, _statement: str) -> None:
        self.count += 1

    def detach(self) -> None:
        for stop in self.stops:
            stop()


@pytest.fixture
def statements(seeded: AsyncEngine) -> Iterator[StatementCounter]:
    counter = StatementCounter(seeded)
    yield counter
    counter.detach()


@pytest.fixture
async def new_reads(seeded: AsyncEngine) -> AsyncIterator[Callable[[], Reads]]:
    """Makes the read side of a request on the seeded database, as many as a test needs; each is closed
    (its connection given back) when the test ends, as the schema closes a request's."""
    made: list[Reads] = []

    def make() -> Reads:
        made.append(Reads(session_factory(seeded)))
        return made[-1]

    yield make
    for reads in made:
        await reads.close()


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


class Served:
    """`app` served by uvicorn in a thread of its own, on a loopback socket bound before uvicorn starts, so that
    requests queue until it serves; `options` are uvicorn's (`http=...`)."""

    def __init__(self, app: ASGIApp, **options: Any) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen()
        self.address: tuple[str, int] = self.socket.getsockname()
        self.url = f"http://127.0.0.1:{self.address[1]}"
        self.server = uvicorn.Server(uvicorn.Config(app, loop="asyncio", log_level="warning", **options))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.socket]})

    def __enter__(self) -> "Served":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join()
        self.socket.close()


@dataclass(frozen=True)
class LiveApp:
    """The app served over a real socket (`url`: `http://127.0.0.1:<port>`), and an editor's token (`live-desk`)."""

    url: str
    token: str

    @property
    def graphql(self) -> str:
        return f"{self.url}/graphql"

    @property
    def websocket(self) -> str:
        return f"ws{self.url.removeprefix('http')}/graphql"


@contextmanager
def live_app(database_url: str, **settings: Any) -> Iterator[LiveApp]:
    """The app of `database_url` and `settings` served by uvicorn (`Served`), for clients that open sockets; the
    database holds the seed corpus and the token before it serves."""
    token = asyncio.run(_seeded_with_token(database_url))
    with Served(create_app(Settings(database_url=database_url, seed_on_start=False, **settings))) as served:
        yield LiveApp(served.url, token)


async def _seeded_with_token(database_url: str) -> str:
    engine = make_engine(database_url)
    try:
        await prepare_database(engine)
        return await create_token(engine, "live-desk", Role.EDITOR)
    finally:
        await engine.dispose()


@pytest.fixture
def live(database_url: str) -> Iterator[LiveApp]:
    """The seeded app served by uvicorn on a loopback port, with an editor's token (`live_app`)."""
    with live_app(database_url) as app:
        yield app


@pytest.fixture
def trusted_documents() -> str:
    """The manifest a `live_trusted` app runs (CITEGRAPH_TRUSTED_DOCUMENTS): each module using it defines its own."""
    pytest.fail("a test module using live_trusted defines the trusted_documents fixture")


@pytest.fixture
def live_trusted(database_url: str, trusted_documents: str) -> Iterator[LiveApp]:
    """`live`, running only the operations of the module's `trusted_documents`."""
    with live_app(database_url, trusted_documents=trusted_documents) as app:
        yield app


def run_statement(database_url: str, statement: str) -> None:
    """Run one SQL statement on the database in its own transaction, as a hand at a console would (for
    tests that tamper with or break a database before the code under test meets it)."""

    async def run() -> None:
        engine = make_engine(database_url)
        try:
            async with engine.begin() as conn:
                await conn.exec_driver_sql(statement)
        finally:
            await engine.dispose()

    asyncio.run(run())


@contextmanager
def write_lock_held(database_url: str, mode: str) -> Iterator[None]:
    """Another connection (as of another process) holding the SQLite file's write lock, taken by `BEGIN <mode>`
    (EXCLUSIVE: as a rollback-journal commit holds it), until the block ends."""
    other = sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=0, isolation_level=None)
    try:
        other.execute(f"BEGIN {mode}")
        yield
        other.execute("ROLLBACK")
    finally:
        other.close()


@pytest.fixture
def postgres(request: pytest.FixtureRequest) -> Server:
    """The session's PostgreSQL server itself, for tests of what it answers to URLs that name nothing of it."""
    server = request.getfixturevalue("postgres_server")
    if isinstance(server, NoServer):
        pytest.skip(f"PostgreSQL only, and skipped: {server}")
    assert isinstance(server, Server)
    return server


@pytest.fixture
def postgresql_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh database with the seed corpus on the PostgreSQL server, for what only PostgreSQL does."""
    server = request.getfixturevalue("postgres_server")
    if isinstance(server, NoServer):
        pytest.skip(f"PostgreSQL only, and skipped: {server}")
    url = server.database("seeded")
    yield url
    server.drop(url)


@pytest.fixture
def strawberry_runs(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str | None]]:
    """The queries Strawberry's pipeline executes from now on."""
    runs: list[str | None] = []
    execute = strawberry.Schema.execute

    async def counted(self: strawberry.Schema, query: str | None, *args: Any, **kwargs: Any) -> Any:
        runs.append(query)
        return await execute(self, query, *args, **kwargs)

    monkeypatch.setattr(strawberry.Schema, "execute", counted)
    yield runs


def calls(run: Callable[[], Any]) -> int:
    """Python and C function calls made by `run` on this thread: a count of work that does not depend on the
    machine, for tests that bound work without timing it."""
    count = 0

    def profile(_frame: Any, event: str, _arg: Any) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        run()
    finally:
        sys.setprofile(None)
    return count


DISK_FULL = (
    "CREATE FUNCTION test_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION "
    "'could not extend file \"base/1/2\": No space left on device' USING ERRCODE = 'disk_full'; END $$",
    "CREATE TRIGGER test_disk_full BEFORE INSERT ON change EXECUTE FUNCTION test_disk_full()",
)
"""What PostgreSQL says when its disk is full (SQLSTATE 53100), raised at every insert into the change log."""


@contextmanager
def storage_full(backend: str, database_url: str) -> Iterator[None]:
    """The database has no room for a write, until the block ends. On SQLite truly so: at every checkout (in this
    process) a connection's `max_page_count` is set to the file's size, so a write needing one more page fails with
    SQLITE_FULL. On PostgreSQL, where a test cannot fill a disk, a trigger raises what a full disk would
    (`DISK_FULL`) at the insert into the change log that every write makes; it stays (the database is the test's)."""
    if backend == "postgresql":
        for statement in DISK_FULL:
            run_statement(database_url, statement)
        yield
        return
    event.listen(Pool, "checkout", _no_new_pages)
    try:
        yield
    finally:
        event.remove(Pool, "checkout", _no_new_pages)


def _no_new_pages(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    """SQLite raises a `max_page_count` set below the file's size to that size."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA max_page_count = 1")
    finally:
        cursor.close()


@pytest.fixture
def full_storage(tokens: Tokens, backend: str, database_url: str) -> Iterator[None]:
    """The `http` app's database, seeded and holding the `tokens`, from now on without room for a write."""
    with storage_full(backend, database_url):
        yield


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder nobody may change, root included: immutable (`chattr +i`, made mutable again afterwards). Skipped
    where the file system or the process's capabilities do not allow it."""
    if shutil.which("chattr") is None:
        pytest.skip("cannot make a folder immutable here: no chattr (e2fsprogs)")
    folder = tmp_path / "read-only"
    folder.mkdir()
    made = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, text=True, check=False)
    if made.returncode != 0:
        pytest.skip(f"cannot make a folder immutable here: {made.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


FACTORY_FIRE = Path(__file__).parent / "fixtures" / "factory-fire"
"""A factory fire told in sources written for the tests: a newspaper that has the fire brigade's tolls through a news
agency (`gazette.yaml`), a union's statement with a rival toll of the dead (`union.yaml`), and the next day's report of
another newspaper (`aldern-courier.yaml`) that dates the fire, restates the toll of the dead and counts more injured;
a health office's statement (`health-office.yaml`) has tolls and a date of its own."""


def api_document(path: Path) -> dict[str, Any]:
    """A fact file as a JSON document for the API's `ingest(facts:)`: its sources' texts inline instead of `file`,
    its dates as ISO text."""
    facts: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    for source in facts.get("sources", []):
        source["text"] = (path.parent / source.pop("file")).read_text(encoding="utf-8")
    document: dict[str, Any] = json.loads(json.dumps(facts, default=str))
    return document


@pytest.fixture
async def factory_fire(http: httpx.AsyncClient, database_url: str) -> httpx.AsyncClient:
    """The `http` client, its database holding the factory fire beside the seed corpus: the union disputes the
    brigade's count of the dead (and who reported it), and a correction changed the fire's title."""
    engine = make_engine(database_url)
    try:
        await ingest_files(engine, [FACTORY_FIRE / "gazette.yaml"], "night-desk")
        await ingest_files(engine, [FACTORY_FIRE / "union.yaml"], "night-desk")
        correction = (FACTORY_FIRE / "correction.yaml").read_text(encoding="utf-8")
        await correct_document(engine, correction, "chief", "The Gazette calls it a textile plant.")
    finally:
        await engine.dispose()
    return http


class Terminal(io.StringIO):
    """A stream that says it is a terminal, keeping what was written to it."""

    def isatty(self) -> bool:
        return True


@contextmanager
def terminal() -> Iterator[Terminal]:
    """stderr as a terminal (where the command line draws progress bars) within the block, its text kept. Not a
    fixture: pytest's capture puts its own stderr back when the test starts."""
    screen, saved = Terminal(), sys.stderr
    sys.stderr = screen
    try:
        yield screen
    finally:
        sys.stderr = saved


@pytest.fixture
async def fire_reports(factory_fire: httpx.AsyncClient, database_url: str) -> GraphQLClient:
    """A client of `factory_fire` once the health office's account is ingested too: the dead are 12 (the brigade's
    figure, which the union's "at least 14" disputes) or 15 (the health office's figure of its own), the injured 30 or
    between 30 and 40 (an alternative), and the fire broke out on 12 March or, by the health office, on 11 March."""
    await ingest_health_office(database_url)
    return GraphQLClient(factory_fire)


async def ingest_health_office(database_url: str) -> None:
    """The health office's account of the factory fire (`fire_reports`), ingested as the night desk."""
    engine = make_engine(database_url)
    try:
        await ingest_files(engine, [FACTORY_FIRE / "health-office.yaml"], "night-desk")
    finally:
        await engine.dispose()


RESIGNATION = Path(__file__).parent / "fixtures" / "resignation"
"""A minister's resignation reported twice, in two articles written for the tests: the Herald's ("Ana María Ruiz", the
National Assembly also called the country's parliament, two siblings of hers who sit in it) and the Courier's, from
another desk ("Ana Maria Ruiz-Soto", "parliament" alone, the deputy Luis Ruiz-Soto as a record of its own)."""
RESIGNATION_SOURCES = (
    ("herald-resignation", "herald", "Interior minister resigns over police cuts"),
    ("courier-resignation", "courier", "Interior minister steps down"),
)
"""(source id, file stem, title) of each article, in the order they are ingested."""


@pytest.fixture
async def resignation(gql: GraphQLClient, tokens: Tokens) -> GraphQLClient:
    """The `gql` client, its database holding beside the seed corpus both reports of the resignation, each article
    added and its facts ingested through the API with the editor's token, the Herald's first."""
    add = "mutation ($input: AddSourceInput!) { addSource(input: $input) { __typename } }"
    ingest = "mutation ($document: String!) { ingest(document: $document) { __typename } }"
    for source_id, stem, title in RESIGNATION_SOURCES:
        text = (RESIGNATION / f"{stem}.txt").read_text(encoding="utf-8")
        source = {"id": source_id, "kind": "NEWS_ARTICLE", "title": title, "text": text}
        added = await gql.data(add, {"input": source}, tokens.editor)
        assert added["addSource"]["__typename"] == "SourceAdded"
        document = (RESIGNATION / f"{stem}.yaml").read_text(encoding="utf-8")
        ingested = await gql.data(ingest, {"document": document}, tokens.editor)
        assert ingested["ingest"]["__typename"] == "Ingested", ingested
    return gql
