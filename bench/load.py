"""A loopback load run: several uvicorn workers on PostgreSQL, then one on SQLite, under the same mixed
read/write workload from wrk; prints throughput, p50/p99 latency and error counts for each.

    .venv/bin/python -m bench.load                         # 2 workers on PostgreSQL, 10 s each (make load)
    .venv/bin/python -m bench.load --workers 4 --seconds 30 --events 5000
    .venv/bin/python -m bench.load --no-postgresql         # SQLite only

Each backend gets a fresh database: the seed corpus, then `--events` generated events (bench/generate.py,
inserted through the app's own schema), and a source the writes cite. PostgreSQL is a throwaway cluster
(tests/postgres.py's `Server`, started durable: commits wait for the disk, as SQLite's do). The workload,
per wrk connection in turn: 5 LIGHT reads (one event with its cited fields), 2 list pages, 2 searches and
1 `addEvent` write (a new event each time, with cited title, kind and date). Counted as errors: non-2xx
responses, socket errors, and answers that carry GraphQL `errors` or (for a write) are not `Ingested`.
wrk times every request alike, so latency percentiles are of the whole mix; counts are per kind.
The last line of output is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col

from bench import generate
from bench.queries import LIGHT
from bench.run import Server
from db.access import create_token
from db.engine import create_schema, make_engine, refresh_statistics
from db.enums import Role
from db.search import rebuild_search_index
from db.tables import Event
from seeds.loader import add_source, load_fact_files, parse_source
from tests.postgres import Server as PostgresServer

LIST = "{ events(first: 20) { edges { node { id title { value } date { value precision } } } } }"
SEARCH = "query ($text: String!) { search(text: $text, first: 10) { values { field snippet } } }"
WORDS = ["Patrol", "Carabobo", "militia attack", "capital", "sergeant", "Caracas", "helicopter raid", "court"]
WIRE_ID = "load-wire"
WIRE = "Load wire. Soldiers clashed with a patrol near the river on Tuesday, officials said."
ADD_EVENT = """mutation ($input: EventInput!) { addEvent(input: $input, defaultSource: "load-wire") {
  __typename ... on Rejected { errors { message } } } }"""
NEW_EVENT = {
    "id": "__ID__",
    "title": {"value": "Clash near the river (__ID__)", "cite": [{"quote": "Soldiers clashed with a patrol"}]},
    "kind": {"value": "PATROL", "cite": [{"quote": "a patrol"}]},
    "date": {"value": "2026-01-06", "precision": "DAY", "cite": [{"quote": "Tuesday", "inferred": "the Tuesday"}]},
}
MIXES = {
    "mixed": ["light", "list", "light", "search", "light", "write", "light", "list", "light", "search"],
    "reads": ["light", "list", "light", "search", "light"],
}
"""Each wrk connection's requests, in turn: `mixed` is 50 % LIGHT, 20 % list pages, 20 % searches and 10 %
writes; `reads` the same reads without the writes."""
TIMEOUT_SECONDS = 5
"""A request unanswered after this long counts as an error (wrk's timeout)."""

SCRIPT = """
local light = {{ {light} }}
local list = {list}
local search = {{ {search} }}
local write = {write}
local mix = {{ {mix} }}
local threads = {{}}
function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end
function init(args)
  n = 0
  counts = {{light = 0, list = 0, search = 0, write = 0}}
  failed = {{light = 0, list = 0, search = 0, write = 0, unknown = 0}}
  non2xx = 0
end
local headers = {{["Content-Type"] = "application/json", ["Authorization"] = "Bearer {token}"}}
request = function()
  n = n + 1
  local kind = mix[(n - 1) % #mix + 1]
  local body
  if kind == "light" then body = light[(n - 1) % #light + 1]
  elseif kind == "list" then body = list
  elseif kind == "search" then body = search[(n - 1) % #search + 1]
  else body = write:gsub("__ID__", string.format("load-%d-%d", tid, n)) end
  return wrk.format("POST", "/graphql", headers, body)
end
local function kind_of(body)
  if body:find('"addEvent"', 1, true) then return "write" end
  if body:find('"search"', 1, true) then return "search" end
  if body:find('"events"', 1, true) then return "list" end
  if body:find('"node"', 1, true) then return "light" end
  return "unknown"
end
response = function(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 return end
  local kind = kind_of(body)
  if kind ~= "unknown" then counts[kind] = counts[kind] + 1 end
  if kind == "unknown" or body:find('"errors"', 1, true)
     or (kind == "write" and not body:find('"Ingested"', 1, true)) then
    failed[kind] = failed[kind] + 1
  end
end
done = function(summary, latency, requests)
  local total = {{light = 0, list = 0, search = 0, write = 0}}
  local bad = {{light = 0, list = 0, search = 0, write = 0, unknown = 0}}
  local non = 0
  for _, thread in ipairs(threads) do
    for k, v in pairs(thread:get("counts")) do total[k] = total[k] + v end
    for k, v in pairs(thread:get("failed")) do bad[k] = bad[k] + v end
    non = non + thread:get("non2xx")
  end
  local e = summary.errors
  io.write(string.format('LOAD {{"requests": %d, "duration_us": %d, "non2xx": %d, "socket_errors": %d, '
    .. '"p50_us": %d, "p99_us": %d, "light": %d, "list": %d, "search": %d, "write": %d, '
    .. '"failed_light": %d, "failed_list": %d, "failed_search": %d, "failed_write": %d, "failed_unknown": %d}}\\n',
    summary.requests, summary.duration, non, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99), total.light, total.list, total.search, total.write,
    bad.light, bad.list, bad.search, bad.write, bad.unknown))
end
"""


def lua(value: object) -> str:
    """A JSON request body as a Lua long string."""
    body = json.dumps(value)
    if "]====]" in body:
        raise ValueError("request body contains the Lua long-string terminator")
    return f"[====[{body}]====]"


def script(event_ids: list[str], token: str, mix: list[str]) -> str:
    return SCRIPT.format(
        light=", ".join(lua({"query": LIGHT, "variables": {"id": f"Event:{key}"}}) for key in event_ids),
        list=lua({"query": LIST}),
        search=", ".join(lua({"query": SEARCH, "variables": {"text": word}}) for word in WORDS),
        write=lua({"query": ADD_EVENT, "variables": {"input": NEW_EVENT}}),
        mix=", ".join(f'"{kind}"' for kind in mix),
        token=token,
    )


@dataclass(frozen=True)
class LoadResult:
    backend: str
    mix: str
    workers: int
    seconds: float
    requests: int
    rps: float
    p50_ms: float
    p99_ms: float
    non2xx: int
    socket_errors: int
    graphql_errors: int
    by_kind: dict[str, int]
    failed_by_kind: dict[str, int]

    @property
    def errors(self) -> int:
        return self.non2xx + self.socket_errors + self.graphql_errors


def run_wrk(url: str, lua_script: Path, connections: int, seconds: float) -> dict[str, Any]:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds:g}s", f"--timeout={TIMEOUT_SECONDS}s"]
    command += ["-s", str(lua_script), url]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("LOAD "))
    found: dict[str, Any] = json.loads(line.removeprefix("LOAD "))
    return found


