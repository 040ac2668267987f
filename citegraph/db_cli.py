"""`citegraph db`: the schema's migrations on the settings' database (CITEGRAPH_DATABASE_URL): upgrade,
current, check, and (for developers) revision."""

import argparse
import sys
from typing import TYPE_CHECKING

from citegraph.cli_database import open_engine
from citegraph.cli_help import HelpFormatter, described, environment

if TYPE_CHECKING:  # the commands import Alembic and the models only when they run
    from sqlalchemy import Connection

    from db.migrate import Revision


def add_commands(db: argparse.ArgumentParser) -> None:
    actions = db.add_subparsers(dest="action", required=True, metavar="ACTION")

    def action(name: str, summary: str, description: str) -> argparse.ArgumentParser:
        return actions.add_parser(
            name, help=summary, description=described(description), epilog=environment(), formatter_class=HelpFormatter
        )

    upgrade = action(
        "upgrade",
        "run the migrations up to a revision (default: the newest)",
        "Run the migrations up to a revision in one transaction (on SQLite too): an upgrade that fails leaves the "
        "database as it was. Says from where to where, or that it was already there.",
    )
    upgrade.add_argument("--revision", default="head", help="the revision to reach")
    action(
        "current",
        "print the database's revision; exit status 1 unless it is the newest",
        "Print the database's revision, `(head)` when it is the newest; exit status 1 when it is not.",
    )
    action(
        "check",
        "compare the database with the models; exit status 1 if they differ",
        "Compare the database with the models as `alembic check` does; exit status 1 listing the differences.",
    )
    revision = action(
        "revision",
        "write a new revision from what the models have and the database (at head) lacks",
        "(Developers) write a new revision file from what the models have and the database, at head, lacks; "
        "review it before committing it (README: Schema migrations).",
    )
    revision.add_argument("-m", "--message", required=True, help="what the revision changes, in a few words")


async def run(args: argparse.Namespace) -> int:
    from alembic.util import CommandError

    from db.migrate import OutdatedSchema, UnknownRevision
    from db.writes import write_connection

    actions = {"upgrade": _upgrade, "current": _current, "check": _check, "revision": _revision}
    engine = await open_engine()
    try:
        async with write_connection(engine) if args.action == "upgrade" else engine.begin() as conn:
            return await conn.run_sync(actions[args.action], args)
    except (OutdatedSchema, UnknownRevision, CommandError) as exc:
        print(f"db {args.action}: {exc}", file=sys.stderr)
        return 1
    finally:
        await engine.dispose()


def _upgrade(connection: "Connection", args: argparse.Namespace) -> int:
    from db.migrate import current, upgrade

    before = current(connection)
    after = upgrade(connection, args.revision)
    if after.current == before.current:
        print(f"already at {_describe(after)}")
    else:
        print(f"upgraded from {before.current or 'an empty database'} to {_describe(after)}")
    return 0


def _current(connection: "Connection", _args: argparse.Namespace) -> int:
    from db.migrate import current, refuse_unversioned

    refuse_unversioned(connection)
    state = current(connection)
    print(_describe(state))
    return 0 if state.at_head else 1


def _check(connection: "Connection", _args: argparse.Namespace) -> int:
    from db.migrate import current, differences

    found = differences(connection)
    if found:
        print(f"db check: the database differs from the models ({len(found)} difference(s)):", file=sys.stderr)
        for difference in found:
            print(f"  {difference}", file=sys.stderr)
        return 1
    print(f"db check passed: the database matches the models ({_describe(current(connection))})")
    return 0


def _revision(connection: "Connection", args: argparse.Namespace) -> int:
    from db.migrate import new_revision

    path = new_revision(connection, args.message)
    print(f"wrote {path}: review it (see README, Schema migrations) before committing it")
    return 0


def _describe(state: "Revision") -> str:
    if state.at_head:
        return f"{state.current} (head)"
    where = state.current or "no revision (an empty database)"
    return f"{where}; the newest is {state.head}: run `citegraph db upgrade`"
