"""Reverse provenance: what a source, or one quote, supports; and what falls if it is withdrawn."""

from tests.conftest import GraphQLClient

SOURCE_SUPPORTS = """
query ($after: String) {
  source(id: "Source:maduro-raid-article") {
    supports(first: 100, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { field otherSources node { id } citation { id } } }
    }
  }
}
"""


async def test_source_supports_every_value_citing_it(gql: GraphQLClient) -> None:
    items, after = [], None
    while True:
        page = (await gql.data(SOURCE_SUPPORTS, {"after": after}))["source"]["supports"]
        items += [edge["node"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(items) == page["totalCount"] > 300
    assert all(item["node"] is not None for item in items), "every supported value resolves to its object"
    assert {"node": {"id": "Casualty:total-killed"}, "field": "count"}.items() <= next(
        i for i in items if i["node"]["id"] == "Casualty:total-killed" and i["field"] == "count"
    ).items()
    assert {i["otherSources"] for i in items} == {0}, "one source: everything falls if it is withdrawn"


async def test_citation_supports_lists_what_one_quote_supports(gql: GraphQLClient) -> None:
    query = """{ casualty(id: "Casualty:civilians-killed") {
        categories { citations { quote supports { field node { id } } } }
        count { citations { supports { field node { id } } } }
    } }"""
    fig = (await gql.data(query))["casualty"]
    assert fig["count"]["citations"][0]["supports"] == [{"field": "count", "node": {"id": "Casualty:civilians-killed"}}]
    category_support = fig["categories"][0]["citations"][0]["supports"]
    assert {"field": "categories", "node": {"id": "Casualty:civilians-killed"}} in category_support


async def test_other_citations_counts_the_rest_of_the_evidence(gql: GraphQLClient) -> None:
    query = """{ event(id: "Event:operation") {
        date { citations { quote supports { field otherCitations node { id } } } }
    } }"""
    citations = (await gql.data(query))["event"]["date"]["citations"]
    for citation in citations:
        own = next(s for s in citation["supports"] if s["node"]["id"] == "Event:operation" and s["field"] == "date")
        assert own["otherCitations"] == len(citations) - 1
