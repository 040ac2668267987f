"""Disputes that mean something: the range of a count or a date across its rivals, and whether they are contested."""

import datetime as dt
from typing import Any

import httpx

from tests.api.test_retractions import retract
from tests.api.test_writes import RANK
from tests.conftest import GraphQLClient, Tokens, ingest_health_office

COUNT = """query ($id: ID!) { casualty(id: $id) { count { low high disputed contested
  range { low high lowFrom { quote source { id } } highFrom { quote source { id } } }
  alternatives { id value } } } }"""

DATE = """query ($id: ID!) { event(id: $id) { date { value disputed contested
  range { start end startFrom { quote source { id } } endFrom { quote source { id } } } } } }"""


async def count(gql: GraphQLClient, casualty: str) -> Any:
    return (await gql.data(COUNT, {"id": f"Casualty:{casualty}"}))["casualty"]["count"]


def quotes(citations: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(c["source"]["id"], c["quote"]) for c in citations]


async def test_a_count_s_range_runs_from_the_lowest_low_to_the_highest_high_of_its_rivals(
    fire_reports: GraphQLClient,
) -> None:
    dead = await count(fire_reports, "fire-dead")
    assert (dead["low"], dead["high"]) == (12, 12), "reads still return the value the row holds"
    assert (dead["range"]["low"], dead["range"]["high"]) == (12, None)
    assert quotes(dead["range"]["lowFrom"]) == [("Source:harbour-gazette", "twelve workers were killed")]
    assert quotes(dead["range"]["highFrom"]) == [("Source:union-statement", "at least 14 workers died")]


async def test_rival_counts_that_cannot_both_be_true_are_contested(fire_reports: GraphQLClient) -> None:
    dead = await count(fire_reports, "fire-dead")
    assert dead["disputed"] is True and dead["contested"] is True


async def test_rival_counts_that_overlap_are_disputed_but_not_contested(fire_reports: GraphQLClient) -> None:
    injured = await count(fire_reports, "fire-injured")
    assert (injured["range"]["low"], injured["range"]["high"]) == (30, 40)
    assert injured["disputed"] is True and injured["contested"] is False


async def test_a_between_count_is_read_as_the_interval_from_its_low_to_its_high(fire_reports: GraphQLClient) -> None:
    injured = await count(fire_reports, "fire-injured")
    [health_office] = injured["alternatives"]
    assert health_office["value"] == {"count_low": 30, "count_high": 40, "count_wording": "BETWEEN"}
    assert quotes(injured["range"]["highFrom"]) == [
        ("Source:health-office-statement", "Between 30 and 40 people were treated")
    ]


async def test_a_deprecated_alternative_leaves_the_range_and_contests_nothing(
    fire_reports: GraphQLClient, tokens: Tokens
) -> None:
    [union] = (await count(fire_reports, "fire-dead"))["alternatives"]
    await fire_reports.data(RANK, {"id": union["id"], "rank": "DEPRECATED"}, tokens.editor)
    dead = await count(fire_reports, "fire-dead")
    assert (dead["range"]["low"], dead["range"]["high"]) == (12, 12)
    assert dead["disputed"] is True and dead["contested"] is False


async def test_a_preferred_alternative_keeps_the_range_it_was_in(fire_reports: GraphQLClient, tokens: Tokens) -> None:
    [union] = (await count(fire_reports, "fire-dead"))["alternatives"]
    await fire_reports.data(RANK, {"id": union["id"], "rank": "PREFERRED"}, tokens.editor)
    dead = await count(fire_reports, "fire-dead")
    assert (dead["low"], dead["high"]) == (14, None)
    assert (dead["range"]["low"], dead["range"]["high"]) == (12, None) and dead["contested"] is True


async def test_a_withdrawn_source_contests_nothing(fire_reports: GraphQLClient, tokens: Tokens) -> None:
    await retract(fire_reports, tokens.admin, "Source:union-statement")
    dead = await count(fire_reports, "fire-dead")
    assert dead["contested"] is False and dead["range"]["high"] is None


async def test_an_undisputed_count_s_range_is_its_own(gql: GraphQLClient) -> None:
    dead = await count(gql, "venezuela-military-killed")
    assert (dead["range"]["low"], dead["range"]["high"], dead["contested"]) == (23, 23, False)
    assert quotes(dead["range"]["lowFrom"]) == [("Source:maduro-raid-article", "23 of its service members were killed")]


async def test_a_count_with_no_figure_has_no_range(gql: GraphQLClient) -> None:
    civilians = await count(gql, "civilians-killed")
    assert civilians["range"] is None and civilians["contested"] is False


async def test_a_date_s_range_runs_from_the_earliest_first_day_to_the_latest_last_day(
    fire_reports: GraphQLClient,
) -> None:
    date = (await fire_reports.data(DATE, {"id": "Event:plant-fire"}))["event"]["date"]
    assert date["value"] == "2026-03-12"
    assert (date["range"]["start"], date["range"]["end"]) == ("2026-03-11", "2026-03-12")
    assert quotes(date["range"]["startFrom"]) == [("Source:health-office-statement", "late on Wednesday, 11 March")]
    assert quotes(date["range"]["endFrom"]) == [("Source:harbour-gazette", "late on Thursday")]


async def test_rival_days_from_two_sources_are_contested(fire_reports: GraphQLClient) -> None:
    date = (await fire_reports.data(DATE, {"id": "Event:plant-fire"}))["event"]["date"]
    assert date["disputed"] is True and date["contested"] is True


async def test_which_figures_are_contested(fire_reports: GraphQLClient) -> None:
    query = (
        """{ casualties(filter: {event: "Event:plant-fire"}) { edges { node { id count { disputed contested } } } } }"""
    )
    found = {e["node"]["id"]: e["node"]["count"] for e in (await fire_reports.data(query))["casualties"]["edges"]}
    assert found == {
        "Casualty:fire-dead": {"disputed": True, "contested": True},
        "Casualty:fire-injured": {"disputed": True, "contested": False},
        "Casualty:health-dead": {"disputed": False, "contested": False},
    }


async def test_as_of_a_moment_before_the_rival_day_was_reported_the_date_is_its_own_range(
    factory_fire: httpx.AsyncClient, database_url: str
) -> None:
    gql = GraphQLClient(factory_fire)
    before = dt.datetime.now(dt.UTC).isoformat()
    await ingest_health_office(database_url)
    query = """query ($at: DateTime) { event(id: "Event:plant-fire", asOf: $at) { date {
      range { start end } contested } } }"""
    then = (await gql.data(query, {"at": before}))["event"]["date"]
    assert then == {"range": {"start": "2026-03-12", "end": "2026-03-12"}, "contested": False}
    now = (await gql.data(query, {"at": None}))["event"]["date"]
    assert now == {"range": {"start": "2026-03-11", "end": "2026-03-12"}, "contested": True}
