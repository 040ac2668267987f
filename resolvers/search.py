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


class SearchRefused(ValueError):
    """Search text over a limit of `SearchLimits`; the message names it and its setting."""

    def __init__(self, message: str, code: str, limit: int) -> None:
        super().__init__(message)
        self.code = code
        self.limit = limit


@dataclass(frozen=True)
class SearchLimits:
    """How much text one search takes (settings `CITEGRAPH_MAX_SEARCH_CHARS` and `CITEGRAPH_MAX_SEARCH_TERMS`):
    each distinct word is one more scan of the index, and each one the snippet highlights costs it more."""

    max_chars: int = 200
    max_terms: int = 8


@dataclass(frozen=True)
class Hit:
    kind: str
    entity_type: str
    entity_id: str
    field: str
    snippet: str


def search_terms(words: str, limits: SearchLimits) -> list[str]:
    """The distinct words of `words` (ignoring case), in order; refused over the limits."""
    if len(words) > limits.max_chars:
        message = (
            f"text: {len(words)} characters, more than the limit of {limits.max_chars} (CITEGRAPH_MAX_SEARCH_CHARS)"
        )
        raise SearchRefused(message, "SEARCH_TOO_LONG", limits.max_chars)
    terms = list({token.casefold(): token for token in WORD.findall(words)}.values())
    if len(terms) > limits.max_terms:
        message = (
            f"text: {len(terms)} distinct words, more than the limit of {limits.max_terms} (CITEGRAPH_MAX_SEARCH_TERMS)"
        )
        raise SearchRefused(message, "TOO_MANY_SEARCH_TERMS", limits.max_terms)
    return terms


def fts_query(terms: list[str]) -> str:
    """Every word must match, as a prefix ("helicop" finds "helicopter"); FTS syntax in the input is inert."""
    return " ".join(f'"{term}"*' for term in terms)


def tsquery(terms: list[str]) -> str:
    """The PostgreSQL form of `fts_query`: every word as a prefix; only word characters reach the query."""
    return " & ".join(f"'{term}':*" for term in terms)


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


async def search_index(reads: Reads, terms: list[str], kind: str, limit: int) -> list[Hit]:
    """The best `limit` hits of one kind ("value", "citation" or "source"), best first; the statement runs
    apart from the event loop (`Reads.apart`), since a short word can match much of the index."""
    found = SEARCHES.get(reads.dialect_name)
    if found is None:
        raise SearchUnavailable("full-text search is not available on this database backend yet")
    make_query, statement = found
    if not terms or limit <= 0:
        return []
    parameters = {"open": HIGHLIGHT[0], "close": HIGHLIGHT[1], "options": HIGHLIGHT_OPTIONS}
    rows = await reads.apart(text(statement), {**parameters, "query": make_query(terms), "kind": kind, "limit": limit})
    return [Hit(*cast(tuple[str, str, str, str, str], tuple(row))) for row in rows]
