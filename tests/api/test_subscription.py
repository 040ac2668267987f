"""`factChanged` over graphql-transport-ws on a real server: a live client receives every row a write adds."""

import asyncio
import json
import socket
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import uvicorn
from websockets.asyncio.client import ClientConnection, connect

from citegraph.app import create_app
from citegraph.settings import Settings
from db.access import create_token
from db.engine import create_schema, make_engine
from db.enums import Role
from tests.api.test_writes import INGEST, envoy_document

SUBSCRIBE = "subscription { factChanged { seq actor kind entityType entityId } }"
TIMEOUT = 10


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
async def server(database_url: str) -> AsyncIterator[tuple[str, str]]:
    """uvicorn serving the app on a free loopback port, and an editor's token: (base URL, token)."""
    engine = make_engine(database_url)
    try:
        await create_schema(engine)
        token = await create_token(engine, "live-desk", Role.EDITOR)
    finally:
        await engine.dispose()
    port = free_port()
    app = create_app(Settings(database_url=database_url, seed_on_start=False))
    served = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    task = asyncio.create_task(served.serve())
    while not served.started:
        await asyncio.sleep(0.01)
    yield f"127.0.0.1:{port}", token
    served.should_exit = True
    await task


async def receive(ws: ClientConnection) -> dict[str, Any]:
    """The next message, which must come in a text frame as the protocols require (a str, not bytes)."""
    frame = await asyncio.wait_for(ws.recv(), TIMEOUT)
    assert isinstance(frame, str), "a binary frame: standard clients refuse it"
    message: dict[str, Any] = json.loads(frame)
    return message


async def test_a_subscriber_receives_every_row_an_ingest_adds(server: tuple[str, str]) -> None:
    base, token = server
    async with connect(f"ws://{base}/graphql", subprotocols=["graphql-transport-ws"]) as ws:
        await ws.send(json.dumps({"type": "connection_init"}))
        assert await receive(ws) == {"type": "connection_ack"}
        await ws.send(json.dumps({"id": "feed", "type": "subscribe", "payload": {"query": SUBSCRIBE}}))
        await ws.send(json.dumps({"type": "ping"}))
        assert (await receive(ws))["type"] == "pong"
        async with httpx.AsyncClient(base_url=f"http://{base}") as http:
            response = await http.post(
                "/graphql",
                json={"query": INGEST, "variables": {"document": envoy_document()}},
                headers={"Authorization": f"Bearer {token}"},
            )
        added = response.json()["data"]["ingest"]["added"]
        events = [await receive(ws) for _ in range(added)]
    assert {e["type"] for e in events} == {"next"} and {e["id"] for e in events} == {"feed"}
    changes = [e["payload"]["data"]["factChanged"] for e in events]
    assert {c["actor"] for c in changes} == {"live-desk"} and {c["kind"] for c in changes} == {"ADDED"}
    assert {c["entityType"] for c in changes} == {"source", "person", "citation", "fact_citation"}
    assert [c["seq"] for c in changes] == sorted(c["seq"] for c in changes)
