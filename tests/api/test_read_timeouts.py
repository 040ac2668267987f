"""Slow clients, through uvicorn on a loopback socket: a request's headers, then its body, must arrive within
CITEGRAPH_REQUEST_READ_TIMEOUT_MS, else the client gets HTTP 408 and the connection is closed; a connection that
sends nothing is closed. The tests wait for the server's reaction, never for the clock."""

import asyncio
import json
import queue
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from websockets.sync.client import connect
from websockets.typing import Subprotocol

from citegraph.app import create_app
from citegraph.header_timeout import HeaderTimeoutProtocol
from citegraph.settings import Settings
from tests.conftest import Served
from tests.test_faults import Served as ServedProcess

TIMEOUT_MS = 500
QUERY_TIMEOUT_MS = 2000
"""Longer than TIMEOUT_MS: a query that never ends is answered after the deadline of a request behind it."""
WAIT = 30.0
"""Seconds a test waits for the server to answer or close before it fails."""
QUERY = b'{"query": "{ __typename }"}'
ANSWER = {"data": {"__typename": "Query"}}
REQUEST_TIMEOUT = {
    "errors": [
        {
            "message": (
                "The request did not arrive in full within the limit of 500 ms (CITEGRAPH_REQUEST_READ_TIMEOUT_MS)."
            ),
            "extensions": {"code": "REQUEST_TIMEOUT", "limit": 500},
        }
    ]
}


def head(length: int) -> bytes:
    """The request line and headers of a POST to /graphql of a JSON body of `length` bytes."""
    return (
        b"POST /graphql HTTP/1.1\r\nHost: citegraph.test\r\nContent-Type: application/json\r\n"
        b"Content-Length: %d\r\n\r\n" % length
    )


class Arrivals:
    """Each part of a request body as the server hands it to the app, so that a client can wait for the server
    to have read what it sent."""

    def __init__(self) -> None:
        self.parts: queue.Queue[bytes] = queue.Queue()

    def around(self, app: ASGIApp) -> ASGIApp:
        async def noting_app(scope: Scope, receive: Receive, send: Send) -> None:
            async def noting() -> Message:
                message = await receive()
                self.parts.put(message.get("body", b""))
                return message

            await app(scope, noting, send)

        return noting_app

    def wait_for(self, part: bytes) -> None:
        read = b""
        while part not in read:
            read += self.parts.get(timeout=WAIT)


class Wire:
    """One raw HTTP/1.1 connection: bytes sent as the test writes them, responses read as they come."""

    def __init__(self, address: tuple[str, int]) -> None:
        self.socket = socket.create_connection(address, timeout=WAIT)
        self.file = self.socket.makefile("rb")

    def __enter__(self) -> "Wire":
        return self

    def __exit__(self, *exc: object) -> None:
        self.file.close()
        self.socket.close()

    def send(self, data: bytes) -> None:
        self.socket.sendall(data)

    def response(self) -> tuple[int, dict[str, str], Any]:
        """The next response's status, headers (names in lower case) and JSON body."""
        status = int(self.file.readline().split()[1])
        headers: dict[str, str] = {}
        while (line := self.file.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        return status, headers, json.loads(self.file.read(int(headers["content-length"])))

    def closed(self) -> bool:
        """Whether the server closed the connection, sending nothing more (waiting up to WAIT seconds)."""
        return self.file.read(1) == b""


@contextmanager
def serving(folder: Path, arrivals: Arrivals, **options: Any) -> Iterator[Served]:
    """The app with a read timeout of TIMEOUT_MS, noting its arrivals, served with uvicorn `options` once it answers."""
    settings = Settings(
        database_url=f"sqlite:///{folder / 'citegraph.db'}",
        seed_on_start=False,
        request_read_timeout_ms=TIMEOUT_MS,
        query_timeout_ms=QUERY_TIMEOUT_MS,
    )
    with Served(arrivals.around(create_app(settings)), **options) as app:
        assert httpx.get(f"{app.url}/healthz", timeout=WAIT).status_code == 200
        yield app


@pytest.fixture(scope="module")
def arrivals() -> Arrivals:
    return Arrivals()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, arrivals: Arrivals) -> Iterator[Served]:
    """The app as `citegraph serve` runs it."""
    protocol = HeaderTimeoutProtocol.with_timeout(TIMEOUT_MS)
    with serving(tmp_path_factory.mktemp("timeouts"), arrivals, http=protocol) as app:
        yield app


