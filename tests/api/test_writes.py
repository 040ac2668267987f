"""Writes through GraphQL: tokens, addSource, ingest, typed errors, all or nothing."""

import datetime as dt
import json
from typing import Any

from sqlalchemy import func, select

from db.audit import audit
from db.engine import make_engine
from db.tables import Change, Person, Source
from tests.conftest import GraphQLClient, Tokens

WIRE = "Reuters reported that Delcy Rodriguez met the envoy in Caracas. The envoy left on Tuesday."

ADD_SOURCE = """mutation ($input: AddSourceInput!) { addSource(input: $input) {
  __typename
  ... on SourceAdded { created source { id title sha256 text } }
  ... on Unauthorized { message }
  ... on Rejected { errors { __typename message field } } } }"""

INGEST = """mutation ($document: String!) { ingest(document: $document) {
  __typename
  ... on Ingested { added unchanged disputed }
  ... on Unauthorized { message }
  ... on Rejected { errors { __typename message entity field
      ... on QuoteNotFound { sourceId quote }
      ... on AmbiguousQuote { sourceId quote occurrences }
      ... on NotFound { id }
      ... on ValidationError { code } } } } }"""


def envoy_document(quote: str = "the envoy", extra: str = "") -> str:
    return f"""
sources:
  - {{id: wire-1, kind: WIRE_REPORT, title: Envoy visit, text: {json.dumps(WIRE)}}}
default_source: wire-1
persons:
  - id: envoy
    name: {{value: The envoy, cite: {json.dumps(quote)}}}
{extra}"""


async def add_wire(gql: GraphQLClient, token: str) -> dict[str, Any]:
    variables = {"input": {"text": WIRE, "kind": "WIRE_REPORT", "title": "Envoy visit"}}
    return (await gql.data(ADD_SOURCE, variables, token))["addSource"]


async def ingest(gql: GraphQLClient, document: str, token: str | None) -> dict[str, Any]:
    return (await gql.data(INGEST, {"document": document}, token))["ingest"]


async def count(database_url: str, table: Any) -> int:
    engine = make_engine(database_url)
    try:
        async with engine.connect() as conn:
            return int((await conn.execute(select(func.count()).select_from(table))).scalar_one())
    finally:
        await engine.dispose()


async def test_add_source_stores_the_text_with_its_hash(gql: GraphQLClient, tokens: Tokens) -> None:
    added = await add_wire(gql, tokens.editor)
    assert added["__typename"] == "SourceAdded" and added["created"] is True
    source = added["source"]
    assert source["text"] == WIRE and source["title"] == "Envoy visit"
    assert source["id"] == f"Source:src-{source['sha256'][:16]}"


async def test_the_same_text_twice_returns_the_stored_source(gql: GraphQLClient, tokens: Tokens) -> None:
    first = await add_wire(gql, tokens.editor)
    second = await add_wire(gql, tokens.admin)
    assert second["created"] is False and second["source"]["id"] == first["source"]["id"]


async def test_ingest_stores_facts_readable_with_their_quotes(gql: GraphQLClient, tokens: Tokens) -> None:
    result = await ingest(gql, envoy_document(), tokens.editor)
    assert result["__typename"] == "Ingested" and result["added"] > 0
    data = await gql.data(
        '{ node(id: "Person:envoy") { ... on Person { name { value citations { quote start source { title } } } } } }'
    )
    name = data["node"]["name"]
    assert name["value"] == "The envoy"
    assert name["citations"] == [
        {"quote": "the envoy", "start": WIRE.index("the envoy"), "source": {"title": "Envoy visit"}}
    ]


async def test_ingesting_the_same_document_again_adds_nothing(gql: GraphQLClient, tokens: Tokens) -> None:
    first = await ingest(gql, envoy_document(), tokens.editor)
    again = await ingest(gql, envoy_document(), tokens.editor)
    assert again == {"__typename": "Ingested", "added": 0, "unchanged": first["added"], "disputed": 0}


