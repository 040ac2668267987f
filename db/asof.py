"""Reads as the database stood at a past moment.

On SQLite a connection of its own gets temporary views named like the tables they stand for (SQLite
resolves an unqualified name to the temporary schema first); on PostgreSQL the same views live in the
schema AS_OF_SCHEMA, put first on the request's `search_path`. Either way every read statement of the API
(filters, sort keys, pages, totals, evidence) runs unchanged against the past. What the views rebuild,
from the change log, `fact_citation.added_at` and `fact_value`:

- a row exists once the write that added it is logged (`change`, kind ADDED) at or before the moment;
- a field a later correction or rank swap closed shows the value it held then (SUPERSEDED `fact_value`
  whose `[recorded_at, closed_at)` holds the moment), with the citations it had, derived columns included;
- citations link to a value only from the write that added them; rivals appear once recorded, a rival
  later ranked preferred (PROMOTED) is a rival until then; history holds what was closed by then;
- a source is withdrawn only from its withdrawal on; the change feed ends at the moment.

- a rival's rank is the one it had then (`rank_change` keeps each rank a `rankValue` replaced).
- judgements exist from when they were made and are open until closed; redirects (merges) stand while open.

Not rebuilt: the full-text index (a search matches today's text, then drops what did not exist yet).
"""

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from functools import cache
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncConnection

from db.derived import DERIVED_FROM
from db.sqlite import READ_BUSY_TIMEOUT
from db.tables import FACT_TABLES, Change, Citation, FactCitation, FactValue, Judgement, Redirect, Source

MOMENT_KEY = "citegraph_as_of"
MOMENT = f"{MOMENT_KEY}()"
"""The SQL function the views read the moment from (set per request with `at_moment`)."""
SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"
"""How SQLAlchemy stores a datetime in SQLite, so the moment compares with stored times as text."""


class AsOfUnavailable(RuntimeError):
    """The database cannot answer `asOf` reads (a backend or an in-memory database without the views)."""


@dataclass
class Moment:
    """The moment one connection's views stand at, as SQLite stores datetimes (UTC)."""

    text: str | None = None

    def __call__(self) -> str | None:
        return self.text


def stored_moment(moment: dt.datetime) -> str:
    """`moment` in UTC as SQLite stores datetimes; a naive moment is taken as UTC."""
    utc = moment.astimezone(dt.UTC) if moment.tzinfo else moment
    return utc.strftime(SQLITE_DATETIME)


def _added(table: str, alias: str) -> str:
    return (
        f"EXISTS (SELECT 1 FROM main.change AS c WHERE c.entity_type = '{table}' AND c.entity_id = {alias}.id "
        f"AND c.kind = 'ADDED' AND c.at <= {MOMENT})"
    )


def _held(table: str, field: str) -> str:
    return (
        f"(SELECT h.value FROM main.fact_value AS h WHERE h.entity_type = '{table}' AND h.entity_id = t.id "
        f"AND h.field = '{field}' AND h.status = 'SUPERSEDED' AND h.recorded_at <= {MOMENT} "
        f"AND h.closed_at > {MOMENT} LIMIT 1)"
    )


def _fact_view(model: Any) -> str:
    table = model.__table__
    name = str(table.name)
    held_of: dict[str, str] = {}
    held: list[str] = []
    for number, (field, columns) in enumerate(sorted(model.__fact_fields__.items())):
        if not columns:
            continue
        alias = f"_held_{number}"
        held.append(f"{_held(name, field)} AS {alias}")
        for column in columns:
            held_of[column] = alias
        for derived, sources in DERIVED_FROM.items():
            if derived in table.c and set(sources) & set(columns):
                held_of[derived] = alias
    selected = []
    for column in table.columns:
        source = held_of.get(column.name)
        if source is None:
            selected.append(f"t.{column.name}")
        else:
            selected.append(f"{HELD_VALUE} AS {column.name}".format(held=f"t.{source}", column=column.name))
    inner = ", ".join(["t.*", *held])
    return (
        f"CREATE TEMP VIEW {name} AS SELECT {', '.join(selected)} "
        f"FROM (SELECT {inner} FROM main.{name} AS t WHERE {_added(name, 't')}) AS t"
    )


def _view(model: Any, replaced: dict[str, str], rest: str) -> str:
    """A view named like `model`'s table over `main.<table> AS t`, some columns `replaced` by expressions."""
    table = model.__table__
    columns = ", ".join(f"{replaced.get(c.name, f't.{c.name}')} AS {c.name}" for c in table.columns)
    return f"CREATE TEMP VIEW {table.name} AS SELECT {columns} FROM main.{table.name} AS t {rest}"