async def prepare(url: str, events: int) -> tuple[str, list[str]]:
    """Create and fill the database at `url`: (an editor's token, the ids of events LIGHT reads)."""
    engine = make_engine(url)
    try:
        await create_schema(engine)
        await load_fact_files(engine)
        await insert_corpus(engine, events)
        await refresh_statistics(engine)
        spec = parse_source({"id": WIRE_ID, "kind": "WIRE_REPORT", "title": "Load wire", "text": WIRE})
        await add_source(engine, spec, "load-setup")
        token = await create_token(engine, "load-desk", Role.EDITOR)
        async with engine.connect() as conn:
            keys = list((await conn.execute(select(col(Event.id)).order_by(col(Event.id)))).scalars())
    finally:
        await engine.dispose()
    return token, random.Random(generate.SEED).sample(keys, min(200, len(keys)))


async def insert_corpus(engine: AsyncEngine, events: int) -> None:
    """`events` generated events (and their sources, places, agents, citations) in one transaction."""
    rows = generate.Corpus(events).build()
    generate.check(rows)
    async with engine.begin() as conn:
        await conn.run_sync(_insert, rows)


def _insert(connection: Connection, rows: generate.Rows) -> None:
    generate.insert_rows(connection, rows)
    rebuild_search_index(connection)