async def test_ingest_can_cite_a_source_added_before(gql: GraphQLClient, tokens: Tokens) -> None:
    source_key = (await add_wire(gql, tokens.editor))["source"]["id"].removeprefix("Source:")
    document = (
        f"persons:\n  - id: envoy\n    name: {{value: The envoy, cite: {{quote: the envoy, source: {source_key}}}}}\n"
    )
    assert (await ingest(gql, document, tokens.editor))["__typename"] == "Ingested"


async def test_writes_without_a_token_are_unauthorized_and_write_nothing(
    gql: GraphQLClient, tokens: Tokens, database_url: str
) -> None:
    persons = await count(database_url, Person)
    result = await ingest(gql, envoy_document(), None)
    assert result["__typename"] == "Unauthorized" and "Authorization: Bearer" in result["message"]
    assert (await gql.data(ADD_SOURCE, {"input": {"text": WIRE, "kind": "WIRE_REPORT"}}))["addSource"][
        "__typename"
    ] == "Unauthorized"
    assert await count(database_url, Person) == persons


async def test_a_revoked_or_unknown_token_is_unauthorized(gql: GraphQLClient, tokens: Tokens) -> None:
    for token in (tokens.revoked, "cg_not-a-token"):
        result = await ingest(gql, envoy_document(), token)
        assert result == {"__typename": "Unauthorized", "message": "the token is unknown or revoked"}


async def test_a_quote_not_in_the_source_is_refused_and_nothing_is_written(
    gql: GraphQLClient, tokens: Tokens, database_url: str
) -> None:
    persons, sources = await count(database_url, Person), await count(database_url, Source)
    second_person = "  - id: reuters-man\n    name: {value: Reuters, cite: Reuters}\n"
    result = await ingest(gql, envoy_document("the ambassador", second_person), tokens.editor)
    assert result["__typename"] == "Rejected"
    assert result["errors"] == [
        {
            "__typename": "QuoteNotFound",
            "message": "quote not found in the source text 'wire-1'",
            "entity": "person 'envoy'",
            "field": "name",
            "sourceId": "wire-1",
            "quote": "the ambassador",
        }
    ]
    assert (await count(database_url, Person), await count(database_url, Source)) == (persons, sources)


async def test_an_ambiguous_quote_says_how_often_it_occurs(gql: GraphQLClient, tokens: Tokens) -> None:
    result = await ingest(gql, envoy_document("envoy"), tokens.editor)
    [error] = result["errors"]
    assert error["__typename"] == "AmbiguousQuote" and error["occurrences"] == 2 and error["quote"] == "envoy"


async def test_a_value_without_citation_is_a_missing_citation(gql: GraphQLClient, tokens: Tokens) -> None:
    document = envoy_document().replace('cite: "the envoy"', "cite: []")
    [error] = (await ingest(gql, document, tokens.editor))["errors"]
    assert error["__typename"] == "MissingCitation" and error["entity"] == "persons[0] 'envoy'"
    assert error["field"] == "name.cite"


async def test_a_reference_to_an_unknown_id_is_not_found(gql: GraphQLClient, tokens: Tokens) -> None:
    membership = "memberships:\n  - {person: envoy, organization: no-such-ministry, role: envoy, cite: the envoy}\n"
    errors = (await ingest(gql, envoy_document(extra=membership), tokens.editor))["errors"]
    assert {"__typename": "NotFound", "id": "no-such-ministry"}.items() <= errors[0].items()


RIVAL_WIRE = "Officials named the visitor as the special envoy of the government."
RIVAL = f"""
sources:
  - {{id: wire-2, kind: WIRE_REPORT, title: Officials, text: {json.dumps(RIVAL_WIRE)}}}
persons:
  - id: envoy
    name: {{value: The special envoy, cite: {{quote: the special envoy, source: wire-2}}}}
"""
NAME = """{ node(id: "Person:envoy") { ... on Person { name { value disputed citations { source { id } }
  alternatives { id value rank recordedBy citations { quote source { id } } } } } } }"""


