"""Benchmark the GraphQL read path against a hand-written SQL baseline, on one generated corpus.

    .venv/bin/python -m bench.run              # 10k events (~160k citation links); generates it if missing
    .venv/bin/python -m bench.run --size 1m    # ~1M citation links; compares per-item cost with the 10k run

For the same database in the same run it measures (medians of --runs runs after --warmup warm-ups):
the HEAVY query by the baseline (bench/baseline.py), by the schema executed in process, and over HTTP
against uvicorn; SQL statements per HEAVY request at first=2 and first=200; the peak of Python memory
allocated during one in-process HEAVY execution (tracemalloc); and LIGHT requests per second under
--concurrency concurrent clients. Before timing, the API's answers must equal the baseline's, or it exits 1.
The last line of output is one JSON object with the headline figures.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import itertools
import json
import os
import random
import resource
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import orjson

from bench import baseline, generate, wrk
from bench.queries import HEAVY, LIGHT
from citegraph.runtime import tune_gc
from db.engine import make_engine, make_read_engine, session_factory, trace_statements
from resolvers.context import Context
from schema import make_schema
from schema.pipeline import GraphQLOperation, Pipeline

MAX_PAGE_SIZE = 500
SMALL_EVENTS = 300
HEADLINE = ("baseline_ms", "graphql_ms", "http_ms", "ratio", "statements_2", "statements_200", "light_rps", "peak_mb")
ROOT = Path(__file__).resolve().parent.parent


class Mismatch(Exception):
    """The API's answer differs from the baseline's."""


# comparing -----------------------------------------------------------------------------------------------


def first_difference(
    got: Any, want: Any, path: str = "data", names: tuple[str, str] = ("API", "baseline")
) -> str | None:
    """Where two JSON values first differ, as a path with both sides (called `names`); None when equal."""
    a_name, b_name = names
    if type(got) is not type(want):
        return f"{path}: {a_name} {_short(got)} != {b_name} {_short(want)}"
    if isinstance(got, dict):
        if list(got) != list(want):
            return f"{path}: {a_name} keys {list(got)} != {b_name} keys {list(want)}"
        for key in got:
            found = first_difference(got[key], want[key], f"{path}.{key}", names)
            if found:
                return found
        return None
    if isinstance(got, list):
        for i, (a, b) in enumerate(zip(got, want, strict=False)):
            found = first_difference(a, b, f"{path}[{i}]", names)
            if found:
                return found
        if len(got) != len(want):
            return f"{path}: {a_name} has {len(got)} items, {b_name} {len(want)}"
        return None
    return None if got == want else f"{path}: {a_name} {_short(got)} != {b_name} {_short(want)}"


def _short(value: Any) -> str:
    text = orjson.dumps(value).decode()
    return text if len(text) <= 300 else text[:300] + "..."


def check_equal(what: str, got: Any, want: Any) -> None:
    if got != want:
        raise Mismatch(f"{what}: the API's answer differs from the baseline's: {first_difference(got, want)}")


# timing --------------------------------------------------------------------------------------------------


def record(results: dict[str, Any], key: str, times: list[float]) -> None:
    """Store the median under `key` (the headline figure) and the spread next to it."""
    results[key] = statistics.median(times)
    results[key.removesuffix("_ms") + "_min_ms"] = min(times)
    results[key.removesuffix("_ms") + "_max_ms"] = max(times)


def spread(results: dict[str, Any], key: str) -> str:
    base = key.removesuffix("_ms")
    return f"{results[key]:9.1f} ms  (min {results[base + '_min_ms']:.1f}, max {results[base + '_max_ms']:.1f})"


# in process ----------------------------------------------------------------------------------------------


def make_context(sessions: Any) -> Context:
    """A fresh request context, as the app makes one per request, allowing pages of up to 500 items."""
    return Context(sessions, max_page_size=MAX_PAGE_SIZE)


class InProcess:
    """The app's one request pipeline (`schema.pipeline.Pipeline.execute_request`, as every HTTP request runs) with
    no HTTP around it, on the engines the app makes for the bench database."""

    def __init__(self, db_path: Path) -> None:
        url = f"sqlite:///{db_path}"
        self.engine = make_engine(url)
        self.read_engine = make_read_engine(url)
        self.sessions = session_factory(self.engine, self.read_engine)
        self.schema = make_schema()
        self.pipeline = Pipeline(self.schema, mask_errors=False, limits=None, introspection=True)
        self.statements = 0
        trace_statements(self.engine.sync_engine, self._count)
        if self.read_engine is not None:
            trace_statements(self.read_engine, self._count)
        tune_gc()

    def _count(self, *_args: Any) -> None:
        self.statements += 1

    async def close(self) -> None:
        await self.engine.dispose()
        if self.read_engine is not None:
            self.read_engine.dispose()

    async def data(self, query: str, variables: dict[str, Any]) -> Any:
        operation = GraphQLOperation(query, variables)
        answer = (await self.pipeline.execute_request(operation, make_context(self.sessions), mutations=False)).response
        if answer.get("errors"):
            raise Mismatch(f"the API answered with errors: {answer['errors']}")
        return answer["data"]

    async def body(self, query: str, variables: dict[str, Any]) -> bytes:
        """What the app would send: the answer encoded with orjson (as citegraph.app does)."""
        return orjson.dumps({"data": await self.data(query, variables)})

    async def count_statements(self, query: str, variables: dict[str, Any]) -> int:
        before = self.statements
        await self.data(query, variables)
        return self.statements - before

    async def traced_peak_mb(self, query: str, variables: dict[str, Any]) -> float:
        tracemalloc.start()
        try:
            await self.body(query, variables)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        return peak / 2**20


# over HTTP -----------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """`citegraph serve` (uvicorn, `workers` processes each on its own socket) on the bench database (an SQLite
    file, or a database URL), on a free loopback port, without an access log."""

    NAME = "citegraph serve"

    def __init__(self, database: Path | str, log_path: Path, workers: int = 1) -> None:
        self.port = free_port()
        env = os.environ | {
            "CITEGRAPH_DATABASE_URL": database if isinstance(database, str) else f"sqlite:///{database}",
            "CITEGRAPH_SEED_ON_START": "false",
            "CITEGRAPH_MAX_PAGE_SIZE": str(MAX_PAGE_SIZE),
        }
        cmd = [str(Path(sys.executable).parent / "citegraph"), "serve", "--host", "127.0.0.1", "--port", str(self.port)]
        cmd += ["--no-access-log", "--workers", str(workers)]
        self.spawn(cmd, ROOT, env, log_path)

    def spawn(self, cmd: list[str], cwd: Path, env: dict[str, str], log_path: Path) -> None:
        """Start `cmd`, which serves on `self.port`, its output going to `log_path`."""
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.log = log_path.open("wb")
        self.proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=self.log, stderr=subprocess.STDOUT)

    def answers(self) -> bool:
        """Whether the server is up (uvicorn: its health check)."""
        return httpx.get(f"{self.base}/healthz", timeout=2).status_code == 200

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.NAME} exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                if self.answers():
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.NAME} did not answer within {timeout}s:\n{self.log_tail()}")

    def log_tail(self) -> str:
        self.log.flush()
        return self.log_path.read_text(errors="replace")[-3000:]

    def peak_rss_mb(self) -> float | None:
        """The server process's peak resident memory (VmHWM), from /proc; None where unavailable."""
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            return None
        return None

    def cpu_seconds(self) -> float | None:
        """CPU time the server process and its workers have used so far (`tree_cpu_seconds`)."""
        return tree_cpu_seconds(self.proc.pid)

    def serving_pids(self) -> list[int]:
        """The processes that answer requests: the workers `citegraph serve --workers N` started, else the server."""
        workers = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
                command = (stat.parent / "cmdline").read_bytes()
            except OSError:
                continue
            if parent == self.proc.pid and b"spawn_main" in command:
                workers.append(int(stat.parent.name))
        return sorted(workers) or [self.proc.pid]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def tree_cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) process `pid` has used, with its live children's and the children it has reaped
    (a child's time moves into its parent's when it ends), from /proc; None where unavailable."""
    ticks: int | None = None
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(stat.parent.name) == pid:
            ticks = (ticks or 0) + sum(int(f) for f in fields[11:15])
        elif int(fields[1]) == pid:
            ticks = (ticks or 0) + int(fields[11]) + int(fields[12])
    return None if ticks is None else ticks / os.sysconf("SC_CLK_TCK")


def machine_ticks() -> tuple[int, int] | None:
    """The machine's CPU time so far, all cores, in ticks: (total, idle), from /proc/stat; None where unavailable.
    Two readings tell how busy the machine was between them (`busy_between`)."""
    try:
        first = Path("/proc/stat").read_text().split("\n", 1)[0].split()
    except OSError:
        return None
    ticks = [int(f) for f in first[1:]]
    return sum(ticks), ticks[3] + ticks[4]


def busy_between(before: tuple[int, int] | None, after: tuple[int, int] | None) -> float | None:
    """The share of the machine's CPU time (all cores) spent busy between two `machine_ticks()` readings."""
    if before is None or after is None or after[0] == before[0]:
        return None
    return 1 - (after[1] - before[1]) / (after[0] - before[0])


