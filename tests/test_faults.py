"""Faults: the server killed in the middle of a write, and PostgreSQL dropping or not answering connections.
A write is all or nothing even then, and a lost database fails a request within a bound, never hangs it."""

import asyncio
import contextlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col

from citegraph.app import create_app
from citegraph.settings import Settings
from db.access import create_token
from db.audit import audit
from db.engine import make_engine
from db.enums import Role
from db.tables import Change, Citation, FactCitation, Person, Source
from tests.api.test_subscription import free_port
from tests.conftest import serve

ROOT = Path(__file__).resolve().parent.parent
PERSONS = 3000
"""Persons in the big write: enough rows that it is still writing when the test looks."""
DEADLINE = 60.0
"""Seconds any wait of these tests may last before it fails."""
ACTOR = "fault-desk"
CHANGES_BY_ACTOR = select(func.count()).select_from(Change).where(col(Change.actor) == ACTOR)


def big_document() -> dict[str, Any]:
    """One source and PERSONS persons, each name quoted from it: one write of ~4 rows per person."""
    names = [f"Person p{i:05d}" for i in range(PERSONS)]
    wire = " ".join(f"{name} spoke." for name in names)
    persons = [{"id": f"fault-{i:05d}", "name": {"value": name, "cite": name}} for i, name in enumerate(names)]
    source = {"id": "fault-wire", "kind": "WIRE_REPORT", "title": "Many voices", "text": wire}
    return {"sources": [source], "default_source": "fault-wire", "persons": persons}


INGEST = "mutation ($facts: JSON!) { ingest(facts: $facts) { __typename ... on Ingested { added } } }"


class Served:
    """`uvicorn citegraph.app:create_app` in a child process on a free loopback port, with more uvicorn `options`
    and CITEGRAPH_* `settings` if given."""

    def __init__(self, database_url: str, *options: str, **settings: str) -> None:
        self.port = free_port()
        env = {**os.environ, "CITEGRAPH_DATABASE_URL": database_url, "CITEGRAPH_SEED_ON_START": "false", **settings}
        command = [sys.executable, "-m", "uvicorn", "citegraph.app:create_app", "--factory", "--log-level", "warning"]
        command += options
        self.process = subprocess.Popen([*command, "--host", "127.0.0.1", "--port", str(self.port)], cwd=ROOT, env=env)
        self.base = f"http://127.0.0.1:{self.port}"

    async def ready(self) -> None:
        """Until /healthz answers 200 (failing if the process exits or DEADLINE passes)."""
        deadline = asyncio.get_running_loop().time() + DEADLINE
        async with httpx.AsyncClient(base_url=self.base) as http:
            while True:
                assert self.process.poll() is None, f"the server exited with {self.process.returncode}"
                with contextlib.suppress(httpx.TransportError):
                    if (await http.get("/healthz")).status_code == 200:
                        return
                assert asyncio.get_running_loop().time() < deadline, "the server did not start"
                await asyncio.sleep(0.05)

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(DEADLINE)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(DEADLINE)


@pytest.fixture
def served(engine: AsyncEngine, database_url: str) -> Iterator[list[Served]]:
    """Servers the test starts on its database (created, not seeded); each stopped at the end."""
    started: list[Served] = []
    yield started
    for server in started:
        server.stop()


async def writing(engine: AsyncEngine, database_url: str) -> bool:
    """Whether a write transaction of another connection is open (on SQLite: it holds the file's write lock,
    which every write takes first, `db.writes`; a crash releases it, leaving the uncommitted rows unread)."""
    if engine.dialect.name == "sqlite":
        return sqlite_write_lock_held(database_url.removeprefix("sqlite:///"))
    query = text(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        "AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()"
    )
    async with engine.connect() as conn:
        return bool((await conn.execute(query)).scalar_one())


def sqlite_write_lock_held(path: str) -> bool:
    """Whether another connection holds the write lock: taking it at once (no busy wait) fails."""
    probe = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as exc:
        if exc.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY:
            raise
        return True
    finally:
        probe.close()


async def until(condition: Any, what: str) -> None:
    deadline = asyncio.get_running_loop().time() + DEADLINE
    while not await condition():
        assert asyncio.get_running_loop().time() < deadline, f"waited {DEADLINE} s for {what}"
        await asyncio.sleep(0.005)


async def count(engine: AsyncEngine, query: Any) -> int:
    async with engine.connect() as conn:
        return int((await conn.execute(query)).scalar_one())


