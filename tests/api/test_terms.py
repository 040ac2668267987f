"""Vocabularies are data: kinds of events, organizations and places, and casualty categories, are terms with a label,
a description, a broader term and references (ACLED, CAMEO). The base vocabulary comes with the schema; an admin adds
terms without a migration; facts hold a term's code, refused when unknown; filters on a term match every term below
it; and reading the terms of a page of facts costs no statement per fact."""

import datetime as dt
from typing import Any

import httpx
import pytest

from tests.conftest import GraphQLClient, StatementCounter, Tokens

TERM = """query ($vocabulary: Vocabulary!, $code: String!) { term(vocabulary: $vocabulary, code: $code) {
  code label description broader { code } broaderChain { code } narrower { code } references { scheme code name } } }"""
ADD = """mutation ($input: AddTermInput!) { addTerm(input: $input) {
  __typename ... on TermAdded { term { code label broaderChain { code } } }
  ... on Rejected { errors { __typename entity field message ... on ValidationError { code } ... on NotFound { id } } }
  ... on Unauthorized { message } } }"""
UPDATE = """mutation ($input: UpdateTermInput!) { updateTerm(input: $input) {
  __typename ... on TermUpdated { term { code label broader { code } } }
  ... on Rejected { errors { __typename field ... on ValidationError { code } } } } }"""
INGEST = """mutation ($facts: JSON) { ingest(facts: $facts) {
  __typename ... on Rejected { errors { __typename entity field message } } } }"""
WILDFIRE = {
    "vocabulary": "EVENT_KIND",
    "code": "WILDFIRE",
    "label": "Wildfire",
    "description": "A fire in forest, bush or grassland.",
    "broader": "FIRE",
}
BUSHFIRE_TEXT = "A bushfire swept through Kellin Ridge on Sunday, the county said."


def bushfire(kind: str) -> dict[str, Any]:
    return {
        "sources": [{"id": "county-bushfire", "kind": "GOVERNMENT_STATEMENT", "text": BUSHFIRE_TEXT}],
        "default_source": "county-bushfire",
        "events": [
            {
                "id": "kellin-bushfire",
                "title": {"value": "Bushfire at Kellin Ridge", "cite": "A bushfire swept through Kellin Ridge"},
                "kind": {"value": kind, "cite": "A bushfire"},
            }
        ],
    }


async def term(gql: GraphQLClient, vocabulary: str, code: str) -> dict[str, Any]:
    found: dict[str, Any] = (await gql.data(TERM, {"vocabulary": vocabulary, "code": code}))["term"]
    return found


async def codes(gql: GraphQLClient, vocabulary: str) -> set[str]:
    data = await gql.data("query ($v: Vocabulary!) { terms(vocabulary: $v) { code } }", {"v": vocabulary})
    return {t["code"] for t in data["terms"]}


FORMER_ENUMS = {
    "EVENT_KIND": {"MILITARY_OPERATION", "AIRSTRIKE", "ASSAULT", "CAPTURE", "TRANSFER", "COURT_APPEARANCE"}
    | {"INAUGURATION", "DETENTION", "RELEASE", "PATROL", "ANNOUNCEMENT", "OTHER"},
    "ORGANIZATION_KIND": {"GOVERNMENT", "ARMED_FORCES", "MINISTRY", "SECURITY_FORCE", "PARAMILITARY"}
    | {"POLITICAL_FACTION", "LEGISLATURE", "COURT", "NEWS_AGENCY", "MEDIA_OUTLET", "UNION", "COMPANY", "OTHER"},
    "CASUALTY_CATEGORY": {"MILITARY", "SECURITY", "CIVILIAN", "JOURNALIST"},
    "PLACE_KIND": {"COUNTRY", "REGION", "CITY", "BORDER_AREA", "BUILDING", "SITE"},
}


@pytest.mark.parametrize("vocabulary", sorted(FORMER_ENUMS))
async def test_each_vocabulary_keeps_every_code_of_the_enum_it_replaces(gql: GraphQLClient, vocabulary: str) -> None:
    assert FORMER_ENUMS[vocabulary] <= await codes(gql, vocabulary)


