"""The `citegraph` command line: serve, seed, ingest, check, token, db, export-schema, export, import, propose.
Every command's --help shows its defaults and the environment variables that affect it (`citegraph.cli_help`)."""

import argparse
import asyncio
import sys
from collections.abc import Sequence
from pathlib import Path

from citegraph import cli_export, cli_propose, db_cli
from citegraph.cli_database import failure_line, open_engine
from citegraph.cli_export import FORMATS
from citegraph.cli_help import DATABASE, HelpFormatter, described, environment, every_setting
from citegraph.progress_bars import ProgressBars
from citegraph.settings import load_settings

Parser = argparse.ArgumentParser


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from citegraph.app import create_app
    from citegraph.header_timeout import HeaderTimeoutProtocol

    settings = load_settings()
    asyncio.run(_prepare())
    if args.workers > 1:
        from citegraph.workers import serve_workers

        serve_workers(
            uvicorn.Config(
                "citegraph.app:create_app",
                factory=True,
                host=args.host,
                port=args.port,
                workers=args.workers,
                http="citegraph.header_timeout:HeaderTimeoutProtocol",
                access_log=args.access_log,
            )
        )
        return 0
    http = HeaderTimeoutProtocol.with_timeout(settings.request_read_timeout_ms)
    uvicorn.run(create_app(settings), host=args.host, port=args.port, http=http, access_log=args.access_log)
    return 0


