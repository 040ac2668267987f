"""On PostgreSQL, writes NOTIFY and every app process LISTENs: several workers all deliver `factChanged`
promptly, whichever worker (or process) wrote."""

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager

import httpx
import pytest
import uvicorn
from sqlalchemy import text
from starlette.applications import Starlette
from websockets.asyncio.client import connect

from citegraph.app import create_app
from citegraph.settings import Settings
from db.access import create_token
from db.engine import make_engine
from db.enums import Role
from resolvers.change_listener import APPLICATION_NAME, ChangeListener
from schema import changes
from tests.api.test_subscription import SUBSCRIBE, TIMEOUT, free_port, receive
from tests.api.test_writes import INGEST, envoy_document

LISTENERS = f"SELECT pid FROM pg_stat_activity WHERE application_name = '{APPLICATION_NAME}'"


@asynccontextmanager
async def served(app: Starlette) -> AsyncIterator[str]:
    """`app` served by uvicorn on a free loopback port, lifespan and all: its host:port."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.01)
    try:
        yield f"127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


@pytest.fixture
async def workers(postgresql_url: str) -> AsyncIterator[tuple[list[Starlette], list[str], str]]:
    """Two app processes' worth of apps on one database, served on loopback: (apps, host:ports, editor token)."""
    engine = make_engine(postgresql_url)
    try:
        token = await create_token(engine, "desk-editor", Role.EDITOR)
    finally:
        await engine.dispose()
    apps = [create_app(Settings(database_url=postgresql_url, seed_on_start=False)) for _ in range(2)]
    async with AsyncExitStack() as stack:
        bases = [await stack.enter_async_context(served(app)) for app in apps]
        for app in apps:
            await asyncio.wait_for(listener(app).listening.wait(), TIMEOUT)
        yield apps, bases, token


def listener(app: Starlette) -> ChangeListener:
    found: ChangeListener = app.state.change_listener
    return found


async def write(base: str, token: str) -> int:
    """Ingest a document through the app at `base`: the number of rows it added."""
    async with httpx.AsyncClient(base_url=f"http://{base}") as http:
        response = await http.post(
            "/graphql",
            json={"query": INGEST, "variables": {"document": envoy_document()}},
            headers={"Authorization": f"Bearer {token}"},
        )
    added: int = response.json()["data"]["ingest"]["added"]
    return added


async def test_a_write_through_one_worker_wakes_the_others_notifier(
    workers: tuple[list[Starlette], list[str], str],
) -> None:
    (_, other), (base, _), token = workers
    ticket = other.state.notifier.ticket()
    await write(base, token)
    await asyncio.wait_for(ticket.wait(), TIMEOUT)


async def test_a_subscriber_on_one_worker_receives_writes_through_another_without_polling(
    workers: tuple[list[Starlette], list[str], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(changes, "POLL_SECONDS", 60.0)
    _, (writer, reader), token = workers
    async with connect(f"ws://{reader}/graphql", subprotocols=["graphql-transport-ws"]) as ws:
        await ws.send(json.dumps({"type": "connection_init"}))
        assert await receive(ws) == {"type": "connection_ack"}
        await ws.send(json.dumps({"id": "feed", "type": "subscribe", "payload": {"query": SUBSCRIBE}}))
        await ws.send(json.dumps({"type": "ping"}))
        assert (await receive(ws))["type"] == "pong"
        added = await write(writer, token)
        events = [await receive(ws) for _ in range(added)]
    changed = [event["payload"]["data"]["factChanged"] for event in events]
    assert {change["actor"] for change in changed} == {"desk-editor"} and len(changed) == added > 0


async def test_a_dropped_listen_connection_is_replaced_and_wakes_subscribers_again(
    workers: tuple[list[Starlette], list[str], str], postgresql_url: str
) -> None:
    (_, other), (base, _), token = workers
    admin = make_engine(postgresql_url)
    try:
        async with admin.connect() as conn:
            before = set((await conn.execute(text(LISTENERS))).scalars())
            await conn.execute(text(f"SELECT pg_terminate_backend(pid) FROM ({LISTENERS}) AS listeners"))
        deadline = asyncio.get_running_loop().time() + TIMEOUT
        while True:
            async with admin.connect() as conn:
                now = set((await conn.execute(text(LISTENERS))).scalars())
            if len(now - before) == 2 and listener(other).listening.is_set():
                break
            assert asyncio.get_running_loop().time() < deadline, "the listeners did not reconnect"
            await asyncio.sleep(0.05)
    finally:
        await admin.dispose()
    ticket = other.state.notifier.ticket()
    await write(base, token)
    await asyncio.wait_for(ticket.wait(), TIMEOUT)
