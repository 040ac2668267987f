"""`factChanged` over graphql-transport-ws on a real server: a live client receives every row a write adds."""

import asyncio
import json
import socket
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection, connect

from tests.api.test_writes import INGEST, envoy_document
from tests.conftest import LiveApp

SUBSCRIBE = "subscription { factChanged { seq actor kind entityType entityId } }"
TIMEOUT = 10


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def receive(ws: ClientConnection) -> dict[str, Any]:
    """The next message, which must come in a text frame as the protocols require (a str, not bytes)."""
    frame = await asyncio.wait_for(ws.recv(), TIMEOUT)
    assert isinstance(frame, str), "a binary frame: standard clients refuse it"
    message: dict[str, Any] = json.loads(frame)
    return message


async def test_a_subscriber_receives_every_row_an_ingest_adds(live: LiveApp) -> None:
    async with connect(live.websocket, subprotocols=["graphql-transport-ws"]) as ws:
        await ws.send(json.dumps({"type": "connection_init"}))
        assert await receive(ws) == {"type": "connection_ack"}
        await ws.send(json.dumps({"id": "feed", "type": "subscribe", "payload": {"query": SUBSCRIBE}}))
        await ws.send(json.dumps({"type": "ping"}))
        assert (await receive(ws))["type"] == "pong"
        async with httpx.AsyncClient(base_url=live.url) as http:
            response = await http.post(
                "/graphql",
                json={"query": INGEST, "variables": {"document": envoy_document()}},
                headers={"Authorization": f"Bearer {live.token}"},
            )
        added = response.json()["data"]["ingest"]["added"]
        events = [await receive(ws) for _ in range(added)]
    assert {e["type"] for e in events} == {"next"} and {e["id"] for e in events} == {"feed"}
    changes = [e["payload"]["data"]["factChanged"] for e in events]
    assert {c["actor"] for c in changes} == {"live-desk"} and {c["kind"] for c in changes} == {"ADDED"}
    assert {c["entityType"] for c in changes} == {"source", "person", "citation", "fact_citation"}
    assert [c["seq"] for c in changes] == sorted(c["seq"] for c in changes)