async def test_a_server_killed_mid_write_restarts_with_the_write_wholly_present_or_absent(
    engine: AsyncEngine, database_url: str, served: list[Served]
) -> None:
    token = await create_token(engine, ACTOR, Role.EDITOR)
    served.append(Served(database_url))
    await served[0].ready()
    async with httpx.AsyncClient(base_url=served[0].base, timeout=DEADLINE) as http:
        request = {"query": INGEST, "variables": {"facts": big_document()}}
        write = asyncio.create_task(http.post("/graphql", json=request, headers={"Authorization": f"Bearer {token}"}))

        async def in_flight() -> bool:
            assert not write.done(), "the write finished before the server could be killed in the middle of it"
            return await writing(engine, database_url)

        await until(in_flight, "the write to begin")
        served[0].kill()
        try:
            answer: httpx.Response | None = await write
        except httpx.TransportError:
            answer = None
        assert answer is None, f"the write was answered ({answer.text[:200]}): it ended before the kill"
    if engine.dialect.name == "postgresql":
        await until(lambda: _not(writing(engine, database_url)), "the killed server's transaction to end")
    served.append(Served(database_url))
    await served[1].ready()

    persons = await count(engine, select(func.count()).where(col(Person.id).like("fault-%")))
    citations = await count(engine, select(func.count()).where(col(Citation.source_id) == "fault-wire"))
    sources = await count(engine, select(func.count()).where(col(Source.id) == "fault-wire"))
    changes = await count(engine, CHANGES_BY_ACTOR)
    assert (persons, citations, sources) in ((0, 0, 0), (PERSONS, PERSONS, 1))
    assert (changes == 0) == (persons == 0)
    assert await audit(engine) == []
    assert await count(engine, select(func.count()).select_from(FactCitation).where(_orphan_link())) == 0
    assert await count(engine, select(func.count()).select_from(Citation).where(_orphan_citation())) == 0
    async with httpx.AsyncClient(base_url=served[1].base, timeout=DEADLINE) as http:
        answer = (await http.post("/graphql", json={"query": "{ events(first: 1) { totalCount } }"})).json()
    assert "errors" not in answer, answer


async def _not(check: Any) -> bool:
    return not await check


def _orphan_link() -> Any:
    return ~select(Citation.id).where(col(Citation.id) == col(FactCitation.citation_id)).exists()


def _orphan_citation() -> Any:
    return ~select(Source.id).where(col(Source.id) == col(Citation.source_id)).exists()


TERMINATE_OTHERS = text(
    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
)
EVENTS = "{ events(first: 1) { totalCount } }"


@pytest.fixture
async def pg_http(postgresql_url: str) -> AsyncIterator[httpx.AsyncClient]:
    async with serve(Settings(database_url=postgresql_url, seed_on_start=False)) as http:
        yield http


async def test_requests_after_postgresql_dropped_every_connection_succeed(
    pg_http: httpx.AsyncClient, pg_admin: AsyncEngine
) -> None:
    assert "errors" not in (await pg_http.post("/graphql", json={"query": EVENTS})).json()
    async with pg_admin.connect() as conn:
        assert await conn.scalar(TERMINATE_OTHERS)
    answer = (await asyncio.wait_for(pg_http.post("/graphql", json={"query": EVENTS}), DEADLINE)).json()
    assert "errors" not in answer, answer


@pytest.fixture
async def pg_admin(postgresql_url: str) -> AsyncIterator[AsyncEngine]:
    """A connection pool of the test's own to the app's PostgreSQL database."""
    admin = make_engine(postgresql_url)
    yield admin
    await admin.dispose()


async def test_a_write_whose_connection_postgresql_drops_fails_at_once_and_leaves_nothing(
    pg_http: httpx.AsyncClient, pg_admin: AsyncEngine, postgresql_url: str
) -> None:
    token = await create_token(pg_admin, ACTOR, Role.EDITOR)
    request = {"query": INGEST, "variables": {"facts": big_document()}}
    write = asyncio.create_task(pg_http.post("/graphql", json=request, headers={"Authorization": f"Bearer {token}"}))

    async def in_flight() -> bool:
        assert not write.done(), "the write finished before its connection could be dropped"
        return await writing(pg_admin, postgresql_url)

    await until(in_flight, "the write to begin")
    async with pg_admin.connect() as conn:
        await conn.execute(TERMINATE_OTHERS)
    answer = (await asyncio.wait_for(write, DEADLINE)).json()
    assert answer["errors"][0]["message"] == "Unexpected error." and answer["data"] is None
    assert await count(pg_admin, select(func.count()).where(col(Person.id).like("fault-%"))) == 0
    assert await count(pg_admin, CHANGES_BY_ACTOR) == 0
    assert "errors" not in (await pg_http.post("/graphql", json={"query": EVENTS})).json()


@contextlib.contextmanager
def silent_server() -> Iterator[int]:
    """A port that accepts TCP connections and never answers (a database behind a dead link)."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield int(listener.getsockname()[1])


async def test_a_database_that_never_answers_fails_the_request_within_the_connect_timeout() -> None:
    with silent_server() as port:
        settings = Settings(
            database_url=f"postgresql://citegraph@127.0.0.1:{port}/citegraph", db_connect_timeout_ms=300
        )
        app = create_app(settings)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://citegraph.test") as http:
            answer = await asyncio.wait_for(http.post("/graphql", json={"query": EVENTS}), 10)
        await app.state.engine.dispose()
    assert answer.status_code == 200 and json.loads(answer.text)["errors"][0]["message"] == "Unexpected error."
