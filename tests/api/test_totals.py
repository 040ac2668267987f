"""casualtyTotals on the seed corpus and the factory fire: 55 killed, not 110; rival reports counted once, as a
range, in every grouping; overlaps, unknowns and who gives each bound shown."""

from typing import Any

import pytest

from tests.api.test_writes import RANK, ingest
from tests.conftest import GraphQLClient, Tokens

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


FIRE = """
query ($groupBy: CasualtyGrouping!, $outcome: CasualtyOutcome!) {
  casualtyTotals(groupBy: $groupBy, outcome: $outcome, filter: {event: "Event:plant-fire"}) {
    low high
    lowFrom { ...Bound }
    highFrom { ...Bound }
    groups { label low high members { id } inputs { id } rivalReports { figures { id } } }
  }
}
fragment Bound on CountBound { figure { id } bound alternative { value } sources { id } citations { quote } }
"""


async def fire_totals(gql: GraphQLClient, group_by: str, outcome: str = "KILLED") -> Any:
    return (await gql.data(FIRE, {"groupBy": group_by, "outcome": outcome}))["casualtyTotals"]


def bounds(found: list[dict[str, Any]]) -> list[tuple[str, int | None, str]]:
    return [(b["figure"]["id"], b["bound"], b["sources"][0]["id"]) for b in found]


async def test_by_reporter_rival_reports_of_the_same_dead_are_one_range_not_a_sum(fire_reports: GraphQLClient) -> None:
    totals = await fire_totals(fire_reports, "REPORTER")
    [group] = totals["groups"]
    assert (totals["low"], totals["high"]) == (12, None), "12 + 15 = 27 would count the same dead twice"
    assert [m["id"] for m in group["members"]] == [
        "Organization:fire-brigade",
        "Organization:health-office",
        "Organization:workers-federation",
    ]
    assert group["rivalReports"] == [{"figures": [{"id": "Casualty:fire-dead"}, {"id": "Casualty:health-dead"}]}]


@pytest.mark.parametrize("group_by", ["AFFILIATION", "CATEGORY", "OUTCOME", "EVENT", "REPORTER"])
async def test_every_grouping_counts_rival_reports_once(fire_reports: GraphQLClient, group_by: str) -> None:
    totals = await fire_totals(fire_reports, group_by)
    assert [(g["low"], g["high"]) for g in totals["groups"]] == [(12, None)]


async def test_how_many_died_names_who_gives_each_end_of_the_range(fire_reports: GraphQLClient) -> None:
    totals = await fire_totals(fire_reports, "EVENT")
    assert bounds(totals["lowFrom"]) == [("Casualty:fire-dead", 12, "Source:harbour-gazette")]
    assert bounds(totals["highFrom"]) == [("Casualty:fire-dead", None, "Source:union-statement")]
    [union] = totals["highFrom"]
    assert union["alternative"]["value"] == {"count_low": 14, "count_high": None, "count_wording": "AT_LEAST"}
    assert union["citations"] == [{"quote": "at least 14 workers died"}]


async def test_without_the_deprecated_union_toll_the_dead_are_12_to_15(
    fire_reports: GraphQLClient, tokens: Tokens
) -> None:
    alternatives = 'query { casualty(id: "Casualty:fire-dead") { count { alternatives { id } } } }'
    [union] = (await fire_reports.data(alternatives))["casualty"]["count"]["alternatives"]
    await fire_reports.data(RANK, {"id": union["id"], "rank": "DEPRECATED"}, tokens.editor)
    totals = await fire_totals(fire_reports, "REPORTER")
    assert (totals["low"], totals["high"]) == (12, 15)
    assert bounds(totals["highFrom"]) == [("Casualty:health-dead", 15, "Source:health-office-statement")]


async def test_a_figure_with_a_rival_range_counts_as_the_range(fire_reports: GraphQLClient) -> None:
    totals = await fire_totals(fire_reports, "REPORTER", "INJURED")
    assert (totals["low"], totals["high"]) == (30, 40)
    assert bounds(totals["highFrom"]) == [("Casualty:fire-injured", 40, "Source:health-office-statement")]
    assert [g["label"] for g in totals["groups"]] == ["The regional fire brigade + Port Aldern Health Office"]


RIVAL_CUBAN_TOLL = """
sources:
  - id: havana-update
    kind: GOVERNMENT_STATEMENT
    text: >-
      Havana's defence ministry later put at 34 the members of its armed forces and interior ministry security
      personnel killed in the raid on Caracas.
default_source: havana-update
organizations:
  - id: cuba-defence-ministry
    name: {value: Cuba's defence ministry, cite: "Havana's defence ministry"}
casualties:
  - id: cuba-personnel-killed-update
    description: {value: Cuban personnel killed in the raid, cite: "killed in the raid on Caracas"}
    outcome: {value: KILLED, cite: "killed in the raid"}
    count: {low: 34, high: 34, wording: EXACTLY, cite: {quote: "put at 34", by: cuba-defence-ministry}}
    event: {value: operation, cite: "the raid on Caracas"}
    reported_by: {value: cuba-defence-ministry, cite: "Havana's defence ministry later put"}
    affiliations:
      - {organization: cuba-armed-forces, cite: "its armed forces"}
      - {organization: cuba-interior-ministry, cite: "interior ministry security"}
      - {country: cuba, cite: "Havana's"}
    categories:
      - {category: MILITARY, cite: "armed forces"}
      - {category: SECURITY, cite: "security"}
"""


async def test_by_reporter_a_rival_toll_for_the_cuban_dead_widens_a_range_and_adds_nothing(
    gql: GraphQLClient, tokens: Tokens
) -> None:
    assert (await ingest(gql, RIVAL_CUBAN_TOLL, tokens.editor))["__typename"] == "Ingested"
    totals = (await gql.data(TOTALS, {"groupBy": "REPORTER"}))["casualtyTotals"]
    summary = {g["label"]: (g["low"], g["high"]) for g in totals["groups"]}
    assert summary["Cuba's defence ministry + Authorities in Havana"] == (32, 34)
    assert totals["low"] == 55
