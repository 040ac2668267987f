"""What the commands' --help says beyond their arguments: defaults shown, and the CITEGRAPH_* variables that affect
each command with their defaults (read from `citegraph.settings.Settings`, so they never drift)."""

import argparse
import dataclasses
import textwrap
from typing import Any

from citegraph.settings import Settings

DATABASE = ("database_url", "db_connect_timeout_ms")
"""The settings of every command that opens the database."""
MEANINGS = {
    "database_url": "the database (SQLAlchemy URL: sqlite:///path.db, postgresql://user@host/db)",
    "db_connect_timeout_ms": "PostgreSQL: how long opening a connection may take",
    "db_statement_timeout_ms": "PostgreSQL: how long the app waits for one statement",
    "seed_on_start": "load the seed corpus into an empty database at start",
}


class HelpFormatter(argparse.ArgumentDefaultsHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """Shows each option's default (but not an absent one: None or a flag's False) and keeps the lines of
    descriptions (wrap them with `described`) and epilogs."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        if action.default is None or action.default is False:
            return action.help
        return super()._get_help_string(action)


def variable(setting: str) -> str:
    return f"CITEGRAPH_{setting.upper()}"


def _default(setting: str) -> str:
    value: Any = getattr(Settings, setting)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, tuple):
        return ", ".join(value) or "none"
    return str(value)


def environment(settings: tuple[str, ...] = DATABASE) -> str:
    """An epilog listing `settings` as environment variables, with their defaults and, where given, meanings."""
    lines = ["environment variables:"]
    for setting in settings:
        lines.append(f"  {variable(setting)} (default: {_default(setting)})")
        if setting in MEANINGS:
            lines.append(f"      {MEANINGS[setting]}")
    return "\n".join(lines)


def every_setting() -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(Settings))


def described(text: str) -> str:
    """A command's description, wrapped for a terminal."""
    return textwrap.fill(text, width=100)
