"""Aliases: other names of persons, organizations and places, written as cited facts, read with their citations,
found by name filters and search."""

from typing import Any

from tests.conftest import GraphQLClient, Tokens

ALIASES = """query ($id: ID!) { node(id: $id) { ... on Organization {
  name { value } aliases { value citations { quote source { id } } } } } }"""


async def aliases(gql: GraphQLClient, node_id: str) -> Any:
    return (await gql.data(ALIASES, {"id": node_id}))["node"]["aliases"]


async def test_an_alias_is_read_with_its_citations(resignation: GraphQLClient) -> None:
    assert await aliases(resignation, "Organization:national-assembly") == [
        {
            "value": "parliament",
            "citations": [
                {
                    "quote": "the National Assembly, the country's parliament",
                    "source": {"id": "Source:herald-resignation"},
                }
            ],
        }
    ]


async def test_an_object_without_aliases_has_none(resignation: GraphQLClient) -> None:
    assert await aliases(resignation, "Organization:parliament") == []


async def test_the_name_filter_finds_an_organization_by_its_alias(resignation: GraphQLClient) -> None:
    query = '{ organizations(filter: {name: "Parliament"}) { edges { node { id } } } }'
    found = [edge["node"]["id"] for edge in (await resignation.data(query))["organizations"]["edges"]]
    assert found == ["Organization:national-assembly", "Organization:parliament", "Organization:venezuela-parliament"]


async def test_search_finds_an_object_by_its_alias(resignation: GraphQLClient) -> None:
    query = '{ search(text: "parliament") { values { field node { id } } } }'
    values = (await resignation.data(query))["search"]["values"]
    found = [(value["field"], value["node"]["id"]) for value in values]
    assert ("aliases", "Organization:national-assembly") in found


async def test_the_typed_input_takes_aliases(gql: GraphQLClient, tokens: Tokens) -> None:
    add_source = "mutation ($input: AddSourceInput!) { addSource(input: $input) { __typename } }"
    text = "Ana María Ruiz, known to colleagues as La Ministra, resigned."
    await gql.data(add_source, {"input": {"id": "profile", "kind": "OTHER", "text": text}}, tokens.editor)
    add_person = """mutation { addPerson(defaultSource: "profile", input: {id: "ruiz",
      name: {value: "Ana María Ruiz", cite: [{quote: "Ana María Ruiz"}]},
      aliases: [{value: "La Ministra", cite: [{quote: "known to colleagues as La Ministra"}]}]}) {
      __typename ... on Ingested { added } } }"""
    assert (await gql.data(add_person, token=tokens.editor))["addPerson"]["__typename"] == "Ingested"
    query = '{ person(id: "Person:ruiz") { aliases { value citations { quote } } } }'
    assert (await gql.data(query))["person"]["aliases"] == [
        {"value": "La Ministra", "citations": [{"quote": "known to colleagues as La Ministra"}]}
    ]


async def test_an_alias_without_a_citation_is_refused(gql: GraphQLClient, tokens: Tokens) -> None:
    document = """
sources:
  - {id: note, kind: OTHER, text: "Ana María Ruiz spoke."}
default_source: note
persons:
  - id: ruiz
    name: {value: Ana María Ruiz, cite: "Ana María Ruiz"}
    aliases: [{value: La Ministra, cite: []}]
"""
    query = """mutation ($document: String!) { ingest(document: $document) { __typename
      ... on Rejected { errors { __typename field } } } }"""
    answer = (await gql.data(query, {"document": document}, tokens.editor))["ingest"]
    assert answer == {
        "__typename": "Rejected",
        "errors": [{"__typename": "MissingCitation", "field": "aliases.0.cite"}],
    }
