"""The seed loader: every quote verified, every problem named, all or nothing, idempotent."""

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import SQLModel

from db.tables import Citation, Event, FactCitation, Person
from seeds.errors import SeedLoadError
from seeds.loader import default_fact_files, ingest_document, load_fact_files
from tests.factories import fact_file, person


async def snapshot(engine: AsyncEngine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to compare database states."""
    async with engine.connect() as conn:
        return {
            table.name: sorted((await conn.execute(table.select())).all(), key=repr)
            for table in SQLModel.metadata.sorted_tables
        }


async def count(engine: AsyncEngine, table: type[SQLModel]) -> int:
    async with engine.connect() as conn:
        return (await conn.execute(select(func.count()).select_from(table))).scalar_one()


async def refused(engine: AsyncEngine, path: Path) -> SeedLoadError:
    before = await snapshot(engine)
    with pytest.raises(SeedLoadError) as caught:
        await load_fact_files(engine, [path])
    assert await snapshot(engine) == before, "a refused load must leave the database unchanged"
    return caught.value


async def test_seed_corpus_loads_every_section(seeded: AsyncEngine) -> None:
    assert await count(seeded, Person) == 5
    assert await count(seeded, Event) >= 11
    assert await count(seeded, Citation) > 100


async def test_loading_twice_changes_nothing(seeded: AsyncEngine) -> None:
    before = await snapshot(seeded)
    await load_fact_files(seeded)
    assert await snapshot(seeded) == before


async def test_quote_offsets_match_the_source_text(tmp_path: Path, engine: AsyncEngine) -> None:
    path = fact_file(tmp_path, person("maduro", "Nicolás Maduro", "former President Nicolás Maduro"))
    await load_fact_files(engine, [path])
    article = (tmp_path / "article.txt").read_text(encoding="utf-8")
    async with engine.connect() as conn:
        quote, start, end = (
            await conn.execute(select(Citation.quote, Citation.start_offset, Citation.end_offset))
        ).one()
    assert article[start:end] == quote == "former President Nicolás Maduro"


async def test_quote_not_found_is_refused_naming_file_entity_field_and_quote(
    tmp_path: Path, engine: AsyncEngine
) -> None:
    path = fact_file(tmp_path, person("maduro", "Nicolás Maduro", "President Maduro of Atlantis"))
    error = await refused(engine, path)
    [problem] = error.problems
    assert problem.file == str(path)
    assert problem.entity == "person 'maduro'"
    assert problem.field == "name"
    assert problem.quote == "President Maduro of Atlantis"
    assert "not found" in problem.message


async def test_ambiguous_quote_is_refused_with_its_count(tmp_path: Path, engine: AsyncEngine) -> None:
    error = await refused(engine, fact_file(tmp_path, person("maduro", "Nicolás Maduro", "Maduro")))
    [problem] = error.problems
    assert "occurs" in problem.message and "occurrence" in problem.message
    assert problem.quote == "Maduro"


async def test_occurrence_picks_one_of_several_identical_quotes(tmp_path: Path, engine: AsyncEngine) -> None:
    body = """\
persons:
  - id: maduro
    name: {value: Nicolás Maduro, cite: {quote: "Nicolás Maduro", occurrence: 2}}
"""
    await load_fact_files(engine, [fact_file(tmp_path, body)])
    article = (tmp_path / "article.txt").read_text(encoding="utf-8")
    async with engine.connect() as conn:
        start = (await conn.execute(select(Citation.start_offset))).scalar_one()
    assert start == article.index("Nicolás Maduro", article.index("Nicolás Maduro") + 1)


async def test_missing_citation_is_refused(tmp_path: Path, engine: AsyncEngine) -> None:
    body = """\
persons:
  - id: maduro
    name: {value: Nicolás Maduro}
"""
    error = await refused(engine, fact_file(tmp_path, body))
    [problem] = error.problems
    assert problem.entity == "persons[0] 'maduro'"
    assert problem.field == "name.cite"


async def test_empty_citation_list_is_refused_as_missing_citation(tmp_path: Path, engine: AsyncEngine) -> None:
    body = """\
persons:
  - id: maduro
    name: {value: Nicolás Maduro, cite: []}
"""
    error = await refused(engine, fact_file(tmp_path, body))
    assert "missing citation" in error.problems[0].message


async def test_malformed_yaml_is_refused_with_its_position(tmp_path: Path, engine: AsyncEngine) -> None:
    error = await refused(engine, fact_file(tmp_path, "persons:\n  - id: [unclosed\n"))
    [problem] = error.problems
    assert "malformed YAML" in problem.message
    assert "line" in problem.message


async def test_unknown_reference_is_refused(tmp_path: Path, engine: AsyncEngine) -> None:
    body = """\
organizations:
  - id: afp
    name: {value: AFP, cite: "According to AFP"}
    country: {value: france, cite: "According to AFP"}
"""
    error = await refused(engine, fact_file(tmp_path, body))
    [problem] = error.problems
    assert problem.field == "country"
    assert "unknown place 'france'" in problem.message


async def test_one_bad_quote_rolls_back_the_whole_load(tmp_path: Path, engine: AsyncEngine) -> None:
    good = fact_file(tmp_path, person("maduro", "Nicolás Maduro", "former President Nicolás Maduro"), "a.yaml")
    bad = fact_file(tmp_path, person("flores", "Cilia Flores", "Cilia Flores, the senator"), "b.yaml")
    before = await snapshot(engine)
    with pytest.raises(SeedLoadError):
        await load_fact_files(engine, [good, bad])
    assert await snapshot(engine) == before


REFUSE_FLORES = {
    "sqlite": [
        "CREATE TRIGGER no_flores BEFORE INSERT ON person WHEN NEW.id = 'flores' "
        "BEGIN SELECT RAISE(ABORT, 'refused'); END"
    ],
    "postgresql": [
        "CREATE FUNCTION refuse_flores() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN IF NEW.id = 'flores' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$",
        "CREATE TRIGGER no_flores BEFORE INSERT ON person FOR EACH ROW EXECUTE FUNCTION refuse_flores()",
    ],
}
"""A trigger refusing one row, in each backend's dialect."""


async def test_a_row_the_database_refuses_rolls_back_the_whole_load(tmp_path: Path, engine: AsyncEngine) -> None:
    async with engine.begin() as conn:
        for statement in REFUSE_FLORES[engine.dialect.name]:
            await conn.execute(text(statement))
    body = person("flores", "Cilia Flores", "his wife, Cilia Flores").replace("persons:\n", "")
    path = fact_file(tmp_path, person("maduro", "Nicolás Maduro", "former President Nicolás Maduro") + body)
    before = await snapshot(engine)
    with pytest.raises(Exception, match="refused"):
        await load_fact_files(engine, [path])
    assert await snapshot(engine) == before


async def test_inferred_citation_keeps_its_reasoning(tmp_path: Path, engine: AsyncEngine) -> None:
    body = """\
events:
  - id: raid
    title: {value: US raid, cite: "a raid to capture"}
    kind: {value: MILITARY_OPERATION, cite: "a raid to capture"}
    date:
      value: 2026-01-03
      precision: DAY
      cite:
        - "on Saturday"
        - {quote: "Tuesday, January 6", inferred: "January 6 fell on a Tuesday in 2026."}
"""
    await load_fact_files(engine, [fact_file(tmp_path, body)])
    async with engine.connect() as conn:
        rows = (await conn.execute(select(Citation.kind, Citation.note).order_by(Citation.start_offset))).all()
        fields = set((await conn.execute(select(FactCitation.field))).scalars())
    assert [tuple(row) for row in rows] == [
        ("QUOTED", None),
        ("INFERRED", "January 6 fell on a Tuesday in 2026."),
        ("QUOTED", None),
    ]
    assert fields == {"title", "kind", "date"}


def test_the_seed_corpus_is_every_yaml_file_in_seeds() -> None:
    assert [p.name for p in default_fact_files()] == ["maduro-raid.yaml"]


async def test_an_ingest_reads_only_the_rows_it_names(seeded: AsyncEngine) -> None:
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(" ".join(statement.split()))

    document = (
        "sources:\n  - {id: note, kind: OTHER, text: The spokesperson for the ministry spoke.}\n"
        "persons:\n  - id: spokesperson\n    name: {value: The spokesperson, cite: {quote: The spokesperson, "
        "source: note}}\n"
        "memberships:\n  - {person: spokesperson, organization: venezuela-government, role: spokesperson, "
        "cite: {quote: spokesperson for the ministry, source: note}}\n"
    )
    event.listen(seeded.sync_engine, "before_cursor_execute", record)
    try:
        summary = await ingest_document(seeded, document, "desk")
    finally:
        event.remove(seeded.sync_engine, "before_cursor_execute", record)
    assert summary.added > 0
    write_lock = "SELECT pg_advisory_xact_lock"  # PostgreSQL's turn for writes (db/writes.py), not a read of rows
    reads = [
        s
        for s in statements
        if s.upper().startswith(("SELECT", "INSERT INTO SEARCH_INDEX", "DELETE")) and not s.startswith(write_lock)
    ]
    assert reads and all(" WHERE " in statement for statement in reads), reads
