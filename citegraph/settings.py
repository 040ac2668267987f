"""The one place that reads the environment: every `CITEGRAPH_*` setting, read once."""

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    database_url: str = "sqlite:///citegraph.db"
    """SQLAlchemy URL, with or without a driver name (sqlite:///path.db, postgresql://...)."""
    debug: bool = False
    """When true, unexpected errors reach API clients in full; keep false in production."""
    seed_on_start: bool = True
    """Load the seed corpus when the server starts on an empty database."""
    page_size: int = 20
    """Items per page of a list asked for without `first` or `last`."""
    max_page_size: int = 100
    """The most items one page may hold; asking for more is an error naming this limit."""
    max_query_depth: int = 15
    """How deeply fields may nest in one operation (introspection fields not counted)."""
    max_aliases: int = 30
    """How many aliased fields one document may hold."""
    max_tokens: int = 10000
    """How many tokens one document may hold; the parser stops at the first one over."""
    max_query_cost: int = 250000
    """The most an operation may cost: each field 1, a paged list's subtree times its page size."""
    max_validation_work: int = 10000
    """Units of work (about one comparison of two fields) graphql's field-merging check may spend on a document."""
    max_list_items: int = 1000
    """The most items a list argument may hold, at any depth of an input (`nodes(ids:)`: a page at most)."""
    max_search_chars: int = 200
    """The longest text `search` takes."""
    max_search_terms: int = 8
    """The most distinct words `search` takes."""
    query_timeout_ms: int = 10000
    """How long a query may run; writes run to their end so that their answer is true. On SQLite a statement
    still running then is interrupted."""
    max_body_bytes: int = 1048576
    """The largest request body accepted; larger ones get HTTP 413."""
    request_read_timeout_ms: int = 5000
    """How long a request's headers, then its body, may take to arrive; a slow or stalled client gets HTTP 408."""
    db_connect_timeout_ms: int = 10000
    """PostgreSQL: how long opening a connection may take before the request fails (never a hang)."""
    db_statement_timeout_ms: int = 60000
    """PostgreSQL: how long the app waits for one SQL statement's answer (a lost server fails, not hangs)."""
    cors_origins: tuple[str, ...] = ()
    """Origins whose browser pages may call the API; none means same origin only."""
    graphiql: bool = True
    """Serve GraphiQL to browsers at /graphql."""
    introspection: bool = True
    """Answer introspection (`__schema`, `__type`); switch off to hide the schema."""
    trusted_documents: str | None = None
    """A manifest of the only queries to run (sha256 hash -> query, `citegraph.persisted`); None: any query runs."""


def _flag(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


class SettingsError(ValueError):
    """A CITEGRAPH_* variable holds a value that cannot be used; the message names it."""


def _positive(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None:
        return default
    if not raw.strip().isdigit() or int(raw) < 1:
        raise SettingsError(f"{name} must be a positive whole number, got {raw!r}")
    return int(raw)


ORIGIN = re.compile(r"https?://[^/\s:]+(:\d+)?")


def _origins(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    """Comma-separated origins as browsers send them (scheme://host[:port], no path), or `*` for any."""
    origins = tuple(part.strip() for part in env.get(name, "").split(",") if part.strip())
    for origin in origins:
        if origin != "*" and not ORIGIN.fullmatch(origin):
            raise SettingsError(f"{name} must list origins like https://news.example.org (no path), got {origin!r}")
    return origins


def load_settings() -> Settings:
    env = os.environ
    return Settings(
        database_url=env.get("CITEGRAPH_DATABASE_URL", Settings.database_url),
        debug=_flag(env.get("CITEGRAPH_DEBUG", "false")),
        seed_on_start=_flag(env.get("CITEGRAPH_SEED_ON_START", "true")),
        page_size=_positive(env, "CITEGRAPH_PAGE_SIZE", Settings.page_size),
        max_page_size=_positive(env, "CITEGRAPH_MAX_PAGE_SIZE", Settings.max_page_size),
        max_query_depth=_positive(env, "CITEGRAPH_MAX_QUERY_DEPTH", Settings.max_query_depth),
        max_aliases=_positive(env, "CITEGRAPH_MAX_ALIASES", Settings.max_aliases),
        max_tokens=_positive(env, "CITEGRAPH_MAX_TOKENS", Settings.max_tokens),
        max_query_cost=_positive(env, "CITEGRAPH_MAX_QUERY_COST", Settings.max_query_cost),
        max_validation_work=_positive(env, "CITEGRAPH_MAX_VALIDATION_WORK", Settings.max_validation_work),
        max_list_items=_positive(env, "CITEGRAPH_MAX_LIST_ITEMS", Settings.max_list_items),
        max_search_chars=_positive(env, "CITEGRAPH_MAX_SEARCH_CHARS", Settings.max_search_chars),
        max_search_terms=_positive(env, "CITEGRAPH_MAX_SEARCH_TERMS", Settings.max_search_terms),
        query_timeout_ms=_positive(env, "CITEGRAPH_QUERY_TIMEOUT_MS", Settings.query_timeout_ms),
        max_body_bytes=_positive(env, "CITEGRAPH_MAX_BODY_BYTES", Settings.max_body_bytes),
        request_read_timeout_ms=_positive(env, "CITEGRAPH_REQUEST_READ_TIMEOUT_MS", Settings.request_read_timeout_ms),
        db_connect_timeout_ms=_positive(env, "CITEGRAPH_DB_CONNECT_TIMEOUT_MS", Settings.db_connect_timeout_ms),
        db_statement_timeout_ms=_positive(env, "CITEGRAPH_DB_STATEMENT_TIMEOUT_MS", Settings.db_statement_timeout_ms),
        cors_origins=_origins(env, "CITEGRAPH_CORS_ORIGINS"),
        graphiql=_flag(env.get("CITEGRAPH_GRAPHIQL", "true")),
        introspection=_flag(env.get("CITEGRAPH_INTROSPECTION", "true")),
        trusted_documents=env.get("CITEGRAPH_TRUSTED_DOCUMENTS", "").strip() or None,
    )
