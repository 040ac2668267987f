"""What a document does to stored objects (ingest, the typed add* mutations, correct): omitted fields untouched,
the stored value corroborated, an empty field filled, only another value disputed."""

import datetime as dt
from typing import Any

from tests.conftest import GraphQLClient, Tokens

FIRST = (
    "In Rivertown the river burst its banks on Monday. The county said four people were missing. "
    "Ada Brook, the town council's mayor, ordered an evacuation, in force since Monday."
)
SECOND = (
    "The county confirmed that four people were missing after the flood in Rivertown, which began on May 4, 2026. "
    "Ada Brook, the town council's mayor, said the four had not been found."
)
VOLUNTEER = "A volunteer said six people were missing."
RESCUERS = "Rescuers counted six people missing."

INGEST = """mutation ($facts: JSON) { ingest(facts: $facts) {
  __typename ... on Ingested { added unchanged disputed filled corroborated }
  ... on Rejected { errors { __typename message entity field ... on ValidationError { code } } } } }"""
CORRECT = """mutation ($facts: JSON, $reason: String!) { correct(facts: $facts, reason: $reason) {
  __typename ... on Corrected { corrected filled } ... on Rejected { errors { __typename message } } } }"""


def source(source_id: str, text: str) -> dict[str, Any]:
    return {"id": source_id, "kind": "NEWS_ARTICLE", "text": text}


def first_report() -> dict[str, Any]:
    return {
        "sources": [source("first", FIRST)],
        "default_source": "first",
        "places": [{"id": "rivertown", "name": {"value": "Rivertown", "cite": "In Rivertown"}}],
        "persons": [{"id": "ada-brook", "name": {"value": "Ada Brook", "cite": "Ada Brook"}}],
        "organizations": [
            {"id": "county", "name": {"value": "The county", "cite": "The county"}},
            {"id": "council", "name": {"value": "Town council", "cite": "the town council's"}},
        ],
        "memberships": [
            {
                "person": "ada-brook",
                "organization": "council",
                "role": "mayor",
                "cite": "Ada Brook, the town council's mayor",
            }
        ],
        "events": [
            {
                "id": "flood",
                "title": {"value": "River floods Rivertown", "cite": "the river burst its banks"},
                "kind": {"value": "OTHER", "cite": "burst its banks"},
                "place": {"value": "rivertown", "cite": "In Rivertown"},
            },
            {
                "id": "evacuation",
                "title": {"value": "Evacuation of Rivertown", "cite": "ordered an evacuation"},
                "kind": {"value": "OTHER", "cite": "ordered an evacuation"},
                "date": {
                    "value": "2026-05-04",
                    "precision": "DAY",
                    "open_ended": True,
                    "cite": {"quote": "in force since Monday", "inferred": "The Monday of the flood, May 4, 2026."},
                },
            },
        ],
        "casualties": [
            {
                "id": "missing",
                "description": {"value": "People missing in the flood", "cite": "four people were missing"},
                "outcome": {"value": "MISSING", "cite": "were missing"},
                "count": {
                    "low": 4,
                    "high": 4,
                    "wording": "EXACTLY",
                    "cite": {"quote": "four people were missing", "by": "county"},
                },
                "event": {"value": "flood", "cite": "four people were missing"},
                "reported_by": {"value": "county", "cite": "The county said"},
            }
        ],
    }


def second_report() -> dict[str, Any]:
    """Another source on the same flood: it dates the flood (which the first report did not), gives the toll and the
    mayor's post again, and leaves out the rest."""
    return {
        "sources": [source("second", SECOND)],
        "default_source": "second",
        "memberships": [
            {
                "person": "ada-brook",
                "organization": "council",
                "role": "mayor",
                "cite": "Ada Brook, the town council's mayor",
            }
        ],
        "events": [
            {
                "id": "flood",
                "place": {"value": "rivertown", "cite": "the flood in Rivertown"},
                "date": {"value": "2026-05-04", "precision": "DAY", "cite": "began on May 4, 2026"},
            },
            {"id": "evacuation", "title": {"value": "Evacuation of Rivertown", "cite": "the four had not been found"}},
        ],
        "casualties": [
            {
                "id": "missing",
                "count": {
                    "low": 4,
                    "high": 4,
                    "wording": "EXACTLY",
                    "cite": [
                        {"quote": "four people were missing", "by": "county"},
                        {"quote": "the four had not been found", "by": "ada-brook"},
                    ],
                },
            }
        ],
    }


