"""Writes the database has no room for: refused as `Rejected { errors: [StorageFull] }`, nothing of them stored,
and logged in full for the operator."""

from typing import Any

import pytest

from db.engine import make_engine
from schema.errors import STORAGE_FULL
from tests.conftest import GraphQLClient, Tokens
from tests.factories import LONG_REPORT
from tests.test_loader import snapshot

RESULT = "__typename ... on Rejected { errors { __typename message entity field } }"
REPORT = {"id": "long-report", "kind": "WIRE_REPORT", "title": "Long report", "text": LONG_REPORT}
ANA_RUIZ = {"id": "ana-ruiz", "name": {"value": "Ana Ruiz", "cite": [{"quote": "Ana Ruiz"}]}}
MADURO = {
    "id": "nicolas-maduro",
    "name": {"value": "Nicolás Maduro Moros", "cite": [{"quote": "Nicolás Maduro Moros"}]},
}
WRITES = {
    "ingest": (
        f"mutation ($facts: JSON!) {{ ingest(facts: $facts) {{ {RESULT} }} }}",
        {"facts": {"sources": [REPORT], "default_source": "long-report", "persons": [ANA_RUIZ]}},
    ),
    "correct": (
        f'mutation ($facts: JSON!) {{ correct(facts: $facts, reason: "a later report") {{ {RESULT} }} }}',
        {"facts": {"sources": [REPORT], "default_source": "long-report", "persons": [MADURO]}},
    ),
    "addPerson": (
        "mutation ($input: PersonInput!, $sources: [InlineSourceInput!]) "
        f'{{ addPerson(input: $input, sources: $sources, defaultSource: "long-report") {{ {RESULT} }} }}',
        {"input": ANA_RUIZ, "sources": [REPORT]},
    ),
    "addSource": (
        f"mutation ($input: AddSourceInput!) {{ addSource(input: $input) {{ {RESULT} }} }}",
        {"input": {"id": "long-report", "kind": "WIRE_REPORT", "text": LONG_REPORT}},
    ),
}
"""One write of each path, each storing LONG_REPORT (new pages on SQLite, a change logged on PostgreSQL)."""


async def stored(database_url: str) -> dict[str, list[tuple[Any, ...]]]:
    engine = make_engine(database_url)
    try:
        return await snapshot(engine)
    finally:
        await engine.dispose()


@pytest.mark.usefixtures("full_storage")
@pytest.mark.parametrize("mutation", WRITES)
async def test_a_write_without_room_is_rejected_as_storage_full_and_stores_nothing(
    mutation: str, gql: GraphQLClient, tokens: Tokens, database_url: str
) -> None:
    query, variables = WRITES[mutation]
    before = await stored(database_url)
    answer = (await gql.data(query, variables, tokens.editor))[mutation]
    full = {"__typename": "StorageFull", "message": STORAGE_FULL, "entity": None, "field": None}
    assert answer == {"__typename": "Rejected", "errors": [full]}
    assert await stored(database_url) == before


@pytest.mark.usefixtures("full_storage")
async def test_a_write_without_room_is_logged_for_the_operator(
    gql: GraphQLClient, tokens: Tokens, caplog: pytest.LogCaptureFixture
) -> None:
    query, variables = WRITES["ingest"]
    await gql.data(query, variables, tokens.editor)
    [record] = [record for record in caplog.records if record.name == "citegraph"]
    assert record.levelname == "ERROR" and "the database's disk is full; nothing was written" in record.getMessage()
