"""Small requests that once stalled the server, through HTTP on both backends: each is refused naming its
limit or answered, never an `Unexpected error.`; the server stays free for other requests meanwhile.
(Malformed bodies: test_requests.py; slow clients: test_read_timeouts.py; the CLI: tests/test_cli_database.py.)"""

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy import text

import resolvers.search as search_module
from citegraph.settings import Settings
from resolvers.reads import Reads
from tests.conftest import GraphQLClient, serve


def only_error(body: dict[str, Any]) -> dict[str, Any]:
    assert body["data"] is None and len(body["errors"]) == 1, body
    error: dict[str, Any] = body["errors"][0]
    return error


def doubling(fragments: int, last: str = "__typename") -> str:
    """Each fragment spreads the next one twice: 2^fragments expansions of the last in 1.5 KB."""
    spreads = [f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(fragments)]
    return "\n".join(["{ ...F0 }", *spreads, f"fragment F{fragments} on Query {{ {last} }}"])


def chain(fragments: int) -> str:
    spreads = [f"fragment F{i} on Query {{ ...F{i + 1} }}" for i in range(fragments)]
    return "\n".join(["{ ...F0 }", *spreads, f"fragment F{fragments} on Query {{ __typename }}"])


async def test_fragments_that_each_spread_the_next_twice_are_refused_for_their_cost(gql: GraphQLClient) -> None:
    error = only_error(await gql.post(doubling(21)))
    assert error["extensions"] == {"code": "QUERY_TOO_COSTLY", "limit": 250000}
    assert error["message"].startswith("The query would cost 2097152,")


async def test_doubling_fragments_of_aliases_are_refused_for_their_aliases(gql: GraphQLClient) -> None:
    error = only_error(await gql.post(doubling(40, last="a: __typename")))
    assert error["message"] == (
        "The query uses more than a million aliases, more than the limit of 30 (CITEGRAPH_MAX_ALIASES)."
    )


async def test_a_few_doubling_fragments_within_the_cost_still_run(gql: GraphQLClient) -> None:
    assert await gql.data(doubling(8)) == {"__typename": "Query"}


async def test_doubling_fragments_inside_a_page_within_the_cost_are_answered(gql: GraphQLClient) -> None:
    """2^15 expansions, 196,609 by the cost: each fragment is walked once (`schema.selection`), the answer is
    the event's fields once."""
    spreads = [f"fragment F{i} on Event {{ ...F{i + 1} ...F{i + 1} }}" for i in range(15)]
    last = "fragment F15 on Event { id casualties { value { id } } }"
    query = "\n".join(["{ events(first: 1) { edges { node { ...F0 } } } }", *spreads, last])
    [edge] = (await gql.data(query))["events"]["edges"]
    assert set(edge["node"]) == {"id", "casualties"}


@pytest.mark.parametrize("fragments", [300, 990])
async def test_a_long_chain_of_fragments_is_refused_naming_the_nesting(gql: GraphQLClient, fragments: int) -> None:
    error = only_error(await gql.post(chain(fragments)))
    assert error["extensions"] == {"code": "QUERY_TOO_DEEP", "limit": 200}
    assert "through its fragment spreads, more than 200 levels deep" in error["message"]


async def test_a_chain_of_fragments_within_the_nesting_runs(gql: GraphQLClient) -> None:
    assert await gql.data(chain(150)) == {"__typename": "Query"}


async def test_a_field_repeated_thousands_of_times_is_refused_for_the_work_of_validating_it(gql: GraphQLClient) -> None:
    error = only_error(await gql.post("{ " + "sources { totalCount } " * 2400 + "}"))
    assert error["extensions"] == {"code": "QUERY_TOO_COMPLEX", "limit": 10000}
    assert "(CITEGRAPH_MAX_VALIDATION_WORK)" in error["message"]


IDS_QUERY = "query ($ids: [ID!]!) { nodes(ids: $ids) { id } }"


async def test_sixty_thousand_ids_are_refused_before_anything_runs(gql: GraphQLClient) -> None:
    error = only_error(await gql.post(IDS_QUERY, {"ids": [f"Event:e{i}" for i in range(60_000)]}))
    assert error["extensions"] == {"code": "LIST_TOO_LONG", "limit": 100}
    assert error["message"] == (
        "The list given for nodes(ids:) holds 60000 items, more than the limit of 100 (CITEGRAPH_MAX_PAGE_SIZE): "
        "ask for at most a page of them at once."
    )


async def test_a_page_of_ids_is_answered(gql: GraphQLClient) -> None:
    ids = ["Event:capture", *(f"Event:nothing-{i}" for i in range(99))]
    nodes = (await gql.data(IDS_QUERY, {"ids": ids}))["nodes"]
    assert nodes[0] == {"id": "Event:capture"} and nodes[1:] == [None] * 99


@pytest.fixture
async def costly(database_url: str) -> AsyncIterator[GraphQLClient]:
    """A client of an unseeded app with a cost limit of 300."""
    async with serve(Settings(database_url=database_url, seed_on_start=False, max_query_cost=300)) as http:
        yield GraphQLClient(http)


@pytest.fixture
async def short_lists(database_url: str) -> AsyncIterator[GraphQLClient]:
    """A client of an unseeded app taking lists of at most 5 items."""
    async with serve(Settings(database_url=database_url, seed_on_start=False, max_list_items=5)) as http:
        yield GraphQLClient(http)


