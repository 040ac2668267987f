"""Query limits, timeout, body size, error masking, CORS and the lock-down switches, through HTTP."""

import asyncio
import logging
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from citegraph.settings import Settings
from tests.conftest import GraphQLClient, serve

HUNDRED_BY_HUNDRED = """
{ sources(first: 100) { edges { node { id supports(first: 100) { edges { cursor node {
    field otherCitations otherSources
    citation { id quote start end kind source { id title } }
    node { id ... on Event { title { value citations { quote } } date { value } kind { value } description { value } } }
} } } } } } }
"""
"""Shallow (depth 9) but 100 x 100 supports of 100 sources: 270,401 by the cost rule of `schema.cost`."""


def nested(levels: int) -> str:
    """A valid query whose innermost field sits `levels` selection sets deep (source, support, citation...)."""
    step = ["supports(first: 1)", "edges", "node", "citation", "source"]
    fields = ["sources(first: 1)", "edges", "node", *(step[i % len(step)] for i in range(levels - 3))]
    return "{ " + " { ".join(fields) + " { __typename" + " }" * (len(fields) + 1)


def only_error(body: dict[str, Any]) -> dict[str, Any]:
    assert body["data"] is None and len(body["errors"]) == 1, body
    error: dict[str, Any] = body["errors"][0]
    return error


@pytest.fixture
async def limited(database_url: str) -> AsyncIterator[GraphQLClient]:
    """A client of an unseeded app with small limits and pages of 100 by default, to check each rule."""
    settings = Settings(
        database_url=database_url, seed_on_start=False, page_size=100, max_query_cost=300, max_query_depth=5
    )
    async with serve(settings) as http:
        yield GraphQLClient(http)


async def test_a_query_nested_too_deep_is_refused_naming_the_limit(gql: GraphQLClient) -> None:
    await gql.data(nested(15))
    error = only_error(await gql.post(nested(16)))
    assert error["message"] == "The query nests deeper than the limit of 15 levels (CITEGRAPH_MAX_QUERY_DEPTH)."
    assert error["extensions"] == {"code": "QUERY_TOO_DEEP", "limit": 15}


async def test_a_too_deep_query_is_refused_again_when_sent_again(gql: GraphQLClient) -> None:
    for _ in range(3):
        assert only_error(await gql.post(nested(16)))["extensions"]["code"] == "QUERY_TOO_DEEP"


async def test_the_depth_limit_is_a_setting(limited: GraphQLClient) -> None:
    await limited.data("{ events(first: 1) { edges { node { title { citations { id } } } } } }")
    error = only_error(
        await limited.post("{ events(first: 1) { edges { node { title { citations { source { id } } } } } } }")
    )
    assert error["message"] == "The query nests deeper than the limit of 5 levels (CITEGRAPH_MAX_QUERY_DEPTH)."


async def test_introspection_does_not_count_towards_the_depth(limited: GraphQLClient) -> None:
    query = "{ __schema { types { fields { type { ofType { ofType { name } } } } } } }"
    assert (await limited.data(query))["__schema"]["types"]


async def test_too_many_aliases_are_refused_naming_the_limit(gql: GraphQLClient) -> None:
    await gql.data("{ " + " ".join(f"a{i}: __typename" for i in range(30)) + " }")
    error = only_error(await gql.post("{ " + " ".join(f"a{i}: __typename" for i in range(31)) + " }"))
    assert error["message"] == "The query uses 31 aliases, more than the limit of 30 (CITEGRAPH_MAX_ALIASES)."
    assert error["extensions"] == {"code": "TOO_MANY_ALIASES", "limit": 30}


async def test_too_many_tokens_are_refused_naming_the_limit(gql: GraphQLClient) -> None:
    error = only_error(await gql.post("{ " + "__typename " * 10_000 + "}"))
    assert error["message"] == "The query has more than the limit of 10000 tokens (CITEGRAPH_MAX_TOKENS)."
    assert error["extensions"] == {"code": "TOO_MANY_TOKENS", "limit": 10000}


