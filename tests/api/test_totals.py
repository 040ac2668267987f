"""casualtyTotals on the seed corpus: 55 killed, not 110; overlaps and unknowns shown."""

from tests.conftest import GraphQLClient

TOTALS = """
query ($groupBy: CasualtyGrouping!) {
  casualtyTotals(groupBy: $groupBy, outcome: KILLED) {
    low high
    groups { label low high inputs { id count { citations { quote } } } uncounted { id } }
    overlaps { figure { id } countedInstead { id } reason }
  }
}
"""


async def test_killed_by_affiliation_adds_to_55_and_never_110(gql: GraphQLClient) -> None:
    totals = (await gql.data(TOTALS, {"groupBy": "AFFILIATION"}))["casualtyTotals"]
    assert (totals["low"], totals["high"]) == (55, None)
    summary = [(g["label"], g["low"], g["high"]) for g in totals["groups"]]
    assert summary == [
        ("Cuba's armed forces + Cuba's interior ministry + Cuba", 32, 32),
        ("Venezuela's military", 23, 23),
        ("(not stated)", 0, None),
    ]
    assert all(c["quote"] for g in totals["groups"] for i in g["inputs"] for c in i["count"]["citations"])
    left_out = {o["figure"]["id"]: [c["id"] for c in o["countedInstead"]] for o in totals["overlaps"]}
    assert left_out == {
        "Casualty:total-killed": ["Casualty:cuba-personnel-killed", "Casualty:venezuela-military-killed"],
        "Casualty:security-detail-killed": ["Casualty:cuba-personnel-killed"],
    }


async def test_unknown_civilian_count_is_shown_not_added(gql: GraphQLClient) -> None:
    totals = (await gql.data(TOTALS, {"groupBy": "CATEGORY"}))["casualtyTotals"]
    civilian = next(g for g in totals["groups"] if g["label"] == "CIVILIAN")
    assert civilian["uncounted"] == [{"id": "Casualty:civilians-killed"}]
    assert (civilian["low"], civilian["high"]) == (0, None)


async def test_totals_by_reporter_name_who_reported(gql: GraphQLClient) -> None:
    totals = (await gql.data(TOTALS, {"groupBy": "REPORTER"}))["casualtyTotals"]
    labels = {g["label"]: g["low"] for g in totals["groups"]}
    assert labels["Authorities in Havana"] == 32 and labels["Venezuela's military"] == 23
    assert totals["low"] == 55
