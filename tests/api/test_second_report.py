"""Many sources, one record: the factory fire's first report (the Harbour Gazette), then the next day's report of
another newspaper (the Aldern Courier), both ingested through the API, and what a newsroom asks of the result."""

import datetime as dt
from typing import Any

import pytest

from tests.conftest import FACTORY_FIRE, GraphQLClient, Tokens, api_document

INGEST = """mutation ($facts: JSON) { ingest(facts: $facts) {
  __typename ... on Ingested { added unchanged disputed filled corroborated }
  ... on Rejected { errors { __typename message entity field } } } }"""


def moment() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


async def ingest(gql: GraphQLClient, name: str, token: str) -> dict[str, Any]:
    result: dict[str, Any] = (await gql.data(INGEST, {"facts": api_document(FACTORY_FIRE / name)}, token))["ingest"]
    assert result["__typename"] == "Ingested", result
    return result


class Reports:
    """The fire after both reports: the Courier's summary, and moments before and after it was ingested."""

    def __init__(self, courier: dict[str, Any], before: str, after: str) -> None:
        self.courier = courier
        self.before = before
        self.after = after


@pytest.fixture
async def reports(gql: GraphQLClient, tokens: Tokens) -> Reports:
    await ingest(gql, "gazette.yaml", tokens.editor)
    before = moment()
    courier = await ingest(gql, "aldern-courier.yaml", tokens.admin)
    return Reports(courier, before, moment())


FIRE = """query ($at: DateTime) {
  event(id: "Event:plant-fire", asOf: $at) {
    title { value sources }
    kind { value sources }
    place { sources disputed citations { source { id } } }
    date { value precision disputed sources citations { quote kind source { id } } }
    history { field value empty recordedBy closedBy closedAt reason citations { quote } }
  }
}"""

FIGURES = """query ($at: DateTime) {
  dead: casualty(id: "Casualty:fire-dead", asOf: $at) {
    description { value sources disputed }
    outcome { value sources disputed }
    count { low high wording sources disputed alternatives { value } citations { quote source { id } } }
    reportedOn { value sources }
    reportedBy { sources }
  }
  injured: casualty(id: "Casualty:fire-injured", asOf: $at) {
    count { low high sources disputed citations { source { id } }
            alternatives { value sources recordedBy citations { quote source { id } } } }
  }
}"""


async def fire(gql: GraphQLClient, at: str | None = None) -> dict[str, Any]:
    event: dict[str, Any] = (await gql.data(FIRE, {"at": at}))["event"]
    return event


async def figures(gql: GraphQLClient, at: str | None = None) -> dict[str, Any]:
    return await gql.data(FIGURES, {"at": at})


async def test_the_second_report_fills_two_fields_disputes_one_and_corroborates_two(reports: Reports) -> None:
    assert {k: reports.courier[k] for k in ("disputed", "filled", "corroborated")} == {
        "disputed": 1,
        "filled": 2,
        "corroborated": 2,
    }


async def test_the_toll_of_the_dead_is_corroborated_by_both_newspapers(gql: GraphQLClient, reports: Reports) -> None:
    count = (await figures(gql))["dead"]["count"]
    assert (count["low"], count["high"], count["wording"]) == (12, 12, "EXACTLY")
    assert count["sources"] == 2 and count["disputed"] is False
    assert sorted((c["source"]["id"], c["quote"]) for c in count["citations"]) == [
        ("Source:aldern-courier", "Twelve workers were\nkilled"),
        ("Source:harbour-gazette", "twelve workers were killed"),
    ]


async def test_the_place_is_corroborated_and_what_only_the_gazette_gave_rests_on_one_source(
    gql: GraphQLClient, reports: Reports
) -> None:
    event = await fire(gql)
    assert event["place"]["sources"] == 2 and event["place"]["disputed"] is False
    assert (event["title"]["sources"], event["kind"]["sources"]) == (1, 1)


