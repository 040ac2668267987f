"""Queries and mutations over the WebSocket (graphql-transport-ws and the legacy graphql-ws) run on the one pipeline
(`schema.pipeline`), as HTTP POST runs them: the same bytes, errors, masking and refusals; subscriptions stay on
Strawberry's machinery, with its limits."""

import asyncio
import json
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import strawberry
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Subprotocol

from resolvers.context import Context
from schema.pipeline import Pipeline
from tests.api.test_abuse import doubling
from tests.api.test_limits import broken, nested
from tests.api.test_persisted_queries import initialised
from tests.api.test_pipeline import SAME_ANSWER_QUERIES
from tests.api.test_writes import INGEST, envoy_document
from tests.conftest import LiveApp

PROTOCOLS = ["graphql-transport-ws", "graphql-ws"]
START = {"graphql-transport-ws": "subscribe", "graphql-ws": "start"}
RESULT = {"graphql-transport-ws": "next", "graphql-ws": "data"}
TIMEOUT = 10
ENVOY = '{ node(id: "Person:envoy") { ... on Person { name { value citations { quote } } } } }'
REVOKE = 'mutation { revokeToken(name: "nobody") { __typename } }'
ALIASES = " ".join(f"a{i}: __typename" for i in range(31))
REFUSED_BEFORE_RUNNING: dict[str, dict[str, Any]] = {
    "aliases": {"query": "{ " + ALIASES + " }"},
    "depth": {"query": nested(16)},
    "cost": {"query": doubling(21)},
    "tokens": {"query": "{ " + "__typename " * 10_000 + "}"},
    "syntax": {"query": "{ events("},
    "invalid": {"query": "{ events { edges { node { nope } } } }"},
}
REFUSED_WHOLE: dict[str, dict[str, Any]] = {
    "unknown operation name": {"query": "query A { __typename }", "operationName": "B"},
    "no operation": {"query": "fragment F on Query { __typename }"},
    "empty query": {"query": ""},
    "variables not an object": {"query": "{ __typename }", "variables": [1]},
}


def bearer(token: str | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"} if token else {}


async def opened(live: LiveApp, protocol: str, token: str | None = None) -> ClientConnection:
    ws = await connect(
        live.websocket, subprotocols=[Subprotocol(protocol)], additional_headers=bearer(token), max_size=None
    )
    await initialised(ws)
    return ws


async def frames(ws: ClientConnection, protocol: str, payload: dict[str, Any], id: str = "1") -> list[str]:
    """The text frames answering one operation sent on `ws`, up to its `complete` or `error` (keep-alives skipped)."""
    await ws.send(json.dumps({"id": id, "type": START[protocol], "payload": payload}))
    got: list[str] = []
    while not got or json.loads(got[-1])["type"] not in ("complete", "error"):
        frame = await asyncio.wait_for(ws.recv(), TIMEOUT)
        assert isinstance(frame, str), "a binary frame: standard clients refuse it"
        if json.loads(frame)["type"] != "ka":
            got.append(frame)
    return got


async def post(live: LiveApp, payload: dict[str, Any], token: str | None = None) -> httpx.Response:
    async with httpx.AsyncClient(base_url=live.url) as http:
        return await http.post("/graphql", json=payload, headers=bearer(token))


def assert_answered_as_posted(protocol: str, answer: list[str], posted: httpx.Response, id: str = "1") -> None:
    """One result message holding POST's body byte for byte, then `complete`."""
    assert len(answer) == 2 and json.loads(answer[1]) == {"id": id, "type": "complete"}
    assert json.loads(answer[0])["type"] == RESULT[protocol]
    assert answer[0].endswith('"payload":' + posted.text + "}")


def refusal(protocol: str, answer: list[str]) -> Any:
    """The payload of the one `error` message answering an operation."""
    assert len(answer) == 1
    message = json.loads(answer[0])
    assert message["type"] == "error"
    return message["payload"]


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, list[str | None]]]:
    """The queries the pipeline runs (`pipeline`) and those Strawberry's execution runs (`strawberry`) from now on."""
    seen: dict[str, list[str | None]] = {"pipeline": [], "strawberry": []}
    execute_request = Pipeline.execute_request

    async def pipelined(self: Pipeline, operation: Any, *args: Any, **kwargs: Any) -> Any:
        seen["pipeline"].append(operation.query)
        return await execute_request(self, operation, *args, **kwargs)

    monkeypatch.setattr(Pipeline, "execute_request", pipelined)
    for name in ("execute", "stream", "subscribe"):
        original = getattr(strawberry.Schema, name)

        async def counted(
            self: strawberry.Schema, query: str | None, *args: Any, __run: Any = original, **kw: Any
        ) -> Any:
            seen["strawberry"].append(query)
            return await __run(self, query, *args, **kw)

        monkeypatch.setattr(strawberry.Schema, name, counted)
    yield seen


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_a_query_over_the_websocket_answers_the_bytes_post_answers(live: LiveApp, protocol: str) -> None:
    ws = await opened(live, protocol)
    async with ws:
        for n, (query, variables) in enumerate(SAME_ANSWER_QUERIES):
            payload = {"query": query, "variables": variables}
            assert_answered_as_posted(
                protocol, await frames(ws, protocol, payload, str(n)), await post(live, payload), str(n)
            )


