"""search(text:): fact values, citations and sources, ignoring case and accents, with highlights."""

import pytest

from tests.conftest import GraphQLClient

SEARCH = """
query ($text: String!, $first: Int = 20) {
  search(text: $text, first: $first) {
    values { field snippet node { id } }
    quotes { snippet citation { quote } }
    sources { snippet source { id } }
  }
}
"""


@pytest.mark.parametrize("text", ["Rodriguez", "rodríguez", "RODRIGUEZ"])
async def test_search_ignores_case_and_accents(gql: GraphQLClient, text: str) -> None:
    results = (await gql.data(SEARCH, {"text": text}))["search"]
    assert {"field": "name", "snippet": "Delcy <mark>Rodríguez</mark>", "node": {"id": "Person:delcy-rodriguez"}} in (
        results["values"]
    )


async def test_search_finds_quotes_and_source_passages_with_highlights(gql: GraphQLClient) -> None:
    results = (await gql.data(SEARCH, {"text": "helicopter"}))["search"]
    assert {"field": "title", "node": {"id": "Event:helicopter-assault"}}.items() <= results["values"][0].items()
    assert results["quotes"], "the helicopter assault is cited by quotes naming the helicopter"
    assert all(
        "<mark>helicopter</mark>" in c["snippet"] and "helicopter" in c["citation"]["quote"] for c in results["quotes"]
    )
    assert results["sources"][0]["source"] == {"id": "Source:maduro-raid-article"}
    assert "<mark>helicopter</mark>" in results["sources"][0]["snippet"]


async def test_every_word_must_match_as_a_prefix(gql: GraphQLClient) -> None:
    values = (await gql.data(SEARCH, {"text": "sworn interim"}))["search"]["values"]
    found = {(v["node"]["id"].partition(":")[0], v["field"]) for v in values}
    assert ("Event", "title") in found and ("Participation", "citations") in found
    assert (await gql.data(SEARCH, {"text": "sworn zebra"}))["search"]["values"] == []


@pytest.mark.parametrize("text", ['"unbalanced', "NEAR(a b)", "AND OR NOT", "*", ""])
async def test_search_syntax_in_the_input_is_inert(gql: GraphQLClient, text: str) -> None:
    await gql.data(SEARCH, {"text": text})


async def test_first_limits_each_kind(gql: GraphQLClient) -> None:
    results = (await gql.data(SEARCH, {"text": "Maduro", "first": 2}))["search"]
    assert len(results["values"]) == 2 and len(results["quotes"]) == 2


async def test_first_beyond_the_maximum_is_an_error(gql: GraphQLClient) -> None:
    body = await gql.post(SEARCH, {"text": "Maduro", "first": 1000})
    assert body["errors"][0]["message"] == "first must be between 0 and 100 (the maximum page size), got 1000"
