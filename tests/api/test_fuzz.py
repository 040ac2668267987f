"""Fuzzing: schemathesis generates operations from the committed SDL and sends them to the app served by
uvicorn. No answer may be a server error (HTTP 5xx, or an error masked as unexpected) or break the GraphQL
response format."""

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import graphql
import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis_graphql import nodes

from citegraph.app import create_app
from citegraph.settings import Settings
from db.access import create_token
from db.engine import make_engine
from db.enums import Role
from tests.conftest import GraphQLClient, Served, Tokens

SDL = Path(__file__).parent.parent.parent / "schema" / "schema.graphql"
EXAMPLES = 25
"""Examples per root field: the whole run stays within about a minute."""

schemathesis.graphql.scalar(
    "TermCode",
    st.one_of(
        st.from_regex(r"\A[A-Z][A-Z0-9_]{0,20}\Z").map(nodes.String),
        st.sampled_from(["FIRE", "DISASTER", "POLICE", "CIVILIAN", "CITY"]).map(nodes.Enum),
        st.text(max_size=20).map(nodes.String),
    ),
)
"""A term's code: well-formed ones (known or not), written as strings or bare, and text that is no code."""


def _field(name: str, value: graphql.ValueNode) -> graphql.ObjectFieldNode:
    return graphql.ObjectFieldNode(name=graphql.NameNode(value=name), value=value)


JSON_LEAVES = st.one_of(
    st.text(max_size=20).map(nodes.String),
    st.integers(-(2**31), 2**31 - 1).map(nodes.Int),
    st.floats(allow_nan=False, allow_infinity=False).map(nodes.Float),
    st.booleans().map(nodes.Boolean),
    st.just(graphql.NullValueNode()),
)
schemathesis.graphql.scalar(
    "JSON",
    st.recursive(
        JSON_LEAVES,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3).map(nodes.List),
            st.dictionaries(st.from_regex(r"\A[a-z_][a-z_0-9]{0,10}\Z"), inner, max_size=3).map(
                lambda fields: nodes.Object([_field(name, value) for name, value in fields.items()])
            ),
        ),
        max_leaves=6,
    ),
)
"""Any JSON value (an edit's value, a fact document), as GraphQL literals: leaves, lists and objects."""
schema = schemathesis.graphql.from_path(SDL)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The app's URL and an admin token, so that writes get past authorization too."""
    database_url = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'citegraph.db'}"
    with Served(create_app(Settings(database_url=database_url))) as app:
        assert httpx.get(f"{app.url}/healthz", timeout=120).status_code == 200  # served once seeded
        yield app.url, asyncio.run(admin_token(database_url))


async def admin_token(database_url: str) -> str:
    engine = make_engine(database_url)
    try:
        return await create_token(engine, "fuzz", Role.ADMIN)
    finally:
        await engine.dispose()


def format_problems(body: Any) -> list[str]:
    """How `body` breaks the GraphQL response format (spec section 7.1), if it does."""
    if not isinstance(body, dict):
        return [f"not a JSON object: {body!r:.200}"]
    problems = [f"unknown key {key!r}" for key in body if key not in ("data", "errors", "extensions")]
    if "data" not in body and not body.get("errors"):
        problems.append("neither data nor errors")
    if not isinstance(body.get("data"), dict | None):
        problems.append(f"data is not an object: {body['data']!r:.200}")
    errors = body.get("errors", [])
    if not isinstance(errors, list) or ("errors" in body and not errors):
        problems.append(f"errors is not a non-empty list: {errors!r:.200}")
    else:
        problems += [
            f"error without a message: {e!r:.200}" for e in errors if not isinstance(e, dict) or "message" not in e
        ]
    return problems


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_errors_and_only_graphql_responses(case: schemathesis.Case, served: tuple[str, str]) -> None:
    url, token = served
    response = case.call(base_url=f"{url}/graphql", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code < 500, response.text
    body = response.json()
    assert format_problems(body) == []
    unexpected = [e for e in body.get("errors", []) if e["message"] == "Unexpected error."]
    assert unexpected == [], f"{case.body} -> {unexpected}"


async def test_add_source_with_an_empty_text_is_refused_as_a_write_error(gql: GraphQLClient, tokens: Tokens) -> None:
    """Found by this fuzzing: it used to be an unexpected error."""
    query = 'mutation { addSource(input: {kind: OTHER, text: ""}) { __typename } }'
    assert (await gql.data(query, token=tokens.editor))["addSource"]["__typename"] == "Rejected"