async def test_the_acled_event_types_are_top_terms_referring_to_acled(gql: GraphQLClient) -> None:
    types = {
        "BATTLE": "Battles",
        "EXPLOSION_REMOTE_VIOLENCE": "Explosions/Remote violence",
        "VIOLENCE_AGAINST_CIVILIANS": "Violence against civilians",
        "PROTEST": "Protests",
        "RIOT": "Riots",
        "STRATEGIC_DEVELOPMENT": "Strategic developments",
    }
    for code, name in types.items():
        found = await term(gql, "EVENT_KIND", code)
        assert found["broader"] is None and {"scheme": "ACLED", "code": None, "name": name} in found["references"]


async def test_strategic_developments_have_acleds_sub_event_types_below_them(gql: GraphQLClient) -> None:
    found = await term(gql, "EVENT_KIND", "STRATEGIC_DEVELOPMENT")
    assert {t["code"] for t in found["narrower"]} == {
        "AGREEMENT",
        "CHANGE_TO_GROUP_ACTIVITY",
        "DISRUPTED_WEAPONS_USE",
        "HEADQUARTERS_ESTABLISHED",
        "LOOTING",
        "NON_VIOLENT_TERRITORY_TRANSFER",
        "STRATEGIC_OTHER",
    }


async def test_an_arrest_is_a_detention_referring_to_acled_arrests_and_cameo_173(gql: GraphQLClient) -> None:
    found = await term(gql, "EVENT_KIND", "ARREST")
    assert found["broader"] == {"code": "DETENTION"}
    assert found["references"] == [
        {"scheme": "ACLED", "code": None, "name": "Strategic developments / Arrests"},
        {"scheme": "CAMEO", "code": "173", "name": "Arrest, detain, or charge with legal action"},
    ]


@pytest.mark.parametrize(
    ("vocabulary", "code", "chain"),
    [
        ("EVENT_KIND", "FIRE", ["DISASTER"]),
        ("EVENT_KIND", "RESIGNATION", ["POLITICAL_DEVELOPMENT"]),
        ("EVENT_KIND", "VERDICT", ["LEGAL"]),
        ("EVENT_KIND", "CUSTODY", ["DETENTION"]),
        ("ORGANIZATION_KIND", "POLICE", ["SECURITY_FORCE"]),
        ("ORGANIZATION_KIND", "FIRE_SERVICE", ["EMERGENCY_SERVICE"]),
        ("ORGANIZATION_KIND", "HEALTH_AUTHORITY", ["GOVERNMENT"]),
        ("CASUALTY_CATEGORY", "WORKER", ["CIVILIAN"]),
        ("CASUALTY_CATEGORY", "POLICE", ["SECURITY"]),
        ("PLACE_KIND", "FACTORY", ["BUILDING"]),
    ],
)
async def test_the_base_vocabulary_covers_news_beyond_conflict(
    gql: GraphQLClient, vocabulary: str, code: str, chain: list[str]
) -> None:
    found = await term(gql, vocabulary, code)
    assert [t["code"] for t in found["broaderChain"]] == chain and found["label"] and found["description"]


async def test_the_seed_corpus_kinds_read_as_before_with_their_terms(gql: GraphQLClient) -> None:
    data = await gql.data(
        '{ node(id: "Event:capture") { ... on Event { kind { value citations { quote } term { label broader { code } } '
        "} } } }"
    )
    kind = data["node"]["kind"]
    assert kind["value"] == "CAPTURE" and kind["citations"] == [{"quote": "The couple was successfully seized"}]
    assert kind["term"] == {"label": "Capture", "broader": {"code": "DETENTION"}}


