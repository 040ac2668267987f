"""The full-text index over fact values, citation quotes and source texts: SQLite FTS5, or on PostgreSQL a
table with a generated tsvector (text search configuration `citegraph`: `simple` after `unaccent`) and a GIN
index.

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

CREATE_INDEX = {
    "sqlite": [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {SEARCH_TABLE} USING fts5("
        "body, kind UNINDEXED, entity_type UNINDEXED, entity_id UNINDEXED, field UNINDEXED, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    ],
    "postgresql": [
        "CREATE EXTENSION IF NOT EXISTS unaccent",
        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'citegraph') THEN "
        f"CREATE TEXT SEARCH CONFIGURATION {SEARCH_CONFIGURATION} (COPY = simple); "
        f"ALTER TEXT SEARCH CONFIGURATION {SEARCH_CONFIGURATION} "
        "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple; END IF; END $$",
        f"CREATE TABLE IF NOT EXISTS {SEARCH_TABLE} (body text NOT NULL, kind text NOT NULL, "
        "entity_type text NOT NULL, entity_id text NOT NULL, field text NOT NULL, "
        f"document tsvector GENERATED ALWAYS AS (to_tsvector('{SEARCH_CONFIGURATION}', body)) STORED)",
        f"CREATE INDEX IF NOT EXISTS ix_search_document ON {SEARCH_TABLE} USING gin (document)",
        f"CREATE INDEX IF NOT EXISTS ix_search_row ON {SEARCH_TABLE} (kind, entity_type, entity_id)",
    ],
}
"""The statements creating the index, per backend (the PostgreSQL ones need the `unaccent` extension,
shipped with the server; creating it needs a superuser or the database's owner on PostgreSQL 13+)."""


def supports_search(connection: Connection) -> bool:
    return connection.dialect.name in CREATE_INDEX


def create_search_index(connection: Connection) -> None:
    """Create the index if missing."""
    for statement in CREATE_INDEX.get(connection.dialect.name, []):
        connection.execute(text(statement))


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
