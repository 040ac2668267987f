"""The compiled execution path gives exactly the answers of Strawberry's own, errors included."""

from typing import Any

import pytest
from graphql import assert_object_type
from sqlalchemy.ext.asyncio import AsyncEngine

from db.engine import session_factory
from resolvers.context import Context
from schema import make_schema
from schema.execution import attribute_chain
from tests.api.schema_walk import INTROSPECTION, SchemaWalk

QUERIES = [
    """{ events(first: 20) { edges { node { id ... on Event { casualties { citations { quote }
        value { id count { low } } } } } } } }""",
    """query { events(last: 3) { edges { node { casualties { value { id } } } } } }""",
    """{ events(first: 5) { edges { cursor node { __typename id title { value citations { id quote start end
        kind note line source { __typename id title text } } } date { value end precision openEnded } } } } }""",
    """query ($skip: Boolean!) { casualties(first: 20, orderBy: COUNT_DESC) { edges { node {
        ...Fig count { low high wording } ageRange @skip(if: $skip) { min max } categories { value } } } } }
        fragment Fig on Casualty { id description { v1: value v2: value citations { q: quote csl { locator } } } }""",
    """{ node(id: "Casualty:cuba-personnel-killed") { ... on Casualty { ranks { rank count citations { quote } }
        reportedBy { value { ... on Organization { name { value } } } } } } }""",
    """{ persons { edges { node { name { value citations { line(style: HTML) attributedTo { __typename } } } } } } }""",
]


async def both(engine: AsyncEngine, query: str, variables: dict[str, Any] | None = None) -> tuple[Any, Any]:
    sessions = session_factory(engine)
    results = []
    for compiled in (True, False):
        result = await make_schema(compiled=compiled).execute(query, variables, context_value=Context(sessions))
        results.append((result.data, [e.formatted for e in result.errors or []]))
    return results[0], results[1]


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("skip", [True, False])
async def test_compiled_answers_equal_strawberrys(seeded: AsyncEngine, query: str, skip: bool) -> None:
    compiled, plain = await both(seeded, query, {"skip": skip})
    assert compiled == plain
    assert compiled[1] == []


async def test_compiled_answers_equal_strawberrys_on_every_field(seeded: AsyncEngine) -> None:
    schema = (await make_schema().execute(INTROSPECTION)).data
    assert schema is not None
    compiled, plain = await both(seeded, SchemaWalk(schema["__schema"]).everything_query())
    assert compiled == plain and compiled[1] == []


async def test_plans_reused_across_requests_still_answer_each_request(seeded: AsyncEngine) -> None:
    query = """query ($id: ID!) { node(id: $id) { ... on Casualty { id count { low citations { quote line } } } } }"""
    schema = make_schema()
    sessions = session_factory(seeded)
    answers = []
    for casualty in ("total-killed", "venezuela-military-killed", "total-killed"):
        variables = {"id": f"Casualty:{casualty}"}
        compiled = await schema.execute(query, variables, context_value=Context(sessions))
        plain = await make_schema(compiled=False).execute(query, variables, context_value=Context(sessions))
        assert compiled.errors is None and compiled.data == plain.data
        answers.append(compiled.data)
    assert answers[0] == answers[2] != answers[1]


class Holder:
    def __init__(self, inner: Any = None) -> None:
        self.inner = inner
        self.x = 1


def chain(self: Holder) -> Any:
    return self.inner.inner.x


def call(self: Holder) -> Any:
    return str(self.inner)


def other_argument(self: Holder, other: Holder) -> Any:
    return other.x


def global_read(self: Holder) -> Any:
    return Holder


def test_a_resolver_that_only_reads_attributes_is_inlined_as_its_chain() -> None:
    assert attribute_chain(chain) == "inner.inner.x"


@pytest.mark.parametrize("function", [call, other_argument, global_read, lambda self: self])
def test_a_resolver_that_does_anything_else_is_called(function: Any) -> None:
    assert attribute_chain(function) is None


def test_cited_values_are_completed_without_a_type_check() -> None:
    types = make_schema()._schema.type_map
    assert assert_object_type(types["CitedString"]).is_type_of is None
    assert assert_object_type(types["Event"]).is_type_of is not None