async def test_the_count_of_injured_is_disputed_the_first_report_held_the_second_an_alternative(
    gql: GraphQLClient, reports: Reports
) -> None:
    count = (await figures(gql))["injured"]["count"]
    assert (count["low"], count["high"], count["disputed"]) == (30, 30, True)
    assert count["citations"] == [{"source": {"id": "Source:harbour-gazette"}}]
    [alternative] = count["alternatives"]
    assert alternative["value"] == {"count_low": 41, "count_high": 41, "count_wording": "EXACTLY"}
    assert alternative["sources"] == 1 and alternative["recordedBy"] == "chief"
    assert alternative["citations"] == [{"quote": "41 injured", "source": {"id": "Source:aldern-courier"}}]


async def test_what_the_second_report_leaves_out_stays_as_the_first_gave_it(
    gql: GraphQLClient, reports: Reports
) -> None:
    dead = (await figures(gql))["dead"]
    assert dead["description"] == {"value": "Workers killed in the fire", "sources": 1, "disputed": False}
    assert dead["outcome"] == {"value": "KILLED", "sources": 1, "disputed": False}
    assert dead["reportedBy"] == {"sources": 1}
    assert (await fire(gql))["title"]["value"] == "Fire at the Lindqvist plant"


async def test_the_fire_s_date_was_filled_by_the_second_report(gql: GraphQLClient, reports: Reports) -> None:
    date = (await fire(gql))["date"]
    assert (date["value"], date["precision"], date["disputed"], date["sources"]) == ("2026-03-12", "DAY", False, 1)
    assert [(c["quote"], c["kind"]) for c in date["citations"]] == [
        ("March 13, 2026", "INFERRED"),
        ("on Thursday, March 12", "QUOTED"),
    ]


async def test_history_says_who_filled_the_date_and_when(gql: GraphQLClient, reports: Reports) -> None:
    [filled] = (await fire(gql))["history"]
    assert filled["field"] == "date" and filled["empty"] is True and filled["citations"] == []
    assert filled["value"] == {"date_start": None, "date_end": None, "date_precision": None}
    assert (filled["recordedBy"], filled["closedBy"]) == ("desk-editor", "chief")
    assert reports.before <= filled["closedAt"] <= reports.after


async def test_as_of_before_the_second_report_the_date_was_unknown(gql: GraphQLClient, reports: Reports) -> None:
    then = await fire(gql, reports.before)
    assert then["date"] is None and then["history"] == []
    assert then["place"]["sources"] == 1
    assert (await fire(gql, reports.after))["date"]["value"] == "2026-03-12"


async def test_as_of_before_the_second_report_one_source_and_no_dispute(gql: GraphQLClient, reports: Reports) -> None:
    then = await figures(gql, reports.before)
    assert then["dead"]["count"]["sources"] == 1 and then["dead"]["reportedOn"] is None
    assert then["injured"]["count"]["disputed"] is False and then["injured"]["count"]["alternatives"] == []


async def test_when_the_brigade_spoke_was_filled_too(gql: GraphQLClient, reports: Reports) -> None:
    assert (await figures(gql))["dead"]["reportedOn"] == {"value": "2026-03-13", "sources": 1}


async def test_the_feed_says_which_objects_the_second_report_filled(gql: GraphQLClient, reports: Reports) -> None:
    feed = await gql.data(
        "query ($s: DateTime) { changes(since: $s, first: 100) { edges { node { kind actor entityType entityId } } } }",
        {"s": reports.before},
    )
    filled = {
        (e["node"]["entityType"], e["node"]["entityId"])
        for e in feed["changes"]["edges"]
        if e["node"]["kind"] == "FILLED"
    }
    assert filled == {("event", "plant-fire"), ("casualty", "fire-dead")}


async def test_the_brigade_chief_is_a_new_member_of_the_brigade(gql: GraphQLClient, reports: Reports) -> None:
    query = """{ person(id: "Person:henrik-sandell") { memberships { role organization { id } sources
      citations { quote } } } }"""
    [membership] = (await gql.data(query))["person"]["memberships"]
    assert membership["role"] == "chief" and membership["organization"] == {"id": "Organization:fire-brigade"}
    assert membership["citations"] == [{"quote": "Henrik Sandell, the brigade\u2019s chief"}]


async def test_the_second_report_ingested_again_changes_nothing(
    gql: GraphQLClient, tokens: Tokens, reports: Reports
) -> None:
    again = await ingest(gql, "aldern-courier.yaml", tokens.editor)
    assert (again["added"], again["disputed"], again["filled"], again["corroborated"]) == (0, 0, 0, 0)
