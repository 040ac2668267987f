"""Proposals: the table `proposal` (candidate facts found in a stored source, kept apart from the facts until an
editor accepts or rejects them) and the change kind DECIDED for those decisions.

Written by hand after the model (`db.proposals`). PostgreSQL's `changekind` gains DECIDED; the downgrade removes
the decisions from the change log, makes `changekind` anew without it, and drops the table and its types.

Revision ID: 3f6b2d8e9a41
Revises: 7c1e5a9f3b20
Create Date: 2026-12-03 13:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3f6b2d8e9a41"
down_revision: str | Sequence[str] | None = "7c1e5a9f3b20"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHANGE_KINDS = ("ADDED", "RETRACTED", "RANKED", "CORRECTED", "FILLED", "JUDGED")
"""`changekind` before this revision."""
KINDS = ("ENTITY", "EVENT", "COUNT", "DATE", "ATTRIBUTION", "CHARGE", "PLEA")
STATUSES = ("PROPOSED", "ACCEPTED", "REJECTED")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TYPE changekind ADD VALUE IF NOT EXISTS 'DECIDED'")
    op.create_table(
        "proposal",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("source_id", sa.String(), nullable=False),
        sa.Column("kind", sa.Enum(*KINDS, name="proposalkind"), nullable=False),
        sa.Column("status", sa.Enum(*STATUSES, name="proposalstatus"), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("start_offset", sa.Integer(), nullable=False),
        sa.Column("end_offset", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("facts", sa.JSON(), nullable=False),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("proposed_by", sa.String(), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.String(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["source_id"], ["source.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_proposal_source_status", "proposal", ["source_id", "status"])


def downgrade() -> None:
    op.execute("DELETE FROM change WHERE kind = 'DECIDED'")
    op.drop_index("ix_proposal_source_status", table_name="proposal")
    op.drop_table("proposal")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TYPE proposalkind")
        op.execute("DROP TYPE proposalstatus")
        kinds = ", ".join(f"'{kind}'" for kind in CHANGE_KINDS)
        op.execute("ALTER TYPE changekind RENAME TO changekind_old")
        op.execute(f"CREATE TYPE changekind AS ENUM ({kinds})")
        op.execute("ALTER TABLE change ALTER COLUMN kind TYPE changekind USING kind::text::changekind")
        op.execute("DROP TYPE changekind_old")
