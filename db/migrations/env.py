"""Alembic's environment for citegraph's schema. It runs only in-process, from db/migrate.py, on the
connection that module passes in `Config.attributes["connection"]`; there is no alembic.ini."""

from alembic import context
from sqlmodel import SQLModel

from db.migrate import CONNECTION, comparison_options

connection = context.config.attributes.get(CONNECTION)
if connection is None or context.is_offline_mode():
    raise RuntimeError("citegraph's migrations run on a live connection: use `citegraph db upgrade`")
context.configure(connection=connection, target_metadata=SQLModel.metadata, **comparison_options(connection))
with context.begin_transaction():
    context.run_migrations()