def _sources_view() -> str:
    withdrawn = {
        name: f"CASE WHEN t.withdrawn_at <= {MOMENT} THEN t.{name} END"
        for name in ("withdrawn_at", "withdrawn_by", "withdrawn_reason")
    }
    return _view(Source, withdrawn, f"WHERE {_added('source', 't')}")


def _citations_view() -> str:
    return _view(Citation, {}, f"WHERE {_added('citation', 't')}")


def _opened(alias: str) -> str:
    return f"COALESCE({alias}.opened_at, {alias}.recorded_at) <= {MOMENT}"


def _values_view() -> str:
    promoted = {
        "status": "CASE WHEN t.status = 'PROMOTED' THEN 'ALTERNATIVE' ELSE t.status END",
        "closed_at": "CASE WHEN t.status = 'PROMOTED' THEN NULL ELSE t.closed_at END",
        "closed_by": "CASE WHEN t.status = 'PROMOTED' THEN NULL ELSE t.closed_by END",
        "rank": f"COALESCE((SELECT r.previous FROM main.rank_change AS r WHERE r.value_id = t.id AND r.at > {MOMENT} "
        "ORDER BY r.at, r.id LIMIT 1), t.rank)",
    }
    standing = (
        f"CASE t.status WHEN 'SUPERSEDED' THEN t.closed_at <= {MOMENT} "
        f"WHEN 'PROMOTED' THEN {_opened('t')} AND t.closed_at > {MOMENT} ELSE {_opened('t')} END"
    )
    return _view(FactValue, promoted, f"WHERE {standing}")


def _links_view() -> str:
    held = f"v.status = 'SUPERSEDED' AND v.closed_at > {MOMENT}"
    superseded_then = (
        "SELECT 1 FROM main.fact_value AS h WHERE h.entity_type = t.entity_type AND h.entity_id = t.entity_id "
        f"AND h.field = t.field AND h.status = 'SUPERSEDED' AND h.recorded_at <= {MOMENT} AND h.closed_at > {MOMENT}"
    )
    visible = (
        f"CASE WHEN t.value_id IS NULL THEN NOT EXISTS ({superseded_then}) "
        f"WHEN v.status = 'SUPERSEDED' THEN v.recorded_at <= {MOMENT} "
        f"WHEN v.status = 'PROMOTED' THEN {_opened('v')} AND v.closed_at > {MOMENT} ELSE {_opened('v')} END"
    )
    return _view(
        FactCitation,
        {"value_id": f"CASE WHEN {held} THEN NULL ELSE t.value_id END"},
        f"LEFT JOIN main.fact_value AS v ON v.id = t.value_id WHERE t.added_at <= {MOMENT} AND {visible}",
    )


def _changes_view() -> str:
    return _view(Change, {}, f"WHERE t.at <= {MOMENT}")


def _judgements_view() -> str:
    names = ("closed_at", "closed_by", "closed_reason")
    closed = {name: f"CASE WHEN t.closed_at <= {MOMENT} THEN t.{name} END" for name in names}
    return _view(Judgement, closed, f"WHERE t.judged_at <= {MOMENT}")


def _redirects_view() -> str:
    standing = f"t.opened_at <= {MOMENT} AND (t.closed_at IS NULL OR t.closed_at > {MOMENT})"
    closed = {"closed_at": f"CASE WHEN t.closed_at <= {MOMENT} THEN t.closed_at END"}
    return _view(Redirect, closed, f"WHERE {standing}")


HELD_VALUE = (
    "CASE WHEN json_type({held}, '$.{column}') IS NOT NULL THEN json_extract({held}, '$.{column}') ELSE t.{column} END"
)
"""A column of a fact view: its value in the JSON of the value then held (`{held}`), else the row's own."""

AS_OF_SCHEMA = "citegraph_asof"
"""PostgreSQL: the schema holding the views; a request reads through it by putting it first on its
`search_path` (transaction-local, with the moment in the `citegraph.as_of` setting)."""
POSTGRES_MOMENT = "current_setting('citegraph.as_of', true)::timestamp"
POSTGRES = postgresql.dialect()  # type: ignore[no-untyped-call]


@cache
def view_statements(dialect: str = "sqlite") -> tuple[str, ...]:
    """The DDL of every view, in the order it must run: SQLite's temporary views, or PostgreSQL's views in
    AS_OF_SCHEMA (the same SQL, but for the JSON of held values, the moment and the schema names)."""
    facts = tuple(_fact_view(model) for model in FACT_TABLES.values())
    statements = (
        *facts,
        _sources_view(),
        _citations_view(),
        _values_view(),
        _links_view(),
        _changes_view(),
        _judgements_view(),
        _redirects_view(),
    )
    if dialect == "sqlite":
        return statements
    if dialect != "postgresql":
        raise AsOfUnavailable(f"asOf is not available on {dialect}")
    typed = [_postgres_types(statement, model) for statement, model in zip(facts, FACT_TABLES.values(), strict=True)]
    converted = [
        statement.replace("CREATE TEMP VIEW ", f"CREATE OR REPLACE VIEW {AS_OF_SCHEMA}.")
        .replace("main.", "public.")
        .replace(MOMENT, POSTGRES_MOMENT)
        for statement in (*typed, *statements[len(facts) :])
    ]
    return (f"CREATE SCHEMA IF NOT EXISTS {AS_OF_SCHEMA}", *converted)