async def test_each_id_costs_what_its_selection_costs(costly: GraphQLClient) -> None:
    selection = "{ id ... on Event { title { value citations { quote source { id } } } } }"
    assert await costly.data(f'{{ nodes(ids: ["Event:a", "Event:b"]) {selection} }}') == {"nodes": [None, None]}
    ids = ", ".join(f'"Event:e{i}"' for i in range(60))
    error = only_error(await costly.post(f"{{ nodes(ids: [{ids}]) {selection} }}"))
    assert error["message"].startswith("The query would cost 421, more than the limit of 300")


async def test_a_list_argument_over_the_limit_is_refused_naming_it(short_lists: GraphQLClient) -> None:
    kinds = ["CAPTURE"] * 6
    error = only_error(
        await short_lists.post("query ($k: [TermCode!]) { events(filter: {kind: $k}) { totalCount } }", {"k": kinds})
    )
    assert error["extensions"] == {"code": "LIST_TOO_LONG", "limit": 5}
    assert error["message"] == (
        "A list given in events(filter:) holds 6 items, more than the limit of 5 (CITEGRAPH_MAX_LIST_ITEMS)."
    )


async def test_a_list_in_a_literal_argument_is_bounded_too(short_lists: GraphQLClient) -> None:
    body = await short_lists.post(
        "{ events(filter: {kind: [CAPTURE, CAPTURE, CAPTURE, CAPTURE, CAPTURE, CAPTURE]}) { totalCount } }"
    )
    assert only_error(body)["extensions"] == {"code": "LIST_TOO_LONG", "limit": 5}


@pytest.mark.parametrize("repeats", [600, 2500])
async def test_a_search_of_many_short_words_is_refused_naming_the_limit(gql: GraphQLClient, repeats: int) -> None:
    error = only_error(
        await gql.post("query ($t: String!) { search(text: $t) { values { snippet } } }", {"t": "a " * repeats})
    )
    assert error["extensions"] == {"code": "SEARCH_TOO_LONG", "limit": 200}
    assert (
        error["message"] == f"text: {2 * repeats} characters, more than the limit of 200 (CITEGRAPH_MAX_SEARCH_CHARS)"
    )


async def test_a_word_repeated_in_a_search_counts_once(gql: GraphQLClient) -> None:
    query = "query ($t: String!) { search(text: $t) { values { snippet } } }"
    once = await gql.data(query, {"t": "raid"})
    assert once["search"]["values"] and await gql.data(query, {"t": "raid RAID " * 9}) == once


async def test_a_search_of_more_distinct_words_than_the_limit_is_refused(gql: GraphQLClient) -> None:
    body = await gql.post('{ search(text: "one two three four five six seven eight nine") { values { snippet } } }')
    error = only_error(body)
    assert error["extensions"] == {"code": "TOO_MANY_SEARCH_TERMS", "limit": 8}


ENDLESS = {
    "sqlite": "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000000) "
    "SELECT 'value', 'event', 'capture', 'title', 'snippet' FROM c WHERE x < 0",
    "postgresql": "SELECT 'value', 'event', 'capture', 'title', 'snippet' FROM pg_sleep(300)",
}
"""A statement that runs for minutes unless stopped, shaped as a search's."""


@pytest.fixture
async def quick_timeout(database_url: str) -> AsyncIterator[httpx.AsyncClient]:
    """The seeded app with a query timeout of 1.5 s."""
    async with serve(Settings(database_url=database_url, query_timeout_ms=1500)) as http:
        yield http


async def test_a_slow_search_never_delays_the_health_check(
    quick_timeout: httpx.AsyncClient, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_query, _statement = search_module.SEARCHES[backend]
    monkeypatch.setitem(search_module.SEARCHES, backend, (make_query, ENDLESS[backend]))
    search = asyncio.create_task(
        quick_timeout.post("/graphql", json={"query": '{ search(text: "raid") { values { snippet } } }'})
    )
    health = await quick_timeout.get("/healthz")
    assert health.json() == {"status": "ok", "database": "ok"} and not search.done()
    error = only_error((await search).json())
    assert error["extensions"] == {"code": "TIMEOUT", "limit": 1500}


async def endless_count(reads: Reads, query: object) -> int:
    """Stands in for a count: one statement that runs for minutes unless stopped."""
    dialect = reads.dialect_name
    async with reads.connection() as connection:
        rows = await connection.execute(text(ENDLESS[dialect]))
        return len(list(rows))


async def test_a_statement_running_past_the_timeout_is_stopped(
    quick_timeout: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("schema.connection.count_rows", endless_count)
    body = (await quick_timeout.post("/graphql", json={"query": "{ events { totalCount } }"})).json()
    assert only_error(body)["extensions"] == {"code": "TIMEOUT", "limit": 1500}


async def test_the_connection_of_a_stopped_statement_serves_the_next_request(
    quick_timeout: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patched:
        patched.setattr("schema.connection.count_rows", endless_count)
        await quick_timeout.post("/graphql", json={"query": "{ events { totalCount } }"})
    body = (await quick_timeout.post("/graphql", json={"query": "{ events { totalCount } }"})).json()
    assert body == {"data": {"events": {"totalCount": body["data"]["events"]["totalCount"]}}}
    assert body["data"]["events"]["totalCount"] > 0
