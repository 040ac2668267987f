"""The Node clients users run (tests/clients: graphql-ws 6, Apollo Client 4) against a served app: each script runs
a query, an ingest with an editor's token and a `factChanged` subscription whose events must arrive within 1 s of
the ingest's answer, and prints what it got. Without Node.js or the package's modules (`make clients`) these tests
fail, never skip."""

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
