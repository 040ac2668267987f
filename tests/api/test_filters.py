"""Every filter and ordering of the root lists, on the seed corpus; filters matching alternatives, on the factory
fire."""

import datetime as dt
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from seeds.loader import load_fact_files
from tests.api.test_writes import RANK, ingest
from tests.conftest import GraphQLClient, Tokens, ingest_health_office
from tests.factories import fact_file


async def keys(gql: GraphQLClient, field: str, arguments: str) -> list[str]:
    data = await gql.data(f"{{ {field}(first: 100, {arguments}) {{ edges {{ node {{ id }} }} }} }}")
    return [edge["node"]["id"].partition(":")[2] for edge in data[field]["edges"]]


EVENT_FILTERS = pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ("filter: {kind: [CAPTURE, TRANSFER]}", ["capture", "transfer-to-new-york"]),
        ('filter: {place: "Place:new-york"}', ["transfer-to-new-york", "court-appearance"]),
        ('filter: {participant: "Person:delcy-rodriguez"}', ["swearing-in"]),
        (
            'filter: {parent: "Event:operation"}',
            ["bombing-raids", "capture", "helicopter-assault", "transfer-to-new-york"],
        ),
        ('filter: {dateFrom: "2026-01-06"}', ["cuba-casualty-announcement", "venezuela-casualty-announcement"]),
        ('filter: {participant: "Event:operation"}', []),
    ],
)


@EVENT_FILTERS
async def test_event_filters(gql: GraphQLClient, arguments: str, expected: list[str]) -> None:
    assert await keys(gql, "events", arguments) == expected


async def test_events_are_ordered_by_date_then_id_either_way(gql: GraphQLClient) -> None:
    query = "{ events(first: 100, orderBy: %s) { edges { node { date { value } } } } }"
    ascending = [e["node"]["date"] for e in (await gql.data(query % "DATE_ASC"))["events"]["edges"]]
    descending = [e["node"]["date"] for e in (await gql.data(query % "DATE_DESC"))["events"]["edges"]]
    dated = [d["value"] for d in ascending if d]
    assert dated == sorted(dated)
    assert [d["value"] for d in descending if d] == sorted(dated, reverse=True)
    assert ascending[-1] is None and descending[-1] is None, "undated events come last"


MONTH_EVENT = """\
events:
  - id: february-talks
    title: {value: Talks, cite: "A New Leader Faces US Demands"}
    kind: {value: OTHER, cite: "A New Leader Faces US Demands"}
    date:
      value: 2026-02-01
      precision: MONTH
      cite: {quote: "A New Leader Faces US Demands", inferred: "A test event known only to the month."}
"""


async def test_date_range_respects_the_precision_of_the_date(
    gql: GraphQLClient, engine: AsyncEngine, tmp_path: Path
) -> None:
    await load_fact_files(engine, [fact_file(tmp_path, MONTH_EVENT)])
    assert await keys(gql, "events", 'filter: {dateFrom: "2026-02-15", dateTo: "2026-02-20"}') == ["february-talks"]
    assert "february-talks" not in await keys(gql, "events", 'filter: {dateTo: "2026-01-31"}')


CASUALTY_FILTERS = pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (
            'filter: {event: "Event:journalists-detained-parliament"}',
            ["journalists-detained-parliament", "journalists-foreign-media"],
        ),
        ('filter: {affiliation: "Place:cuba"}', ["cuba-personnel-killed", "security-detail-killed", "total-killed"]),
        ('filter: {affiliation: "Organization:venezuela-military"}', ["venezuela-military-killed"]),
        ("filter: {outcome: [RELEASED]}", ["journalists-released"]),
        ("filter: {category: [CIVILIAN]}", ["civilians-killed"]),
        ('filter: {reportedBy: "Person:padrino-lopez"}', ["security-detail-killed"]),
        (
            "filter: {outcome: [KILLED], category: [SECURITY]}",
            ["cuba-personnel-killed", "security-detail-killed", "total-killed"],
        ),
    ],
)


@CASUALTY_FILTERS
async def test_casualty_filters(gql: GraphQLClient, arguments: str, expected: list[str]) -> None:
    assert await keys(gql, "casualties", arguments) == expected


async def test_casualties_sort_by_count_with_unknown_counts_last(gql: GraphQLClient) -> None:
    found = await keys(gql, "casualties", "orderBy: COUNT_DESC")
    assert found[:3] == ["total-killed", "cuba-personnel-killed", "venezuela-military-killed"]
    assert set(found[-2:]) == {"civilians-killed", "security-detail-killed"}
    ascending = await keys(gql, "casualties", "orderBy: COUNT_ASC")
    assert ascending[0] == "journalists-detained-border"


