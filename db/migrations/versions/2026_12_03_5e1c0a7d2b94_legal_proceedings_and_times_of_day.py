"""Legal proceedings as court reporting needs them, and times of day: the count wording BETWEEN, the plea
NONE_ENTERED, a charge's number of counts, a defendant's custody status and its date, a hearing's status, judges
of a proceeding or hearing (the table `judge`), and an event's and a hearing's time of day with its time zone.

Written by hand after an autogenerate against a database at d402d538c7a2, then reviewed: PostgreSQL's enum types
`countwording` and `plea_entered` gain their values by hand (autogenerate does not compare enum values); the new
CHECK constraints of existing tables are PostgreSQL's only (see `CHECKS`). The downgrade removes
what the new columns and table left in the other tables (citation links, stored values, the change log), records
BETWEEN counts as ABOUT and pleas NONE_ENTERED as gone, and makes both enum types anew without the values.

Revision ID: 5e1c0a7d2b94
Revises: d402d538c7a2
Create Date: 2026-12-03 12:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5e1c0a7d2b94"
down_revision: str | Sequence[str] | None = "d402d538c7a2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COUNT_WORDINGS = ("EXACTLY", "AT_LEAST", "AT_MOST", "ABOUT", "MOST", "MANY", "UNKNOWN")
"""`countwording` before this revision."""
PLEAS = ("GUILTY", "NOT_GUILTY", "NO_CONTEST")
"""`plea_entered` before this revision."""
TIME_PRECISION = sa.Enum("MINUTE", "HOUR", "APPROXIMATE", name="timeprecision")
HEARING_STATUS = sa.Enum("SCHEDULED", "HELD", "POSTPONED", "CANCELLED", name="hearingstatus")
CUSTODY_STATUS = sa.Enum(
    "IN_CUSTODY",
    "REMANDED_IN_CUSTODY",
    "RELEASED_ON_BAIL",
    "RELEASED_UNDER_INVESTIGATION",
    "RELEASED_WITHOUT_CHARGE",
    "RELEASED",
    "SERVING_SENTENCE",
    "AT_LARGE",
    name="custodystatus",
)
UNKNOWN_CHECK = "count_wording != 'UNKNOWN' OR count_low IS NULL"
"""`casualty`'s check that names a value of `countwording`: dropped while the type is made anew, then restored."""
TIME_CHECK = "time_of_day IS NULL OR time_precision IS NOT NULL"
CHECKS = (
    ("event", "time_has_precision", TIME_CHECK),
    ("hearing", "time_has_precision", TIME_CHECK),
    ("charge", "counts_positive", "counts IS NULL OR counts >= 1"),
)
"""The CHECK constraints of the new columns of existing tables; PostgreSQL's only: SQLite cannot add a constraint
to a table without making it anew, which its foreign keys refuse for a table other rows refer to (the checks before
SQL, `seeds.format`, keep these rules on either backend)."""
NEW_FIELDS = {
    "event": ("time",),
    "hearing": ("status", "time"),
    "charge": ("counts",),
    "defendant": ("custody", "custodyDate"),
}
"""The cited fields this revision adds, by table."""


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        op.execute("ALTER TYPE countwording ADD VALUE IF NOT EXISTS 'BETWEEN'")
        op.execute("ALTER TYPE plea_entered ADD VALUE IF NOT EXISTS 'NONE_ENTERED'")
        for kind in (TIME_PRECISION, HEARING_STATUS, CUSTODY_STATUS):
            kind.create(op.get_bind())
    else:
        _plea_length(sa.String(10), sa.String(12))
    for table in ("event", "hearing"):
        if table == "hearing":
            op.add_column(table, sa.Column("status", HEARING_STATUS, nullable=True))
        op.add_column(table, sa.Column("time_of_day", sa.String(), nullable=True))
        op.add_column(table, sa.Column("time_zone", sa.String(), nullable=True))
        op.add_column(table, sa.Column("time_precision", TIME_PRECISION, nullable=True))
    op.add_column("charge", sa.Column("counts", sa.Integer(), nullable=True))
    op.add_column("defendant", sa.Column("custody", CUSTODY_STATUS, nullable=True))
    op.add_column("defendant", sa.Column("custody_date", sa.Date(), nullable=True))
    op.add_column(
        "defendant",
        sa.Column("custody_date_precision", sa.Enum("DAY", "MONTH", "YEAR", name="dateprecision"), nullable=True),
    )
    if postgresql:
        for table, name, condition in CHECKS:
            op.create_check_constraint(name, table, condition)
    op.create_table(
        "judge",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("proceeding_id", sa.String(), nullable=False),
        sa.Column("hearing_id", sa.String(), nullable=True),
        sa.Column("person_id", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["hearing_id"], ["hearing.id"]),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.ForeignKeyConstraint(["proceeding_id"], ["legal_proceeding.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_judge_hearing_id", "judge", ["hearing_id"])
    op.create_index("ix_judge_person_id", "judge", ["person_id"])
    op.create_index("ix_judge_proceeding_id", "judge", ["proceeding_id"])


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    none_entered = "SELECT id FROM plea WHERE plea = 'NONE_ENTERED'"
    for table in ("fact_citation", "fact_value", "change", "search_index"):
        op.execute(f"DELETE FROM {table} WHERE entity_type = 'judge'")
        op.execute(f"DELETE FROM {table} WHERE entity_type = 'plea' AND entity_id IN ({none_entered})")
    for table, fields in NEW_FIELDS.items():
        names = ", ".join(f"'{field}'" for field in fields)
        op.execute(f"DELETE FROM fact_citation WHERE entity_type = '{table}' AND field IN ({names})")
        op.execute(f"DELETE FROM fact_value WHERE entity_type = '{table}' AND field IN ({names})")
    op.drop_index("ix_judge_proceeding_id", table_name="judge")
    op.drop_index("ix_judge_person_id", table_name="judge")
    op.drop_index("ix_judge_hearing_id", table_name="judge")
    op.drop_table("judge")
    op.execute("DELETE FROM plea WHERE plea = 'NONE_ENTERED'")
    op.execute("UPDATE casualty SET count_wording = 'ABOUT' WHERE count_wording = 'BETWEEN'")
    if postgresql:
        for table, name, _ in CHECKS:
            op.drop_constraint(name, table, type_="check")
    for table, columns in (
        ("defendant", ("custody_date_precision", "custody_date", "custody")),
        ("charge", ("counts",)),
        ("hearing", ("time_precision", "time_zone", "time_of_day", "status")),
        ("event", ("time_precision", "time_zone", "time_of_day")),
    ):
        for column in columns:
            op.drop_column(table, column)
    if postgresql:
        for kind in (CUSTODY_STATUS, HEARING_STATUS, TIME_PRECISION):
            kind.drop(op.get_bind())
        for name, table, column, values in (
            ("countwording", "casualty", "count_wording", COUNT_WORDINGS),
            ("plea_entered", "plea", "plea", PLEAS),
        ):
            if table == "casualty":
                op.drop_constraint("unknown_has_no_count", table, type_="check")
            op.execute(f"ALTER TYPE {name} RENAME TO {name}_old")
            op.execute(f"CREATE TYPE {name} AS ENUM ({', '.join(repr(value) for value in values)})")
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE {name} USING {column}::text::{name}")
            op.execute(f"DROP TYPE {name}_old")
        op.create_check_constraint("unknown_has_no_count", "casualty", UNKNOWN_CHECK)
    else:
        _plea_length(sa.String(12), sa.String(10))


def _plea_length(before: sa.String, after: sa.String) -> None:
    """SQLite keeps an enum as text as long as its longest value (NONE_ENTERED is longer than NOT_GUILTY): the table
    `plea`, which no other table refers to, is made anew with the column's new length."""
    with op.batch_alter_table("plea") as batch:
        batch.alter_column("plea", existing_type=before, type_=after, existing_nullable=False)