async def post(client: httpx.AsyncClient, query: str, variables: dict[str, Any]) -> bytes:
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    if response.status_code != 200:
        raise Mismatch(f"HTTP {response.status_code}: {response.text[:500]}")
    return response.content


def data_of(body: bytes) -> Any:
    parsed = orjson.loads(body)
    if parsed.get("errors"):
        raise Mismatch(f"the API answered with errors: {parsed['errors']}")
    return parsed["data"]


async def load_light(
    base: str, ids: list[str], concurrency: int, seconds: float, max_requests: int, query: str = LIGHT
) -> tuple[int, float, list[str]]:
    """LIGHT requests from `concurrency` clients for `seconds` (at most `max_requests`): (done, elapsed, errors).

    `query` may replace LIGHT by another query, with or without the `$id` variable.
    """
    counter = itertools.count()
    errors: list[str] = []

    async def client_loop(client: httpx.AsyncClient, deadline: float) -> int:
        done = 0
        while time.perf_counter() < deadline:
            n = next(counter)
            if n >= max_requests:
                break
            try:
                data_of(await post(client, query, {"id": ids[n % len(ids)]} if "$id" in query else {}))
            except (Mismatch, httpx.HTTPError) as exc:
                errors.append(str(exc)[:300])
            done += 1
        return done

    clients = [httpx.AsyncClient(base_url=base, timeout=30) for _ in range(concurrency)]
    try:
        began = time.perf_counter()
        done = await asyncio.gather(*(client_loop(c, began + seconds) for c in clients))
        elapsed = time.perf_counter() - began
    finally:
        for c in clients:
            await c.aclose()
    return sum(done), elapsed, errors


