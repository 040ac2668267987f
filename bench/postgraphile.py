"""PostGraphile 4 on PostgreSQL against citegraph, on the same machine, the same corpus and in the same run.

    .venv/bin/python -m bench.postgraphile                  # make bench-postgraphile (~3 minutes)
    .venv/bin/python -m bench.postgraphile --runs 21 --rounds 5

Starts a throwaway PostgreSQL cluster (tests/postgres.py), loads the 10k corpus into it (`citegraph export` of
bench/.data/10k.db, `citegraph import`), adds the computed columns of bench/postgraphile/citations.sql, and
serves that database with PostGraphile 4 (one node process, installed by `npm ci` from the committed lock
when needed) and with citegraph (one uvicorn process, and one with two workers), and the SQLite file with
citegraph (one process). It checks that all four answer HEAVY and LIGHT with the same data
(bench/normalise.py; exit 1 naming the first difference), then measures with the servers taking turns, so
that drift of the machine hits them alike: HEAVY first=500 over HTTP, and LIGHT requests/s under wrk. The last
line of output is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack, ExitStack, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from bench import cpu_quota, normalise, wrk
from bench.generate import DATA_DIR
from bench.queries import HEAVY, LIGHT, POSTGRAPHILE_HEAVY, POSTGRAPHILE_LIGHT
from bench.run import (
    ROOT,
    Mismatch,
    Server,
    busy_between,
    data_of,
    ensure_database,
    first_difference,
    free_port,
    light_ids,
    machine_ticks,
    post,
    record,
    time_interleaved,
    tree_cpu_seconds,
)
from db.dump import export_database, import_database
from db.engine import make_engine
from tests.postgres import Server as PostgresServer

PACKAGE = ROOT / "bench" / "postgraphile"
DATABASE = "bench"
FIRST = 500
CHECKED_LIGHT = 20
"""LIGHT answers compared before timing: this many random events, and one unknown id."""


# PostGraphile --------------------------------------------------------------------------------------------


def install_postgraphile() -> Path:
    """The pinned PostGraphile's CLI, after `npm ci` from the committed lock unless it is installed already."""
    pinned = json.loads((PACKAGE / "package.json").read_text())["dependencies"]["postgraphile"]
    installed = PACKAGE / "node_modules" / "postgraphile" / "package.json"
    if not installed.exists() or json.loads(installed.read_text())["version"] != pinned:
        if shutil.which("npm") is None:
            raise SystemExit("bench.postgraphile needs Node.js (20) and npm to install PostGraphile")
        print(f"npm ci in {PACKAGE.relative_to(ROOT)} (postgraphile {pinned}) ...", flush=True)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=PACKAGE, check=True)
    return PACKAGE / "node_modules" / "postgraphile" / "cli.js"


class PostGraphile(Server):
    """PostGraphile 4's CLI, one node process, serving `url` on a free loopback port; production-ish options (no
    watch, no GraphiQL, no query log, dynamic JSON, the default pool of 10). Readiness, CPU, memory and stop
    as bench.run's `Server`."""

    NAME = "PostGraphile"

    def __init__(self, cli: Path, url: str, log_path: Path) -> None:
        self.port = free_port()
        cmd = ["node", str(cli), "--connection", url.replace("postgresql://", "postgres://", 1), "--schema", "public"]
        cmd += ["--host", "127.0.0.1", "--port", str(self.port)]
        cmd += ["--disable-graphiql", "--disable-query-log", "--dynamic-json"]
        self.spawn(cmd, PACKAGE, os.environ | {"NODE_ENV": "production"}, log_path)

    def answers(self) -> bool:
        probe = httpx.post(f"{self.base}/graphql", json={"query": "{ __typename }"}, timeout=2)
        return probe.status_code == 200


# PostgreSQL ----------------------------------------------------------------------------------------------


async def load_corpus(sqlite_path: Path, url: str, folder: Path) -> dict[str, int]:
    """The SQLite corpus copied into the empty database at `url` through a dump (export, then import)."""
    dump = folder / "corpus.jsonl"
    source = make_engine(f"sqlite:///{sqlite_path}")
    try:
        with dump.open("w", encoding="utf-8") as out:
            await export_database(source, out)
    finally:
        await source.dispose()
    target = make_engine(url)
    try:
        with dump.open(encoding="utf-8") as lines:
            counts = await import_database(target, lines)
    finally:
        await target.dispose()
        dump.unlink()
    return counts


