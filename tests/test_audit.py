"""`citegraph check`: passes on the seed corpus, names every tampered citation and uncited field."""

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from citegraph.cli import main
from db.audit import audit
from tests.conftest import run_statement


async def test_seed_corpus_passes(seeded: AsyncEngine) -> None:
    assert await audit(seeded) == []


async def test_shifted_offsets_are_reported_with_what_the_text_says(seeded: AsyncEngine) -> None:
    async with seeded.begin() as conn:
        citation_id = (await conn.execute(text("SELECT id FROM citation ORDER BY id LIMIT 1"))).scalar_one()
        await conn.execute(
            text("UPDATE citation SET start_offset = start_offset + 1, end_offset = end_offset + 1 WHERE id = :id"),
            {"id": citation_id},
        )
    [problem] = await audit(seeded)
    assert citation_id in problem.where
    assert "does not match the source text" in problem.message


async def test_edited_source_text_is_reported(seeded: AsyncEngine) -> None:
    async with seeded.begin() as conn:
        await conn.execute(text("UPDATE source SET text = replace(text, 'Havana', 'Havanna')"))
    problems = [str(p) for p in await audit(seeded)]
    assert any("sha256" in p for p in problems)
    assert any("Havanna" in p or "does not match" in p for p in problems)


async def test_field_without_citation_is_reported(seeded: AsyncEngine) -> None:
    async with seeded.begin() as conn:
        await conn.execute(
            text("DELETE FROM fact_citation WHERE entity_type = 'person' AND entity_id = 'nicolas-maduro'")
        )
    assert [str(p) for p in await audit(seeded)] == ["person 'nicolas-maduro': field 'name' has no citation"]


async def test_relationship_without_citation_is_reported(seeded: AsyncEngine) -> None:
    async with seeded.begin() as conn:
        await conn.execute(text("DELETE FROM fact_citation WHERE entity_type = 'person_relationship'"))
    problems = [str(p) for p in await audit(seeded)]
    assert problems and all("person_relationship" in p and "'record'" in p for p in problems)


def test_check_command_exits_0_on_the_seed_and_1_when_tampered(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CITEGRAPH_DATABASE_URL", database_url)
    assert main(["seed"]) == 0
    assert main(["check"]) == 0
    assert "check passed" in capsys.readouterr().out

    run_statement(database_url, "UPDATE citation SET quote = upper(quote) WHERE quote = 'United States forces'")
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert "check failed: 1 problem(s)" in err
    assert "'UNITED STATES FORCES' does not match the source text there, which reads 'United States forces'" in err