async def test_a_shallow_query_of_nested_pages_of_100_is_refused_for_its_cost(gql: GraphQLClient) -> None:
    error = only_error(await gql.post(HUNDRED_BY_HUNDRED))
    assert error["message"].startswith(
        "The query would cost 270401, more than the limit of 250000 (CITEGRAPH_MAX_QUERY_COST)"
    )
    assert error["extensions"] == {"code": "QUERY_TOO_COSTLY", "limit": 250000}


async def test_the_same_query_with_smaller_pages_runs(gql: GraphQLClient) -> None:
    data = await gql.data(HUNDRED_BY_HUNDRED.replace("first: 100", "first: 10"))
    assert data["sources"]["edges"][0]["node"]["supports"]["edges"]


async def test_cost_is_one_per_field_times_the_page_size_of_each_paged_list(limited: GraphQLClient) -> None:
    await limited.data("{ events(first: 99) { edges { node { id } } } }")
    error = only_error(await limited.post("{ events(first: 100) { edges { node { id } } } }"))
    assert "would cost 301, more than the limit of 300" in error["message"]


async def test_a_paged_list_without_first_costs_the_default_page_size(limited: GraphQLClient) -> None:
    error = only_error(await limited.post("{ events { edges { node { id } } } }"))
    assert "would cost 301," in error["message"]