def run_sql(cluster: PostgresServer, database: str, sql: str) -> None:
    """SQL statements run by psql in `database` (each in its own transaction), stopping at the first error."""
    command = [*cluster.user_prefix, str(cluster.bin / "psql"), "-h", "127.0.0.1", "-p", str(cluster.port)]
    command += ["-U", "postgres", "-d", database, "-q", "-v", "ON_ERROR_STOP=1", "-f", "-"]
    done = subprocess.run(command, input=sql, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"psql failed: {done.stderr.strip()[-500:]}")


def cluster_cpu_seconds(cluster: PostgresServer) -> float:
    """CPU time (user + system) the whole cluster has used: the postmaster and its backends, live or ended."""
    postmaster = int((cluster.folder / "data" / "postmaster.pid").read_text().split()[0])
    return tree_cpu_seconds(postmaster) or 0.0


# the servers ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One server with its spelling of HEAVY and LIGHT and how to read its answers."""

    key: str
    label: str
    server: Server
    heavy: str
    light: str
    light_id: Callable[[str], str]
    heavy_shape: Callable[[Any], Any]
    light_shape: Callable[[Any], Any]
    on_postgresql: bool


def targets(postgraphile: Server, sqlite: Server, postgresql: Server, postgresql_2: Server) -> list[Target]:
    """PostGraphile first: the others' answers are compared with its."""
    return [
        Target(
            "postgraphile",
            "PostGraphile 4 (PostgreSQL)",
            postgraphile,
            POSTGRAPHILE_HEAVY,
            POSTGRAPHILE_LIGHT,
            lambda key: key,
            normalise.postgraphile_heavy,
            normalise.postgraphile_light,
            on_postgresql=True,
        ),
        *(
            Target(
                f"citegraph_{backend}",
                f"citegraph ({label})",
                server,
                HEAVY,
                LIGHT,
                lambda key: f"Event:{key}",
                normalise.citegraph_heavy,
                normalise.citegraph_light,
                on_postgresql=backend != "sqlite",
            )
            for backend, label, server in (
                ("sqlite", "SQLite", sqlite),
                ("postgresql", "PostgreSQL", postgresql),
                ("postgresql_2_workers", "PostgreSQL, 2 workers", postgresql_2),
            )
        ),
    ]


# checking and timing -------------------------------------------------------------------------------------


def page_counts(events: list[Any]) -> dict[str, int]:
    casualties = [c for e in events for c in e["casualties"]]
    citations = sum(len(v) for e in events for v in e["citations"].values())
    citations += sum(len(v) for c in casualties for v in c["citations"].values())
    return {"events": len(events), "casualties": len(casualties), "citations": citations}


async def check_same_data(
    servers: list[Target], clients: dict[str, httpx.AsyncClient], keys: list[str]
) -> dict[str, int]:
    """Every citegraph answer against PostGraphile's, as normalised data; the HEAVY page's counts."""
    reference, others = servers[0], servers[1:]

    async def shaped(target: Target, light_key: str | None = None) -> Any:
        if light_key is None:
            body = await post(clients[target.key], target.heavy, {"first": FIRST})
            return target.heavy_shape(data_of(body))
        body = await post(clients[target.key], target.light, {"id": target.light_id(light_key)})
        return target.light_shape(data_of(body))

    want = await shaped(reference)
    counts = page_counts(want)
    if counts["events"] != FIRST or not counts["citations"]:
        raise Mismatch(f"PostGraphile's HEAVY page is not a full page of cited events: {counts}")
    for target in others:
        found = first_difference(await shaped(target), want, "events", (target.label, reference.label))
        if found:
            raise Mismatch(f"HEAVY first={FIRST}: {found}")
    for key in [*keys[:CHECKED_LIGHT], "no-such-event"]:
        want = await shaped(reference, key)
        for target in others:
            found = first_difference(await shaped(target, key), want, key, (target.label, reference.label))
            if found:
                raise Mismatch(f"LIGHT {key}: {found}")
    return counts