# the run -------------------------------------------------------------------------------------------------


def ensure_database(size: str, db: Path | None) -> Path:
    events = generate.SIZES[size]
    path = db or generate.default_path(size, events)
    if db is None and not generate.is_current(path, events):
        print(f"generating the {size} corpus ({events} events) into {path} ...", flush=True)
        generate.generate(path, events)
    if not path.exists():
        raise SystemExit(f"no database at {path}")
    return path


def corpus_counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("event", "casualty", "citation")
        } | {"fact_citation": conn.execute("SELECT count(*) FROM fact_citation").fetchone()[0]}
    finally:
        conn.close()


def page_stats(data: Any) -> dict[str, int]:
    edges = data["events"]["edges"]
    casualties = sum(len(e["node"]["casualties"]) for e in edges)
    citations = 0
    for e in edges:
        node = e["node"]
        citations += len(node["title"]["citations"]) + len((node["date"] or {"citations": []})["citations"])
        for item in node["casualties"]:
            value = item["value"]
            citations += len(item["citations"]) + sum(
                len(value[f]["citations"]) for f in ("description", "outcome", "count")
            )
    return {"events": len(edges), "casualties": casualties, "citations": citations}


def light_ids(path: Path, n: int = 500) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        keys = [row[0] for row in conn.execute("SELECT id FROM event ORDER BY id")]
    finally:
        conn.close()
    return [baseline.EVENT_PREFIX + k for k in random.Random(generate.SEED).sample(keys, min(n, len(keys)))]


