"""Persisted queries over HTTP: Apollo's automatic persisted queries (a query sent once with its sha256 hash, then
by hash alone, POST or GET), and trusted documents (`CITEGRAPH_TRUSTED_DOCUMENTS`: only a manifest's queries run)."""

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect

from citegraph.persisted import sha256
from tests.api.test_requests import refusal
from tests.api.test_subscription import receive
from tests.api.test_writes import INGEST, envoy_document
from tests.conftest import LiveApp, Tokens

CASUALTY = 'query Casualty { casualty(id: "Casualty:total-killed") { count { low wording } } }'
ANSWER = {"data": {"casualty": {"count": {"low": 55, "wording": "AT_LEAST"}}}}
NODE = "query Node($id: ID!) { node(id: $id) { id } }"
NOT_REGISTERED = "{ __typename }"
JSON_ONLY = {"Accept": "application/json"}
"""What Apollo Client accepts; a GET accepting */* without a query would get GraphiQL."""


def persisted(query: str, version: object = 1) -> dict[str, Any]:
    return {"persistedQuery": {"version": version, "sha256Hash": sha256(query)}}


async def post(
    http: httpx.AsyncClient, query: str | None, extensions: dict[str, Any], token: str | None = None, **more: Any
) -> httpx.Response:
    body = {"extensions": extensions, **more} | ({} if query is None else {"query": query})
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return await http.post("/graphql", json=body, headers=headers)


async def get(http: httpx.AsyncClient, query: str | None, extensions: dict[str, Any], **more: Any) -> httpx.Response:
    params = {"extensions": json.dumps(extensions), **more} | ({} if query is None else {"query": query})
    return await http.get("/graphql", params=params, headers=JSON_ONLY)


def not_found(response: httpx.Response) -> bool:
    """Apollo's answer to an unknown hash: HTTP 200, the error clients retry on, and nothing for a cache to keep."""
    assert response.headers["cache-control"] == "private, no-cache, must-revalidate"
    return refusal(response, 200, "PERSISTED_QUERY_NOT_FOUND") == "PersistedQueryNotFound"


async def test_an_unknown_hash_alone_gets_persisted_query_not_found(http: httpx.AsyncClient) -> None:
    assert not_found(await post(http, None, persisted(CASUALTY)))


async def test_a_query_sent_with_its_hash_is_answered_and_then_runs_by_hash_alone(http: httpx.AsyncClient) -> None:
    first = await post(http, CASUALTY, persisted(CASUALTY))
    again = await post(http, None, persisted(CASUALTY))
    assert first.json() == again.json() == ANSWER


async def test_a_query_by_hash_runs_with_its_variables_and_operation_name(http: httpx.AsyncClient) -> None:
    await post(http, NODE, persisted(NODE), variables={"id": "Event:capture"})
    answer = await post(http, None, persisted(NODE), variables={"id": "Event:capture"}, operationName="Node")
    assert answer.json() == {"data": {"node": {"id": "Event:capture"}}}


async def test_a_mutation_by_hash_runs(http: httpx.AsyncClient, tokens: Tokens) -> None:
    variables = {"document": envoy_document()}
    stored = await post(http, INGEST, persisted(INGEST), tokens.editor, variables=variables)
    again = await post(http, None, persisted(INGEST), tokens.editor, variables=variables)
    assert stored.json()["data"]["ingest"]["added"] > 0
    assert again.json()["data"]["ingest"]["unchanged"] == stored.json()["data"]["ingest"]["added"]


async def test_a_hash_that_is_not_the_querys_is_refused_and_nothing_is_kept(http: httpx.AsyncClient) -> None:
    message = refusal(await post(http, NOT_REGISTERED, persisted(CASUALTY)), 400, "BAD_REQUEST")
    assert message.startswith(f"`extensions.persistedQuery.sha256Hash` is {sha256(CASUALTY)}, but the query's sha256")
    assert not_found(await post(http, None, persisted(CASUALTY)))


@pytest.mark.parametrize(
    ("extensions", "message"),
    [
        (persisted(CASUALTY, version=2), "Unsupported persisted query version 2: only 1."),
        (persisted(CASUALTY, version=True), "Unsupported persisted query version true: only 1."),
        (
            {"persistedQuery": {"version": 1, "sha256Hash": "ABC"}},
            '`extensions.persistedQuery.sha256Hash` must be 64 lowercase hex digits, not "ABC".',
        ),
        ({"persistedQuery": "x"}, '`extensions.persistedQuery` must be an object: {"version": 1, "sha256Hash": ...}.'),
    ],
    ids=["version-2", "version-true", "not-hex", "not-an-object"],
)
async def test_a_malformed_persisted_query_is_refused_naming_the_fault(
    http: httpx.AsyncClient, extensions: dict[str, Any], message: str
) -> None:
    assert refusal(await post(http, None, extensions), 400, "BAD_REQUEST") == message


