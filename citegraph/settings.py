"""The one place that reads the environment: every `CITEGRAPH_*` setting, read once."""

import os
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


def load_settings() -> Settings:
    env = os.environ
    return Settings(
        database_url=env.get("CITEGRAPH_DATABASE_URL", Settings.database_url),
        debug=_flag(env.get("CITEGRAPH_DEBUG", "false")),
        seed_on_start=_flag(env.get("CITEGRAPH_SEED_ON_START", "true")),
        page_size=_positive(env, "CITEGRAPH_PAGE_SIZE", Settings.page_size),
        max_page_size=_positive(env, "CITEGRAPH_MAX_PAGE_SIZE", Settings.max_page_size),
    )
