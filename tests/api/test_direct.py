"""Queries posted as JSON take the direct path (`schema.direct`): the same answers as Strawberry's pipeline,
which answers every request the direct path declines."""

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from graphql import OverlappingFieldsCanBeMergedRule, specified_rules

import schema.extensions
from schema import make_schema
from schema.direct import DirectQueries
from schema.limits import QueryLimits
from tests.conftest import GraphQLClient

EVENT = "Event:capture"
CITATION = "fragment C on Citation { id quote start end kind source { id title } }"
SAME_ANSWER_QUERIES = [
    (
        "query Light($id: ID!) { node(id: $id) { ... on Event { id title { value citations { ...C } } "
        "date { value precision citations { ...C } } } } } " + CITATION,
        {"id": EVENT},
    ),
    ("{ events(first: 2) { totalCount edges { cursor node { id kind { value } } } } }", None),
    ("query Q($skip: Boolean!) { a: events(first: 1) { totalCount } b: __typename @skip(if: $skip) }", {"skip": True}),
    ('{ node(id: "Event:no-such-event") { id } }', None),
    ("{ events(first: 1000) { edges { node { id } } } }", None),
    ("query Q($id: ID!) { node(id: $id) { id } }", {}),
    ("query Q($id: ID!) { node(id: $id) { id } }", {"id": 5}),
]


async def test_a_posted_query_is_answered_without_strawberrys_pipeline(
    gql: GraphQLClient, strawberry_runs: list[str | None]
) -> None:
    data = await gql.data("query Q($id: ID!) { node(id: $id) { id } }", {"id": EVENT})
    assert data == {"node": {"id": EVENT}} and strawberry_runs == []


@pytest.mark.parametrize(
    "query",
    [
        'mutation { revokeToken(name: "nobody") { __typename } }',
        "{ events { edges { node { nope } } } }",
        "{ events(",
        "query A { __typename } query B { __typename }",
    ],
    ids=["mutation", "invalid", "syntax-error", "operation-not-named"],
)
async def test_what_the_direct_path_declines_strawberry_answers(
    gql: GraphQLClient, strawberry_runs: list[str | None], query: str
) -> None:
    await gql.post(query)
    assert strawberry_runs == [query]


@pytest.mark.parametrize(("query", "variables"), SAME_ANSWER_QUERIES)
async def test_direct_answers_are_strawberrys_byte_for_byte(
    http: httpx.AsyncClient, strawberry_runs: list[str | None], query: str, variables: dict[str, Any] | None
) -> None:
    direct = await http.post("/graphql", json={"query": query, "variables": variables})
    assert strawberry_runs == []
    params = {"query": query} | ({} if variables is None else {"variables": json.dumps(variables)})
    through_strawberry = await http.get("/graphql", params=params)
    assert strawberry_runs == [query]
    assert (direct.status_code, direct.headers["content-type"], direct.content) == (
        through_strawberry.status_code,
        through_strawberry.headers["content-type"],
        through_strawberry.content,
    )


async def chunks(*parts: bytes) -> AsyncIterator[bytes]:
    for part in parts:
        yield part


async def test_a_body_sent_in_chunks_is_read_whole(http: httpx.AsyncClient, strawberry_runs: list[str | None]) -> None:
    body = json.dumps({"query": f"{{ node(id: {json.dumps(EVENT)}) {{ id }} }}"}).encode()
    response = await http.post(
        "/graphql", content=chunks(body[:10], body[10:]), headers={"Content-Type": "application/json"}
    )
    assert response.json() == {"data": {"node": {"id": EVENT}}} and strawberry_runs == []


async def test_a_declined_body_sent_in_chunks_reaches_strawberry_whole(
    http: httpx.AsyncClient, strawberry_runs: list[str | None]
) -> None:
    query = "{ events { edges { node { nope } } } }"
    body = json.dumps({"query": query}).encode()
    response = await http.post(
        "/graphql", content=chunks(body[:10], body[10:]), headers={"Content-Type": "application/json"}
    )
    assert strawberry_runs == [query]
    assert response.json()["errors"][0]["message"] == "Cannot query field 'nope' on type 'Event'."


async def test_the_direct_path_validates_with_the_rules_of_strawberrys_pipeline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    limits = QueryLimits(
        max_depth=5, max_aliases=3, max_tokens=100, max_cost=50, page_size=5, max_page_size=10, timeout_ms=1000
    )
    seen: list[tuple[Any, ...]] = []
    validate = schema.extensions.validation_errors

    def recorded(core: Any, document: Any, rules: Any) -> Any:
        seen.append(tuple(rules))
        return validate(core, document, rules)

    monkeypatch.setattr(schema.extensions, "validation_errors", recorded)
    built = make_schema(limits=limits, introspection=False)
    await built.execute("{ __typename }")
    direct = DirectQueries(built, mask_errors=True, limits=limits, introspection=False)
    assert seen == [direct.rules] and len(direct.rules) == len(specified_rules) + 2
    assert OverlappingFieldsCanBeMergedRule not in direct.rules
