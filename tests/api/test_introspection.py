"""What clients learn from the schema itself: the interfaces cited things share, and a description on every part."""

from typing import Any

from tests.api.test_writes import RIVAL, envoy_document, ingest
from tests.conftest import GraphQLClient, Tokens

TYPES = "{ __schema { types { name kind interfaces { name } fields { name } } } }"

EVIDENCE = "citations { quote line } disputed alternatives { value } unsupported"

FIGURE = """{ casualty(id: "Casualty:cuba-personnel-killed") {
  description { value EVIDENCE } outcome { value EVIDENCE } count { low high EVIDENCE } reportedBy { EVIDENCE }
  event { value { id } EVIDENCE } categories { value EVIDENCE } } }"""

RELATIONS = [
    *("Membership", "PersonRelationship", "OrganizationRelationship", "Participation", "Defendant", "DemandTerm"),
    *("CasualtyAffiliation", "CasualtyRank", "CasualtyComponent"),
]


async def types(gql: GraphQLClient) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = (await gql.data(TYPES))["__schema"]["types"]
    return [t for t in found if t["kind"] == "OBJECT"]


def implementing(found: list[dict[str, Any]], interface: str) -> set[str]:
    return {t["name"] for t in found if interface in {i["name"] for i in t["interfaces"]}}


async def test_every_cited_value_type_implements_cited(gql: GraphQLClient) -> None:
    found = await types(gql)
    cited_types = {t["name"] for t in found if t["name"].startswith("Cited")}
    assert len(cited_types) >= 21
    assert implementing(found, "Cited") == cited_types


async def test_everything_with_citations_and_unsupported_implements_evidenced(gql: GraphQLClient) -> None:
    found = await types(gql)
    evidenced = {t["name"] for t in found if {"citations", "unsupported"} <= {f["name"] for f in t["fields"]}}
    assert set(RELATIONS) | implementing(found, "Cited") <= evidenced
    assert implementing(found, "Evidenced") == evidenced


async def test_relations_are_evidenced_but_not_cited_values(gql: GraphQLClient) -> None:
    found = await types(gql)
    assert implementing(found, "Cited") & set(RELATIONS) == set()
    assert all("disputed" not in {f["name"] for f in t["fields"]} for t in found if t["name"] in RELATIONS)


async def test_a_fragment_on_cited_reads_the_same_evidence_as_each_fields_own_selection(gql: GraphQLClient) -> None:
    spelled_out = await gql.data(FIGURE.replace("EVIDENCE", EVIDENCE))
    fragment = f"fragment Evidence on Cited {{ {EVIDENCE} }}"
    with_fragment = await gql.data(FIGURE.replace("EVIDENCE", "...Evidence") + fragment)
    assert with_fragment == spelled_out
    figure = with_fragment["casualty"]
    assert all(figure[field]["citations"] for field in ("description", "outcome", "count", "reportedBy", "event"))


async def test_a_fragment_on_cited_reads_a_disputed_values_alternatives(gql: GraphQLClient, tokens: Tokens) -> None:
    await ingest(gql, envoy_document(), tokens.editor)
    await ingest(gql, RIVAL, tokens.editor)
    query = """{ node(id: "Person:envoy") { ... on Person { name { ...Evidence } } } }
      fragment Evidence on Cited { disputed alternatives { value } }"""
    name = (await gql.data(query))["node"]["name"]
    assert name == {"disputed": True, "alternatives": [{"value": {"name": "The special envoy"}}]}


async def test_a_fragment_on_evidenced_reads_the_citations_of_relations_and_values_alike(gql: GraphQLClient) -> None:
    query = """{ casualty(id: "Casualty:total-killed") { count { ...Support } parts { ...Support } } }
      fragment Support on Evidenced { citations { quote } unsupported }"""
    figure = (await gql.data(query))["casualty"]
    assert figure["count"] == {"citations": [{"quote": "killed at least 55"}], "unsupported": False}
    assert len(figure["parts"]) == 2 and all(part["citations"] and not part["unsupported"] for part in figure["parts"])


DESCRIBED = """{ __schema {
  types { name kind description
    fields(includeDeprecated: true) { name description args(includeDeprecated: true) { name description } }
    inputFields(includeDeprecated: true) { name description }
    enumValues(includeDeprecated: true) { name description } }
  directives { name description args(includeDeprecated: true) { name description } } } }"""


def undescribed(schema: dict[str, Any]) -> list[str]:
    """Every type, field, argument, input field, enum value and directive of `schema` without a description."""
    missing = []
    for t in schema["types"]:
        if t["name"].startswith("__"):
            continue
        missing += [] if t["description"] else [t["name"]]
        for member in (t["fields"] or []) + (t["inputFields"] or []) + (t["enumValues"] or []):
            missing += [] if member["description"] else [f"{t['name']}.{member['name']}"]
            args = member.get("args") or []
            missing += [f"{t['name']}.{member['name']}({a['name']}:)" for a in args if not a["description"]]
    for d in schema["directives"]:
        missing += [] if d["description"] else [f"@{d['name']}"]
        missing += [f"@{d['name']}({a['name']}:)" for a in d["args"] if not a["description"]]
    return missing


async def test_every_part_of_the_schema_is_described(gql: GraphQLClient) -> None:
    schema = (await gql.data(DESCRIBED))["__schema"]
    assert {"Cited", "CountWording", "CitedCountInput", "EventOrder"} <= {t["name"] for t in schema["types"]}
    assert undescribed(schema) == []
