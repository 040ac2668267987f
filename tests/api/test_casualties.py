"""Casualty figures: who reported them, totals and their parts, counts the source says are unknown."""

from tests.conftest import GraphQLClient

FIGURE = """
query ($id: ID!) {
  casualty(id: $id) {
    outcome { value }
    count {
      low high wording
      citations { quote kind attributedTo { ... on Organization { id } } via { ... on Organization { id } } }
    }
    reportedBy { value { ... on Organization { id } ... on Person { id } } citations { quote } }
    reportedOn { value precision citations { kind note } }
    parts { part { id count { low high } } citations { kind note } }
    partOf { total { id } }
    categories { value }
    affiliations { organization { id } country { id } }
  }
}
"""


async def figure(gql: GraphQLClient, casualty_id: str) -> dict:  # type: ignore[type-arg]
    data = await gql.data(FIGURE, {"id": casualty_id})
    return data["casualty"]  # type: ignore[no-any-return]


async def test_venezuelan_figure_is_attributed_to_its_military_as_reported_by_afp(gql: GraphQLClient) -> None:
    fig = await figure(gql, "Casualty:venezuela-military-killed")
    assert fig["count"]["low"] == fig["count"]["high"] == 23
    assert fig["count"]["wording"] == "EXACTLY"
    assert fig["reportedBy"]["value"]["id"] == "Organization:venezuela-military"
    assert {
        "attributedTo": {"id": "Organization:venezuela-military"},
        "via": {"id": "Organization:afp"},
    }.items() <= fig["count"]["citations"][0].items()


async def test_report_date_2026_is_inferred_not_quoted(gql: GraphQLClient) -> None:
    fig = await figure(gql, "Casualty:cuba-personnel-killed")
    assert fig["reportedOn"]["value"] == "2026-01-06"
    assert fig["reportedOn"]["precision"] == "DAY"
    kinds = {c["kind"] for c in fig["reportedOn"]["citations"]}
    assert "INFERRED" in kinds
    assert all(c["note"] for c in fig["reportedOn"]["citations"] if c["kind"] == "INFERRED")


async def test_total_of_55_records_its_parts_so_nothing_counts_them_twice(gql: GraphQLClient) -> None:
    total = await figure(gql, "Casualty:total-killed")
    assert (total["count"]["low"], total["count"]["high"], total["count"]["wording"]) == (55, None, "AT_LEAST")
    parts = sorted((p["part"]["id"], p["part"]["count"]["low"]) for p in total["parts"])
    assert parts == [("Casualty:cuba-personnel-killed", 32), ("Casualty:venezuela-military-killed", 23)]
    assert all(c["kind"] == "INFERRED" and c["note"] for p in total["parts"] for c in p["citations"])
    assert (await figure(gql, "Casualty:venezuela-military-killed"))["partOf"] == [
        {"total": {"id": "Casualty:total-killed"}}
    ]


async def test_civilian_deaths_are_an_explicit_unknown(gql: GraphQLClient) -> None:
    fig = await figure(gql, "Casualty:civilians-killed")
    assert fig["count"]["wording"] == "UNKNOWN"
    assert fig["count"]["low"] is None and fig["count"]["high"] is None
    assert fig["categories"] == [{"value": "CIVILIAN"}]
    assert "no" in fig["count"]["citations"][0]["quote"] or "not" in fig["count"]["citations"][0]["quote"]


async def test_cuban_dead_have_age_range_and_ranks_as_fields(gql: GraphQLClient) -> None:
    query = """{ casualty(id: "Casualty:cuba-personnel-killed") {
        ageRange { min max citations { quote } }
        ranks { rank count }
        ranksComplete { value }
    } }"""
    fig = (await gql.data(query))["casualty"]
    assert (fig["ageRange"]["min"], fig["ageRange"]["max"]) == (26, 67)
    assert sorted((r["rank"], r["count"]) for r in fig["ranks"]) == [("colonel", 2), ("lieutenant colonel", 1)]
    assert fig["ranksComplete"] == {"value": False}
