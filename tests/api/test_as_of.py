"""`asOf`: every root query answers as the database stood at a past moment."""

import datetime as dt
import json
from typing import Any

from tests.api.schema_walk import INTROSPECTION, SchemaWalk
from tests.api.test_retractions import retract
from tests.api.test_writes import CORRECT, NAME, RANK, RIVAL, WHY, envoy_document, ingest
from tests.conftest import GraphQLClient, Tokens

ENVOY = """query ($at: DateTime) { node(id: "Person:envoy", asOf: $at) { ... on Person {
  name { value disputed citations { quote source { id withdrawal { reason } } } unsupported
         alternatives { value citations { quote } } }
  history { value reason } } } }"""


def moment() -> str:
    """Now, as a client would send it: after every write so far, before every write to come."""
    return dt.datetime.now(dt.UTC).isoformat()


async def envoy(gql: GraphQLClient, at: str | None) -> Any:
    return (await gql.data(ENVOY, {"at": at}))["node"]


async def test_before_a_row_was_added_it_does_not_exist(gql: GraphQLClient, tokens: Tokens) -> None:
    before = moment()
    await ingest(gql, envoy_document(), tokens.editor)
    assert await envoy(gql, before) is None
    persons = await gql.data(
        'query ($at: DateTime) { persons(asOf: $at, filter: {name: "envoy"}) { totalCount } }', {"at": before}
    )
    assert persons["persons"]["totalCount"] == 0
    assert (await envoy(gql, moment()))["name"]["value"] == "The envoy"


async def test_before_a_correction_the_former_value_is_returned_with_its_citations(
    gql: GraphQLClient, tokens: Tokens
) -> None:
    await ingest(gql, envoy_document(), tokens.editor)
    before = moment()
    await gql.data(CORRECT, {"document": RIVAL, "reason": WHY}, tokens.editor)
    then = await envoy(gql, before)
    assert then["name"]["value"] == "The envoy" and then["history"] == []
    assert then["name"]["citations"] == [{"quote": "the envoy", "source": {"id": "Source:wire-1", "withdrawal": None}}]
    now = await envoy(gql, None)
    assert now["name"]["value"] == "The special envoy"
    assert now["history"] == [{"value": {"name": "The envoy"}, "reason": WHY}]


async def test_between_two_corrections_the_middle_value_is_held_and_the_first_is_history(
    gql: GraphQLClient, tokens: Tokens
) -> None:
    await ingest(gql, envoy_document(), tokens.editor)
    await gql.data(CORRECT, {"document": RIVAL, "reason": "first"}, tokens.editor)
    between = moment()
    await gql.data(CORRECT, {"document": envoy_document(), "reason": "second"}, tokens.editor)
    then = await envoy(gql, between)
    assert then["name"]["value"] == "The special envoy"
    assert [c["quote"] for c in then["name"]["citations"]] == ["the special envoy"]
    assert then["history"] == [{"value": {"name": "The envoy"}, "reason": "first"}]


async def test_filters_match_the_values_as_they_stood(gql: GraphQLClient, tokens: Tokens) -> None:
    await ingest(gql, envoy_document(), tokens.editor)
    before = moment()
    await gql.data(CORRECT, {"document": RIVAL, "reason": WHY}, tokens.editor)
    query = 'query ($at: DateTime) { persons(asOf: $at, filter: {name: "special"}) { totalCount } }'
    assert (await gql.data(query, {"at": before}))["persons"]["totalCount"] == 0
    assert (await gql.data(query, {"at": None}))["persons"]["totalCount"] == 1


async def test_before_a_rival_was_reported_the_fact_is_not_disputed(gql: GraphQLClient, tokens: Tokens) -> None:
    await ingest(gql, envoy_document(), tokens.editor)
    before = moment()
    await ingest(gql, RIVAL, tokens.editor)
    then = (await envoy(gql, before))["name"]
    assert then["disputed"] is False and then["alternatives"] == []
    assert (await envoy(gql, None))["name"]["disputed"] is True


async def test_before_a_rank_swap_the_value_held_then_is_returned_and_the_rival_is_an_alternative(
    gql: GraphQLClient, tokens: Tokens
) -> None:
    await ingest(gql, envoy_document(), tokens.editor)
    await ingest(gql, RIVAL, tokens.editor)
    [alternative] = (await gql.data(NAME))["node"]["name"]["alternatives"]
    before = moment()
    await gql.data(RANK, {"id": alternative["id"], "rank": "PREFERRED"}, tokens.editor)
    then = await envoy(gql, before)
    assert then["name"]["value"] == "The envoy" and [c["quote"] for c in then["name"]["citations"]] == ["the envoy"]
    assert then["name"]["alternatives"] == [
        {"value": {"name": "The special envoy"}, "citations": [{"quote": "the special envoy"}]}
    ]
    assert then["history"] == []
    now = await envoy(gql, None)
    assert now["name"]["value"] == "The special envoy"
    assert now["name"]["alternatives"] == [{"value": {"name": "The envoy"}, "citations": [{"quote": "the envoy"}]}]
    assert [h["value"] for h in now["history"]] == [{"name": "The envoy"}]


