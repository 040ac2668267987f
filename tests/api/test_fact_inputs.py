"""Typed writes: `add<Object>` mutations and `ingest(input:)`, the seed format as GraphQL input types."""

import json

from tests.api.test_writes import INGEST, WIRE, add_wire, envoy_document
from tests.conftest import GraphQLClient, Tokens

RESULT = """__typename ... on Ingested { added unchanged disputed } ... on Unauthorized { message }
  ... on Rejected { errors { __typename message
    ... on QuoteNotFound { sourceId quote } ... on ValidationError { code } } }"""
ADD_PERSON = f"""mutation ($input: PersonInput!, $sources: [InlineSourceInput!], $default: String) {{
  addPerson(input: $input, sources: $sources, defaultSource: $default) {{ {RESULT} }} }}"""
ENVOY = {"id": "envoy", "name": {"value": "The envoy", "cite": [{"quote": "the envoy", "occurrence": 1}]}}
INLINE_WIRE = {"id": "wire-1", "kind": "WIRE_REPORT", "title": "Envoy visit", "text": WIRE}
NAME = '{ node(id: "Person:envoy") { ... on Person { name { value citations { quote source { id } } } } } }'


async def test_add_person_stores_it_with_its_inline_source(gql: GraphQLClient, tokens: Tokens) -> None:
    variables = {"input": ENVOY, "sources": [INLINE_WIRE], "default": "wire-1"}
    result = (await gql.data(ADD_PERSON, variables, tokens.editor))["addPerson"]
    assert result["__typename"] == "Ingested" and result["added"] > 0
    name = (await gql.data(NAME))["node"]["name"]
    assert name == {"value": "The envoy", "citations": [{"quote": "the envoy", "source": {"id": "Source:wire-1"}}]}


async def test_add_event_cites_a_stored_source_by_id(gql: GraphQLClient, tokens: Tokens) -> None:
    source = (await add_wire(gql, tokens.editor))["source"]["id"].removeprefix("Source:")
    event = {
        "id": "envoy-visit",
        "title": {"value": "Envoy visit to Caracas", "cite": [{"quote": "met the envoy in Caracas"}]},
        "kind": {"value": "OTHER", "cite": [{"quote": "met the envoy", "inferred": "a meeting is an event"}]},
        "date": {"value": "2026-01-06", "precision": "DAY", "cite": [{"quote": "Tuesday", "inferred": "the Tuesday"}]},
    }
    query = f"""mutation ($input: EventInput!, $default: String) {{
      addEvent(input: $input, defaultSource: $default) {{ {RESULT} }} }}"""
    result = (await gql.data(query, {"input": event, "default": source}, tokens.editor))["addEvent"]
    assert result["__typename"] == "Ingested", result
    read = await gql.data(
        '{ event(id: "Event:envoy-visit") { title { value } date { value precision citations { kind note } } } }'
    )
    assert read["event"]["title"]["value"] == "Envoy visit to Caracas"
    assert read["event"]["date"]["citations"] == [{"kind": "INFERRED", "note": "the Tuesday"}]


async def test_a_typed_write_with_a_quote_not_in_the_source_is_refused_and_writes_nothing(
    gql: GraphQLClient, tokens: Tokens
) -> None:
    wrong = {**ENVOY, "name": {"value": "The envoy", "cite": [{"quote": "the ambassador"}]}}
    variables = {"input": wrong, "sources": [INLINE_WIRE], "default": "wire-1"}
    result = (await gql.data(ADD_PERSON, variables, tokens.editor))["addPerson"]
    assert [e["__typename"] for e in result["errors"]] == ["QuoteNotFound"]
    assert result["errors"][0]["quote"] == "the ambassador"
    assert (await gql.data(NAME))["node"] is None
    assert (await gql.data('{ source(id: "Source:wire-1") { id } }'))["source"] is None


async def test_a_typed_write_needs_a_token(gql: GraphQLClient) -> None:
    result = await gql.data(ADD_PERSON, {"input": ENVOY, "sources": [INLINE_WIRE], "default": "wire-1"})
    assert result["addPerson"]["__typename"] == "Unauthorized"


async def test_ingest_takes_the_document_typed_and_writes_what_the_text_form_writes(
    gql: GraphQLClient, tokens: Tokens
) -> None:
    typed = {"sources": [INLINE_WIRE], "defaultSource": "wire-1", "persons": [ENVOY]}
    query = f"mutation ($input: FactsInput) {{ ingest(input: $input) {{ {RESULT} }} }}"
    first = (await gql.data(query, {"input": typed}, tokens.editor))["ingest"]
    assert first["__typename"] == "Ingested" and first["added"] > 0
    again = (await gql.data(INGEST, {"document": envoy_document()}, tokens.editor))["ingest"]
    assert again == {"__typename": "Ingested", "added": 0, "unchanged": first["added"], "disputed": 0}


async def test_correct_takes_the_document_typed(gql: GraphQLClient, tokens: Tokens) -> None:
    await gql.data(INGEST, {"document": envoy_document()}, tokens.editor)
    renamed = {**ENVOY, "name": {"value": "The visiting envoy", "cite": [{"quote": "the envoy", "occurrence": 1}]}}
    query = """mutation ($input: FactsInput) { correct(input: $input, reason: "fuller name") {
      __typename ... on Corrected { corrected } } }"""
    result = await gql.data(query, {"input": {"defaultSource": "wire-1", "persons": [renamed]}}, tokens.editor)
    assert result["correct"] == {"__typename": "Corrected", "corrected": 1}
    assert (await gql.data(NAME))["node"]["name"]["value"] == "The visiting envoy"


async def test_two_forms_of_the_document_at_once_are_refused(gql: GraphQLClient, tokens: Tokens) -> None:
    query = f"""mutation ($input: FactsInput, $document: String) {{
      ingest(input: $input, document: $document) {{ {RESULT} }} }}"""
    variables = {"input": {"persons": [ENVOY]}, "document": envoy_document()}
    [error] = (await gql.data(query, variables, tokens.editor))["ingest"]["errors"]
    assert error["code"] == "INVALID" and "exactly one of" in error["message"]


async def test_every_input_type_and_field_is_described(gql: GraphQLClient) -> None:
    query = "{ __schema { types { name kind description inputFields { name description } } } }"
    types = [t for t in (await gql.data(query))["__schema"]["types"] if t["kind"] == "INPUT_OBJECT"]
    assert {"FactsInput", "EventInput", "CiteInput", "InlineSourceInput"} <= {t["name"] for t in types}
    missing = [
        f"{t['name']}.{f['name']}" if f else t["name"]
        for t in types
        for f in [None, *t["inputFields"]]
        if not (f or t)["description"]
    ]
    assert missing == [], json.dumps(missing)