@pytest.mark.parametrize("name", ["rodriguez", "RODRÍGUEZ", "Rodríguez", "delcy rod"])
async def test_person_name_search_ignores_case_and_accents(gql: GraphQLClient, name: str) -> None:
    assert await keys(gql, "persons", f'filter: {{name: "{name}"}}') == ["delcy-rodriguez"]


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ('filter: {role: "minister"}', ["padrino-lopez"]),
        ('filter: {role: "president"}', ["delcy-rodriguez", "donald-trump", "nicolas-maduro"]),
        ('filter: {organization: "Organization:us-government"}', ["donald-trump"]),
        ('filter: {name: "100%"}', []),
    ],
)
async def test_person_filters(gql: GraphQLClient, arguments: str, expected: list[str]) -> None:
    assert await keys(gql, "persons", arguments) == expected


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ('filter: {defendant: "Person:cilia-flores"}', ["maduro-flores-new-york"]),
        ('filter: {charge: "Trafficking"}', ["maduro-flores-new-york"]),
        ("filter: {plea: NOT_GUILTY}", ["maduro-flores-new-york"]),
        ("filter: {plea: GUILTY}", []),
        ('filter: {defendant: "Person:donald-trump"}', []),
    ],
)
async def test_legal_proceeding_filters(gql: GraphQLClient, arguments: str, expected: list[str]) -> None:
    assert await keys(gql, "legalProceedings", arguments) == expected


@pytest.mark.parametrize(
    ("field", "arguments", "expected"),
    [
        ("sources", "filter: {kind: [NEWS_ARTICLE]}", ["maduro-raid-article"]),
        ("sources", "filter: {kind: [COURT_RECORD]}", []),
        ("sources", 'filter: {publisher: "AFP"}', []),
        ("organizations", "filter: {kind: [NEWS_AGENCY, UNION]}", ["afp", "journalists-union"]),
        ("organizations", 'filter: {name: "havana"}', ["cuba-government"]),
        ("places", "filter: {kind: [COUNTRY]}", ["cuba", "united-states", "venezuela"]),
        ("places", 'filter: {within: "Place:cuba"}', ["havana"]),
    ],
)
async def test_other_filters(gql: GraphQLClient, field: str, arguments: str, expected: list[str]) -> None:
    assert await keys(gql, field, arguments) == expected


async def test_an_id_of_another_type_in_a_filter_matches_nothing(gql: GraphQLClient) -> None:
    assert await keys(gql, "casualties", 'filter: {event: "Person:nicolas-maduro"}') == []


async def test_node_and_nodes_fetch_any_object_by_global_id(gql: GraphQLClient) -> None:
    query = """{
      node(id: "Person:cilia-flores") { id ... on Person { name { value } } }
      nodes(ids: ["Event:capture", "Casualty:civilians-killed", "Nope:x", "Source:maduro-raid-article"]) { id }
    }"""
    data: dict[str, Any] = await gql.data(query)
    assert data["node"] == {"id": "Person:cilia-flores", "name": {"value": "Cilia Flores"}}
    assert data["nodes"] == [
        {"id": "Event:capture"},
        {"id": "Casualty:civilians-killed"},
        None,
        {"id": "Source:maduro-raid-article"},
    ]


def matching_alternatives(arguments: str) -> str:
    return arguments.replace("filter: {", "filter: {matchAlternatives: true, ")


@EVENT_FILTERS
async def test_event_filters_match_the_same_where_nothing_is_disputed(
    gql: GraphQLClient, arguments: str, expected: list[str]
) -> None:
    assert await keys(gql, "events", matching_alternatives(arguments)) == expected


@CASUALTY_FILTERS
async def test_casualty_filters_match_the_same_where_nothing_is_disputed(
    gql: GraphQLClient, arguments: str, expected: list[str]
) -> None:
    assert await keys(gql, "casualties", matching_alternatives(arguments)) == expected


ON_THE_11TH = 'dateFrom: "2026-03-11", dateTo: "2026-03-11"'


async def test_a_date_only_another_source_gives_matches_only_when_alternatives_are_asked_for(
    fire_reports: GraphQLClient,
) -> None:
    assert await keys(fire_reports, "events", f"filter: {{{ON_THE_11TH}}}") == []
    found = await keys(fire_reports, "events", f"filter: {{{ON_THE_11TH}, matchAlternatives: true}}")
    assert found == ["plant-fire"]


