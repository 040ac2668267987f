"""The schema is made only by the migrations (db/migrations): from an empty database to head it equals the
models, full-text index and asOf views included; a database made before migrations or by a newer citegraph is
refused; `citegraph db` reports and upgrades."""

import pytest
from sqlalchemy import Connection, inspect, text
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import SQLModel

from citegraph.cli import main
from db import migrate
from db.asof import AS_OF_SCHEMA, AS_OF_SETTINGS
from db.engine import create_schema
from db.migrate import OutdatedSchema, UnknownRevision, differences, downgrade, head
from db.search import SEARCH_TABLE
from db.tables import FACT_TABLES
from db.terms import base_terms
from tests.conftest import run_statement


@pytest.fixture
def cli_database(empty_database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The settings' database for `citegraph db` commands: a new, empty one."""
    monkeypatch.setenv("CITEGRAPH_DATABASE_URL", empty_database_url)
    return empty_database_url


async def test_upgrade_from_empty_reaches_head_and_equals_the_models(empty_engine: AsyncEngine) -> None:
    reached = await create_schema(empty_engine)
    async with empty_engine.connect() as conn:
        found = await conn.run_sync(differences)
    assert (reached.current, reached.at_head, found) == (head(), True, [])


async def test_the_migrated_full_text_index_finds_a_word_without_its_accents(empty_engine: AsyncEngine) -> None:
    await create_schema(empty_engine)
    match = {
        "sqlite": f"{SEARCH_TABLE} MATCH 'zurich'",
        "postgresql": "document @@ to_tsquery('citegraph', 'zurich')",
    }[empty_engine.dialect.name]
    async with empty_engine.begin() as conn:
        await conn.execute(
            text(
                f"INSERT INTO {SEARCH_TABLE} (body, kind, entity_type, entity_id, field) "
                "VALUES ('Talks in Zürich', 'source', 'source', 's1', 'text')"
            )
        )
        found = (await conn.execute(text(f"SELECT entity_id FROM {SEARCH_TABLE} WHERE {match}"))).scalars().all()
    assert found == ["s1"]


async def test_the_as_of_views_are_made_in_the_database_on_postgresql_only(empty_engine: AsyncEngine) -> None:
    await create_schema(empty_engine)
    async with empty_engine.begin() as conn:
        schema = AS_OF_SCHEMA if empty_engine.dialect.name == "postgresql" else None
        views = await conn.run_sync(lambda sync: sorted(inspect(sync).get_view_names(schema=schema)))
        if schema:
            await conn.execute(AS_OF_SETTINGS, {"moment": "2026-01-01 00:00:00"})
            assert (await conn.execute(text("SELECT count(*) FROM source"))).scalar() == 0
    editorial = ["change", "judgement", "redirect"]
    expected = sorted([*FACT_TABLES, "source", "citation", "fact_value", "fact_citation", *editorial]) if schema else []
    assert views == expected


VIEW_OIDS = text(
    "SELECT c.relname, c.oid FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace "
    "WHERE n.nspname = :schema AND c.relkind = 'v' ORDER BY c.relname"
)
"""PostgreSQL: each view of a schema and its oid, which changes when the view is made again."""


@pytest.fixture
def postgres_engine(empty_engine: AsyncEngine) -> AsyncEngine:
    """`empty_engine` on PostgreSQL; the test skips on SQLite."""
    if empty_engine.dialect.name != "postgresql":
        pytest.skip("SQLite keeps no asOf views in the database: each connection makes its own")
    return empty_engine


async def test_postgres_views_that_stand_as_defined_are_kept_by_the_next_upgrade(postgres_engine: AsyncEngine) -> None:
    await create_schema(postgres_engine)
    async with postgres_engine.connect() as conn:
        before = (await conn.execute(VIEW_OIDS, {"schema": AS_OF_SCHEMA})).all()
    await create_schema(postgres_engine)
    async with postgres_engine.connect() as conn:
        assert (await conn.execute(VIEW_OIDS, {"schema": AS_OF_SCHEMA})).all() == before


async def test_a_postgres_view_dropped_by_hand_is_made_again_by_the_next_upgrade(postgres_engine: AsyncEngine) -> None:
    await create_schema(postgres_engine)
    async with postgres_engine.begin() as conn:
        await conn.execute(text(f"DROP VIEW {AS_OF_SCHEMA}.event"))
    await create_schema(postgres_engine)
    async with postgres_engine.connect() as conn:
        views = await conn.run_sync(lambda sync: inspect(sync).get_view_names(schema=AS_OF_SCHEMA))
    assert "event" in views


async def test_upgrading_a_database_at_head_changes_nothing(empty_engine: AsyncEngine) -> None:
    first = await create_schema(empty_engine)
    again = await create_schema(empty_engine)
    async with empty_engine.connect() as conn:
        found = await conn.run_sync(differences)
    assert (again, found) == (first, [])


async def test_a_database_made_before_migrations_is_refused_and_left_as_it_was(empty_engine: AsyncEngine) -> None:
    async with empty_engine.begin() as conn:
        await conn.run_sync(SQLModel.metadata.create_all)  # as citegraph made its tables before migrations
    with pytest.raises(OutdatedSchema, match=r"no schema revision .* Start from an empty database"):
        await create_schema(empty_engine)
    async with empty_engine.connect() as conn:
        assert "alembic_version" not in await conn.run_sync(lambda sync: inspect(sync).get_table_names())


async def test_a_database_at_an_unknown_revision_is_refused_naming_both(empty_engine: AsyncEngine) -> None:
    await create_schema(empty_engine)
    async with empty_engine.begin() as conn:
        await conn.execute(text("UPDATE alembic_version SET version_num = 'f00dfeedbeef'"))
    with pytest.raises(UnknownRevision, match=rf"revision f00dfeedbeef, .*its newest is {head()}"):
        await create_schema(empty_engine)


async def test_downgrade_to_base_removes_every_object_and_upgrade_restores_them(empty_engine: AsyncEngine) -> None:
    await create_schema(empty_engine)
    async with empty_engine.begin() as conn:
        await conn.run_sync(downgrade, "base")
        tables = await conn.run_sync(lambda sync: inspect(sync).get_table_names())
        enums = await conn.run_sync(lambda sync: inspect(sync).get_enums() if sync.dialect.name == "postgresql" else [])
    assert (tables, enums) == (["alembic_version"], [])
    assert (await create_schema(empty_engine)).at_head


def test_db_current_reports_an_empty_database_then_head(cli_database: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "current"]) == 1
    assert "no revision (an empty database)" in capsys.readouterr().out
    assert main(["db", "upgrade"]) == 0
    assert f"upgraded from an empty database to {head()} (head)" in capsys.readouterr().out
    assert main(["db", "current"]) == 0
    assert capsys.readouterr().out == f"{head()} (head)\n"


