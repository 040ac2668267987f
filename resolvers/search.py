"""Full-text search over the index: ranked hits with a highlighted snippet each."""

import re
from dataclasses import dataclass
from typing import cast

from sqlalchemy import text

from db.search import SEARCH_TABLE
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


async def search_index(reads: Reads, words: str, kind: str, limit: int) -> list[Hit]:
    """The best `limit` hits of one kind ("value", "citation" or "source"), best first."""
    query = fts_query(words)
    if query is None or limit <= 0:
        return []
    async with reads.connection() as session:
        if session.dialect.name != "sqlite":
            raise SearchUnavailable("full-text search is not available on this database backend yet")
        rows = await session.execute(
            text(
                f"SELECT kind, entity_type, entity_id, field, "
                f"snippet({SEARCH_TABLE}, 0, :open, :close, '…', 16) "
                f"FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH :query AND kind = :kind "
                "ORDER BY rank, entity_id LIMIT :limit"
            ),
            {"open": HIGHLIGHT[0], "close": HIGHLIGHT[1], "query": query, "kind": kind, "limit": limit},
        )
        return [Hit(*cast(tuple[str, str, str, str, str], tuple(row))) for row in rows]