async def test_a_value_rests_only_on_the_citations_added_by_then(gql: GraphQLClient, tokens: Tokens) -> None:
    await ingest(gql, envoy_document(), tokens.editor)
    before = moment()
    second = """
sources:
  - {id: wire-3, kind: WIRE_REPORT, title: Arrival, text: "Witnesses saw The envoy land."}
persons:
  - id: envoy
    name: {value: The envoy, cite: {quote: The envoy, source: wire-3}}
"""
    await ingest(gql, second, tokens.editor)
    sources = [c["source"]["id"] for c in (await envoy(gql, before))["name"]["citations"]]
    assert sources == ["Source:wire-1"]
    assert len((await envoy(gql, None))["name"]["citations"]) == 2


async def test_before_a_retraction_the_source_stands(gql: GraphQLClient, tokens: Tokens) -> None:
    await ingest(gql, envoy_document(), tokens.editor)
    before = moment()
    await retract(gql, tokens.admin)
    then = (await envoy(gql, before))["name"]
    assert then["unsupported"] is False and then["citations"][0]["source"]["withdrawal"] is None
    assert (await envoy(gql, None))["name"]["unsupported"] is True


async def test_the_change_feed_ends_at_the_moment(gql: GraphQLClient, tokens: Tokens) -> None:
    start = moment()
    await ingest(gql, envoy_document(), tokens.editor)
    before = moment()
    await gql.data(CORRECT, {"document": RIVAL, "reason": WHY}, tokens.editor)
    query = (
        "query ($s: DateTime, $at: DateTime) { changes(since: $s, asOf: $at, first: 100) { edges { node { kind } } } }"
    )
    then = await gql.data(query, {"s": start, "at": before})
    assert {e["node"]["kind"] for e in then["changes"]["edges"]} == {"ADDED"}
    now = await gql.data(query, {"s": start, "at": None})
    assert "CORRECTED" in {e["node"]["kind"] for e in now["changes"]["edges"]}


async def test_the_seed_corpus_did_not_exist_before_it_was_loaded(gql: GraphQLClient) -> None:
    query = "query ($at: DateTime) { events(asOf: $at) { totalCount } sources(asOf: $at) { totalCount } }"
    then = await gql.data(query, {"at": "2026-01-06T00:00:00Z"})
    assert then == {"events": {"totalCount": 0}, "sources": {"totalCount": 0}}
    now = await gql.data(query, {"at": moment()})
    assert now["events"]["totalCount"] > 0 and now["sources"]["totalCount"] > 0


async def test_a_moment_without_offset_is_utc(gql: GraphQLClient, tokens: Tokens) -> None:
    await ingest(gql, envoy_document(), tokens.editor)
    naive = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat()
    assert (await envoy(gql, naive))["name"]["value"] == "The envoy"


async def test_root_fields_of_one_request_must_share_the_moment(gql: GraphQLClient) -> None:
    body = await gql.post(
        '{ a: events(first: 1) { totalCount } b: events(first: 1, asOf: "2026-01-06T00:00:00Z") { totalCount } }'
    )
    [error] = body["errors"]
    assert error["message"] == "asOf must be the same for every root field of one request"
    assert error["path"] == ["b"]


async def test_the_same_moment_on_every_root_field_is_accepted(gql: GraphQLClient) -> None:
    at = json.dumps(moment())
    data = await gql.data(
        f"{{ events(first: 1, asOf: {at}) {{ totalCount }} persons(first: 1, asOf: {at}) {{ totalCount }} }}"
    )
    assert data["events"]["totalCount"] > 0 and data["persons"]["totalCount"] > 0


async def test_search_finds_only_what_existed_at_the_moment(gql: GraphQLClient, tokens: Tokens) -> None:
    before = moment()
    await ingest(gql, envoy_document(), tokens.editor)
    query = 'query ($at: DateTime) { search(text: "envoy", asOf: $at) { values { node { id } } quotes { snippet } } }'
    then = (await gql.data(query, {"at": before}))["search"]
    assert then == {"values": [], "quotes": []}
    assert {"node": {"id": "Person:envoy"}} in (await gql.data(query, {"at": None}))["search"]["values"]


async def test_as_of_now_answers_exactly_as_a_read_without_it(gql: GraphQLClient) -> None:
    walk = SchemaWalk((await gql.data(INTROSPECTION))["__schema"])
    now = moment()
    assert await gql.data(walk.everything_query(as_of=now)) == await gql.data(walk.everything_query())


async def test_before_a_rival_was_deprecated_it_had_its_former_rank(gql: GraphQLClient, tokens: Tokens) -> None:
    await ingest(gql, envoy_document(), tokens.editor)
    await ingest(gql, RIVAL, tokens.editor)
    [alternative] = (await gql.data(NAME))["node"]["name"]["alternatives"]
    before = moment()
    await gql.data(RANK, {"id": alternative["id"], "rank": "DEPRECATED"}, tokens.editor)
    query = """query ($at: DateTime) { node(id: "Person:envoy", asOf: $at) { ... on Person {
  name { alternatives { rank } } } } }"""
    assert (await gql.data(query, {"at": before}))["node"]["name"]["alternatives"] == [{"rank": "NORMAL"}]
    assert (await gql.data(query, {"at": None}))["node"]["name"]["alternatives"] == [{"rank": "DEPRECATED"}]