def count_of_missing(source_id: str, text: str, quote: str, low: int, high: int | None, wording: str) -> dict[str, Any]:
    count = {"low": low, "high": high, "wording": wording, "cite": quote}
    return {
        "sources": [source(source_id, text)],
        "default_source": source_id,
        "casualties": [{"id": "missing", "count": count}],
    }


async def ingest(gql: GraphQLClient, facts: dict[str, Any], token: str) -> dict[str, Any]:
    result: dict[str, Any] = (await gql.data(INGEST, {"facts": facts}, token))["ingest"]
    return result


async def both_reports(gql: GraphQLClient, tokens: Tokens) -> dict[str, Any]:
    """The first report, then the second; the second's summary."""
    assert (await ingest(gql, first_report(), tokens.editor))["__typename"] == "Ingested"
    second = await ingest(gql, second_report(), tokens.admin)
    assert second["__typename"] == "Ingested", second
    return second


MISSING = """query ($at: DateTime) { casualty(id: "Casualty:missing", asOf: $at) {
  description { value disputed sources } outcome { value disputed } reportedBy { sources }
  count { low high wording disputed sources citations { quote source { id } }
          alternatives { value sources citations { source { id } } } }
  history { field empty } } }"""
FLOOD = """query ($at: DateTime) { event(id: "Event:flood", asOf: $at) {
  title { value disputed sources } kind { value disputed } place { sources }
  date { value end precision openEnded disputed sources alternatives { value } }
  history { field value empty recordedBy closedBy closedAt reason } } }"""


async def missing(gql: GraphQLClient, at: str | None = None) -> dict[str, Any]:
    found: dict[str, Any] = (await gql.data(MISSING, {"at": at}))["casualty"]
    return found


async def flood(gql: GraphQLClient, at: str | None = None) -> dict[str, Any]:
    found: dict[str, Any] = (await gql.data(FLOOD, {"at": at}))["event"]
    return found


def moment() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


async def test_fields_a_document_leaves_out_keep_their_values_and_are_not_disputed(
    gql: GraphQLClient, tokens: Tokens
) -> None:
    second = await both_reports(gql, tokens)
    assert second["disputed"] == 0
    casualty = await missing(gql)
    assert casualty["description"] == {"value": "People missing in the flood", "disputed": False, "sources": 1}
    assert casualty["outcome"] == {"value": "MISSING", "disputed": False}
    event = await flood(gql)
    assert event["title"] == {"value": "River floods Rivertown", "disputed": False, "sources": 1}
    assert event["kind"] == {"value": "OTHER", "disputed": False}


async def test_the_stored_value_given_again_by_another_source_gains_its_citations(
    gql: GraphQLClient, tokens: Tokens
) -> None:
    second = await both_reports(gql, tokens)
    count = (await missing(gql))["count"]
    assert (count["low"], count["high"], count["wording"], count["disputed"]) == (4, 4, "EXACTLY", False)
    assert sorted((c["source"]["id"], c["quote"]) for c in count["citations"]) == [
        ("Source:first", "four people were missing"),
        ("Source:second", "four people were missing"),
        ("Source:second", "the four had not been found"),
    ]
    assert second["corroborated"] == 4  # the count, the flood's place, the mayor's post, the evacuation's title


async def test_sources_counts_a_source_once_however_many_of_its_speakers_are_quoted(
    gql: GraphQLClient, tokens: Tokens
) -> None:
    await both_reports(gql, tokens)
    count = (await missing(gql))["count"]
    assert len(count["citations"]) == 3 and count["sources"] == 2


async def test_a_relation_given_again_by_another_source_rests_on_both(gql: GraphQLClient, tokens: Tokens) -> None:
    await both_reports(gql, tokens)
    query = '{ person(id: "Person:ada-brook") { memberships { role sources citations { source { id } } } } }'
    [membership] = (await gql.data(query))["person"]["memberships"]
    assert membership["role"] == "mayor" and membership["sources"] == 2


