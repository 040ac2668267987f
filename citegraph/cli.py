"""The `citegraph` command line: serve, seed, ingest, check, token, db, export-schema, export, import."""

import argparse
import asyncio
import io
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from citegraph import db_cli
from citegraph.cli_database import failure_line, open_engine
from citegraph.settings import load_settings


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from citegraph.app import create_app
    from citegraph.header_timeout import HeaderTimeoutProtocol

    settings = load_settings()
    asyncio.run(_prepare())
    http = HeaderTimeoutProtocol.with_timeout(settings.request_read_timeout_ms)
    uvicorn.run(create_app(settings), host=args.host, port=args.port, http=http)
    return 0


async def _prepare() -> None:
    """What the app's lifespan does first (schema to head, seed corpus into an empty database), done before uvicorn
    starts, so that a database that cannot be used fails in one line rather than in a lifespan traceback."""
    from citegraph.startup import prepare_database

    engine = await open_engine()
    try:
        await prepare_database(engine, seed=load_settings().seed_on_start)
    finally:
        await engine.dispose()


async def _seed(paths: list[Path]) -> int:
    from db.engine import create_schema
    from seeds.errors import SeedLoadError
    from seeds.loader import load_fact_files

    engine = await open_engine()
    try:
        await create_schema(engine)
        summary = await load_fact_files(engine, paths or None)
    except SeedLoadError as exc:
        return _refused("seed", exc)
    finally:
        await engine.dispose()
    print(
        f"seeded: {summary.added} rows added, {summary.updated} updated, {summary.unchanged} unchanged "
        "(every quote verified)"
    )
    return 0


async def _ingest(paths: list[Path], actor: str) -> int:
    from db.engine import create_schema
    from seeds.errors import SeedLoadError
    from seeds.loader import ingest_files

    engine = await open_engine()
    try:
        await create_schema(engine)
        summary = await ingest_files(engine, paths, actor, progress=_progress)
    except SeedLoadError as exc:
        return _refused("ingest", exc)
    finally:
        await engine.dispose()
    print(
        f"ingested {len(paths)} file(s) as {actor!r}: {summary.added} rows added, {summary.unchanged} unchanged, "
        f"{summary.disputed} disputed"
    )
    return 0


def _refused(what: str, error: Exception) -> int:
    """Report a refused load (a `SeedLoadError`) on stderr, every problem on its line; the exit status."""
    problems = getattr(error, "problems", [])
    print(f"{what} refused, nothing was written ({len(problems)} problem(s)):", file=sys.stderr)
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)
    return 1


def _progress(step: str, done: int, total: int) -> None:
    """A one-line progress bar on stderr, redrawn in place on a terminal."""
    width = 30
    filled = width * done // max(total, 1)
    end = "\n" if done == total or not sys.stderr.isatty() else "\r"
    print(f"{step:>8} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}", end=end, file=sys.stderr, flush=True)