def positive_int(text: str) -> int:
    """A command-line number that must be whole and at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is less than 1")
    return value


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
        with ProgressBars() as progress:
            summary = await load_fact_files(engine, paths or None, progress)
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
        with ProgressBars() as progress:
            summary = await ingest_files(engine, paths, actor, progress)
    except SeedLoadError as exc:
        return _refused("ingest", exc)
    finally:
        await engine.dispose()
    print(
        f"ingested {len(paths)} file(s) as {actor!r}: {summary.added} rows added, {summary.unchanged} unchanged, "
        f"{summary.disputed} disputed, {summary.filled} filled, {summary.corroborated} corroborated"
    )
    return 0


def _refused(what: str, error: Exception) -> int:
    """Report a refused load (a `SeedLoadError`) on stderr, every problem on its line; the exit status."""
    problems = getattr(error, "problems", [])
    print(f"{what} refused, nothing was written ({len(problems)} problem(s)):", file=sys.stderr)
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)
    return 1


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


def _export_schema() -> int:
    from schema import export_sdl

    sys.stdout.write(export_sdl())
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="citegraph",
        description="Cited facts of news reporting over GraphQL: every fact with its sources, quotes and speakers.",
        epilog=environment() + "\n\nEach command has its own --help.",
        formatter_class=HelpFormatter,
    )
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, summary: str, description: str, settings: tuple[str, ...] = DATABASE) -> Parser:
        return commands.add_parser(
            name,
            help=summary,
            description=described(description),
            epilog=environment(settings) if settings else None,
            formatter_class=HelpFormatter,
        )

    serve = command(
        "serve",
        "serve GraphQL and GraphiQL at /graphql",
        "Bring the database's schema to the newest revision, load the seed corpus into an empty database "
        "(CITEGRAPH_SEED_ON_START), then serve the API with uvicorn: GraphQL and GraphiQL at /graphql, the "
        "exports at /export/citegraph.jsonld and /export/csv.zip, a health check at /healthz. Every setting is read "
        "from the environment (README: Settings, Limits).",
        every_setting(),
    )
    serve.add_argument("--host", default="127.0.0.1", help="the address to listen on (0.0.0.0: every interface)")
    serve.add_argument("--port", type=int, default=8000, help="the TCP port to listen on")
    serve.add_argument(
        "--workers",
        type=positive_int,
        default=1,
        help="worker processes, each accepting connections on a socket of its own (Linux spreads connections over "
        "them); on SQLite, a subscriber hears another worker's writes at its next read of the log (2 s)",
    )
    serve.add_argument(
        "--no-access-log",
        dest="access_log",
        action="store_false",
        help="do not log a line per request (uvicorn's access log)",
    )
    seed = command(
        "seed",
        "verify and load fact files (default: the seed corpus)",
        "Verify every quote of the fact files against its source text and load them in one transaction, replacing "
        "changed rows in place; loading again changes nothing. A problem refuses the whole load (exit 1) and "
        "names every problem. Progress, in rows written, on stderr when it is a terminal.",
    )
    seed.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="fact files (YAML); none: every seeds/*.yaml", default=None
    )
    ingest = command(
        "ingest",
        "add the facts of fact files (all or nothing); a fact given another value is kept as a dispute",
        "Add the facts of fact files as the API's `ingest` does: all files in one transaction, every quote "
        "verified, a stored fact given another value kept beside it as a rival (a dispute). Progress, in rows "
        "written, on stderr when it is a terminal; then a summary.",
    )
    ingest.add_argument("paths", nargs="+", type=Path, metavar="FILE", help="fact files (YAML)")
    ingest.add_argument("--actor", default="cli", help="the name recorded with the write, in the change log")
    command(
        "check",
        "re-verify every citation and report fact fields without one",
        "Re-verify every stored citation against its source text and every source against its sha256, and list "
        "every fact field without a citation; exit 1 with the list.",
    )
    command(
        "export-schema",
        "print the GraphQL SDL",
        "Print the GraphQL schema (SDL) on stdout; it opens no database.",
        (),
    )
    export = command(
        "export",
        "write the database as a JSON Lines dump (default), CSV files or JSON-LD",
        "Write the whole database from one snapshot. jsonl: the dump `citegraph import` loads (tokens excepted), "
        "to move a database or keep a backup. csv: one file per kind of row (persons.csv, casualties.csv, ...) "
        "with each fact's sources, quotes and citations, plus sources.csv, citations.csv and other_values.csv "
        "(disputes and corrections), into a folder or a .zip. jsonld: JSON-LD in which every citation is a W3C Web "
        "Annotation with PROV attribution. Progress, in rows, on stderr when it is a terminal.",
    )
    export.add_argument("--format", choices=FORMATS, default="jsonl", help="what to write")
    export.add_argument(
        "--out",
        type=Path,
        metavar="PATH",
        help="jsonl, jsonld: the file (none: stdout); csv (required): a folder, made if missing, or a FILE.zip",
    )
    cli_propose.add_arguments(
        command(
            "propose",
            "propose candidate facts of a text file, as YAML to review",
            "Read a source text and print the facts it may hold, as YAML close to the fact-file format: mentions "
            "of persons, organizations and places (linked by name or alias to those of the --known fact files), "
            "counts, dates (resolved against --date or the text's dateline), attributions, charges and pleas, each "
            "with its quote, offsets and a confidence. Nothing is written; it opens no database.",
            (),
        )
    )
    load = command(
        "import",
        "load a dump into an empty database (all or nothing)",
        "Load a `citegraph export` dump (JSON Lines) into an empty database in one transaction, then rebuild the "
        "search index; a line at fault refuses the whole dump (exit 1) naming it. Progress, in rows, on stderr "
        "when it is a terminal.",
    )
    load.add_argument("path", metavar="FILE", help="the dump; - reads stdin")
    token = command(
        "token",
        "create, list and revoke API tokens for writes",
        "Manage the API's write tokens, stored in the database (only their SHA-256).",
    )
    actions = token.add_subparsers(dest="action", required=True, metavar="ACTION")

    def action(name: str, summary: str, description: str) -> Parser:
        return actions.add_parser(
            name, help=summary, description=described(description), epilog=environment(), formatter_class=HelpFormatter
        )

    create = action("create", "create a token and print it (once)", "Create a write token and print it, once.")
    create.add_argument("--name", required=True, help="who writes with it; recorded with every write")
    create.add_argument("--role", required=True, choices=["editor", "admin"], help="admins may also retract sources")
    action("list", "list tokens (names, roles, states; never the secrets)", "List tokens: names, roles, states.")
    revoke = action("revoke", "revoke a token by name", "Revoke a token by name: its writes are refused from now on.")
    revoke.add_argument("name", help="the token's name")
    db_cli.add_commands(
        command(
            "db",
            "the schema's migrations: upgrade, current, check, revision",
            "The database schema's migrations (Alembic, run in-process on CITEGRAPH_DATABASE_URL).",
        )
    )
    return root


def main(argv: Sequence[str] | None = None) -> int:
    root = parser()
    args = root.parse_args(argv)
    if args.command == "export" and args.format == "csv" and args.out is None:
        root.error("export --format csv writes files: give --out DIR or --out FILE.zip")
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
        return asyncio.run(cli_export.export(args.format, args.out))
    if args.command == "import":
        return asyncio.run(cli_export.import_dump(args.path))
    if args.command == "propose":
        return cli_propose.run(args)
    return _export_schema()


if __name__ == "__main__":
    sys.exit(main())