async def test_a_value_for_an_empty_field_becomes_the_value(gql: GraphQLClient, tokens: Tokens) -> None:
    second = await both_reports(gql, tokens)
    date = (await flood(gql))["date"]
    assert (date["value"], date["precision"], date["disputed"], date["alternatives"]) == (
        "2026-05-04",
        "DAY",
        False,
        [],
    )
    assert second["filled"] == 1


async def test_history_shows_the_field_empty_until_filled_by_whom_and_when(gql: GraphQLClient, tokens: Tokens) -> None:
    await ingest(gql, first_report(), tokens.editor)
    before = moment()
    await ingest(gql, second_report(), tokens.admin)
    [filled] = (await flood(gql))["history"]
    assert (filled["field"], filled["empty"], filled["recordedBy"], filled["closedBy"]) == (
        "date",
        True,
        "desk-editor",
        "chief",
    )
    assert filled["value"] == {"date_start": None, "date_end": None, "date_precision": None}
    assert before <= filled["closedAt"] <= moment() and filled["reason"].startswith("filled")


async def test_as_of_before_the_fill_the_field_is_null_and_filters_do_not_match_it(
    gql: GraphQLClient, tokens: Tokens
) -> None:
    await ingest(gql, first_report(), tokens.editor)
    before = moment()
    await ingest(gql, second_report(), tokens.admin)
    assert (await flood(gql, before))["date"] is None
    query = """query ($at: DateTime) { events(asOf: $at, filter: {dateFrom: "2026-05-01", dateTo: "2026-05-31"}) {
      edges { node { id } } } }"""
    assert (await gql.data(query, {"at": before}))["events"]["edges"] == [{"node": {"id": "Event:evacuation"}}]
    ids = {e["node"]["id"] for e in (await gql.data(query, {"at": None}))["events"]["edges"]}
    assert ids == {"Event:evacuation", "Event:flood"}


async def test_an_open_ended_date_stays_so_when_a_document_leaves_the_date_out(
    gql: GraphQLClient, tokens: Tokens
) -> None:
    await both_reports(gql, tokens)
    query = '{ event(id: "Event:evacuation") { date { value openEnded } title { sources } } }'
    event = (await gql.data(query))["event"]
    assert event == {"date": {"value": "2026-05-04", "openEnded": True}, "title": {"sources": 2}}


async def test_only_another_value_for_a_stated_field_is_a_dispute(gql: GraphQLClient, tokens: Tokens) -> None:
    await both_reports(gql, tokens)
    rival = count_of_missing("volunteer", VOLUNTEER, "six people were missing", 6, 6, "EXACTLY")
    result = await ingest(gql, rival, tokens.editor)
    assert (result["disputed"], result["filled"], result["corroborated"]) == (1, 0, 0)
    count = (await missing(gql))["count"]
    assert (count["low"], count["disputed"], count["sources"]) == (4, True, 2)
    [alternative] = count["alternatives"]
    assert alternative["value"] == {"count_low": 6, "count_high": 6, "count_wording": "EXACTLY"}
    assert alternative["sources"] == 1


async def test_a_source_giving_an_alternative_s_value_corroborates_the_alternative(
    gql: GraphQLClient, tokens: Tokens
) -> None:
    await both_reports(gql, tokens)
    await ingest(
        gql, count_of_missing("volunteer", VOLUNTEER, "six people were missing", 6, 6, "EXACTLY"), tokens.editor
    )
    again = await ingest(
        gql, count_of_missing("rescuers", RESCUERS, "six people missing", 6, 6, "EXACTLY"), tokens.editor
    )
    assert (again["disputed"], again["corroborated"]) == (0, 1)
    [alternative] = (await missing(gql))["count"]["alternatives"]
    assert alternative["sources"] == 2
    assert sorted(c["source"]["id"] for c in alternative["citations"]) == ["Source:rescuers", "Source:volunteer"]


async def test_the_same_bounds_with_another_wording_are_a_dispute(gql: GraphQLClient, tokens: Tokens) -> None:
    await both_reports(gql, tokens)
    text = "At least four people were missing, the county said."
    result = await ingest(
        gql, count_of_missing("floor", text, "At least four people were missing", 4, None, "AT_LEAST"), tokens.editor
    )
    assert result["disputed"] == 1
    [alternative] = (await missing(gql))["count"]["alternatives"]
    assert alternative["value"] == {"count_low": 4, "count_high": None, "count_wording": "AT_LEAST"}