IN_MARCH = """
sources:
  - id: trade-weekly
    kind: NEWS_ARTICLE
    text: "Trade Weekly: the Lindqvist textile plant in Port Aldern, gutted by fire in March 2026, will not reopen."
default_source: trade-weekly
events:
  - id: plant-fire
    title: {value: Fire at the Lindqvist textile plant, cite: "the Lindqvist textile plant"}
    kind: {value: FIRE, cite: "gutted by fire"}
    place: {value: port-aldern, cite: "in Port Aldern"}
    date: {value: 2026-03-01, precision: MONTH, cite: "in March 2026"}
"""


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [('dateFrom: "2026-03-20", dateTo: "2026-03-25"', ["plant-fire"]), ('dateFrom: "2026-04-01"', [])],
)
async def test_an_alternative_date_matches_at_its_own_precision(
    fire_reports: GraphQLClient, tokens: Tokens, arguments: str, expected: list[str]
) -> None:
    assert (await ingest(fire_reports, IN_MARCH, tokens.editor))["disputed"] == 1
    assert await keys(fire_reports, "events", f"filter: {{{arguments}, matchAlternatives: true}}") == expected


async def test_a_deprecated_date_matches_nothing(fire_reports: GraphQLClient, tokens: Tokens) -> None:
    date = 'query { event(id: "Event:plant-fire") { date { alternatives { id } } } }'
    [other_day] = (await fire_reports.data(date))["event"]["date"]["alternatives"]
    await fire_reports.data(RANK, {"id": other_day["id"], "rank": "DEPRECATED"}, tokens.editor)
    assert await keys(fire_reports, "events", f"filter: {{{ON_THE_11TH}, matchAlternatives: true}}") == []


async def test_a_reporter_another_source_names_matches_only_when_alternatives_are_asked_for(
    fire_reports: GraphQLClient,
) -> None:
    union = 'reportedBy: "Organization:workers-federation"'
    assert await keys(fire_reports, "casualties", f"filter: {{{union}}}") == []
    assert await keys(fire_reports, "casualties", f"filter: {{{union}, matchAlternatives: true}}") == ["fire-dead"]


STILL_MISSING = """
sources:
  - id: radio-aldern
    kind: OTHER
    text: "Radio Aldern: the fifteen people the health office counted were still missing after the fire at the plant."
default_source: radio-aldern
casualties:
  - id: health-dead
    event: {value: plant-fire, cite: "after the fire at the plant"}
    description: {value: People killed in the fire, cite: "the fifteen people the health office counted"}
    outcome: {value: MISSING, cite: "were still missing"}
    count: {low: 15, high: 15, wording: EXACTLY, cite: "the fifteen people"}
    reported_by: {value: health-office, cite: "the health office counted"}
"""


async def test_an_outcome_another_source_gives_matches_only_when_alternatives_are_asked_for(
    fire_reports: GraphQLClient, tokens: Tokens
) -> None:
    assert (await ingest(fire_reports, STILL_MISSING, tokens.editor))["disputed"] == 1
    assert await keys(fire_reports, "casualties", "filter: {outcome: [MISSING]}") == []
    found = await keys(fire_reports, "casualties", "filter: {outcome: [MISSING], matchAlternatives: true}")
    assert found == ["health-dead"]


async def test_totals_follow_the_filter_s_alternatives(fire_reports: GraphQLClient, tokens: Tokens) -> None:
    await ingest(fire_reports, STILL_MISSING, tokens.editor)
    totals = """query ($match: Boolean!) { casualtyTotals(groupBy: EVENT, outcome: MISSING,
      filter: {matchAlternatives: $match}) { low high } }"""
    assert (await fire_reports.data(totals, {"match": False}))["casualtyTotals"] == {"low": 0, "high": 0}
    assert (await fire_reports.data(totals, {"match": True}))["casualtyTotals"] == {"low": 15, "high": 15}


async def test_as_of_a_moment_before_the_rival_date_was_reported_it_matches_nothing(
    factory_fire: httpx.AsyncClient, database_url: str
) -> None:
    gql = GraphQLClient(factory_fire)
    before = dt.datetime.now(dt.UTC).isoformat()
    await ingest_health_office(database_url)
    query = f"""query ($at: DateTime) {{ events(asOf: $at, filter: {{{ON_THE_11TH}, matchAlternatives: true}}) {{
      edges {{ node {{ id }} }} }} }}"""
    assert (await gql.data(query, {"at": before}))["events"]["edges"] == []
    assert (await gql.data(query, {"at": None}))["events"]["edges"] == [{"node": {"id": "Event:plant-fire"}}]