async def check_and_time_heavy(servers: list[Target], keys: list[str], args: argparse.Namespace) -> dict[str, Any]:
    """The equality checks, then HEAVY over HTTP, the servers in turn (one keep-alive client each)."""
    results: dict[str, Any] = {}
    async with AsyncExitStack() as stack:
        clients = {
            t.key: await stack.enter_async_context(httpx.AsyncClient(base_url=t.server.base, timeout=120))
            for t in servers
        }
        results["page"] = await check_same_data(servers, clients, keys)
        print(
            f"same data: HEAVY first={FIRST} ({results['page']}) and LIGHT ({CHECKED_LIGHT} events and an unknown id)"
            f" from all {len(servers)} servers",
            flush=True,
        )

        def heavy(target: Target) -> Callable[[], Awaitable[object]]:
            return lambda: post(clients[target.key], target.heavy, {"first": FIRST})

        cases = {f"{t.key}_heavy_ms": heavy(t) for t in servers}
        for key, times in (await time_interleaved(cases, args.runs, args.warmup)).items():
            record(results, key, times)
    return results


def time_light(
    servers: list[Target],
    cluster: PostgresServer,
    keys: list[str],
    args: argparse.Namespace,
    held_share: float | None = None,
) -> dict[str, Any]:
    """LIGHT under wrk, one server at a time, `args.rounds` rounds (each round starting with the next server); with
    `held_share`, each worker of the server running held to that share of a core (`bench.cpu_quota`), the results
    named `held_light` instead of `light`."""
    runs: dict[str, list[dict[str, float]]] = {t.key: [] for t in servers}
    how = "" if held_share is None else f", each worker held to {held_share:g} of a core"
    for round_ in range(args.rounds):
        shift = round_ % len(servers)
        for target in servers[shift:] + servers[:shift]:
            with nullcontext() if held_share is None else cpu_quota.held(target.server.serving_pids(), held_share):
                runs[target.key].append(light_run(target, cluster, keys, args))
            print(
                f"  LIGHT round {round_ + 1}, {target.label}{how}: {runs[target.key][-1]['rps']:.0f} requests/s",
                flush=True,
            )
    return light_results(runs, "light" if held_share is None else "held_light")


HELD = ("citegraph_postgresql", "citegraph_postgresql_2_workers")
"""The servers LIGHT runs against again with each worker held to a share of a core (`time_light_held`)."""


def time_light_held(
    servers: list[Target], cluster: PostgresServer, keys: list[str], args: argparse.Namespace
) -> dict[str, Any]:
    """LIGHT against citegraph on PostgreSQL, one process and two workers, each worker held to `args.held_share`
    of a core: how throughput grows with workers when each has the same CPU and the machine has room for them all
    (it has not for two free workers, PostgreSQL and wrk on two cores). Nothing where this machine cannot hold
    processes."""
    if not args.held_share:
        return {}
    if not cpu_quota.available():
        print("  LIGHT with workers held to a share of a core: not measured (no writable cgroup v1 cpu controller)")
        return {}
    chosen = [t for t in servers if t.key in HELD]
    return time_light(chosen, cluster, keys, args, args.held_share) | {"held_share": args.held_share}


def light_run(target: Target, cluster: PostgresServer, keys: list[str], args: argparse.Namespace) -> dict[str, float]:
    """One LIGHT run under wrk after a 1 s warm-up: requests/s, latency, CPU per request, how busy the machine was."""
    url = f"{target.server.base}/graphql"
    bodies: list[dict[str, object]] = [{"query": target.light, "variables": {"id": target.light_id(k)}} for k in keys]
    script = DATA_DIR / "light-postgraphile.lua"
    wrk.run(url, bodies, args.connections, 1, script)
    cpu, pg_cpu, ticks = target.server.cpu_seconds(), cluster_cpu_seconds(cluster), machine_ticks()
    found = wrk.run(url, bodies, args.connections, args.seconds, script)
    cpu_after, pg_cpu_after = target.server.cpu_seconds(), cluster_cpu_seconds(cluster)
    busy = busy_between(ticks, machine_ticks())
    if found.status_errors or found.socket_errors or not found.requests:
        raise Mismatch(
            f"LIGHT under wrk, {target.label}: {found.requests} requests, {found.status_errors} non-2xx, "
            f"{found.socket_errors} socket errors"
        )
    run = {"rps": found.rps, "p50_ms": found.p50_ms, "p99_ms": found.p99_ms}
    if cpu is not None and cpu_after is not None:
        run["server_cpu_ms"] = (cpu_after - cpu) / found.requests * 1000
    run["postgresql_cpu_ms"] = (pg_cpu_after - pg_cpu) / found.requests * 1000
    if busy is not None:
        run["machine_busy"] = busy
    return run