async def test_a_page_size_from_a_variable_counts_with_each_requests_value(limited: GraphQLClient) -> None:
    query = "query ($n: Int) { events(first: $n) { edges { node { id } } } }"
    assert only_error(await limited.post(query, {"n": 100}))["extensions"]["code"] == "QUERY_TOO_COSTLY"
    await limited.data(query, {"n": 99})
    assert only_error(await limited.post(query, {"n": 100}))["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert "would cost 301," in only_error(await limited.post(query))["message"]


async def test_a_query_running_past_the_timeout_is_stopped_naming_it(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def never_answers(*args: object) -> None:
        await asyncio.Event().wait()

    monkeypatch.setattr("schema.connection.fetch_page", never_answers)
    async with serve(Settings(database_url=database_url, seed_on_start=False, query_timeout_ms=1)) as http:
        error = only_error(await GraphQLClient(http).post("{ events { edges { node { id } } } }"))
    assert error["message"] == "The query ran longer than the limit of 1 ms (CITEGRAPH_QUERY_TIMEOUT_MS)."
    assert error["extensions"] == {"code": "TIMEOUT", "limit": 1}


TOO_LARGE = {
    "errors": [
        {
            "message": "The request body is larger than the limit of 100 bytes (CITEGRAPH_MAX_BODY_BYTES).",
            "extensions": {"code": "REQUEST_TOO_LARGE", "limit": 100},
        }
    ]
}


async def test_a_body_over_the_limit_gets_413_naming_it(database_url: str) -> None:
    async with serve(Settings(database_url=database_url, seed_on_start=False, max_body_bytes=100)) as http:
        assert (await http.post("/graphql", json={"query": "{ __typename }"})).status_code == 200
        response = await http.post("/graphql", json={"query": "{ __typename }", "variables": {"pad": "x" * 100}})
    assert response.status_code == 413
    assert response.json() == TOO_LARGE


async def test_a_streamed_body_over_the_limit_gets_413(database_url: str) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"query": "{ __typename }", '
        yield b'"variables": {"pad": "' + b"x" * 100 + b'"}}'

    async with serve(Settings(database_url=database_url, seed_on_start=False, max_body_bytes=100)) as http:
        response = await http.post("/graphql", content=chunks(), headers={"Content-Type": "application/json"})
    assert "content-length" not in response.request.headers
    assert response.status_code == 413
    assert response.json() == TOO_LARGE


async def broken(*args: object) -> None:
    raise RuntimeError("database password is hunter2")


async def test_an_unexpected_error_reaches_the_client_as_a_request_id(
    gql: GraphQLClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("schema.connection.fetch_page", broken)
    error = (await gql.post("{ events { edges { node { id } } } }"))["errors"][0]
    assert error["message"] == "Unexpected error."
    assert set(error["extensions"]) == {"requestId"} and len(error["extensions"]["requestId"]) == 32
    assert "hunter2" not in str(error)


async def test_an_unexpected_error_is_logged_in_full_with_its_request_id(
    gql: GraphQLClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr("schema.connection.fetch_page", broken)
    with caplog.at_level(logging.ERROR, logger="citegraph"):
        error = (await gql.post("{ events { edges { node { id } } } }"))["errors"][0]
    [record] = [r for r in caplog.records if r.name == "citegraph"]
    assert error["extensions"]["requestId"] in record.getMessage()
    assert "hunter2" in record.getMessage() and record.exc_info is not None


async def test_an_unexpected_error_outside_resolvers_is_masked_too(
    gql: GraphQLClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def bug(*args: object) -> None:
        raise KeyError("internal detail")

    monkeypatch.setattr("schema.limits.operation_cost", bug)
    error = only_error(await gql.post("{ events { edges { node { id } } } }"))
    assert error["message"] == "Unexpected error." and "requestId" in error["extensions"]


async def test_debug_shows_unexpected_errors_in_full(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("schema.connection.fetch_page", broken)
    async with serve(Settings(database_url=database_url, seed_on_start=False, debug=True)) as http:
        error = (await GraphQLClient(http).post("{ events { edges { node { id } } } }"))["errors"][0]
    assert error["message"] == "database password is hunter2"


async def test_errors_of_the_query_itself_are_not_masked(gql: GraphQLClient) -> None:
    error = (await gql.post("{ events(first: 1000) { edges { node { id } } } }"))["errors"][0]
    assert error["message"] == "first must be between 0 and 100 (the maximum page size), got 1000"


PREFLIGHT = {"Origin": "https://news.example.org", "Access-Control-Request-Method": "POST"}


async def test_by_default_no_other_origin_may_call_the_api(http: httpx.AsyncClient) -> None:
    response = await http.post("/graphql", json={"query": "{ __typename }"}, headers={"Origin": PREFLIGHT["Origin"]})
    assert response.status_code == 200 and "access-control-allow-origin" not in response.headers
    assert "access-control-allow-origin" not in (await http.options("/graphql", headers=PREFLIGHT)).headers


async def test_cors_origins_listed_in_the_setting_may_call_the_api(database_url: str) -> None:
    settings = Settings(database_url=database_url, seed_on_start=False, cors_origins=("https://news.example.org",))
    async with serve(settings) as http:
        allowed = await http.options("/graphql", headers=PREFLIGHT)
        other = await http.options("/graphql", headers=PREFLIGHT | {"Origin": "https://elsewhere.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://news.example.org"
    assert "access-control-allow-origin" not in other.headers


async def test_graphiql_can_be_switched_off(database_url: str) -> None:
    async with serve(Settings(database_url=database_url, seed_on_start=False, graphiql=False)) as http:
        response = await http.get("/graphql", headers={"Accept": "text/html"})
        assert response.status_code == 404
        assert (await http.post("/graphql", json={"query": "{ __typename }"})).json() == {
            "data": {"__typename": "Query"}
        }


async def test_introspection_can_be_switched_off(database_url: str) -> None:
    async with serve(Settings(database_url=database_url, seed_on_start=False, introspection=False)) as http:
        gql = GraphQLClient(http)
        for _ in range(2):
            body = await gql.post("{ __schema { queryType { name } } }")
            assert body["data"] is None
            assert body["errors"][0]["message"].startswith("GraphQL introspection has been disabled")
        assert await gql.data("{ __typename }") == {"__typename": "Query"}
