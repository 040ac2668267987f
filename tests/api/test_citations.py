"""Citations on every field: checked on the schema itself and on every value the seed data returns."""

from typing import Any

from tests.api.schema_walk import EDITORIAL, IDENTIFIERS, INTROSPECTION, SchemaWalk, named, walk
from tests.conftest import GraphQLClient


async def schema(gql: GraphQLClient) -> SchemaWalk:
    return SchemaWalk((await gql.data(INTROSPECTION))["__schema"])


async def test_every_fact_field_of_every_entity_type_carries_citations(gql: GraphQLClient) -> None:
    walk_ = await schema(gql)
    entities = walk_.entity_types()
    assert {"Event", "Person", "Organization", "Place", "Casualty", "LegalProceeding", "Charge"} <= set(entities)
    uncited = [
        f"{entity}.{field['name']}: {named(field['type'])}"
        for entity in entities
        for field in walk_.fields(entity)
        if field["name"] not in IDENTIFIERS
        and named(field["type"]) not in EDITORIAL
        and not walk_.has_citations(named(field["type"]))
    ]
    assert uncited == []


async def test_every_citations_field_is_a_non_null_list_of_citations(gql: GraphQLClient) -> None:
    walk_ = await schema(gql)
    for name, t in walk_.types.items():
        for field in t["fields"] or []:
            if field["name"] == "citations" and name not in ("Source",):
                ref = field["type"]
                assert ref["kind"] == "NON_NULL" and ref["ofType"]["kind"] == "LIST", name
                assert named(ref) == "Citation", name


async def everything(gql: GraphQLClient) -> tuple[dict[str, Any], dict[str, str]]:
    walk_ = await schema(gql)
    data = await gql.data(walk_.everything_query())
    answer = await gql.data("{ sources(first: 100) { edges { node { id text } } } }")
    sources = {e["node"]["id"]: e["node"]["text"] for e in answer["sources"]["edges"]}
    return data, sources


async def test_every_quote_equals_its_source_text_at_its_offsets(gql: GraphQLClient) -> None:
    data, sources = await everything(gql)
    citations = [obj for obj in walk(data) if "quote" in obj]
    assert len(citations) > 300
    wrong = [c for c in citations if sources[c["source"]["id"]][c["start"] : c["end"]] != c["quote"]]
    assert wrong == []


async def test_every_cited_value_returned_has_at_least_one_citation(gql: GraphQLClient) -> None:
    data, _ = await everything(gql)
    bare = [obj for obj in walk(data) if "citations" in obj and not obj["citations"]]
    assert bare == []


async def test_inferred_citations_explain_themselves(gql: GraphQLClient) -> None:
    data, _ = await everything(gql)
    inferred = [obj for obj in walk(data) if obj.get("kind") == "INFERRED" and "quote" in obj]
    assert inferred
    assert all(c["note"] and "(inferred: " in c["line"] for c in inferred)


async def test_every_argument_is_described(gql: GraphQLClient) -> None:
    query = "{ __schema { types { name fields { name args { name description } } } } }"
    types = (await gql.data(query))["__schema"]["types"]
    missing = [
        f"{t['name']}.{f['name']}({a['name']})"
        for t in types
        if not t["name"].startswith("__")
        for f in t["fields"] or []
        for a in f["args"]
        if not a["description"]
    ]
    assert missing == []