async def _check() -> int:
    from db.audit import audit
    from db.engine import create_schema

    engine = await open_engine()
    try:
        await create_schema(engine)
        problems = await audit(engine)
    finally:
        await engine.dispose()
    if problems:
        print(f"check failed: {len(problems)} problem(s)", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print("check passed: every citation matches its source text and every fact field is cited")
    return 0


async def _token(args: argparse.Namespace) -> int:
    from db.access import TokenError, create_token, list_tokens, revoke_token
    from db.engine import create_schema
    from db.enums import Role

    engine = await open_engine()
    try:
        await create_schema(engine)
        if args.action == "create":
            token = await create_token(engine, args.name, Role(args.role.upper()))
            print(token)
            print(f"token {args.name!r} ({args.role}) created; it is shown only this once", file=sys.stderr)
        elif args.action == "revoke":
            revoked = await revoke_token(engine, args.name)
            print(f"token {revoked.name!r} revoked at {revoked.revoked_at:%Y-%m-%d %H:%M:%S} UTC")
        else:
            for found in await list_tokens(engine):
                state = f"revoked {found.revoked_at:%Y-%m-%d %H:%M:%S}" if found.revoked_at else "active"
                print(f"{found.name}\t{found.role.lower()}\tcreated {found.created_at:%Y-%m-%d %H:%M:%S}\t{state}")
    except TokenError as exc:
        print(f"token: {exc}", file=sys.stderr)
        return 1
    finally:
        await engine.dispose()
    return 0


async def _export(out: Path | None) -> int:
    from db.dump import export_database
    from db.engine import create_schema

    engine = await open_engine()
    try:
        await create_schema(engine)
        if out is None:
            counts = await export_database(engine, _utf8(sys.stdout))
        else:
            partial = out.with_name(out.name + ".partial")
            try:
                with partial.open("w", encoding="utf-8", newline="\n") as file:
                    counts = await export_database(engine, file)
                partial.replace(out)
            finally:
                partial.unlink(missing_ok=True)
    finally:
        await engine.dispose()
    print(
        f"exported {sum(counts.values())} rows of {len(counts)} tables" + (f" to {out}" if out else ""), file=sys.stderr
    )
    return 0


async def _import(path: str) -> int:
    from db.dump import DumpError, import_database

    engine = await open_engine()
    try:
        if path == "-":
            counts = await import_database(engine, _utf8(sys.stdin))
        else:
            with open(path, encoding="utf-8") as file:
                counts = await import_database(engine, file)
    except (DumpError, OSError) as exc:
        print(f"import refused, nothing was written: {exc}", file=sys.stderr)
        return 1
    finally:
        await engine.dispose()
    print(f"imported {sum(counts.values())} rows of {len(counts)} tables; search index rebuilt", file=sys.stderr)
    return 0


def _utf8(stream: TextIO) -> TextIO:
    """A dump is UTF-8 whatever the locale says."""
    if isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(encoding="utf-8")
    return stream


def _export_schema() -> int:
    from schema import export_sdl

    sys.stdout.write(export_sdl())
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="citegraph", description="Cited facts of news reporting over GraphQL.")
    commands = root.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve GraphQL and GraphiQL at /graphql")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    seed = commands.add_parser("seed", help="verify and load fact files (default: the seed corpus)")
    seed.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    ingest = commands.add_parser(
        "ingest", help="add the facts of fact files (all or nothing); a fact that differs from a stored one refuses"
    )
    ingest.add_argument("paths", nargs="+", type=Path, metavar="FILE")
    ingest.add_argument("--actor", default="cli", help="the name recorded with the write (default: cli)")
    commands.add_parser("check", help="re-verify every citation and report fact fields without one")
    commands.add_parser("export-schema", help="print the GraphQL SDL")
    export = commands.add_parser("export", help="dump the whole database (tokens excepted) as JSON Lines")
    export.add_argument("--out", type=Path, metavar="FILE", help="write the dump to FILE (default: stdout)")
    load = commands.add_parser("import", help="load a dump into an empty database (all or nothing)")
    load.add_argument("path", metavar="FILE", help="the dump; - reads stdin")
    token = commands.add_parser("token", help="create, list and revoke API tokens for writes")
    actions = token.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="create a token and print it (once)")
    create.add_argument("--name", required=True, help="who writes with it; recorded with every write")
    create.add_argument("--role", required=True, choices=["editor", "admin"])
    actions.add_parser("list", help="list tokens (names, roles, states; never the secrets)")
    revoke = actions.add_parser("revoke", help="revoke a token by name")
    revoke.add_argument("name")
    db_cli.add_commands(commands.add_parser("db", help="the schema's migrations: upgrade, current, check, revision"))
    return root


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return _run(args)
    except Exception as exc:
        line = failure_line(exc)
        if line is None:
            raise
        print(f"{' '.join(_command(args))}: {line}", file=sys.stderr)
        return 1


def _command(args: argparse.Namespace) -> list[str]:
    """The command as typed (`token create`, `db upgrade`), to begin a message with."""
    action = getattr(args, "action", None)
    return [args.command, *([action] if action else [])]


def _run(args: argparse.Namespace) -> int:
    if args.command == "serve":
        return _serve(args)
    if args.command == "seed":
        return asyncio.run(_seed(args.paths))
    if args.command == "ingest":
        return asyncio.run(_ingest(args.paths, args.actor))
    if args.command == "check":
        return asyncio.run(_check())
    if args.command == "token":
        return asyncio.run(_token(args))
    if args.command == "db":
        return asyncio.run(db_cli.run(args))
    if args.command == "export":
        return asyncio.run(_export(args.out))
    if args.command == "import":
        return asyncio.run(_import(args.path))
    return _export_schema()


if __name__ == "__main__":
    sys.exit(main())