async def test_another_value_from_another_source_is_kept_beside_the_first(gql: GraphQLClient, tokens: Tokens) -> None:
    await ingest(gql, envoy_document(), tokens.editor)
    result = await ingest(gql, RIVAL, tokens.editor)
    assert result["__typename"] == "Ingested" and result["disputed"] == 1
    name = (await gql.data(NAME))["node"]["name"]
    assert name["value"] == "The envoy" and name["disputed"] is True
    assert name["citations"] == [{"source": {"id": "Source:wire-1"}}]
    [alternative] = name["alternatives"]
    assert alternative["value"] == {"name": "The special envoy"} and alternative["rank"] == "NORMAL"
    assert alternative["recordedBy"] == "desk-editor" and alternative["id"].startswith("Value:")
    assert alternative["citations"] == [{"quote": "the special envoy", "source": {"id": "Source:wire-2"}}]


async def test_an_undisputed_value_has_no_alternatives(gql: GraphQLClient, tokens: Tokens) -> None:
    await ingest(gql, envoy_document(), tokens.editor)
    name = (await gql.data(NAME))["node"]["name"]
    assert name["disputed"] is False and name["alternatives"] == []


async def test_the_same_rival_value_twice_is_one_alternative(gql: GraphQLClient, tokens: Tokens) -> None:
    await ingest(gql, envoy_document(), tokens.editor)
    await ingest(gql, RIVAL, tokens.editor)
    again = await ingest(gql, RIVAL, tokens.editor)
    assert again["added"] == 0 and again["disputed"] == 0
    assert len((await gql.data(NAME))["node"]["name"]["alternatives"]) == 1


async def test_a_document_cannot_make_the_server_read_a_file(gql: GraphQLClient, tokens: Tokens) -> None:
    document = "sources:\n  - {id: secrets, kind: OTHER, file: /etc/passwd}\n"
    [error] = (await ingest(gql, document, tokens.editor))["errors"]
    assert error["__typename"] == "ValidationError" and error["field"] == "file"


async def test_every_added_row_is_logged_with_the_tokens_name(
    gql: GraphQLClient, tokens: Tokens, database_url: str
) -> None:
    before = await count(database_url, Change)
    result = await ingest(gql, envoy_document(), tokens.editor)
    engine = make_engine(database_url)
    try:
        async with engine.connect() as conn:
            rows = (await conn.execute(select(Change.actor, Change.entity_type).where(Change.seq > before))).all()
    finally:
        await engine.dispose()
    assert len(rows) == result["added"]
    assert {actor for actor, _ in rows} == {"desk-editor"}
    assert {"source", "person", "citation", "fact_citation"} <= {table for _, table in rows}


async def test_ingested_facts_are_found_by_search(gql: GraphQLClient, tokens: Tokens) -> None:
    await ingest(gql, envoy_document(), tokens.editor)
    found = await gql.data('{ search(text: "envoy") { values { node { id } field } quotes { citation { quote } } } }')
    assert {"node": {"id": "Person:envoy"}, "field": "name"} in found["search"]["values"]
    assert {"citation": {"quote": "the envoy"}} in found["search"]["quotes"]


RANK = """mutation ($id: ID!, $rank: Rank!) { rankValue(id: $id, rank: $rank) {
  __typename ... on ValueRanked { node { id } } ... on Rejected { errors { __typename message } } } }"""


async def test_preferring_an_alternative_makes_reads_return_it_and_keeps_the_other(
    gql: GraphQLClient, tokens: Tokens
) -> None:
    await ingest(gql, envoy_document(), tokens.editor)
    await ingest(gql, RIVAL, tokens.editor)
    [alternative] = (await gql.data(NAME))["node"]["name"]["alternatives"]
    result = (await gql.data(RANK, {"id": alternative["id"], "rank": "PREFERRED"}, tokens.admin))["rankValue"]
    assert result == {"__typename": "ValueRanked", "node": {"id": "Person:envoy"}}
    name = (await gql.data(NAME))["node"]["name"]
    assert name["value"] == "The special envoy" and name["disputed"] is True
    assert name["citations"] == [{"source": {"id": "Source:wire-2"}}]
    [former] = name["alternatives"]
    assert former["value"] == {"name": "The envoy"} and former["recordedBy"] == "desk-editor"
    assert former["citations"] == [{"quote": "the envoy", "source": {"id": "Source:wire-1"}}]


