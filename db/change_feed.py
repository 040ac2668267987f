"""Telling other processes that the change log grew: on PostgreSQL a write's transaction sends a NOTIFY,
which the server delivers to every listener only if and when that transaction commits."""

from sqlalchemy import text
from sqlalchemy.orm import Session

CHANNEL = "citegraph_changes"
"""The PostgreSQL channel writes notify and app processes LISTEN on (`resolvers.change_listener`)."""


def announce_changes(session: Session) -> None:
    """Inside a write's transaction, after it logged its changes: notify CHANNEL on commit (PostgreSQL; a
    no-op on SQLite, whose deployments are one process woken by its in-process notifier)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"NOTIFY {CHANNEL}"))
