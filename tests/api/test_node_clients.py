"""The Node clients users run (tests/clients: graphql-ws 6, Apollo Client 4) against a served app: each script runs
a query, an ingest with an editor's token and a `factChanged` subscription whose events must arrive within 1 s of
the ingest's answer, and prints what it got; Apollo's PersistedQueryLink sends hashes, with automatic persisted
queries and with trusted documents from an Apollo manifest. Without Node.js or the package's modules
(`make clients`) these tests fail, never skip."""

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import LiveApp

CLIENTS = Path(__file__).parents[1] / "clients"
SCRIPT_SECONDS = 60
"""A bound on one script's run, far above its usual half second: a hung client fails instead of blocking."""


def node(script: str, *arguments: str, token: str = "") -> dict[str, Any]:
    """What `script` of tests/clients prints when run with `arguments` and the token in CITEGRAPH_TOKEN."""
    program = shutil.which("node")
    if program is None:
        pytest.fail("Node.js is not installed: the client tests need Node.js 20 and `make clients`")
    if not (CLIENTS / "node_modules").is_dir():
        pytest.fail("tests/clients has no node_modules: run `make clients` (npm ci)")
    done = subprocess.run(
        [program, str(CLIENTS / script), *arguments],
        env={**os.environ, "CITEGRAPH_TOKEN": token},
        capture_output=True,
        text=True,
        timeout=SCRIPT_SECONDS,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    printed: dict[str, Any] = json.loads(done.stdout)
    return printed


def assert_ran_and_heard_the_write(printed: dict[str, Any]) -> None:
    """The query's cited count, the ingest stored, and every row it added heard by the subscriber."""
    count = printed["query"]["casualty"]["count"]
    assert (count["low"], count["wording"], count["citations"][0]["quote"]) == (55, "AT_LEAST", "killed at least 55")
    ingest = printed["mutation"]["ingest"]
    assert ingest["__typename"] == "Ingested" and ingest["added"] == len(printed["events"]) > 0
    heard = {(event["entityType"], event["entityId"]) for event in printed["events"]}
    assert {("source", "desk-note"), ("person", "ana-ruiz")} <= heard
    assert {(event["actor"], event["kind"]) for event in printed["events"]} == {("live-desk", "ADDED")}


def test_graphql_ws_runs_a_query_an_ingest_and_a_subscription(live: LiveApp) -> None:
    assert_ran_and_heard_the_write(node("graphql-ws-client.mjs", live.websocket, token=live.token))


def test_apollo_client_runs_a_query_an_ingest_and_a_subscription(live: LiveApp) -> None:
    assert_ran_and_heard_the_write(node("apollo-client.mjs", live.graphql, token=live.token))


def assert_casualty_and_ingest(answers: list[dict[str, Any]]) -> None:
    """The casualty query answered to both clients, and the ingest stored."""
    for casualty in answers[:2]:
        assert casualty["data"]["casualty"]["count"]["low"] == 55
    assert answers[2]["data"]["ingest"]["__typename"] == "Ingested"


@pytest.mark.parametrize("method", ["POST", "GET"])
def test_apollo_persisted_queries_send_each_query_once_then_its_hash(live: LiveApp, method: str) -> None:
    printed = node("apollo-persisted.mjs", live.graphql, method.lower(), token=live.token)
    assert_casualty_and_ingest(printed["answers"])
    assert "sources" in printed["answers"][3]["data"]
    casualty, ingest, unregistered = (request["hash"] for request in printed["requests"][::3])
    assert [(request["method"], request["query"], request["hash"]) for request in printed["requests"]] == [
        (method, False, casualty),
        ("POST", True, casualty),
        (method, False, casualty),
        ("POST", False, ingest),
        ("POST", True, ingest),
        (method, False, unregistered),
        ("POST", True, unregistered),
    ]


@pytest.fixture
def trusted_documents(tmp_path: Path) -> str:
    """Apollo's manifest of the operations apollo-persisted.mjs registers, as its client sends them."""
    manifest = tmp_path / "persisted-query-manifest.json"
    manifest.write_text(json.dumps(node("apollo-manifest.mjs")))
    return str(manifest)


def test_apollo_with_trusted_documents_runs_the_manifests_operations_by_hash_only(live_trusted: LiveApp) -> None:
    printed = node("apollo-persisted.mjs", live_trusted.graphql, token=live_trusted.token)
    assert_casualty_and_ingest(printed["answers"])
    assert printed["answers"][3] == {"error": "PERSISTED_QUERY_NOT_IN_LIST"}
    assert [(request["method"], request["query"]) for request in printed["requests"]] == [("POST", False)] * 4