async def test_an_admin_adds_wildfire_under_fire_and_filtering_disasters_finds_an_event_of_it(
    gql: GraphQLClient, tokens: Tokens
) -> None:
    added = (await gql.data(ADD, {"input": WILDFIRE}, tokens.admin))["addTerm"]
    assert added == {
        "__typename": "TermAdded",
        "term": {"code": "WILDFIRE", "label": "Wildfire", "broaderChain": [{"code": "FIRE"}, {"code": "DISASTER"}]},
    }
    assert (await gql.data(INGEST, {"facts": bushfire("WILDFIRE")}, tokens.editor))["ingest"][
        "__typename"
    ] == "Ingested"
    data = await gql.data(
        "{ events(filter: {kind: [DISASTER]}) { edges { node { id kind { value term { label } } } } } }"
    )
    assert [e["node"] for e in data["events"]["edges"]] == [
        {"id": "Event:kellin-bushfire", "kind": {"value": "WILDFIRE", "term": {"label": "Wildfire"}}}
    ]


async def test_a_filter_on_a_narrower_term_does_not_match_the_broader_one(gql: GraphQLClient) -> None:
    data = await gql.data("{ events(filter: {kind: [CAPTURE]}) { edges { node { id } } } }")
    assert [e["node"]["id"] for e in data["events"]["edges"]] == ["Event:capture"]
    data = await gql.data('{ events(filter: {kind: ["DETENTION"]}) { totalCount } }')
    assert data["events"]["totalCount"] == 4  # two detentions, the capture and the transfer in custody


async def test_an_editor_may_not_add_terms(gql: GraphQLClient, tokens: Tokens) -> None:
    refused = (await gql.data(ADD, {"input": WILDFIRE}, tokens.editor))["addTerm"]
    assert refused["__typename"] == "Unauthorized" and "admin" in refused["message"]
    assert "WILDFIRE" not in await codes(gql, "EVENT_KIND")


BAD_TERMS = {
    "a code the vocabulary has": ({"code": "FIRE"}, ("ValidationError", "code", "CONFLICT")),
    "a malformed code": ({"code": "wild fire"}, ("ValidationError", "code", "INVALID")),
    "an empty label": ({"label": " "}, ("ValidationError", "label", "INVALID")),
    "a broader term the vocabulary lacks": ({"broader": "BLAZE"}, ("NotFound", "broader", None)),
    "a broader term of another vocabulary": ({"broader": "POLICE"}, ("NotFound", "broader", None)),
    "itself as its broader term": ({"broader": "WILDFIRE"}, ("ValidationError", "broader", "CONFLICT")),
}


@pytest.mark.parametrize("case", sorted(BAD_TERMS))
async def test_a_bad_term_is_refused_naming_its_field(gql: GraphQLClient, tokens: Tokens, case: str) -> None:
    change, (typename, field, code) = BAD_TERMS[case]
    refused = (await gql.data(ADD, {"input": {**WILDFIRE, **change}}, tokens.admin))["addTerm"]
    assert refused["__typename"] == "Rejected"
    [error] = refused["errors"]
    assert (error["__typename"], error["field"], error.get("code")) == (typename, field, code), error


async def test_a_term_of_an_unknown_vocabulary_is_refused_by_the_schema(gql: GraphQLClient, tokens: Tokens) -> None:
    body = await gql.post(ADD, {"input": {**WILDFIRE, "vocabulary": "WEATHER"}}, tokens.admin)
    assert body["data"] is None and "WEATHER" in body["errors"][0]["message"]


async def test_a_term_cannot_be_put_below_a_term_under_it(gql: GraphQLClient, tokens: Tokens) -> None:
    input = {"vocabulary": "EVENT_KIND", "code": "DISASTER", "broader": "FIRE"}
    refused = (await gql.data(UPDATE, {"input": input}, tokens.admin))["updateTerm"]
    assert refused == {"__typename": "Rejected", "errors": [{"__typename": "ValidationError", "field": "broader",
                                                             "code": "CONFLICT"}]}  # fmt: skip
    assert [t["code"] for t in (await term(gql, "EVENT_KIND", "FIRE"))["broaderChain"]] == ["DISASTER"]


async def test_an_admin_rewords_a_term_and_moves_it(gql: GraphQLClient, tokens: Tokens) -> None:
    input = {"vocabulary": "EVENT_KIND", "code": "PATROL", "label": "Security patrol", "broader": "OTHER"}
    updated = (await gql.data(UPDATE, {"input": input}, tokens.admin))["updateTerm"]
    assert updated["term"] == {"code": "PATROL", "label": "Security patrol", "broader": {"code": "OTHER"}}