async def test_search_follows_the_preferred_value(gql: GraphQLClient, tokens: Tokens) -> None:
    await ingest(gql, envoy_document(), tokens.editor)
    await ingest(gql, RIVAL, tokens.editor)
    [alternative] = (await gql.data(NAME))["node"]["name"]["alternatives"]
    await gql.data(RANK, {"id": alternative["id"], "rank": "PREFERRED"}, tokens.admin)
    found = await gql.data('{ search(text: "special envoy") { values { node { id } } } }')
    assert {"node": {"id": "Person:envoy"}} in found["search"]["values"]


async def test_deprecating_an_alternative_ranks_it_only(gql: GraphQLClient, tokens: Tokens) -> None:
    await ingest(gql, envoy_document(), tokens.editor)
    await ingest(gql, RIVAL, tokens.editor)
    [alternative] = (await gql.data(NAME))["node"]["name"]["alternatives"]
    await gql.data(RANK, {"id": alternative["id"], "rank": "DEPRECATED"}, tokens.editor)
    name = (await gql.data(NAME))["node"]["name"]
    assert name["value"] == "The envoy" and name["alternatives"][0]["rank"] == "DEPRECATED"


async def test_ranking_needs_a_token_and_a_known_value(gql: GraphQLClient, tokens: Tokens) -> None:
    assert (await gql.data(RANK, {"id": "Value:x", "rank": "NORMAL"}))["rankValue"]["__typename"] == "Unauthorized"
    result = (await gql.data(RANK, {"id": "Value:x", "rank": "NORMAL"}, tokens.editor))["rankValue"]
    assert result["errors"][0]["__typename"] == "NotFound"


async def test_a_value_already_ranked_preferred_cannot_be_ranked_again(gql: GraphQLClient, tokens: Tokens) -> None:
    await ingest(gql, envoy_document(), tokens.editor)
    await ingest(gql, RIVAL, tokens.editor)
    [alternative] = (await gql.data(NAME))["node"]["name"]["alternatives"]
    await gql.data(RANK, {"id": alternative["id"], "rank": "PREFERRED"}, tokens.editor)
    again = (await gql.data(RANK, {"id": alternative["id"], "rank": "DEPRECATED"}, tokens.editor))["rankValue"]
    [error] = again["errors"]
    assert error["__typename"] == "ValidationError" and "not a standing alternative" in error["message"]


CORRECT = """mutation ($document: String!, $reason: String!) { correct(document: $document, reason: $reason) {
  __typename ... on Corrected { corrected added unchanged } ... on Rejected { errors { __typename message } }
  ... on Unauthorized { message } } }"""
HISTORY = """{ node(id: "Person:envoy") { ... on Person { name { value disputed citations { source { id } } }
  history { field value recordedBy closedBy reason recordedAt closedAt citations { quote source { id } } } } } }"""
WHY = "Officials gave the envoy's title"


async def test_a_correction_replaces_the_value_and_keeps_the_former_one_in_history(
    gql: GraphQLClient, tokens: Tokens
) -> None:
    await ingest(gql, envoy_document(), tokens.editor)
    result = (await gql.data(CORRECT, {"document": RIVAL, "reason": WHY}, tokens.admin))["correct"]
    assert result["__typename"] == "Corrected" and result["corrected"] == 1
    person = (await gql.data(HISTORY))["node"]
    assert person["name"]["value"] == "The special envoy" and person["name"]["disputed"] is False
    assert person["name"]["citations"] == [{"source": {"id": "Source:wire-2"}}]
    [former] = person["history"]
    assert former["field"] == "name" and former["value"] == {"name": "The envoy"}
    assert (former["recordedBy"], former["closedBy"], former["reason"]) == ("desk-editor", "chief", WHY)
    assert former["recordedAt"] <= former["closedAt"]
    assert former["citations"] == [{"quote": "the envoy", "source": {"id": "Source:wire-1"}}]