async def test_the_same_day_with_another_precision_is_a_dispute(gql: GraphQLClient, tokens: Tokens) -> None:
    await both_reports(gql, tokens)
    month = {
        "sources": [source("monthly", "The flood came in May 2026.")],
        "default_source": "monthly",
        "events": [{"id": "flood", "date": {"value": "2026-05-01", "precision": "MONTH", "cite": "in May 2026"}}],
    }
    assert (await ingest(gql, month, tokens.editor))["disputed"] == 1
    date = (await flood(gql))["date"]
    assert (date["value"], date["precision"], date["disputed"]) == ("2026-05-04", "DAY", True)
    assert date["alternatives"] == [
        {"value": {"date_start": "2026-05-01", "date_end": None, "date_precision": "MONTH"}}
    ]


async def test_a_new_object_without_a_field_it_must_have_is_refused(gql: GraphQLClient, tokens: Tokens) -> None:
    facts = first_report()
    facts["casualties"].append({"id": "injured", "outcome": {"value": "INJURED", "cite": "were missing"}})
    result = await ingest(gql, facts, tokens.editor)
    errors = {(e["__typename"], e["entity"], e["field"], e["code"]) for e in result["errors"]}
    assert errors == {
        ("ValidationError", "casualty 'injured'", "description", "INVALID"),
        ("ValidationError", "casualty 'injured'", "count", "INVALID"),
    }


async def test_a_correction_replaces_what_it_gives_and_leaves_what_it_omits(gql: GraphQLClient, tokens: Tokens) -> None:
    await both_reports(gql, tokens)
    facts = count_of_missing("volunteer", VOLUNTEER, "six people were missing", 6, 6, "EXACTLY")
    result = (await gql.data(CORRECT, {"facts": facts, "reason": "the volunteer's count"}, tokens.admin))["correct"]
    assert result == {"__typename": "Corrected", "corrected": 1, "filled": 0}
    casualty = await missing(gql)
    assert casualty["count"]["low"] == 6 and casualty["description"]["value"] == "People missing in the flood"
    assert casualty["history"] == [{"field": "count", "empty": False}]


async def test_add_casualty_extends_a_stored_one_with_only_what_it_gives(gql: GraphQLClient, tokens: Tokens) -> None:
    await ingest(gql, first_report(), tokens.editor)
    mutation = """mutation ($sources: [InlineSourceInput!]) { addCasualty(defaultSource: "dated", sources: $sources,
        input: {id: "missing", reportedOn: {value: "2026-05-05", precision: DAY, cite: [{quote: "on May 5, 2026"}]}}) {
      __typename ... on Ingested { filled disputed } ... on Rejected { errors { message } } } }"""
    text = "The county gave its count on May 5, 2026."
    sources = [{"id": "dated", "kind": "NEWS_ARTICLE", "text": text}]
    result = (await gql.data(mutation, {"sources": sources}, tokens.editor))["addCasualty"]
    assert result == {"__typename": "Ingested", "filled": 1, "disputed": 0}
    query = '{ casualty(id: "Casualty:missing") { reportedOn { value } count { low } description { value } } }'
    assert (await gql.data(query))["casualty"] == {
        "reportedOn": {"value": "2026-05-05"},
        "count": {"low": 4},
        "description": {"value": "People missing in the flood"},
    }


async def test_an_object_given_twice_in_one_document_is_merged(gql: GraphQLClient, tokens: Tokens) -> None:
    facts = first_report()
    facts["sources"].append(source("second", SECOND))
    facts["events"].append(
        {
            "id": "flood",
            "date": {
                "value": "2026-05-04",
                "precision": "DAY",
                "cite": {"quote": "began on May 4, 2026", "source": "second"},
            },
        }
    )
    result = await ingest(gql, facts, tokens.editor)
    assert result["__typename"] == "Ingested" and result["filled"] == 0
    event = await flood(gql)
    assert (event["title"]["value"], event["date"]["value"], event["history"]) == (
        "River floods Rivertown",
        "2026-05-04",
        [],
    )
