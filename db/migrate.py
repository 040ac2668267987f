"""The schema's Alembic revisions (db/migrations/versions), run in-process on a connection the caller holds:
the only way a schema is created or changed. Also the database's revision, and how it differs from the models.

Derived objects are handled outside autogenerate: the full-text index is created by the initial revision and
ignored when comparing (`include_name`); PostgreSQL's asOf views (db/asof.py) are dropped before any revision
runs, so a migration never meets them, and made from the models whenever an upgrade ends at head (unless they
already stand as the code defines them).
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.autogenerate.api import AutogenContext
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, TypeDecorator, inspect
from sqlmodel import SQLModel

import db.tables  # noqa: F401  (registers every table on SQLModel.metadata)
from db.asof import create_views, drop_views
from db.search import SEARCH_TABLE

MIGRATIONS = Path(__file__).with_name("migrations")
CONNECTION = "connection"
"""The key of `Config.attributes` under which db/migrations/env.py finds the connection to migrate."""


class OutdatedSchema(RuntimeError):
    """The database holds citegraph's tables but no revision: an older citegraph made it, before migrations."""


class UnknownRevision(RuntimeError):
    """The database is at a revision this citegraph does not have: a newer one migrated it."""


@dataclass(frozen=True)
class Revision:
    """Where a database stands: its revision (None for an empty database) and the code's newest."""

    current: str | None
    head: str

    @property
    def at_head(self) -> bool:
        return self.current == self.head


HOOKS = "post_write_hooks"


def alembic_config(connection: Connection) -> Config:
    """Alembic's configuration, built here rather than read from an alembic.ini."""
    config = Config(attributes={CONNECTION: connection})
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("file_template", "%%(year)d_%%(month).2d_%%(day).2d_%%(rev)s_%%(slug)s")
    hooks = {"ruff_format": "format REVISION_SCRIPT_FILENAME", "ruff_fix": "check --fix REVISION_SCRIPT_FILENAME"}
    config.set_section_option(HOOKS, "hooks", ", ".join(hooks))
    for hook, options in hooks.items():
        for key, value in (("type", "module"), ("module", "ruff"), ("options", options)):
            config.set_section_option(HOOKS, f"{hook}.{key}", value)
    return config


@cache
def scripts() -> ScriptDirectory:
    """The revisions, read once a process (Alembic compiles each file anew every time it reads it)."""
    return ScriptDirectory(str(MIGRATIONS))


def head() -> str:
    revision = scripts().get_current_head()
    assert revision is not None, f"no revision in {MIGRATIONS}"
    return revision


def include_name(name: str | None, type_: str, _parents: Any) -> bool:
    """Autogenerate compares the models' tables only: not the full-text index (on SQLite a virtual table and
    its shadow tables `search_index_*`)."""
    derived = name is not None and (name == SEARCH_TABLE or name.startswith(f"{SEARCH_TABLE}_"))
    return not (type_ == "table" and derived)


def render_item(type_: str, item: Any, _context: AutogenContext) -> str | bool:
    """sqlmodel's column types (AutoString, UTCDateTime) written as the plain SQLAlchemy types they decorate,
    so revisions do not import sqlmodel."""
    if type_ == "type" and isinstance(item, TypeDecorator) and type(item).__module__.startswith("sqlmodel."):
        return f"sa.{item.impl!r}"
    return False


def comparison_options(connection: Connection) -> dict[str, Any]:
    """How env.py configures Alembic, and `differences` compares: batch operations on SQLite (it cannot alter
    most of a table in place), and the filter and rendering above."""
    return {
        "render_as_batch": connection.dialect.name == "sqlite",
        "include_name": include_name,
        "render_item": render_item,
        "compare_type": True,
    }


def current(connection: Connection) -> Revision:
    """The database's revision; UnknownRevision when the code does not have it."""
    found = MigrationContext.configure(connection).get_current_revision()
    newest = head()
    if found is not None and found not in {script.revision for script in scripts().walk_revisions()}:
        raise UnknownRevision(
            f"the database is at revision {found}, which this citegraph does not know (its newest is {newest}): "
            "a newer citegraph migrated it; run that version"
        )
    return Revision(found, newest)


def refuse_unversioned(connection: Connection) -> None:
    """OutdatedSchema when the database holds citegraph's tables without a revision: its schema is unknown,
    and it is never stamped as if it matched one."""
    tables = set(inspect(connection).get_table_names())
    if "alembic_version" in tables or not tables & set(SQLModel.metadata.tables):
        return
    raise OutdatedSchema(
        "the database holds citegraph tables but no schema revision (no alembic_version table): an older "
        "citegraph made it, before its migrations. Start from an empty database (for the default one: make clean) "
        "and load the facts again"
    )


def upgrade(connection: Connection, revision: str = "head") -> Revision:
    """Run every revision up to `revision` in the connection's transaction; where the database now stands."""
    return _migrate(connection, command.upgrade, revision)


def downgrade(connection: Connection, revision: str) -> Revision:
    """Undo the revisions above `revision` ("base": all of them); the asOf views come back only at head."""
    return _migrate(connection, command.downgrade, revision)


def _migrate(connection: Connection, step: Callable[[Config, str], None], revision: str) -> Revision:
    refuse_unversioned(connection)
    before = current(connection)  # UnknownRevision before anything changes
    if not (step is command.upgrade and revision == "head" and before.at_head):  # else Alembic would run nothing
        _begin_driver_transaction(connection)
        drop_views(connection)
        step(alembic_config(connection), revision)
    now = current(connection)
    if now.at_head:
        create_views(connection)
    return now


def _begin_driver_transaction(connection: Connection) -> None:
    """SQLite: open the driver's transaction before the DDL (Python's sqlite3 runs DDL outside one), so that a
    migration is all or nothing there too; it also commits once rather than once a statement."""
    driver: Any = connection.connection.driver_connection  # sqlite3's or aiosqlite's: both tell in_transaction
    if connection.dialect.name == "sqlite" and not driver.in_transaction:
        connection.exec_driver_sql("BEGIN")


def differences(connection: Connection) -> list[Any]:
    """What autogenerate would write to bring the database to the models (empty when they match), as
    `alembic check` compares them."""
    opts = {"target_metadata": SQLModel.metadata, **comparison_options(connection)}
    return list(compare_metadata(MigrationContext.configure(connection, opts=opts), SQLModel.metadata))


def new_revision(connection: Connection, message: str) -> str:
    """Autogenerate a revision from what the models have and the database (at head) lacks; its file's path."""
    written = command.revision(alembic_config(connection), message=message, autogenerate=True)
    assert not isinstance(written, list) and written is not None
    return str(written.path)