async def test_a_correction_is_in_the_feed(gql: GraphQLClient, tokens: Tokens) -> None:
    await ingest(gql, envoy_document(), tokens.editor)
    since = dt.datetime.now(dt.UTC).isoformat()
    await gql.data(CORRECT, {"document": RIVAL, "reason": WHY}, tokens.editor)
    feed = await gql.data(
        "query ($s: DateTime) { changes(since: $s) { edges { node { kind entityType entityId } } } }", {"s": since}
    )
    kinds = {(e["node"]["kind"], e["node"]["entityType"], e["node"]["entityId"]) for e in feed["changes"]["edges"]}
    assert ("CORRECTED", "person", "envoy") in kinds


async def test_search_follows_a_correction(gql: GraphQLClient, tokens: Tokens) -> None:
    await ingest(gql, envoy_document(), tokens.editor)
    await gql.data(CORRECT, {"document": RIVAL, "reason": WHY}, tokens.editor)
    found = await gql.data('{ search(text: "special envoy") { values { node { id } } } }')
    assert {"node": {"id": "Person:envoy"}} in found["search"]["values"]


async def test_correcting_twice_keeps_both_former_values_in_order(gql: GraphQLClient, tokens: Tokens) -> None:
    await ingest(gql, envoy_document(), tokens.editor)
    await gql.data(CORRECT, {"document": RIVAL, "reason": "first"}, tokens.editor)
    back = envoy_document().replace("value: The envoy", "value: The envoy")
    result = (await gql.data(CORRECT, {"document": back, "reason": "second"}, tokens.editor))["correct"]
    assert result["corrected"] == 1
    history = (await gql.data(HISTORY))["node"]["history"]
    assert [(h["value"]["name"], h["reason"]) for h in history] == [
        ("The envoy", "first"),
        ("The special envoy", "second"),
    ]
    assert history[1]["recordedAt"] == history[0]["closedAt"]


async def test_a_correction_needs_a_token(gql: GraphQLClient, tokens: Tokens) -> None:
    assert (await gql.data(CORRECT, {"document": RIVAL, "reason": WHY}))["correct"]["__typename"] == "Unauthorized"


async def test_the_audit_passes_after_disputes_and_corrections(
    gql: GraphQLClient, tokens: Tokens, database_url: str
) -> None:
    await ingest(gql, envoy_document(), tokens.editor)
    await ingest(gql, RIVAL, tokens.editor)
    [alternative] = (await gql.data(NAME))["node"]["name"]["alternatives"]
    await gql.data(RANK, {"id": alternative["id"], "rank": "PREFERRED"}, tokens.editor)
    await gql.data(CORRECT, {"document": envoy_document(), "reason": WHY}, tokens.editor)
    engine = make_engine(database_url)
    try:
        assert await audit(engine) == []
    finally:
        await engine.dispose()


INGEST_FACTS = """mutation ($facts: JSON) { ingest(facts: $facts) {
  __typename ... on Ingested { added } ... on Rejected { errors { __typename message field } } } }"""


async def test_ingest_takes_the_document_as_a_json_object_too(gql: GraphQLClient, tokens: Tokens) -> None:
    facts = {
        "sources": [{"id": "wire-1", "kind": "WIRE_REPORT", "title": "Envoy visit", "text": WIRE}],
        "default_source": "wire-1",
        "persons": [{"id": "envoy", "name": {"value": "The envoy", "cite": "the envoy"}}],
    }
    result = (await gql.data(INGEST_FACTS, {"facts": facts}, tokens.editor))["ingest"]
    assert result["__typename"] == "Ingested" and result["added"] > 0
    assert (await gql.data(NAME))["node"]["name"]["value"] == "The envoy"


async def test_ingest_needs_exactly_one_form_of_the_document(gql: GraphQLClient, tokens: Tokens) -> None:
    query = """mutation ($document: String, $facts: JSON) { ingest(document: $document, facts: $facts) {
      __typename ... on Rejected { errors { field } } } }"""
    for variables in ({}, {"document": "persons: []", "facts": {"persons": []}}):
        result = (await gql.data(query, variables, tokens.editor))["ingest"]
        assert result == {"__typename": "Rejected", "errors": [{"field": "document"}]}