@pytest.fixture(scope="module")
def h11(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The app under uvicorn's h11 protocol, which has no deadline of its own: any server's deadline for a body."""
    with serving(tmp_path_factory.mktemp("h11"), Arrivals(), http="h11") as app:
        yield app


@pytest.fixture
def wire(served: Served) -> Iterator[Wire]:
    with Wire(served.address) as connection:
        yield connection


def test_a_request_is_answered(served: Served) -> None:
    response = httpx.post(f"{served.url}/graphql", content=QUERY, headers={"Content-Type": "application/json"})
    assert response.status_code == 200 and response.json() == ANSWER


def test_a_body_that_arrives_in_parts_within_the_limit_is_answered(arrivals: Arrivals, wire: Wire) -> None:
    body = b'{"query": "{ __typename }", "variables": {"inParts": true}}'
    first, rest = body[:44], body[44:]
    wire.send(head(len(body)) + first)
    arrivals.wait_for(first)
    wire.send(rest)
    assert wire.response()[::2] == (200, ANSWER)


def test_a_body_that_stalls_gets_408_and_the_connection_is_closed(wire: Wire) -> None:
    wire.send(head(len(QUERY)) + QUERY[:12])
    status, headers, body = wire.response()
    assert (status, body) == (408, REQUEST_TIMEOUT)
    assert headers["connection"] == "close" and wire.closed()


def test_a_body_that_stalls_gets_408_on_another_server_too(h11: Served) -> None:
    with Wire(h11.address) as wire:
        wire.send(head(len(QUERY)) + QUERY[:12])
        assert wire.response()[::2] == (408, REQUEST_TIMEOUT)
        assert wire.closed()


def test_headers_that_stall_get_408_and_the_connection_is_closed(wire: Wire) -> None:
    wire.send(b"POST /graphql HTTP/1.1\r\nHost: citegraph.test\r\nContent-")
    status, headers, body = wire.response()
    assert (status, body) == (408, REQUEST_TIMEOUT)
    assert headers["connection"] == "close" and wire.closed()


def test_bytes_that_are_no_http_request_get_a_400_as_json(wire: Wire) -> None:
    wire.send(b"\x16\x03\x01 not http at all\r\n\r\n")
    status, headers, body = wire.response()
    assert status == 400 and headers["content-type"] == "application/json"
    assert body["errors"][0]["extensions"] == {"code": "BAD_REQUEST"}
    assert body["errors"][0]["message"].startswith("Invalid HTTP request received.") and wire.closed()


def test_a_connection_that_sends_nothing_is_closed_without_an_answer(wire: Wire) -> None:
    assert wire.closed()


def test_the_next_request_on_a_kept_connection_has_its_own_deadline_for_its_headers(wire: Wire) -> None:
    wire.send(head(len(QUERY)) + QUERY)
    assert wire.response()[::2] == (200, ANSWER)
    wire.send(b"POST /graphql HTTP/1.1\r\nHost: cite")
    assert wire.response()[::2] == (408, REQUEST_TIMEOUT)
    assert wire.closed()


def test_a_response_under_way_when_the_next_request_stalls_is_sent_whole(
    wire: Wire, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pipelined request stalls in its headers while the one before it still runs (until the query timeout,
    which comes later): that answer is sent whole, not cut or preceded by the 408, and then the connection is
    closed."""

    async def never_answers(*args: object) -> None:
        await asyncio.Event().wait()

    monkeypatch.setattr("schema.connection.fetch_page", never_answers)
    slow = b'{"query": "{ events { edges { node { id } } } }"}'
    wire.send(head(len(slow)) + slow + b"POST /graphql HTTP/1.1\r\nHost: cite")
    status, headers, body = wire.response()
    assert (status, body["errors"][0]["extensions"]["code"]) == (200, "TIMEOUT")
    assert headers["connection"] == "close" and wire.closed()


def test_a_body_still_trickling_in_after_its_request_was_refused_is_cut_off(wire: Wire) -> None:
    """Refused on its Content-Length, the body is not read; each byte of it used to keep the connection open."""
    wire.send(head(2_000_000) + QUERY)
    assert wire.response()[0] == 413
    wire.send(b" ")
    assert wire.closed()


def test_blank_lines_after_an_answer_do_not_hold_the_connection(wire: Wire) -> None:
    wire.send(head(len(QUERY)) + QUERY)
    assert wire.response()[::2] == (200, ANSWER)
    wire.send(b"\r\n")
    assert wire.closed()


def test_a_websocket_outlives_the_deadline_of_its_handshake(served: Served) -> None:
    """A connection opened after the handshake, closed at its own deadline, shows that the handshake's has passed."""
    url = served.url.replace("http", "ws", 1) + "/graphql"
    with connect(url, subprotocols=[Subprotocol("graphql-transport-ws")], open_timeout=WAIT) as ws:
        ws.send(json.dumps({"type": "connection_init"}))
        assert json.loads(ws.recv(WAIT)) == {"type": "connection_ack"}
        with Wire(served.address) as later:
            assert later.closed()
        ws.send(json.dumps({"type": "ping"}))
        assert json.loads(ws.recv(WAIT)) == {"type": "pong"}


async def test_plain_uvicorn_given_the_protocol_reads_headers_under_the_timeout_of_the_environment(
    tmp_path: Path,
) -> None:
    protocol = ("--http", "citegraph.header_timeout:HeaderTimeoutProtocol")
    server = ServedProcess(f"sqlite:///{tmp_path / 'citegraph.db'}", *protocol, CITEGRAPH_REQUEST_READ_TIMEOUT_MS="300")
    try:
        await server.ready()
        with Wire(("127.0.0.1", server.port)) as wire:
            wire.send(b"POST /graphql HTTP/1.1\r\nHost: cite")
            status, _, body = wire.response()
        assert (status, body["errors"][0]["extensions"]) == (408, {"code": "REQUEST_TIMEOUT", "limit": 300})
    finally:
        server.stop()