def _postgres_types(statement: str, model: Any) -> str:
    """A fact view's HELD_VALUEs in PostgreSQL's form: read as jsonb, cast to each column's type."""
    for column in model.__table__.columns:
        statement = _replace_held(statement, column.name, column.type.compile(dialect=POSTGRES))
    return statement


def _replace_held(statement: str, column: str, kind: str) -> str:
    """PostgreSQL's form of every HELD_VALUE of `column` in `statement`: jsonb, and a cast to its type."""
    pattern = re.compile(re.escape(HELD_VALUE.format(held="HELD", column=column)).replace("HELD", r"(t\._held_\d+)"))
    return pattern.sub(
        lambda m: (
            f"CASE WHEN ({m[1]})::jsonb -> '{column}' IS NOT NULL THEN (({m[1]})::jsonb ->> '{column}')::{kind} "
            f"ELSE t.{column} END"
        ),
        statement,
    )


def _install_views(dbapi_connection: Any, record: Any) -> None:
    moment = record.info[MOMENT_KEY] = Moment()
    dbapi_connection.create_function(MOMENT_KEY, 0, moment)
    cursor = dbapi_connection.cursor()
    for statement in view_statements():
        cursor.execute(statement)
    cursor.close()


AS_OF_ENGINES: "WeakKeyDictionary[Engine, Engine]" = WeakKeyDictionary()


def as_of_engine(read_engine: Engine) -> Engine:
    """The engine, on the same database as `read_engine`, whose every connection has the views (creating
    them takes ~5 ms, so its connections are pooled like the read engine's, and like them wait for a lock only
    READ_BUSY_TIMEOUT); disposed with `read_engine`."""
    found = AS_OF_ENGINES.get(read_engine)
    if found is None:
        if read_engine.url.database in (None, "", ":memory:"):
            raise AsOfUnavailable("asOf needs a database file: an in-memory database has no second connection")
        busy = {"timeout": READ_BUSY_TIMEOUT}
        engine = create_engine(read_engine.url, pool_size=4, max_overflow=-1, connect_args=busy)
        AS_OF_ENGINES[read_engine] = engine
        event.listen(engine, "connect", _install_views)
        event.listen(read_engine, "engine_disposed", lambda _disposed: engine.dispose())
        found = engine
    return found


def create_views(connection: Connection) -> None:
    """PostgreSQL: make the views of AS_OF_SCHEMA as this code defines them, unless every one already is (the
    schema's comment holds a digest of their DDL; creating them takes ~150 ms). SQLite makes its own per
    connection."""
    if connection.dialect.name != "postgresql":
        return
    statements = view_statements("postgresql")
    digest = hashlib.sha256("\n".join(statements).encode()).hexdigest()[:16]
    found = connection.execute(VIEWS_MADE, {"schema": AS_OF_SCHEMA}).one()
    if tuple(found) == (digest, len(statements) - 1):
        return
    drop_views(connection)
    for statement in statements:
        connection.exec_driver_sql(statement)
    connection.exec_driver_sql(f"COMMENT ON SCHEMA {AS_OF_SCHEMA} IS '{digest}'")


VIEWS_MADE = text(
    "SELECT (SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = :schema), "
    "(SELECT count(*) FROM pg_views WHERE schemaname = :schema)"
)
"""PostgreSQL: the digest the views were made from, and how many of them there are."""


def drop_views(connection: Connection) -> None:
    """PostgreSQL: drop AS_OF_SCHEMA and its views, so that a migration can alter the tables they read."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"DROP SCHEMA IF EXISTS {AS_OF_SCHEMA} CASCADE")


AS_OF_SETTINGS = text(
    f"SELECT set_config('search_path', '{AS_OF_SCHEMA}, public', true), set_config('citegraph.as_of', :moment, true)"
)
"""PostgreSQL: read through the views at a moment, until the connection's transaction ends."""


async def read_at(connection: AsyncConnection, moment: dt.datetime) -> None:
    """Point a PostgreSQL connection's reads at `moment` (transaction-local: gone when it returns to the pool)."""
    await connection.execute(AS_OF_SETTINGS, {"moment": stored_moment(moment)})


def at_moment(connection: Any, moment: dt.datetime) -> None:
    """Point the views of `connection` (from `as_of_engine`) at `moment`."""
    connection.info[MOMENT_KEY].text = stored_moment(moment)
