"""Relay connections: keyset cursors, page limits, edge cases, and a constant number of statements."""

from typing import Any

import pytest

from tests.conftest import SYNTHETIC_EVENTS, GraphQLClient, StatementCounter

Synthetic = tuple[GraphQLClient, StatementCounter]

PAGE = """
query ($first: Int, $after: String, $last: Int, $before: String) {
  events(first: $first, after: $after, last: $last, before: $before) {
    edges { cursor node { id date { value } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""

HEAVY = """
query ($first: Int!) {
  events(first: $first) {
    edges { node {
      id
      title { value citations { ...C } }
      date { value end precision citations { ...C } }
      casualties { citations { ...C } value {
        id
        description { value citations { ...C } }
        outcome { value citations { ...C } }
        count { low high wording citations { ...C } }
      } }
    } }
  }
}
fragment C on Citation { id quote start end kind source { id title } }
"""


async def page(gql: GraphQLClient, **variables: Any) -> dict[str, Any]:
    data = await gql.data(PAGE, variables)
    return data["events"]  # type: ignore[no-any-return]


def ids(connection: dict[str, Any]) -> list[str]:
    return [edge["node"]["id"] for edge in connection["edges"]]


async def test_default_page_is_20_in_date_order(synthetic: Synthetic) -> None:
    gql, _ = synthetic
    first = await page(gql)
    dates = [edge["node"]["date"]["value"] for edge in first["edges"]]
    assert len(dates) == 20 and dates == sorted(dates)
    assert first["pageInfo"]["hasNextPage"] is True
    assert first["pageInfo"]["hasPreviousPage"] is False


async def test_walking_forward_visits_every_event_once(synthetic: Synthetic) -> None:
    gql, _ = synthetic
    seen: list[str] = []
    after = None
    while True:
        connection = await page(gql, first=100, after=after)
        seen += ids(connection)
        if not connection["pageInfo"]["hasNextPage"]:
            break
        after = connection["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == SYNTHETIC_EVENTS


async def test_last_page_has_no_next_page(synthetic: Synthetic) -> None:
    gql, _ = synthetic
    tail = await page(gql, last=10)
    everything = await page(gql, first=SYNTHETIC_EVENTS)
    assert ids(tail) == ids(everything)[-10:]
    assert tail["pageInfo"]["hasPreviousPage"] is True
    after_tail = await page(gql, first=10, after=tail["pageInfo"]["endCursor"])
    assert after_tail["edges"] == [] and after_tail["pageInfo"]["hasNextPage"] is False


async def test_before_a_cursor_returns_the_items_preceding_it(synthetic: Synthetic) -> None:
    gql, _ = synthetic
    everything = ids(await page(gql, first=SYNTHETIC_EVENTS))
    middle = await page(gql, first=1, after=(await page(gql, first=50))["pageInfo"]["endCursor"])
    before = await page(gql, last=5, before=middle["edges"][0]["cursor"])
    assert ids(before) == everything[45:50]


async def test_empty_result_has_null_cursors(synthetic: Synthetic) -> None:
    gql, _ = synthetic
    data = await gql.data(
        "{ events(filter: {kind: [CAPTURE]}) { edges { cursor } "
        "pageInfo { startCursor endCursor hasNextPage } totalCount } }"
    )
    assert data["events"] == {
        "edges": [],
        "pageInfo": {"startCursor": None, "endCursor": None, "hasNextPage": False},
        "totalCount": 0,
    }


async def test_total_count_counts_the_whole_filtered_list(synthetic: Synthetic) -> None:
    gql, _ = synthetic
    data = await gql.data("{ events(first: 3) { totalCount edges { cursor } } }")
    assert data["events"]["totalCount"] == SYNTHETIC_EVENTS


async def test_total_count_runs_no_query_unless_asked(synthetic: Synthetic) -> None:
    gql, statements = synthetic
    await gql.data("{ events(first: 3) { edges { cursor } } }")
    without = statements.count
    statements.count = 0
    await gql.data("{ events(first: 3) { totalCount edges { cursor } } }")
    assert statements.count == without + 1


@pytest.mark.parametrize("cursor", ["not-a-cursor", "W10", "WyIyMDI2LTAxLTAxIl0"])
async def test_invalid_cursor_is_a_clear_error(synthetic: Synthetic, cursor: str) -> None:
    gql, _ = synthetic
    body = await gql.post(PAGE, {"first": 5, "after": cursor})
    assert body["data"] is None
    assert body["errors"][0]["message"] == f"after: {cursor!r} is not a valid cursor for this list and order"


async def test_page_larger_than_the_maximum_is_an_error_naming_the_limit(gql: GraphQLClient) -> None:
    body = await gql.post(PAGE, {"first": 101})
    assert body["errors"][0]["message"] == "first must be between 0 and 100 (the maximum page size), got 101"


async def test_first_and_last_together_are_refused(gql: GraphQLClient) -> None:
    body = await gql.post(PAGE, {"first": 1, "last": 1})
    assert body["errors"][0]["message"] == "pass either first or last, not both"


async def test_statements_per_request_do_not_grow_with_the_page(synthetic: Synthetic) -> None:
    gql, statements = synthetic
    counts = []
    for size in (2, 200):
        statements.count = 0
        data = await gql.data(HEAVY, {"first": size})
        assert len(data["events"]["edges"]) == size
        counts.append(statements.count)
    assert counts[0] == counts[1]


DISPUTES = """
query ($first: Int!) {
  events(first: $first, filter: {dateFrom: "2000-01-01", matchAlternatives: true}) {
    edges { node {
      date { range { start end startFrom { id } } contested }
      casualties { value { count { range { low high lowFrom { id } } contested disputed } } }
    } }
  }
}
"""


async def test_ranges_contests_and_alternative_filters_do_not_grow_the_statements_with_the_page(
    synthetic: Synthetic,
) -> None:
    gql, statements = synthetic
    counts = []
    for size in (2, 200):
        statements.count = 0
        data = await gql.data(DISPUTES, {"first": size})
        assert len(data["events"]["edges"]) == size
        counts.append(statements.count)
    assert counts[0] == counts[1]
