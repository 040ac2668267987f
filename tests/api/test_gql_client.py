"""Python's gql client against a real server: a query and an ingest over HTTP (httpx) and over both WebSocket
subprotocols (graphql-transport-ws and the legacy graphql-ws), and `factChanged` over both, its events arriving
within 1 s of the write's answer."""

import asyncio
from typing import Any

import pytest
from gql import Client, GraphQLRequest
from gql.transport.httpx import HTTPXAsyncTransport
from gql.transport.websockets import WebsocketsTransport

from tests.api.test_writes import INGEST, envoy_document
from tests.conftest import LiveApp

CASUALTY = '{ casualty(id: "Casualty:total-killed") { count { low high wording citations { quote } } } }'
ENVOY = '{ node(id: "Person:envoy") { ... on Person { name { value citations { quote } } } } }'
FEED = "query ($after: String) { changes(first: 100, after: $after) { pageInfo { endCursor hasNextPage } } }"
SUBSCRIBE = "subscription ($after: String) { factChanged(after: $after) { actor kind entityType entityId } }"
SUBPROTOCOLS = [WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL, WebsocketsTransport.APOLLO_SUBPROTOCOL]
WRITE_TO_EVENT_SECONDS = 1.0
"""How soon after a write's answer its events must reach a subscriber (issue 14)."""


def http(live: LiveApp, token: str | None = None) -> Client:
    headers = {"Authorization": f"Bearer {token}"} if token else None
    return Client(transport=HTTPXAsyncTransport(url=live.graphql, headers=headers))


def websocket(live: LiveApp, subprotocol: str, token: str | None = None) -> Client:
    headers = {"Authorization": f"Bearer {token}"} if token else None
    return Client(transport=WebsocketsTransport(url=live.websocket, headers=headers, subprotocols=[subprotocol]))


def ingest_envoy() -> GraphQLRequest:
    return GraphQLRequest(INGEST, variable_values={"document": envoy_document()})


async def feed_end(live: LiveApp) -> str | None:
    """The change feed's last cursor, paged to as a client catching up does: a subscription after it misses nothing."""
    after = None
    async with http(live) as session:
        while True:
            page = (await session.execute(GraphQLRequest(FEED, variable_values={"after": after})))["changes"]
            after = page["pageInfo"]["endCursor"] or after
            if not page["pageInfo"]["hasNextPage"]:
                return after


async def test_a_query_over_http_returns_the_values_with_their_citations(live: LiveApp) -> None:
    async with http(live) as session:
        count = (await session.execute(GraphQLRequest(CASUALTY)))["casualty"]["count"]
    assert count == {"low": 55, "high": None, "wording": "AT_LEAST", "citations": [{"quote": "killed at least 55"}]}


async def test_an_ingest_over_http_with_an_editors_token_is_stored(live: LiveApp) -> None:
    async with http(live, live.token) as session:
        ingested = (await session.execute(ingest_envoy()))["ingest"]
        envoy = (await session.execute(GraphQLRequest(ENVOY)))["node"]
    assert ingested["__typename"] == "Ingested" and ingested["added"] > 0
    assert envoy == {"name": {"value": "The envoy", "citations": [{"quote": "the envoy"}]}}


@pytest.mark.parametrize("subprotocol", SUBPROTOCOLS)
async def test_a_query_and_an_ingest_over_websocket_are_answered(live: LiveApp, subprotocol: str) -> None:
    client = websocket(live, subprotocol, live.token)
    async with client as session:
        count = (await session.execute(GraphQLRequest(CASUALTY)))["casualty"]["count"]
        ingested = (await session.execute(ingest_envoy()))["ingest"]
    assert isinstance(client.transport, WebsocketsTransport) and client.transport.subprotocol == subprotocol
    assert count["low"] == 55 and ingested["__typename"] == "Ingested"


@pytest.mark.parametrize("subprotocol", SUBPROTOCOLS)
async def test_a_subscriber_hears_a_write_within_a_second_of_its_answer(live: LiveApp, subprotocol: str) -> None:
    heard: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    subscription = GraphQLRequest(SUBSCRIBE, variable_values={"after": await feed_end(live)})
    async with websocket(live, subprotocol) as feed:

        async def listen() -> None:
            async for event in feed.subscribe(subscription):
                await heard.put(event["factChanged"])

        listening = asyncio.create_task(listen())
        async with http(live, live.token) as session:
            added = (await session.execute(ingest_envoy()))["ingest"]["added"]
        async with asyncio.timeout(WRITE_TO_EVENT_SECONDS):
            changes = [await heard.get() for _ in range(added)]
        listening.cancel()
    assert {c["actor"] for c in changes} == {"live-desk"} and {c["kind"] for c in changes} == {"ADDED"}
    assert {(c["entityType"], c["entityId"]) for c in changes} >= {("source", "wire-1"), ("person", "envoy")}
