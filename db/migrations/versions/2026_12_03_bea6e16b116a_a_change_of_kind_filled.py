"""A change of kind FILLED: a write gave a value to a field that had none.

Written by hand (autogenerate does not compare enum values). PostgreSQL's `changekind` type gains the value;
SQLite stores the enum as text without a CHECK, so it has nothing to change. The downgrade records fills as
CORRECTED (the nearest older kind: the empty value stays closed in `fact_value`) and makes the type anew.

Revision ID: bea6e16b116a
Revises: b589d98c6d37
Create Date: 2026-12-03 10:22:39.942077
"""

from collections.abc import Sequence

from alembic import op

revision: str = "bea6e16b116a"
down_revision: str | Sequence[str] | None = "b589d98c6d37"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_KINDS = "'ADDED', 'RETRACTED', 'RANKED', 'CORRECTED'"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TYPE changekind ADD VALUE IF NOT EXISTS 'FILLED'")


def downgrade() -> None:
    op.execute("UPDATE change SET kind = 'CORRECTED' WHERE kind = 'FILLED'")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TYPE changekind RENAME TO changekind_old")
        op.execute(f"CREATE TYPE changekind AS ENUM ({OLD_KINDS})")
        op.execute("ALTER TABLE change ALTER COLUMN kind TYPE changekind USING kind::text::changekind")
        op.execute("DROP TYPE changekind_old")