def test_db_upgrade_twice_says_it_is_already_at_head(cli_database: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "upgrade"]) == 0
    assert main(["db", "upgrade"]) == 0
    assert capsys.readouterr().out.endswith(f"already at {head()} (head)\n")


def test_db_upgrade_to_an_unknown_revision_fails(cli_database: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "upgrade", "--revision", "nosuchrev"]) == 1
    assert "db upgrade: " in capsys.readouterr().err


def test_db_commands_refuse_a_database_made_before_migrations(
    cli_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "upgrade"]) == 0
    run_statement(cli_database, "DROP TABLE alembic_version")
    assert main(["db", "current"]) == 1
    assert main(["db", "upgrade"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert [line.split(":")[0] for line in err] == ["db current", "db upgrade"]
    assert all("no schema revision" in line for line in err)


def test_db_check_passes_at_head_and_names_a_missing_column(
    cli_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "upgrade"]) == 0
    assert main(["db", "check"]) == 0
    assert "db check passed" in capsys.readouterr().out
    cascade = " CASCADE" if cli_database.startswith("postgresql") else ""  # PostgreSQL's asOf views read it
    run_statement(cli_database, f"ALTER TABLE fact_citation DROP COLUMN added_at{cascade}")
    assert main(["db", "check"]) == 1
    err = capsys.readouterr().err
    assert "differs from the models (1 difference(s))" in err and "'fact_citation'" in err and "added_at" in err


async def test_an_upgrade_that_fails_leaves_the_database_as_it_was(
    empty_engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(_connection: Connection) -> None:
        raise RuntimeError("the last step failed")

    monkeypatch.setattr(migrate, "create_views", fail)
    with pytest.raises(RuntimeError, match="the last step failed"):
        await create_schema(empty_engine)
    async with empty_engine.connect() as conn:
        assert await conn.run_sync(lambda sync: inspect(sync).get_table_names()) == []


async def test_downgrading_below_the_vocabularies_maps_each_code_to_the_former_enum_value_above_it(
    empty_engine: AsyncEngine,
) -> None:
    await create_schema(empty_engine)
    async with empty_engine.begin() as conn:
        await conn.execute(text("INSERT INTO place (id, name, kind) VALUES ('plant', 'Plant', 'FACTORY')"))
        await conn.execute(text("INSERT INTO organization (id, name, kind) VALUES ('police', 'Police', 'POLICE')"))
        await conn.execute(
            text("INSERT INTO event (id, title, kind, date_open_ended) VALUES ('blaze', 'Blaze', 'FIRE', false)")
        )
        await conn.run_sync(downgrade, "5e1c0a7d2b94")
        kinds = [
            (await conn.execute(text(f"SELECT kind FROM {table}"))).scalar_one()
            for table in ("place", "organization", "event")
        ]
        tables = await conn.run_sync(lambda sync: inspect(sync).get_table_names())
    assert (kinds, "term" in tables) == (["BUILDING", "SECURITY_FORCE", "OTHER"], False)
    assert (await create_schema(empty_engine)).at_head
    async with empty_engine.connect() as conn:
        assert await conn.run_sync(differences) == []
        assert (await conn.execute(text("SELECT count(*) FROM term"))).scalar_one() == len(base_terms())
