"""The full-text index over fact values, citation quotes and source texts: SQLite FTS5, or on PostgreSQL a
table with a generated tsvector (text search configuration `citegraph`: `simple` after `unaccent`) and a GIN
index. The migrations create it (db/migrations/versions); autogenerate leaves it out of its comparison.

It is derived data: `rebuild_search_index` recreates it from the tables and `index_added` adds the rows
a write added; loads call one of them in their own transaction, so a search never sees facts the tables
do not hold.
"""

from sqlalchemy import Connection, bindparam, text

SEARCH_TABLE = "search_index"

TEXT_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("person", "name", "name"),
    ("organization", "name", "name"),
    ("place", "name", "name"),
    ("alias", "record", "name"),
    ("event", "title", "title"),
    ("event", "description", "description"),
    ("casualty", "description", "description"),
    ("legal_proceeding", "title", "title"),
    ("charge", "offence", "offence"),
    ("hearing", "kind", "kind"),
    ("demand", "summary", "summary"),
    ("demand_term", "record", "term"),
    ("membership", "record", "role"),
    ("event_participant", "record", "role"),
    ("casualty_rank", "record", "rank"),
)
"""(table, cited field, column) of every free-text fact value that search covers."""


SEARCH_CONFIGURATION = "citegraph"
"""PostgreSQL's text search configuration for the index: words lowercased and stripped of accents."""

SEARCH_BACKENDS = ("sqlite", "postgresql")


def supports_search(connection: Connection) -> bool:
    return connection.dialect.name in SEARCH_BACKENDS


def rebuild_search_index(connection: Connection) -> None:
    """Replace the index's content with what the tables hold now."""
    if not supports_search(connection):
        return
    connection.execute(text(f"DELETE FROM {SEARCH_TABLE}"))
    for table, field, column in TEXT_FIELDS:
        connection.execute(
            text(
                f"INSERT INTO {SEARCH_TABLE} (body, kind, entity_type, entity_id, field) "
                f"SELECT {column}, 'value', '{table}', id, '{field}' FROM {table} WHERE {column} IS NOT NULL"
            )
        )
    connection.execute(
        text(
            f"INSERT INTO {SEARCH_TABLE} (body, kind, entity_type, entity_id, field) "
            "SELECT quote, 'citation', 'citation', id, 'quote' FROM citation"
        )
    )
    connection.execute(
        text(
            f"INSERT INTO {SEARCH_TABLE} (body, kind, entity_type, entity_id, field) "
            "SELECT text, 'source', 'source', id, 'text' FROM source"
        )
    )


def index_added(connection: Connection, added: dict[str, list[str]]) -> None:
    """Index the rows a write added (ids by table), reading only those rows."""
    if not supports_search(connection):
        return
    sources = [(table, field, column, "value") for table, field, column in TEXT_FIELDS]
    sources += [("citation", "quote", "quote", "citation"), ("source", "text", "text", "source")]
    for table, field, column, kind in sources:
        ids = added.get(table)
        if not ids:
            continue
        statement = text(
            f"INSERT INTO {SEARCH_TABLE} (body, kind, entity_type, entity_id, field) "
            f"SELECT {column}, '{kind}', '{table}', id, '{field}' FROM {table} "
            f"WHERE {column} IS NOT NULL AND id IN :ids"
        ).bindparams(bindparam("ids", expanding=True))
        for at in range(0, len(ids), CHUNK):
            connection.execute(statement, {"ids": ids[at : at + CHUNK]})


CHUNK = 500
"""Ids per statement, well under every backend's limit on bound parameters."""


def reindex_row(connection: Connection, table: str, row_id: str) -> None:
    """Index a row's fact values anew (after a value it holds changed)."""
    if not supports_search(connection):
        return
    connection.execute(
        text(f"DELETE FROM {SEARCH_TABLE} WHERE kind = 'value' AND entity_type = :table AND entity_id = :id"),
        {"table": table, "id": row_id},
    )
    index_added(connection, {table: [row_id]})


def search_index_is_empty(connection: Connection) -> bool:
    if not supports_search(connection):
        return False
    return connection.execute(text(f"SELECT count(*) FROM {SEARCH_TABLE}")).scalar() == 0
