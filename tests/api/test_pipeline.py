"""Every HTTP request runs on the one pipeline (`schema.pipeline`), never on Strawberry's: GET and POST give the
same bytes, and the pipeline validates with the rules Strawberry's extensions give the WebSocket path."""

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from graphql import OverlappingFieldsCanBeMergedRule, specified_rules
from websockets.asyncio.client import connect

import schema.extensions
from schema import make_schema
from schema.limits import QueryLimits
from schema.pipeline import Pipeline
from tests.api.test_abuse import doubling
from tests.api.test_persisted_queries import initialised
from tests.api.test_subscription import receive
from tests.conftest import GraphQLClient, LiveApp

EVENT = "Event:capture"
CITATION = "fragment C on Citation { id quote start end kind source { id title } }"
SAME_ANSWER_QUERIES = [
    (
        "query Light($id: ID!) { node(id: $id) { ... on Event { id title { value citations { ...C } } "
        "date { value precision citations { ...C } } } } } " + CITATION,
        {"id": EVENT},
    ),
    ("{ events(first: 2) { totalCount edges { cursor node { id kind { value } } } } }", None),
    ("query Q($skip: Boolean!) { a: events(first: 1) { totalCount } b: __typename @skip(if: $skip) }", {"skip": True}),
    ('{ node(id: "Event:no-such-event") { id } }', None),
    ("{ events(first: 1000) { edges { node { id } } } }", None),
    ("query Q($id: ID!) { node(id: $id) { id } }", {}),
    ("query Q($id: ID!) { node(id: $id) { id } }", {"id": 5}),
]


@pytest.mark.parametrize(
    "query",
    [
        "query Q($id: ID!) { node(id: $id) { id } }",
        'mutation { revokeToken(name: "nobody") { __typename } }',
        "{ events { edges { node { nope } } } }",
        "{ events(",
        "query A { __typename } query B { __typename }",
    ],
    ids=["query", "mutation", "invalid", "syntax-error", "operation-not-named"],
)
async def test_no_http_request_runs_on_strawberrys_pipeline(
    gql: GraphQLClient, strawberry_runs: list[str | None], query: str
) -> None:
    await gql.post(query, {"id": EVENT})
    assert strawberry_runs == []


async def test_of_several_operations_without_a_name_the_first_runs(gql: GraphQLClient) -> None:
    assert await gql.data("query A { a: __typename } query B { b: __typename }") == {"a": "Query"}


async def test_an_operation_name_no_operation_has_is_refused(http: httpx.AsyncClient) -> None:
    response = await http.post("/graphql", json={"query": "query A { __typename }", "operationName": "B"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == 'Unknown operation named "B".'


@pytest.mark.parametrize(("query", "variables"), SAME_ANSWER_QUERIES)
async def test_get_and_post_answer_byte_for_byte_alike(
    http: httpx.AsyncClient, query: str, variables: dict[str, Any] | None
) -> None:
    posted = await http.post("/graphql", json={"query": query, "variables": variables})
    params = {"query": query} | ({} if variables is None else {"variables": json.dumps(variables)})
    got = await http.get("/graphql", params=params)
    assert (posted.status_code, posted.headers["content-type"], posted.content) == (
        got.status_code,
        got.headers["content-type"],
        got.content,
    )


async def test_a_query_over_get_meets_the_limits_a_post_meets(http: httpx.AsyncClient) -> None:
    aliases = "{ " + " ".join(f"a{i}: __typename" for i in range(31)) + " }"
    response = await http.get("/graphql", params={"query": aliases})
    assert response.status_code == 200
    assert response.json()["errors"][0]["extensions"] == {"code": "TOO_MANY_ALIASES", "limit": 30}


async def test_a_post_whose_query_is_empty_is_refused_as_holding_none(http: httpx.AsyncClient) -> None:
    response = await http.post("/graphql", json={"query": ""})
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "No GraphQL query found in the request"


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("{ " + " ".join(f"a{i}: __typename" for i in range(31)) + " }", "TOO_MANY_ALIASES"),
        (doubling(21), "QUERY_TOO_COSTLY"),
        ("{ " + "__typename " * 10_000 + "}", "TOO_MANY_TOKENS"),
        ("{ events(", None),
    ],
    ids=["aliases", "cost", "tokens", "syntax"],
)
async def test_an_operation_over_the_websocket_is_refused_as_over_http(
    live: LiveApp, query: str, code: str | None
) -> None:
    async with httpx.AsyncClient(base_url=live.url) as http:
        over_http = (await http.post("/graphql", json={"query": query})).json()["errors"]
    async with connect(live.websocket, subprotocols=["graphql-transport-ws"], max_size=None) as ws:
        await initialised(ws)
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
        answer = await receive(ws)
    errors = answer["payload"] if answer["type"] == "error" else answer["payload"]["errors"]
    assert [(error.get("extensions") or {}).get("code") for error in errors] == [code]
    assert [error["message"] for error in errors] == [error["message"] for error in over_http]


async def chunks(*parts: bytes) -> AsyncIterator[bytes]:
    for part in parts:
        yield part


async def test_a_body_sent_in_chunks_is_read_whole(http: httpx.AsyncClient) -> None:
    body = json.dumps({"query": f"{{ node(id: {json.dumps(EVENT)}) {{ id }} }}"}).encode()
    response = await http.post(
        "/graphql", content=chunks(body[:10], body[10:]), headers={"Content-Type": "application/json"}
    )
    assert response.json() == {"data": {"node": {"id": EVENT}}}


async def test_the_pipeline_validates_with_the_rules_of_the_websocket_path(monkeypatch: pytest.MonkeyPatch) -> None:
    limits = QueryLimits(
        max_depth=5, max_aliases=3, max_tokens=100, max_cost=50, page_size=5, max_page_size=10, timeout_ms=1000
    )
    seen: list[tuple[Any, ...]] = []
    validate = schema.extensions.validation_errors

    def recorded(core: Any, document: Any, rules: Any) -> Any:
        seen.append(tuple(rules))
        return validate(core, document, rules)

    monkeypatch.setattr(schema.extensions, "validation_errors", recorded)
    built = make_schema(limits=limits, introspection=False)
    await built.execute("{ __typename }")
    pipeline = Pipeline(built, mask_errors=True, limits=limits, introspection=False)
    assert seen == [pipeline.rules] and len(pipeline.rules) == len(specified_rules) + 2
    assert OverlappingFieldsCanBeMergedRule not in pipeline.rules
