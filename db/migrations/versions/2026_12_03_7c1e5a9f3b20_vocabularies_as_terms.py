"""Vocabularies become data: the table `term`, seeded with the base vocabulary (db/vocabulary.yaml, as it stands at
this revision), and the columns that held the enums `eventkind`, `organizationkind`, `placekind` and
`casualtycategory` now hold a term's code as text (on PostgreSQL the types are dropped; SQLite stored them as text
already).

Written by hand. The downgrade maps each code to its nearest broader term the enums had (FIRE has none: OTHER for
events and organizations, no kind for a place; a casualty category with none is removed with its citation links),
then makes the enums again and drops `term` and its entries in the change log.

Revision ID: 7c1e5a9f3b20
Revises: 5e1c0a7d2b94
Create Date: 2026-12-03 12:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db.terms import base_terms

revision: str = "7c1e5a9f3b20"
down_revision: str | Sequence[str] | None = "5e1c0a7d2b94"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ENUMS: dict[str, tuple[str, str, str, tuple[str, ...], str | None]] = {
    "eventkind": (
        "event",
        "kind",
        "EVENT_KIND",
        (
            "MILITARY_OPERATION",
            "AIRSTRIKE",
            "ASSAULT",
            "CAPTURE",
            "TRANSFER",
            "COURT_APPEARANCE",
            "INAUGURATION",
            "DETENTION",
            "RELEASE",
            "PATROL",
            "ANNOUNCEMENT",
            "OTHER",
        ),
        "OTHER",
    ),
    "organizationkind": (
        "organization",
        "kind",
        "ORGANIZATION_KIND",
        (
            "GOVERNMENT",
            "ARMED_FORCES",
            "MINISTRY",
            "SECURITY_FORCE",
            "PARAMILITARY",
            "POLITICAL_FACTION",
            "LEGISLATURE",
            "COURT",
            "NEWS_AGENCY",
            "MEDIA_OUTLET",
            "UNION",
            "COMPANY",
            "OTHER",
        ),
        "OTHER",
    ),
    "placekind": (
        "place",
        "kind",
        "PLACE_KIND",
        ("COUNTRY", "REGION", "CITY", "BORDER_AREA", "BUILDING", "SITE"),
        None,
    ),
    "casualtycategory": (
        "casualty_category",
        "category",
        "CASUALTY_CATEGORY",
        ("MILITARY", "SECURITY", "CIVILIAN", "JOURNALIST"),
        None,
    ),
}
"""Each former enum type: its table, column, vocabulary, values, and the value a code without an old broader term
becomes on downgrade (None: the column is emptied, or for casualty categories the row removed)."""

TERM = sa.table(
    "term",
    sa.column("id", sa.String()),
    sa.column("vocabulary", sa.String()),
    sa.column("code", sa.String()),
    sa.column("label", sa.String()),
    sa.column("description", sa.Text()),
    sa.column("broader_id", sa.String()),
    sa.column("term_references", sa.JSON()),
)


def upgrade() -> None:
    op.create_table(
        "term",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("vocabulary", sa.String(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("label", sa.String(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("broader_id", sa.String(), nullable=True),
        sa.Column("term_references", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["broader_id"], ["term.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_term_broader_id", "term", ["broader_id"])
    op.create_index("ix_term_vocabulary", "term", ["vocabulary"])
    op.bulk_insert(TERM, [dict(row) for row in base_terms()])
    if op.get_bind().dialect.name == "postgresql":
        for name, (table, column, *_rest) in ENUMS.items():
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE VARCHAR USING {column}::text")
            op.execute(f"DROP TYPE {name}")


def downgrade() -> None:
    bind = op.get_bind()
    terms = {row.id: row for row in bind.execute(sa.text("SELECT id, vocabulary, code, broader_id FROM term"))}
    for name, (table, column, vocabulary, values, fallback) in ENUMS.items():
        stored = bind.execute(sa.text(f"SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL")).scalars()
        for code in [code for code in stored if code not in values]:
            old = _old_broader(terms, vocabulary, code, values) or fallback
            if old is not None:
                bind.execute(
                    sa.text(f"UPDATE {table} SET {column} = :old WHERE {column} = :code"), {"old": old, "code": code}
                )
            elif table == "casualty_category":
                gone = f"SELECT id FROM casualty_category WHERE category = '{code}'"
                op.execute(
                    f"DELETE FROM fact_citation WHERE entity_type = 'casualty_category' AND entity_id IN ({gone})"
                )
                op.execute(f"DELETE FROM casualty_category WHERE category = '{code}'")
            else:
                bind.execute(sa.text(f"UPDATE {table} SET {column} = NULL WHERE {column} = :code"), {"code": code})
        if bind.dialect.name == "postgresql":
            op.execute(f"CREATE TYPE {name} AS ENUM ({', '.join(repr(value) for value in values)})")
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE {name} USING {column}::{name}")
    op.execute("DELETE FROM change WHERE entity_type = 'term'")
    op.drop_index("ix_term_vocabulary", table_name="term")
    op.drop_index("ix_term_broader_id", table_name="term")
    op.drop_table("term")


def _old_broader(
    terms: dict[str, sa.Row[tuple[str, str, str, str | None]]], vocabulary: str, code: str, values: tuple[str, ...]
) -> str | None:
    """The nearest of `code` and its broader terms that the enum had, if any."""
    key: str | None = f"{vocabulary}:{code}"
    seen: set[str] = set()
    while key is not None and key in terms and key not in seen:
        seen.add(key)
        if terms[key].code in values:
            return str(terms[key].code)
        key = terms[key].broader_id
    return None