async def test_term_writes_are_in_the_change_feed_with_who_made_them(gql: GraphQLClient, tokens: Tokens) -> None:
    before = dt.datetime.now(dt.UTC).isoformat()
    await gql.data(ADD, {"input": WILDFIRE}, tokens.admin)
    query = "query ($since: DateTime!) { changes(since: $since) { edges { node { kind actor entityType entityId } } } }"
    data = await gql.data(query, {"since": before})
    entries = [e["node"] for e in data["changes"]["edges"] if e["node"]["entityType"] == "term"]
    assert entries == [{"kind": "ADDED", "actor": "chief", "entityType": "term", "entityId": "EVENT_KIND:WILDFIRE"}]


async def test_an_unknown_kind_on_ingest_is_refused_naming_the_field(gql: GraphQLClient, tokens: Tokens) -> None:
    refused = (await gql.data(INGEST, {"facts": bushfire("WILDFIRE")}, tokens.editor))["ingest"]
    assert refused["__typename"] == "Rejected"
    [error] = refused["errors"]
    assert (error["__typename"], error["entity"], error["field"]) == (
        "ValidationError",
        "events[0] 'kellin-bushfire'",
        "kind.value",
    )
    assert "no term of EVENT_KIND" in error["message"]


async def test_an_unknown_casualty_category_on_ingest_is_refused_naming_the_field(
    gql: GraphQLClient, tokens: Tokens
) -> None:
    facts = bushfire("FIRE")
    facts["casualties"] = [
        {
            "id": "ridge-hurt",
            "description": {"value": "People hurt", "cite": "A bushfire"},
            "outcome": {"value": "INJURED", "cite": "A bushfire"},
            "count": {"wording": "UNKNOWN", "cite": "A bushfire"},
            "categories": [{"category": "HIKER", "cite": "A bushfire"}],
        }
    ]
    refused = (await gql.data(INGEST, {"facts": facts}, tokens.editor))["ingest"]
    assert [(e["entity"], e["field"]) for e in refused["errors"]] == [
        ("casualties[0] 'ridge-hurt'", "categories.0.category")
    ]


async def test_fires_in_march_2026_are_found_by_filtering_disasters(factory_fire: httpx.AsyncClient) -> None:
    gql = GraphQLClient(factory_fire)
    data = await gql.data(
        '{ events(filter: {kind: [DISASTER], dateFrom: "2026-03-01", dateTo: "2026-03-31"}) { edges { node { id '
        "title { value } kind { value term { label broader { label } } } } } } }"
    )
    assert [e["node"] for e in data["events"]["edges"]] == [
        {
            "id": "Event:plant-fire",
            "title": {"value": "Fire at the Lindqvist textile plant"},
            "kind": {"value": "FIRE", "term": {"label": "Fire", "broader": {"label": "Disaster"}}},
        }
    ]


async def test_the_fire_brigade_is_found_among_emergency_services(factory_fire: httpx.AsyncClient) -> None:
    data = await GraphQLClient(factory_fire).data(
        "{ organizations(filter: {kind: [EMERGENCY_SERVICE]}) { edges { node { id kind { value } } } } }"
    )
    assert [e["node"] for e in data["organizations"]["edges"]] == [
        {"id": "Organization:fire-brigade", "kind": {"value": "FIRE_SERVICE"}}
    ]


PAGE_OF_TERMS = """query ($first: Int!) { events(first: $first) { edges { node {
  kind { value term { label broaderChain { code } narrower { code } references { scheme } } } } } } }"""


async def test_the_terms_of_a_page_cost_no_statement_per_event(
    synthetic: tuple[GraphQLClient, StatementCounter],
) -> None:
    gql, statements = synthetic
    counts = []
    for size in (2, 200):
        statements.count = 0
        data = await gql.data(PAGE_OF_TERMS, {"first": size})
        assert {e["node"]["kind"]["term"]["label"] for e in data["events"]["edges"]} == {"Other"}
        counts.append(statements.count)
    assert counts[0] == counts[1]