def measure(backend: str, url: str, workers: int, args: argparse.Namespace, folder: Path) -> list[LoadResult]:
    """Each mix in turn (reads first, so that they read the prepared database) against one server."""
    token, event_ids = asyncio.run(prepare(url, args.events))
    server = Server(url, folder / f"uvicorn-{backend}.log", workers=workers)
    results = []
    try:
        server.wait_ready()
        target = f"{server.base}/graphql"
        for mix in ("reads", "mixed"):
            lua_script = folder / f"load-{backend}-{mix}.lua"
            lua_script.write_text(script(event_ids, token, MIXES[mix]))
            run_wrk(target, lua_script, args.connections, 2)  # warm-up: every worker started and warm
            results.append(result(backend, mix, workers, run_wrk(target, lua_script, args.connections, args.seconds)))
            report(results[-1])
    finally:
        server.stop()
    return results


def result(backend: str, mix: str, workers: int, found: dict[str, Any]) -> LoadResult:
    kinds = ("light", "list", "search", "write")
    failed = {kind: found[f"failed_{kind}"] for kind in (*kinds, "unknown")}
    seconds = found["duration_us"] / 1e6
    return LoadResult(
        backend=backend,
        mix=mix,
        workers=workers,
        seconds=seconds,
        requests=found["requests"],
        rps=found["requests"] / seconds,
        p50_ms=found["p50_us"] / 1000,
        p99_ms=found["p99_us"] / 1000,
        non2xx=found["non2xx"],
        socket_errors=found["socket_errors"],
        graphql_errors=sum(failed.values()),
        by_kind={kind: found[kind] for kind in kinds},
        failed_by_kind=failed,
    )


def report(result: LoadResult) -> None:
    kinds = ", ".join(f"{kind} {count}" for kind, count in result.by_kind.items() if count)
    failed = {kind: count for kind, count in result.failed_by_kind.items() if count}
    print(
        f"{result.backend}, {result.workers} worker(s), {result.mix}: {result.rps:.0f} requests/s "
        f"({result.requests} in {result.seconds:.1f} s: {kinds}); p50 {result.p50_ms:.1f} ms, "
        f"p99 {result.p99_ms:.1f} ms; errors {result.errors} (non-2xx {result.non2xx}, socket or timeout "
        f"{result.socket_errors}, GraphQL errors or refused writes {result.graphql_errors} {failed or ''})",
        flush=True,
    )


def measure_postgresql(args: argparse.Namespace, folder: Path) -> list[LoadResult]:
    cluster = PostgresServer.start(durable=True)
    try:
        cluster.psql("CREATE DATABASE load")
        return measure("postgresql", cluster.url("load"), args.workers, args, folder)
    finally:
        cluster.stop()


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, default=2, help="uvicorn workers on PostgreSQL (default 2)")
    parser.add_argument("--seconds", type=float, default=10, help="measured seconds per backend (default 10)")
    parser.add_argument("--connections", type=int, default=16, help="wrk keep-alive connections (default 16)")
    parser.add_argument("--events", type=int, default=2000, help="generated events besides the seed corpus")
    parser.add_argument("--no-sqlite", action="store_true", help="skip the SQLite run")
    parser.add_argument("--no-postgresql", action="store_true", help="skip the PostgreSQL run")
    args = parser.parse_args(argv)
    print(f"load average before: {load_average()} on {os.cpu_count()} cores", flush=True)
    results: list[LoadResult] = []
    with tempfile.TemporaryDirectory(prefix="citegraph-load-") as tmp:
        folder = Path(tmp)
        if not args.no_postgresql:
            results += measure_postgresql(args, folder)
        if not args.no_sqlite:
            results += measure("sqlite", f"sqlite:///{folder / 'load.db'}", 1, args, folder)
    after = load_average()
    print(f"load average after: {after}", flush=True)
    summary = {f"{r.backend}_{r.mix}": {**asdict(r), "errors": r.errors} for r in results}
    print(json.dumps({**summary, "loadavg_after": after}))
    return 0 if all(r.errors == 0 and r.requests for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
