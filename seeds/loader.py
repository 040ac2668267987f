"""Loading fact files into the database: all of them in one transaction, or nothing."""

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import Session
from sqlmodel import SQLModel, col, select

from db.engine import session_factory
from db.search import rebuild_search_index
from db.tables import FACT_TABLES, Source
from seeds import SEEDS_DIR
from seeds.errors import SeedLoadError, SeedProblem
from seeds.format import FactFile
from seeds.planner import Planner, Stored


def default_fact_files() -> list[Path]:
    return sorted(SEEDS_DIR.glob("*.yaml"))


def parse_fact_file(path: Path) -> FactFile | list[SeedProblem]:
    """The validated content of one file, or its problems (malformed YAML, unknown keys, missing cites)."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        return [SeedProblem(str(path), f"cannot read fact file: {exc.strerror}")]
    except yaml.YAMLError as exc:
        return [SeedProblem(str(path), f"malformed YAML: {exc}")]
    if not isinstance(raw, dict):
        return [SeedProblem(str(path), "a fact file must be a mapping of sections (sources, persons, events, ...)")]
    try:
        return FactFile.model_validate(raw)
    except ValidationError as exc:
        return [_validation_problem(path, raw, error) for error in exc.errors()]


def _validation_problem(path: Path, raw: dict[str, object], error: object) -> SeedProblem:
    loc = list(error["loc"])  # type: ignore[index]
    message = str(error["msg"])  # type: ignore[index]
    if len(loc) >= 2 and isinstance(loc[1], int):
        section, index = str(loc[0]), loc[1]
        items = raw.get(section)
        item = items[index] if isinstance(items, list) and index < len(items) else None
        ident = item.get("id") if isinstance(item, dict) else None
        entity = f"{section}[{index}]" + (f" {ident!r}" if ident else "")
        field = ".".join(str(part) for part in loc[2:]) or None
        if field and field.endswith("cite") and "at least 1 item" in message:
            message = "missing citation: every fact value needs at least one quote"
        return SeedProblem(str(path), message, entity, field)
    return SeedProblem(str(path), message, None, ".".join(str(part) for part in loc) or None)


def _stored(session: Session) -> Stored:
    ids = {name: set(session.scalars(select(getattr(table, "id")))) for name, table in FACT_TABLES.items()}  # noqa: B009
    texts: dict[str, str] = {
        source_id: text for source_id, text in session.execute(select(col(Source.id), col(Source.text)))
    }
    ids["source"] = set(texts)
    return Stored(ids=ids, source_texts=texts)


def _load(session: Session, files: list[tuple[Path, FactFile]]) -> int:
    planner = Planner(_stored(session))
    for path, facts in files:
        planner.declare(path, facts)
    for path, facts in files:
        planner.plan(path, facts)
    plan = planner.result()
    if plan.problems:
        raise SeedLoadError(plan.problems)
    _write(session, plan.rows)
    rebuild_search_index(session.connection())
    return len(plan.rows)


CHUNK = 500
"""Ids per `IN (...)` lookup, well under every backend's limit on bound parameters."""


def _write(session: Session, rows: list[SQLModel]) -> None:
    """Insert new rows and update changed ones, a table at a time, keeping the planned order."""
    by_table: dict[type[SQLModel], list[SQLModel]] = {}
    for row in rows:
        by_table.setdefault(type(row), []).append(row)
    for table, planned in by_table.items():
        column: Any = getattr(table, "id")  # noqa: B009
        ids = [getattr(row, "id") for row in planned]  # noqa: B009
        stored: dict[str, Any] = {}
        for at in range(0, len(ids), CHUNK):
            found = session.scalars(select(table).where(column.in_(ids[at : at + CHUNK])))
            stored.update((row.id, row) for row in found)  # type: ignore[attr-defined]
        for row in planned:
            existing = stored.get(getattr(row, "id"))  # noqa: B009
            if existing is None:
                session.add(row)
                continue
            for name in table.model_fields:
                if getattr(existing, name) != getattr(row, name):
                    setattr(existing, name, getattr(row, name))
        session.flush()


async def load_fact_files(engine: AsyncEngine, paths: Sequence[Path] | None = None) -> int:
    """Verify and write the fact files (default: the seed corpus); returns the number of rows checked.

    Raises SeedLoadError naming every problem; then nothing at all has been written.
    """
    files: list[tuple[Path, FactFile]] = []
    problems: list[SeedProblem] = []
    for path in paths or default_fact_files():
        parsed = parse_fact_file(path)
        if isinstance(parsed, list):
            problems.extend(parsed)
        else:
            files.append((path, parsed))
    if problems:
        raise SeedLoadError(problems)
    async with session_factory(engine)() as session, session.begin():
        return await session.run_sync(_load, files)
