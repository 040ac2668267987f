"""The one place that reads the environment: every `CITEGRAPH_*` setting, read once."""

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    database_url: str = "sqlite:///citegraph.db"
    """SQLAlchemy URL, with or without a driver name (sqlite:///path.db, postgresql://...)."""
    debug: bool = False
    """When true, unexpected errors reach API clients in full; keep false in production."""
    seed_on_start: bool = True
    """Load the seed corpus when the server starts on an empty database."""


def _flag(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


def load_settings() -> Settings:
    env = os.environ
    return Settings(
        database_url=env.get("CITEGRAPH_DATABASE_URL", Settings.database_url),
        debug=_flag(env.get("CITEGRAPH_DEBUG", "false")),
        seed_on_start=_flag(env.get("CITEGRAPH_SEED_ON_START", "true")),
    )
