"""Full-text search over the index: ranked hits with a highlighted snippet each."""

import re
from dataclasses import dataclass
from typing import cast

from sqlalchemy import text

from db.search import SEARCH_CONFIGURATION, SEARCH_TABLE
from resolvers.reads import Reads

HIGHLIGHT = ("<mark>", "</mark>")
WORD = re.compile(r"\w+", re.UNICODE)


class SearchUnavailable(RuntimeError):
    """The database backend has no full-text index yet."""


@dataclass(frozen=True)
class Hit:
    kind: str
    entity_type: str
    entity_id: str
    field: str
    snippet: str


def fts_query(words: str) -> str | None:
    """Every word must match, as a prefix ("helicop" finds "helicopter"); FTS syntax in the input is inert."""
    tokens = WORD.findall(words)
    return " ".join(f'"{token}"*' for token in tokens) or None


def tsquery(words: str) -> str | None:
    """The PostgreSQL form of `fts_query`: every word as a prefix; only word characters reach the query."""
    tokens = WORD.findall(words)
    return " & ".join(f"'{token}':*" for token in tokens) or None


HIGHLIGHT_OPTIONS = (
    f"StartSel={HIGHLIGHT[0]}, StopSel={HIGHLIGHT[1]}, MaxWords=16, MinWords=4, ShortWord=0, "
    "MaxFragments=1, FragmentDelimiter=…"
)
SEARCHES = {
    "sqlite": (
        fts_query,
        f"SELECT kind, entity_type, entity_id, field, snippet({SEARCH_TABLE}, 0, :open, :close, '…', 16) "
        f"FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH :query AND kind = :kind "
        "ORDER BY rank, entity_id, entity_type, field LIMIT :limit",
    ),
    "postgresql": (
        tsquery,
        f"SELECT kind, entity_type, entity_id, field, ts_headline('{SEARCH_CONFIGURATION}', body, q, :options) "
        f"FROM {SEARCH_TABLE}, to_tsquery('{SEARCH_CONFIGURATION}', :query) AS q "
        "WHERE document @@ q AND kind = :kind "
        "ORDER BY ts_rank(document, q, 1) DESC, entity_id, entity_type, field LIMIT :limit",
    ),
}
"""Per backend: how the words become a query, and the statement finding the best hits with a snippet; ties
in rank go by entity id, table and field, so that an answer does not depend on the index's row order (on
PostgreSQL the rank is divided by 1 + log(length), so that a title outranks a long text it ties with)."""


async def search_index(reads: Reads, words: str, kind: str, limit: int) -> list[Hit]:
    """The best `limit` hits of one kind ("value", "citation" or "source"), best first."""
    async with reads.connection() as session:
        found = SEARCHES.get(session.dialect.name)
        if found is None:
            raise SearchUnavailable("full-text search is not available on this database backend yet")
        make_query, statement = found
        query = make_query(words)
        if query is None or limit <= 0:
            return []
        parameters = {"open": HIGHLIGHT[0], "close": HIGHLIGHT[1], "options": HIGHLIGHT_OPTIONS}
        rows = await session.execute(text(statement), {**parameters, "query": query, "kind": kind, "limit": limit})
        return [Hit(*cast(tuple[str, str, str, str, str], tuple(row))) for row in rows]
