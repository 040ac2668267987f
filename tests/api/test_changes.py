"""The change feed: every added row, in commit order, with its actor, from a time or a cursor."""

import datetime as dt

from tests.api.test_writes import envoy_document, ingest
from tests.conftest import GraphQLClient, Tokens

FEED = """query ($since: DateTime, $first: Int, $after: String) {
  changes(since: $since, first: $first, after: $after) {
    edges { cursor node { seq at actor kind entityType entityId node { __typename id } } }
    pageInfo { hasNextPage endCursor } } }"""


async def test_an_ingest_appears_in_the_feed_with_its_actor(gql: GraphQLClient, tokens: Tokens) -> None:
    since = dt.datetime.now(dt.UTC).isoformat()
    added = (await ingest(gql, envoy_document(), tokens.editor))["added"]
    edges = (await gql.data(FEED, {"since": since, "first": 100}))["changes"]["edges"]
    entries = [edge["node"] for edge in edges]
    assert len(entries) == added
    assert {e["actor"] for e in entries} == {"desk-editor"} and {e["kind"] for e in entries} == {"ADDED"}
    person = next(e for e in entries if e["entityType"] == "person")
    assert person["entityId"] == "envoy" and person["node"] == {"__typename": "Person", "id": "Person:envoy"}
    source = next(e for e in entries if e["entityType"] == "source")
    assert source["node"] == {"__typename": "Source", "id": "Source:wire-1"}
    link = next(e for e in entries if e["entityType"] == "fact_citation")
    assert link["node"] == {"__typename": "Person", "id": "Person:envoy"}


async def test_the_seed_corpus_is_in_the_feed_as_seed(gql: GraphQLClient) -> None:
    entries = [e["node"] for e in (await gql.data(FEED, {"first": 20}))["changes"]["edges"]]
    assert len(entries) == 20 and {e["actor"] for e in entries} == {"seed"}


async def test_paging_on_from_a_cursor_continues_without_gaps(gql: GraphQLClient) -> None:
    first = (await gql.data(FEED, {"first": 5}))["changes"]
    second = (await gql.data(FEED, {"first": 5, "after": first["pageInfo"]["endCursor"]}))["changes"]
    seqs = [e["node"]["seq"] for e in first["edges"] + second["edges"]]
    assert seqs == list(range(seqs[0], seqs[0] + 10))
    assert first["pageInfo"]["hasNextPage"] is True


async def test_changes_after_the_last_cursor_are_only_the_new_ones(gql: GraphQLClient, tokens: Tokens) -> None:
    page = (await gql.data(FEED, {"first": 100}))["changes"]
    while page["pageInfo"]["hasNextPage"]:
        page = (await gql.data(FEED, {"first": 100, "after": page["pageInfo"]["endCursor"]}))["changes"]
    cursor = page["pageInfo"]["endCursor"]
    assert (await gql.data(FEED, {"after": cursor}))["changes"]["edges"] == []
    added = (await ingest(gql, envoy_document(), tokens.editor))["added"]
    assert len((await gql.data(FEED, {"first": 100, "after": cursor}))["changes"]["edges"]) == added