async def check_small_corpus() -> str:
    """The API against the baseline on a corpus small enough to page through whole (undated events last)."""
    path = generate.DATA_DIR / f"events-{SMALL_EVENTS}.db"
    if not generate.is_current(path, SMALL_EVENTS):
        generate.generate(path, SMALL_EVENTS, quiet=True)
    conn = baseline.connect(str(path))
    api = InProcess(path)
    try:
        for first in (SMALL_EVENTS + 1, 7):
            got = await api.data(HEAVY, {"first": first})
            check_equal(
                f"HEAVY first={first} on the {SMALL_EVENTS}-event corpus", got, baseline.heavy_data(conn, first)
            )
        keys = [row[0] for row in conn.execute("SELECT id FROM event ORDER BY date_start IS NULL, id")]
        sample = keys[:10] + keys[-10:] + ["no-such-event"]  # dated, undated, unknown
        for key in sample:
            got = await api.data(LIGHT, {"id": baseline.EVENT_PREFIX + key})
            check_equal(f"LIGHT {key} on the {SMALL_EVENTS}-event corpus", got, baseline.light_data(conn, key))
    finally:
        conn.close()
        await api.close()
    return f"HEAVY (all {SMALL_EVENTS} events, undated last; and first=7) and LIGHT ({len(sample)} ids)"


async def call(fn: Callable[..., object], *args: Any) -> object:
    """A synchronous call (the baseline) as an awaitable, to time it alongside the async cases."""
    return fn(*args)


async def time_interleaved(
    cases: dict[str, Callable[[], Awaitable[object]]], runs: int, warmup: int
) -> dict[str, list[float]]:
    """Wall ms of each case, the cases taking turns, so that load from other processes hits them alike."""
    for fn in cases.values():
        for _ in range(warmup):
            await fn()
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, fn in cases.items():
            # A full collection scans every object of this process (~100 ms here) and falls on whichever case
            # allocates when the counters run over, usually the baseline right after a GraphQL run: collect
            # before each case, untimed, so that no case pays for another's garbage. (The HTTP server is
            # left alone: its collections are part of its figures.)
            gc.collect()
            began = time.perf_counter()
            await fn()
            times[name].append((time.perf_counter() - began) * 1000)
    return times


async def measure(path: Path, args: argparse.Namespace, want: Any, results: dict[str, Any]) -> None:
    """Check the API's answers against the baseline's, then time baseline, in-process and HTTP in turn."""
    api = InProcess(path)
    server = None if args.no_http else Server(path, generate.DATA_DIR / f"uvicorn-{args.size}.log")
    conn = baseline.connect(str(path))
    client = None
    try:
        v = {"first": args.first}
        check_equal(f"HEAVY first={args.first} (in process)", await api.data(HEAVY, v), want)
        results["same_bytes"] = await api.body(HEAVY, v) == baseline.heavy(conn, args.first)
        cases: dict[str, Callable[[], Awaitable[object]]] = {
            "baseline_ms": lambda: call(baseline.heavy, conn, args.first),
            "graphql_ms": lambda: api.body(HEAVY, v),
        }
        if server is not None:
            server.wait_ready()
            client = httpx.AsyncClient(base_url=server.base, timeout=120)
            check_equal(f"HEAVY first={args.first} (HTTP)", data_of(await post(client, HEAVY, v)), want)
            http = client
            cases["http_ms"] = lambda: post(http, HEAVY, v)
        for key, times in (await time_interleaved(cases, args.runs, args.warmup)).items():
            record(results, key, times)
        results["statements_2"] = await api.count_statements(HEAVY, {"first": 2})
        results["statements_200"] = await api.count_statements(HEAVY, {"first": 200})
        results["peak_mb"] = await api.traced_peak_mb(HEAVY, v)
        if server is None or client is None:
            return

        ids = light_ids(path)
        for global_id in ids[:20]:
            key = global_id.removeprefix(baseline.EVENT_PREFIX)
            got = data_of(await post(client, LIGHT, {"id": global_id}))
            check_equal(f"LIGHT {global_id} (HTTP)", got, baseline.light_data(conn, key))
        key, light_v, http = ids[0].removeprefix(baseline.EVENT_PREFIX), {"id": ids[0]}, client
        light_cases: dict[str, Callable[[], Awaitable[object]]] = {
            "light_baseline_ms": lambda: call(baseline.light, conn, key),
            "light_http_ms": lambda: post(http, LIGHT, light_v),
        }
        for name, times in (await time_interleaved(light_cases, args.runs * 5, args.warmup)).items():
            record(results, name, times)

        await load_light(server.base, ids, args.concurrency, 0.5, args.max_requests)  # warm-up
        server_cpu, own = server.cpu_seconds(), resource.getrusage(resource.RUSAGE_SELF)
        done, elapsed, errors = await load_light(server.base, ids, args.concurrency, args.seconds, args.max_requests)
        server_cpu_after, own_after = server.cpu_seconds(), resource.getrusage(resource.RUSAGE_SELF)
        if errors:
            raise Mismatch(f"{len(errors)} of {done} LIGHT requests failed under load, first: {errors[0]}")
        results["light_requests"] = done
        results["light_rps"] = done / elapsed
        client_cpu = own_after.ru_utime + own_after.ru_stime - own.ru_utime - own.ru_stime
        results["light_client_cpu_ms"] = client_cpu / done * 1000 if done else None
        if server_cpu is not None and server_cpu_after is not None and done:
            results["light_server_cpu_ms"] = (server_cpu_after - server_cpu) / done * 1000
        results["server_peak_rss_mb"] = server.peak_rss_mb()
        if wrk.available():
            light_under_wrk(path, server, ids, args, results)
    finally:
        if client is not None:
            await client.aclose()
        if server is not None:
            server.stop()
        conn.close()
        await api.close()