def light_results(runs: dict[str, list[dict[str, float]]], name: str) -> dict[str, Any]:
    """The median of each server's runs, as `<server>_<name>_<measure>`, and its requests/s of every round."""
    results: dict[str, Any] = {}
    for key, found_runs in runs.items():
        results[f"{key}_{name}_rps"] = statistics.median(r["rps"] for r in found_runs)
        results[f"{key}_{name}_rps_rounds"] = [r["rps"] for r in found_runs]
        for measure in ("p50_ms", "server_cpu_ms", "postgresql_cpu_ms", "machine_busy"):
            values = [r[measure] for r in found_runs if measure in r]
            if values:
                results[f"{key}_{name}_{measure}"] = statistics.median(values)
    return results


# the run -------------------------------------------------------------------------------------------------


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def report(servers: list[Target], results: dict[str, Any], args: argparse.Namespace) -> None:
    print()
    print(f"{'':30} HEAVY first={FIRST} over HTTP, ms{'':14} LIGHT under wrk, one process")
    print(
        f"{'':30} {'median':>8} {'min':>8} {'max':>8} {'x PGL':>7}   {'req/s':>6} {'x PGL':>6} {'p50 ms':>7}"
        f" {'CPU/req: server':>16} {'PostgreSQL':>10} {'machine busy':>12}"
    )
    pgl_ms, pgl_rps = results["postgraphile_heavy_ms"], results["postgraphile_light_rps"]
    for t in servers:
        k = t.key
        heavy, rps = results[f"{k}_heavy_ms"], results[f"{k}_light_rps"]
        pg_cpu = f"{results[f'{k}_light_postgresql_cpu_ms']:.2f} ms" if t.on_postgresql else "-"
        busy = results.get(f"{k}_light_machine_busy")
        print(
            f"{t.label:30} {heavy:8.1f} {results[f'{k}_heavy_min_ms']:8.1f} {results[f'{k}_heavy_max_ms']:8.1f}"
            f" {pgl_ms / heavy:7.2f}   {rps:6.0f} {rps / pgl_rps:6.2f} {results[f'{k}_light_p50_ms']:7.1f}"
            f" {results.get(f'{k}_light_server_cpu_ms', float('nan')):13.2f} ms {pg_cpu:>10}"
            f" {'-' if busy is None else f'{busy:.0%}':>12}"
        )
    print(
        f"(x PGL: how many times PostGraphile's time / citegraph's, and citegraph's requests/s / PostGraphile's: "
        f"above 1, citegraph is faster. HEAVY: median of {args.runs} runs after {args.warmup} warm-ups; LIGHT: "
        f"median of {args.rounds} rounds of {args.seconds:g} s, {args.connections} connections; machine busy: the "
        f"share of all cores' time in use meanwhile, by the server, PostgreSQL, wrk and anything else)"
    )
    if "held_share" in results:
        one, two = (
            results["citegraph_postgresql_held_light_rps"],
            results["citegraph_postgresql_2_workers_held_light_rps"],
        )
        print(
            f"LIGHT on PostgreSQL with each worker held to {results['held_share']:g} of a core: one process {one:.0f} "
            f"requests/s, two workers {two:.0f} ({two / one:.2f}x; machine busy "
            f"{results.get('citegraph_postgresql_2_workers_held_light_machine_busy', float('nan')):.0%})"
        )