@pytest.mark.parametrize("protocol", PROTOCOLS)
@pytest.mark.parametrize("query", ["{ events(first: 1) { totalCount } }", REVOKE], ids=["query", "mutation"])
async def test_an_operation_over_the_websocket_runs_on_the_one_pipeline_not_strawberrys(
    live: LiveApp, runs: dict[str, list[str | None]], protocol: str, query: str
) -> None:
    ws = await opened(live, protocol)
    async with ws:
        await frames(ws, protocol, {"query": query})
    assert runs == {"pipeline": [query], "strawberry": []}


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_a_mutation_over_the_websocket_writes_with_the_connections_token(live: LiveApp, protocol: str) -> None:
    ws = await opened(live, protocol, live.token)
    async with ws:
        answer = await frames(ws, protocol, {"query": INGEST, "variables": {"document": envoy_document()}})
    ingested = json.loads(answer[0])["payload"]["data"]["ingest"]
    assert ingested["__typename"] == "Ingested" and ingested["added"] > 0
    assert (await post(live, {"query": ENVOY})).json()["data"]["node"]["name"]["value"] == "The envoy"


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_a_mutation_over_the_websocket_answers_the_bytes_post_answers(live: LiveApp, protocol: str) -> None:
    payload = {"query": INGEST, "variables": {"document": envoy_document()}}
    await post(live, payload, live.token)
    ws = await opened(live, protocol, live.token)
    async with ws:
        answer = await frames(ws, protocol, payload)
    assert_answered_as_posted(protocol, answer, await post(live, payload, live.token))


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_a_mutation_over_the_websocket_without_a_token_is_refused_as_over_post(
    live: LiveApp, protocol: str
) -> None:
    payload = {"query": INGEST, "variables": {"document": envoy_document()}}
    ws = await opened(live, protocol)
    async with ws:
        answer = await frames(ws, protocol, payload)
    posted = await post(live, payload)
    assert posted.json()["data"]["ingest"]["__typename"] == "Unauthorized"
    assert_answered_as_posted(protocol, answer, posted)


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_a_query_after_a_write_on_the_same_connection_reads_the_write(live: LiveApp, protocol: str) -> None:
    ws = await opened(live, protocol, live.token)
    async with ws:
        before = await frames(ws, protocol, {"query": ENVOY}, "before")
        await frames(ws, protocol, {"query": INGEST, "variables": {"document": envoy_document()}}, "write")
        after = await frames(ws, protocol, {"query": ENVOY}, "after")
    assert json.loads(before[0])["payload"] == {"data": {"node": None}}
    assert json.loads(after[0])["payload"]["data"]["node"]["name"]["value"] == "The envoy"


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_each_operation_over_the_websocket_closes_its_context_when_answered(
    live: LiveApp, monkeypatch: pytest.MonkeyPatch, protocol: str
) -> None:
    closed: list[Context] = []
    close = Context.close

    async def recorded(self: Context) -> None:
        closed.append(self)
        await close(self)

    monkeypatch.setattr(Context, "close", recorded)
    ws = await opened(live, protocol)
    async with ws:
        for n in range(3):
            await frames(ws, protocol, {"query": "{ events(first: 1) { totalCount } }"}, str(n))
        assert len(closed) == len(set(map(id, closed))) == 3


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_an_operation_refused_before_it_runs_gets_an_error_message_holding_posts_errors(
    live: LiveApp, protocol: str
) -> None:
    ws = await opened(live, protocol)
    async with ws:
        for name, payload in REFUSED_BEFORE_RUNNING.items():
            errors = (await post(live, payload)).json()["errors"]
            refused = refusal(protocol, await frames(ws, protocol, payload, name))
            assert refused == (errors if protocol == "graphql-transport-ws" else errors[0]), name


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_an_operation_http_refuses_whole_gets_the_error_of_its_400(live: LiveApp, protocol: str) -> None:
    ws = await opened(live, protocol)
    async with ws:
        for name, payload in REFUSED_WHOLE.items():
            posted = await post(live, payload)
            assert posted.status_code == 400
            refused = refusal(protocol, await frames(ws, protocol, payload, name))
            errors = posted.json()["errors"]
            assert refused == (errors if protocol == "graphql-transport-ws" else errors[0]), name


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_an_unexpected_error_over_the_websocket_is_masked_as_over_post(
    live: LiveApp, monkeypatch: pytest.MonkeyPatch, protocol: str
) -> None:
    monkeypatch.setattr("schema.connection.fetch_page", broken)
    payload = {"query": "{ events { edges { node { id } } } }"}
    ws = await opened(live, protocol)
    async with ws:
        answer = json.loads((await frames(ws, protocol, payload))[0])["payload"]
    posted = (await post(live, payload)).json()
    [masked] = answer["errors"]
    assert masked["message"] == "Unexpected error." and "hunter2" not in json.dumps(answer)
    assert masked["extensions"].pop("requestId") != posted["errors"][0]["extensions"].pop("requestId")
    assert answer == posted


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_a_subscription_over_the_limits_is_refused_by_strawberrys_checks(
    live: LiveApp, runs: dict[str, list[str | None]], protocol: str
) -> None:
    query = "subscription { factChanged { " + ALIASES + " } }"
    ws = await opened(live, protocol)
    async with ws:
        refused = refusal(protocol, await frames(ws, protocol, {"query": query}))
    error = refused[0] if protocol == "graphql-transport-ws" else refused
    assert error["extensions"] == {"code": "TOO_MANY_ALIASES", "limit": 30}
    assert runs["pipeline"] == [] and set(runs["strawberry"]) == {query}


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_an_operation_over_the_websocket_has_its_garbage_collected_after_its_answer(
    live: LiveApp, monkeypatch: pytest.MonkeyPatch, protocol: str
) -> None:
    collected = threading.Event()
    monkeypatch.setattr("citegraph.runtime.collect_between_requests", collected.set)
    ws = await opened(live, protocol)
    async with ws:
        assert not collected.is_set()
        await frames(ws, protocol, {"query": ENVOY})
        assert await asyncio.to_thread(collected.wait, TIMEOUT)