def light_under_wrk(
    path: Path, server: Server, ids: list[str], args: argparse.Namespace, results: dict[str, Any]
) -> None:
    """LIGHT under wrk against the running server (one process), then against two uvicorn workers."""
    bodies: list[dict[str, object]] = [{"query": LIGHT, "variables": {"id": i}} for i in ids]
    script = generate.DATA_DIR / "light.lua"
    url = f"{server.base}/graphql"
    wrk.run(url, bodies, args.concurrency, 1, script)  # warm-up
    cpu = server.cpu_seconds()
    found = wrk.run(url, bodies, args.concurrency, args.seconds, script)
    cpu_after = server.cpu_seconds()
    if found.status_errors or found.socket_errors:
        raise Mismatch(f"wrk: {found.status_errors} non-2xx responses, {found.socket_errors} socket errors")
    results["light_rps_httpx"] = results["light_rps"]
    results["light_rps"] = found.rps
    results["light_wrk"] = {"p50_ms": found.p50_ms, "p99_ms": found.p99_ms, "requests": found.requests}
    if cpu is not None and cpu_after is not None and found.requests:
        results["light_server_cpu_ms_wrk"] = (cpu_after - cpu) / found.requests * 1000
    two = Server(path, generate.DATA_DIR / f"uvicorn-{args.size}-2.log", workers=2)
    try:
        two.wait_ready()
        wrk.run(f"{two.base}/graphql", bodies, args.concurrency, 1, script)
        found = wrk.run(f"{two.base}/graphql", bodies, args.concurrency, args.seconds, script)
        if found.status_errors or found.socket_errors:
            raise Mismatch(f"wrk, 2 workers: {found.status_errors} non-2xx, {found.socket_errors} socket errors")
        results["light_rps_2_workers"] = found.rps
    finally:
        two.stop()