async def test_get_with_the_hash_in_the_query_string_runs_a_query_kept_from_a_get(http: httpx.AsyncClient) -> None:
    assert not_found(await get(http, None, persisted(CASUALTY)))
    first = await get(http, CASUALTY, persisted(CASUALTY))
    again = await get(http, None, persisted(CASUALTY), operationName="Casualty", variables="{}")
    assert first.json() == again.json() == ANSWER


async def test_get_by_hash_runs_a_query_kept_from_a_post(http: httpx.AsyncClient) -> None:
    await post(http, CASUALTY, persisted(CASUALTY))
    assert (await get(http, None, persisted(CASUALTY))).json() == ANSWER


@pytest.fixture
def trusted_documents(tmp_path: Path) -> str:
    """A manifest of CASUALTY and NODE: the only operations `live_trusted` runs."""
    manifest = tmp_path / "trusted.json"
    manifest.write_text(json.dumps({sha256(query): query for query in (CASUALTY, NODE)}))
    return str(manifest)


@pytest.fixture
async def trusted(live_trusted: LiveApp) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=live_trusted.url) as client:
        yield client


async def test_with_trusted_documents_a_registered_query_runs_by_hash_or_in_full(trusted: httpx.AsyncClient) -> None:
    by_hash = await post(trusted, None, persisted(CASUALTY))
    in_full = await trusted.post("/graphql", json={"query": CASUALTY})
    over_get = await get(trusted, None, persisted(CASUALTY))
    assert by_hash.json() == in_full.json() == over_get.json() == ANSWER


async def test_with_trusted_documents_a_query_not_registered_is_refused(trusted: httpx.AsyncClient) -> None:
    for response in (
        await trusted.post("/graphql", json={"query": NOT_REGISTERED}),
        await post(trusted, NOT_REGISTERED, persisted(NOT_REGISTERED)),
        await trusted.get("/graphql", params={"query": NOT_REGISTERED}),
    ):
        message = refusal(response, 403, "QUERY_NOT_IN_SAFELIST")
        assert message.startswith("The query is not one of the trusted documents (CITEGRAPH_TRUSTED_DOCUMENTS)")


async def test_with_trusted_documents_an_unknown_hash_is_refused_and_not_kept(trusted: httpx.AsyncClient) -> None:
    for response in (
        await post(trusted, None, persisted(NOT_REGISTERED)),
        await get(trusted, None, persisted("{ x }")),
    ):
        message = refusal(response, 404, "PERSISTED_QUERY_NOT_IN_LIST")
        assert message.startswith("No trusted document has the sha256 hash ")


async def initialised(ws: ClientConnection) -> None:
    await ws.send(json.dumps({"type": "connection_init"}))
    assert (await receive(ws))["type"] == "connection_ack"


async def test_over_websocket_a_query_sent_with_its_hash_then_runs_by_hash_alone(live: LiveApp) -> None:
    async with connect(live.websocket, subprotocols=["graphql-transport-ws"]) as ws:
        await initialised(ws)
        sent_with_the_query, by_hash_alone = {"query": CASUALTY, "extensions": persisted(CASUALTY)}, persisted(CASUALTY)
        for n, payload in enumerate((sent_with_the_query, {"extensions": by_hash_alone})):
            await ws.send(json.dumps({"id": str(n), "type": "subscribe", "payload": payload}))
            assert await receive(ws) == {"id": str(n), "type": "next", "payload": ANSWER}
            assert await receive(ws) == {"id": str(n), "type": "complete"}


async def test_with_trusted_documents_over_graphql_transport_ws_only_registered_operations_run(
    live_trusted: LiveApp,
) -> None:
    async with connect(live_trusted.websocket, subprotocols=["graphql-transport-ws"]) as ws:
        await initialised(ws)
        await ws.send(json.dumps({"id": "no", "type": "subscribe", "payload": {"query": NOT_REGISTERED}}))
        refused = await receive(ws)
        await ws.send(json.dumps({"id": "yes", "type": "subscribe", "payload": {"extensions": persisted(CASUALTY)}}))
        answered = await receive(ws)
    assert (refused["id"], refused["type"]) == ("no", "error")
    assert refused["payload"][0]["extensions"] == {"code": "QUERY_NOT_IN_SAFELIST"}
    assert answered == {"id": "yes", "type": "next", "payload": ANSWER}


async def test_with_trusted_documents_over_legacy_graphql_ws_only_registered_operations_run(
    live_trusted: LiveApp,
) -> None:
    async with connect(live_trusted.websocket, subprotocols=["graphql-ws"]) as ws:
        await initialised(ws)
        await ws.send(
            json.dumps({"id": "no", "type": "start", "payload": {"query": "subscription { factChanged { seq } }"}})
        )
        refused = await receive(ws)
        await ws.send(json.dumps({"id": "yes", "type": "start", "payload": {"query": CASUALTY}}))
        answered = [await receive(ws), await receive(ws)]
    assert (refused["id"], refused["type"]) == ("no", "error")
    assert refused["payload"]["extensions"] == {"code": "QUERY_NOT_IN_SAFELIST"}
    assert answered == [{"id": "yes", "type": "data", "payload": ANSWER}, {"id": "yes", "type": "complete"}]