def headline(results: dict[str, Any]) -> dict[str, Any]:
    line: dict[str, Any] = {}
    keys = ("postgraphile", "citegraph_sqlite", "citegraph_postgresql", "citegraph_postgresql_2_workers")
    for key in keys:
        line[f"{key}_heavy_ms"] = round(results[f"{key}_heavy_ms"], 1)
    for key in keys:
        line[f"{key}_light_rps"] = round(results[f"{key}_light_rps"], 1)
    for backend in ("sqlite", "postgresql", "postgresql_2_workers"):
        line[f"{backend}_heavy_x"] = round(
            results["postgraphile_heavy_ms"] / results[f"citegraph_{backend}_heavy_ms"], 2
        )
        line[f"{backend}_light_x"] = round(
            results[f"citegraph_{backend}_light_rps"] / results["postgraphile_light_rps"], 2
        )
    busy = results.get("citegraph_postgresql_2_workers_light_machine_busy")
    line["postgresql_2_workers_light_machine_busy"] = None if busy is None else round(busy, 2)
    if "held_share" in results:
        line["held_share"] = results["held_share"]
        for key in HELD:
            line[f"{key}_held_light_rps"] = round(results[f"{key}_held_light_rps"], 1)
    line["loadavg_before"] = results["loadavg_before"]
    line["loadavg_after"] = results["loadavg_after"]
    return line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, default=None, help="an SQLite corpus instead of bench/.data/10k.db")
    parser.add_argument("--runs", type=int, default=15, help="timed HEAVY runs per server (default 15)")
    parser.add_argument("--warmup", type=int, default=2, help="HEAVY warm-up runs per server (default 2)")
    parser.add_argument("--rounds", type=int, default=3, help="LIGHT wrk rounds per server (default 3)")
    parser.add_argument("--seconds", type=float, default=5.0, help="LIGHT wrk duration per round (default 5)")
    parser.add_argument("--connections", type=int, default=8, help="wrk keep-alive connections (default 8)")
    parser.add_argument(
        "--held-share",
        type=float,
        default=0.4,
        help="LIGHT again with each citegraph worker on PostgreSQL held to this share of a core (0: not; default 0.4)",
    )
    args = parser.parse_args(argv)
    if not wrk.available():
        print("bench.postgraphile needs wrk (apt-get install wrk)", file=sys.stderr)
        return 1

    results: dict[str, Any] = {"loadavg_before": load_average()}
    print(f"load average before: {results['loadavg_before']} on {os.cpu_count()} cores", flush=True)
    path = ensure_database("10k", args.db)
    cli = install_postgraphile()
    keys = [global_id.removeprefix("Event:") for global_id in light_ids(path)]
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="citegraph-postgraphile-")))
        cluster = PostgresServer.start()
        stack.callback(cluster.stop)
        cluster.psql(f"CREATE DATABASE {DATABASE}")
        url = cluster.url(DATABASE)
        began = time.perf_counter()
        counts = asyncio.run(load_corpus(path, url, folder))
        run_sql(cluster, DATABASE, (PACKAGE / "citations.sql").read_text())
        # The visibility map as autovacuum would leave it, so that it does not change (and start vacuuming) mid-run.
        run_sql(cluster, DATABASE, "VACUUM ANALYZE;")
        print(
            f"PostgreSQL: {path.name} loaded ({sum(counts.values())} rows), computed columns added, vacuumed in "
            f"{time.perf_counter() - began:.0f} s",
            flush=True,
        )
        started: list[Server] = []
        for make in (
            lambda: PostGraphile(cli, url, DATA_DIR / "postgraphile.log"),
            lambda: Server(path, DATA_DIR / "postgraphile-citegraph-sqlite.log"),
            lambda: Server(url, DATA_DIR / "postgraphile-citegraph-postgresql.log"),
            lambda: Server(url, DATA_DIR / "postgraphile-citegraph-postgresql-2.log", workers=2),
        ):
            started.append(make())
            stack.callback(started[-1].stop)
        servers = targets(*started)
        for target in servers:
            target.server.wait_ready()
        try:
            results |= asyncio.run(check_and_time_heavy(servers, keys, args))
            results |= time_light(servers, cluster, keys, args)
            results |= time_light_held(servers, cluster, keys, args)
        except Mismatch as exc:
            print(f"FAIL: {exc}", file=sys.stderr)
            return 1
        for target in servers:
            results[f"{target.key}_peak_rss_mb"] = target.server.peak_rss_mb()
    results["loadavg_after"] = load_average()
    report(servers, results, args)
    print(f"load average after: {results['loadavg_after']}")
    (DATA_DIR / "results-postgraphile.json").write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(headline(results)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