def per_item_report(results: dict[str, Any], size: str) -> None:
    """For a bigger corpus: cost per item of the page against the 10k run, when one was saved."""
    previous_path = generate.DATA_DIR / "results-10k.json"
    if size == "10k" or not previous_path.exists():
        return
    before = json.loads(previous_path.read_text())
    print(f"per-item cost, {size} vs 10k (same page size first={results['first']}):")
    for key in ("baseline_ms", "graphql_ms", "http_ms"):
        now, then = results.get(key), before.get(key)
        if now is None or then is None:
            continue
        items_now, items_then = results["page"]["citations"], before["page"]["citations"]
        print(
            f"  {key[:-3]:>8}: {now / results['first'] * 1000:8.1f} us/event, "
            f"{now / items_now * 1000:6.2f} us/citation (10k: {then / before['first'] * 1000:8.1f} us/event, "
            f"{then / items_then * 1000:6.2f} us/citation); x{(now / items_now) / (then / items_then):.2f} per citation"
        )
    for key in ("statements_2", "statements_200", "light_rps", "peak_mb"):
        if results.get(key) is not None and before.get(key) is not None:
            print(f"  {key:>14}: {results[key]:.1f} (10k: {before[key]:.1f})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", choices=sorted(generate.SIZES), default="10k")
    parser.add_argument("--db", type=Path, default=None, help="an existing database instead of the generated one")
    parser.add_argument("--first", type=int, default=500, help="HEAVY page size to time (default 500)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=8, help="LIGHT load clients (default 8)")
    parser.add_argument("--seconds", type=float, default=5.0, help="LIGHT load duration (default 5)")
    parser.add_argument("--max-requests", type=int, default=50_000, help="LIGHT load request cap")
    parser.add_argument("--no-http", action="store_true", help="skip the uvicorn measurements")
    args = parser.parse_args(argv)

    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores", flush=True)
    try:
        checked = asyncio.run(check_small_corpus())
    except Mismatch as exc:
        print(f"FAIL: {exc}", file=sys.stderr)
        return 1
    print(f"API equals the baseline: {checked}", flush=True)
    path = ensure_database(args.size, args.db)
    counts = corpus_counts(path)
    print(f"corpus {path.name}: " + ", ".join(f"{k} {v}" for k, v in counts.items()), flush=True)
    results: dict[str, Any] = {"size": args.size, "first": args.first, "corpus": counts}

    conn = baseline.connect(str(path))
    want = orjson.loads(baseline.heavy(conn, args.first))["data"]
    results["page"] = page_stats(want)
    results["response_kb"] = len(baseline.heavy(conn, args.first)) / 1024
    conn.close()
    page = results["page"]
    print(
        f"HEAVY first={args.first}: {page['events']} events, {page['casualties']} casualties, "
        f"{page['citations']} citations, {results['response_kb']:.0f} KB",
        flush=True,
    )
    try:
        asyncio.run(measure(path, args, want, results))
    except Mismatch as exc:
        print(f"FAIL: {exc}", file=sys.stderr)
        return 1
    print(f"baseline (sqlite3 + orjson):   {spread(results, 'baseline_ms')}")
    print(f"GraphQL in process (+ orjson): {spread(results, 'graphql_ms')}")
    if "http_ms" in results:
        print(f"GraphQL over HTTP (uvicorn):   {spread(results, 'http_ms')}")
    print(f"  same bytes as the baseline: {results['same_bytes']}")
    statements = f"first=2: {results['statements_2']}, first=200: {results['statements_200']}"
    print(f"  SQL statements per HEAVY request: {statements}")
    print(f"  peak Python memory of one in-process HEAVY execution (tracemalloc): {results['peak_mb']:.1f} MB")
    if "light_rps" in results:
        print(
            f"LIGHT: baseline {results['light_baseline_ms']:.2f} ms, HTTP {results['light_http_ms']:.2f} ms "
            f"per request (medians); {results.get('light_rps_httpx', results['light_rps']):.0f} requests/s with "
            f"{args.concurrency} httpx clients "
            f"({results['light_requests']} in {args.seconds:.0f}s)"
        )
        if "light_rps_httpx" in results:
            light_wrk = results["light_wrk"]
            print(
                f"LIGHT under wrk ({args.concurrency} connections): {results['light_rps']:.0f} requests/s from one "
                f"uvicorn process (p50 {light_wrk['p50_ms']:.1f} ms, p99 {light_wrk['p99_ms']:.1f} ms, server CPU "
                f"{results.get('light_server_cpu_ms_wrk', float('nan')):.2f} ms per request); "
                f"{results['light_rps_2_workers']:.0f} requests/s from 2 workers; light_rps below is wrk's one process"
            )
        if results.get("server_peak_rss_mb") is not None:
            print(f"  uvicorn peak RSS (VmHWM): {results['server_peak_rss_mb']:.0f} MB")
        if results.get("light_server_cpu_ms") is not None:
            print(
                f"  CPU per LIGHT request under load: server {results['light_server_cpu_ms']:.1f} ms, "
                f"load client {results['light_client_cpu_ms']:.1f} ms (both on the same {os.cpu_count()} cores)"
            )

    results["ratio"] = results["graphql_ms"] / results["baseline_ms"]
    results["loadavg_after"] = os.getloadavg()
    print(f"load average after: {' '.join(f'{x:.2f}' for x in results['loadavg_after'])}")
    results["bench_maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"ratio GraphQL in process / baseline: {results['ratio']:.1f}x")
    if args.db is None and not args.no_http:  # keep complete runs on the generated corpora for comparison
        (generate.DATA_DIR / f"results-{args.size}.json").write_text(json.dumps(results, indent=2) + "\n")
    per_item_report(results, args.size)

    headline = {
        key: (round(results[key], 2) if isinstance(results.get(key), float) else results.get(key)) for key in HEADLINE
    }
    print(json.dumps(headline))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
