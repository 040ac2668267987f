"""Many writers and readers at once: every write lands, and no answer carries an error."""

import asyncio
import json
from typing import Any

import pytest

from citegraph.settings import Settings
from tests.api.test_writes import INGEST
from tests.conftest import GraphQLClient, Tokens, serve, write_lock_held

WRITERS = 20
TEXT = "Witness {n} said the convoy passed at dawn, and witness {n} counted the trucks."


def witness_document(n: int) -> str:
    text = TEXT.format(n=n)
    return f"""
sources:
  - {{id: statement-{n}, kind: OTHER, title: Statement {n}, text: {json.dumps(text)}}}
default_source: statement-{n}
persons:
  - id: witness-{n}
    name: {{value: Witness {n}, cite: {{quote: "witness {n}", occurrence: 1}}}}
"""


READ = "{ persons(first: 50) { totalCount edges { node { id name { value citations { quote } } } } } }"


async def test_parallel_writers_and_readers_lose_nothing(gql: GraphQLClient, tokens: Tokens) -> None:
    async def write(n: int) -> dict[str, object]:
        body = await gql.post(INGEST, {"document": witness_document(n)}, tokens.editor)
        assert body.get("errors") is None, body
        result: dict[str, object] = body["data"]["ingest"]
        return result

    async def read() -> None:
        body = await gql.post(READ)
        assert body.get("errors") is None, body

    results = await asyncio.gather(*(write(n) for n in range(WRITERS)), *(read() for _ in range(WRITERS)))
    written = results[:WRITERS]
    assert [r["__typename"] for r in written] == ["Ingested"] * WRITERS
    data = await gql.data('{ persons(filter: {name: "witness"}, first: 100) { totalCount } }')
    assert data["persons"]["totalCount"] == WRITERS


WIRE_TEXT = "Load wire. Soldiers clashed with a patrol near the river on Tuesday, officials said."
ADD_EVENT = """mutation ($input: EventInput!) { addEvent(input: $input, defaultSource: "busy-wire") {
  __typename ... on Rejected { errors { message } } } }"""
LIGHT = """query ($id: ID!) { node(id: $id) { ... on Event { id title { value citations { quote } }
  kind { value citations { quote } } date { value precision citations { quote } } } } }"""
SEED_EVENTS = ["operation", "bombing-raids", "helicopter-assault", "capture", "transfer-to-new-york", "swearing-in"]
CLIENTS = 16
"""Clients at once, each sending its requests one after another (as wrk's connections in bench/load.py)."""
ROUNDS = 3
LIST = "{ events(first: 20) { edges { node { id title { value citations { quote } } date { value } } } } }"
SEARCH = '{ search(text: "Caracas", first: 10) { values { field snippet } } }'


def clash(n: int) -> dict[str, object]:
    return {
        "id": f"clash-{n}",
        "title": {"value": f"Clash near the river ({n})", "cite": [{"quote": "Soldiers clashed with a patrol"}]},
        "kind": {"value": "PATROL", "cite": [{"quote": "a patrol"}]},
        "date": {"value": "2026-01-06", "precision": "DAY", "cite": [{"quote": "Tuesday", "inferred": "the Tuesday"}]},
    }


async def test_clients_interleaving_event_writes_and_reads_in_one_app_all_succeed(
    gql: GraphQLClient, tokens: Tokens
) -> None:
    source = {"id": "busy-wire", "kind": "WIRE_REPORT", "title": "Load wire", "text": WIRE_TEXT}
    await gql.data(INGEST, {"document": json.dumps({"sources": [source]})}, tokens.editor)

    async def client(c: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        writes, reads = [], []
        for r in range(ROUNDS):
            writes.append(await gql.post(ADD_EVENT, {"input": clash(c * ROUNDS + r)}, tokens.editor))
            reads.append(await gql.post(LIGHT, {"id": f"Event:{SEED_EVENTS[(c + r) % len(SEED_EVENTS)]}"}))
            reads.append(await gql.post(LIST))
            reads.append(await gql.post(LIGHT, {"id": f"Event:{SEED_EVENTS[(c + r + 1) % len(SEED_EVENTS)]}"}))
            reads.append(await gql.post(SEARCH))
        return writes, reads

    answers = await asyncio.gather(*(client(c) for c in range(CLIENTS)))
    writes = [answer for client_writes, _ in answers for answer in client_writes]
    reads = [answer for _, client_reads in answers for answer in client_reads]
    assert [a for a in writes + reads if a.get("errors")] == []
    assert [w["data"]["addEvent"]["__typename"] for w in writes] == ["Ingested"] * CLIENTS * ROUNDS
    assert len(reads) == CLIENTS * ROUNDS * 4 and all(r["data"] for r in reads)
    ids = json.dumps([f"Event:clash-{n}" for n in range(CLIENTS * ROUNDS)])
    stored = (await gql.data(f"{{ nodes(ids: {ids}) {{ id }} }}"))["nodes"]
    assert None not in stored and len(stored) == CLIENTS * ROUNDS


async def test_writes_through_two_apps_on_one_database_take_turns(
    gql: GraphQLClient, tokens: Tokens, database_url: str
) -> None:
    """Two apps (as two workers) with their own engines: writes citing the same new quotes, at once."""
    source = {"id": "busy-wire", "kind": "WIRE_REPORT", "title": "Load wire", "text": WIRE_TEXT}
    await gql.data(INGEST, {"document": json.dumps({"sources": [source]})}, tokens.editor)
    async with serve(Settings(database_url=database_url, seed_on_start=False)) as other_http:
        other = GraphQLClient(other_http)

        async def write(n: int) -> dict[str, Any]:
            return await (gql if n % 2 else other).post(ADD_EVENT, {"input": clash(n)}, tokens.editor)

        writes = await asyncio.gather(*(write(n) for n in range(CLIENTS)))
    assert [w for w in writes if w.get("errors")] == []
    assert [w["data"]["addEvent"]["__typename"] for w in writes] == ["Ingested"] * CLIENTS


@pytest.mark.sqlite_only("a lock on the database file is SQLite's")
async def test_reads_are_answered_while_another_connection_holds_the_write_lock(
    gql: GraphQLClient, database_url: str
) -> None:
    with write_lock_held(database_url, "EXCLUSIVE"):
        event = (await gql.data(LIGHT, {"id": f"Event:{SEED_EVENTS[0]}"}))["node"]
    assert event["id"] == f"Event:{SEED_EVENTS[0]}"
