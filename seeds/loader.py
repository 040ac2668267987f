"""Loading fact files into the database: all of them in one transaction, or nothing."""

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import Session
from sqlmodel import SQLModel, col, select

from db.access import now
from db.base import content_id
from db.change_feed import announce_changes
from db.derived import DERIVED_COLUMNS
from db.enums import ChangeKind, ValueStatus
from db.holding import held_since
from db.progress import Progress
from db.search import index_added, rebuild_search_index, reindex_row
from db.sources import relinked
from db.tables import Change, FactCitation, FactValue, Source
from db.values import stored_value
from db.writes import write_session
from seeds import SEEDS_DIR
from seeds.errors import ProblemCode, SeedLoadError, SeedProblem
from seeds.format import FactFile, SourceSpec
from seeds.planner import Planner, Stored


def default_fact_files() -> list[Path]:
    return sorted(SEEDS_DIR.glob("*.yaml"))


def parse_fact_file(path: Path) -> FactFile | list[SeedProblem]:
    """The validated content of one file, or its problems (malformed YAML, unknown keys, missing cites)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        return [SeedProblem(str(path), f"cannot read fact file: {exc.strerror}")]
    return parse_fact_document(text, str(path))


MAX_EXPANDED_NODES = 1_000_000
"""The most YAML nodes a fact document may stand for once its aliases are expanded: about what a request body
can hold without aliases. A few aliases of aliases can otherwise stand for billions that validation walks."""


def load_yaml(text: str) -> Any:
    """`yaml.safe_load`, refusing (as a YAMLError) a document whose aliases expand past MAX_EXPANDED_NODES."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        sizes: dict[int, int] = {}
        if _expanded_size(node, sizes) > MAX_EXPANDED_NODES:
            raise yaml.YAMLError(f"the document's aliases (*name) expand to more than {MAX_EXPANDED_NODES:,} values")
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _expanded_size(node: yaml.Node, sizes: dict[int, int]) -> int:
    """How many nodes `node` stands for with every alias expanded; each node counted once (`sizes`)."""
    found = sizes.get(id(node))
    if found is not None:
        return found
    size = 1
    if isinstance(node, yaml.SequenceNode):
        size += sum(_expanded_size(item, sizes) for item in node.value)
    elif isinstance(node, yaml.MappingNode):
        size += sum(_expanded_size(key, sizes) + _expanded_size(value, sizes) for key, value in node.value)
    sizes[id(node)] = size = min(size, MAX_EXPANDED_NODES + 1)
    return size


def parse_fact_document(document: str | Mapping[str, Any], name: str) -> FactFile | list[SeedProblem]:
    """The validated content of a fact document, given as text (YAML, of which JSON is a subset) or as the
    mapping it parses to, or its problems."""
    if isinstance(document, str):
        try:
            raw = load_yaml(document)
        except yaml.YAMLError as exc:
            return [SeedProblem(name, f"malformed YAML: {exc}")]
        except RecursionError:
            return [SeedProblem(name, "malformed YAML: nested too deeply")]
    else:
        raw = dict(document)
    if not isinstance(raw, dict):
        return [SeedProblem(name, "a fact file must be a mapping of sections (sources, persons, events, ...)")]
    try:
        return FactFile.model_validate(raw)
    except ValidationError as exc:
        return [_validation_problem(name, raw, error) for error in exc.errors()]


def parse_source(fields: Mapping[str, Any]) -> SourceSpec:
    """A source given through the API, validated as a fact file's source is; SeedLoadError names what is wrong."""
    try:
        return SourceSpec.model_validate(fields)
    except ValidationError as exc:
        raise SeedLoadError([_validation_problem(DOCUMENT, {}, error) for error in exc.errors()]) from exc


def _validation_problem(name: str, raw: dict[str, object], error: object) -> SeedProblem:
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
            return SeedProblem(name, message, entity, field, code=ProblemCode.MISSING_CITATION)
        return SeedProblem(name, message, entity, field)
    return SeedProblem(name, message, None, ".".join(str(part) for part in loc) or None)


@dataclass(frozen=True)
class WriteSummary:
    """What a load or an ingest did, counted in rows (facts, citations, their links, sources)."""

    added: int
    unchanged: int
    updated: int = 0
    """Rows whose stored values a seed load replaced; an ingest never replaces a stored value."""
    disputed: int = 0
    """Rival values an ingest added: fields it gave another value than the stored one (both are kept)."""
    corrected: int = 0
    """Fields a correction changed (each former value kept in the row's history)."""


@dataclass(frozen=True)
class WriteMode:
    actor: str
    files_allowed: bool = True
    """Sources may name a text file beside the fact file (not for documents sent to the API)."""
    replace: bool = False
    """Changed rows are updated in place (seeding a corpus), without history."""
    reason: str | None = None
    """A correction: a changed field closes the stored value (kept as SUPERSEDED, with this reason) and
    the new one replaces it. Otherwise a changed field is kept as a rival value (a dispute)."""


def _load(
    session: Session, files: list[tuple[Path, FactFile]], mode: WriteMode, progress: Progress | None = None
) -> WriteSummary:
    planner = Planner(Stored(session), files_allowed=mode.files_allowed)
    for path, facts in files:
        planner.declare(path, facts)
    for path, facts in files:
        planner.plan(path, facts)
    plan = planner.result()
    if plan.problems:
        raise SeedLoadError(plan.problems)
    summary, added = _write(session, plan.rows, mode, progress)
    if summary.updated:
        rebuild_search_index(session.connection())
    else:
        index_added(session.connection(), added)
    announce_changes(session)
    return summary


CHUNK = 500
"""Ids per `IN (...)` lookup, well under every backend's limit on bound parameters."""


def _write(
    session: Session, rows: list[SQLModel], mode: WriteMode, progress: Progress | None = None
) -> tuple[WriteSummary, dict[str, list[str]]]:
    """Insert new rows (logging each in `change`) and, in `replace` mode, update changed ones; a table at a
    time, keeping the planned order. Outside `replace` mode a stored fact given another value is kept, and
    the new value is stored beside it as a rival (`fact_value`) with its own citations. `progress` is told the
    planned rows written, a table at a time (step `written`).
    Returns the counts and the ids of the added rows by table."""
    at = now()
    links = [row for row in rows if isinstance(row, FactCitation)]
    for link in links:
        link.added_at = at
    added: list[SQLModel] = []
    unchanged = updated = corrected = 0
    conflicts: list[SeedProblem] = []
    rivals: dict[tuple[str, str, str], FactValue] = {}
    written = 0
    for table, planned in _by_table([row for row in rows if not isinstance(row, FactCitation)]):
        stored = _stored_rows(session, table, planned)
        for row in planned:
            existing = stored.get(getattr(row, "id"))  # noqa: B009
            if existing is None:
                session.add(row)
                added.append(row)
                continue
            changed = [
                name
                for name in table.model_fields
                if name not in DERIVED_COLUMNS and getattr(existing, name) != getattr(row, name)
            ]
            if not changed:
                unchanged += 1
            elif mode.replace:
                for name in changed:
                    setattr(existing, name, getattr(row, name))
                updated += 1
            elif mode.reason is not None:
                fields = _changed_fields(row, changed)
                if fields is None:
                    conflicts.extend(_conflict(existing, row, name) for name in changed)
                else:
                    corrected += _supersede(session, existing, row, fields, mode, at)
            else:
                found = _rivals(row, changed, mode.actor, at)
                if found is None:
                    conflicts.extend(_conflict(existing, row, name) for name in changed)
                else:
                    rivals.update(found)
        session.flush()
        written += len(planned)
        if progress is not None:
            progress("written", written, len(rows))
    if conflicts:
        raise SeedLoadError(conflicts)
    disputed = 0
    for value in rivals.values():
        if session.get(FactValue, value.id) is None:
            session.add(value)
            added.append(value)
            disputed += 1
    session.flush()
    for table, planned in _by_table([_to_rival(link, rivals) for link in links]):
        stored = _stored_rows(session, table, planned)
        for row in planned:
            if getattr(row, "id") in stored:  # noqa: B009
                unchanged += 1
            else:
                session.add(row)
                added.append(row)
        session.flush()
        written += len(planned)
        if progress is not None:
            progress("written", written, len(rows))
    _log_added(session, added, mode.actor, at)
    added_ids: dict[str, list[str]] = {}
    for row in added:
        added_ids.setdefault(str(row.__tablename__), []).append(row.id)  # type: ignore[attr-defined]
    summary = WriteSummary(
        added=len(added), unchanged=unchanged, updated=updated, disputed=disputed, corrected=corrected
    )
    return summary, added_ids


def _by_table(rows: list[SQLModel]) -> list[tuple[type[SQLModel], list[SQLModel]]]:
    by_table: dict[type[SQLModel], list[SQLModel]] = {}
    for row in rows:
        by_table.setdefault(type(row), []).append(row)
    return list(by_table.items())


def _stored_rows(session: Session, table: type[SQLModel], planned: list[SQLModel]) -> dict[str, Any]:
    """The stored rows of `table` with the ids of `planned`, by id."""
    column: Any = getattr(table, "id")  # noqa: B009
    ids = [getattr(row, "id") for row in planned]  # noqa: B009
    stored: dict[str, Any] = {}
    for at in range(0, len(ids), CHUNK):
        found = session.scalars(select(table).where(column.in_(ids[at : at + CHUNK])))
        stored.update((row.id, row) for row in found)  # type: ignore[attr-defined]
    return stored


def _changed_fields(row: SQLModel, changed: list[str]) -> dict[str, tuple[str, ...]] | None:
    """The cited fields whose columns changed, with their columns; None when a changed column belongs to
    no cited field (then the row itself differs, which is a conflict)."""
    fact_fields: dict[str, tuple[str, ...]] = getattr(type(row), "__fact_fields__", {})
    fields = {name: columns for name, columns in fact_fields.items() if set(columns) & set(changed)}
    if not fields or set(changed) - {c for columns in fields.values() for c in columns}:
        return None
    return fields


def _supersede(
    session: Session, existing: Any, row: SQLModel, fields: dict[str, tuple[str, ...]], mode: WriteMode, at: dt.datetime
) -> int:
    """Close each field's stored value (kept as SUPERSEDED with its citations), then store the new one."""
    table, row_id = str(existing.__tablename__), str(existing.id)
    since = held_since(session, table, row_id)
    for name, columns in sorted(fields.items()):
        former = stored_value(existing, columns, derived=True)
        recorded_at, recorded_by = since.get(name) or since[""]
        closed = FactValue(
            id=content_id("fact_value", table, row_id, name, former, "superseded", at.isoformat()),
            entity_type=table,
            entity_id=row_id,
            field=name,
            value=former,
            status=ValueStatus.SUPERSEDED,
            recorded_at=recorded_at,
            recorded_by=recorded_by,
            closed_at=at,
            closed_by=mode.actor,
            reason=mode.reason,
        )
        session.add(closed)
        session.flush()
        links = session.scalars(
            select(FactCitation).where(
                col(FactCitation.entity_type) == table,
                col(FactCitation.entity_id) == row_id,
                col(FactCitation.field) == name,
                col(FactCitation.value_id).is_(None),
            )
        ).all()
        for link in links:
            session.delete(link)
        session.flush()
        session.add_all([relinked(link, closed.id) for link in links])
        for column in columns:
            setattr(existing, column, getattr(row, column))
    session.add(Change(at=at, actor=mode.actor, kind=ChangeKind.CORRECTED, entity_type=table, entity_id=row_id))
    session.flush()
    reindex_row(session.connection(), table, row_id)
    return len(fields)


def _rivals(
    row: SQLModel, changed: list[str], actor: str, at: dt.datetime
) -> dict[tuple[str, str, str], FactValue] | None:
    """A rival value for each cited field whose columns changed; None when a changed column belongs to no
    cited field (then the row itself differs, which is a conflict)."""
    fields = _changed_fields(row, changed)
    if fields is None:
        return None
    table, row_id = str(row.__tablename__), str(getattr(row, "id"))  # noqa: B009
    found: dict[tuple[str, str, str], FactValue] = {}
    for name, columns in sorted(fields.items()):
        value = stored_value(row, columns)
        found[(table, row_id, name)] = FactValue(
            id=content_id("fact_value", table, row_id, name, value),
            entity_type=table,
            entity_id=row_id,
            field=name,
            value=value,
            recorded_at=at,
            recorded_by=actor,
        )
    return found


def _to_rival(link: FactCitation, rivals: dict[tuple[str, str, str], FactValue]) -> FactCitation:
    """The planned link, pointed at the rival value when its field is disputed."""
    rival = rivals.get((link.entity_type, link.entity_id, link.field))
    return link if rival is None else relinked(link, rival.id)


def _conflict(existing: Any, row: Any, name: str) -> SeedProblem:
    table = str(type(row).__tablename__)
    message = (
        f"stored value {getattr(existing, name)!r} differs from {getattr(row, name)!r}: this would correct a "
        "stored fact, which an ingest does not do (corrections keep history; not available yet)"
    )
    return SeedProblem("document", message, f"{table} {row.id!r}", name, code=ProblemCode.CONFLICT)


def _log_added(session: Session, rows: list[SQLModel], actor: str, at: dt.datetime) -> None:
    entries = [
        {"at": at, "actor": actor, "kind": ChangeKind.ADDED, "entity_type": str(row.__tablename__), "entity_id": row.id}  # type: ignore[attr-defined]
        for row in rows
    ]
    if entries:
        session.execute(insert(Change), entries)


def _parse_all(paths: Sequence[Path]) -> list[tuple[Path, FactFile]]:
    files: list[tuple[Path, FactFile]] = []
    problems: list[SeedProblem] = []
    for path in paths:
        parsed = parse_fact_file(path)
        if isinstance(parsed, list):
            problems.extend(parsed)
        else:
            files.append((path, parsed))
    if problems:
        raise SeedLoadError(problems)
    return files


async def _run(
    engine: AsyncEngine, files: list[tuple[Path, FactFile]], mode: WriteMode, progress: Progress | None = None
) -> WriteSummary:
    async with write_session(engine) as session:
        return await session.run_sync(_load, files, mode, progress)


async def load_fact_files(
    engine: AsyncEngine, paths: Sequence[Path] | None = None, progress: Progress | None = None
) -> WriteSummary:
    """Verify and write the fact files (default: the seed corpus), replacing changed rows in place; `progress` is
    told the rows written.

    Raises SeedLoadError naming every problem; then nothing at all has been written.
    """
    files = _parse_all(paths or default_fact_files())
    return await _run(engine, files, WriteMode(actor="seed", replace=True), progress)


async def ingest_files(
    engine: AsyncEngine, paths: Sequence[Path], actor: str, progress: Progress | None = None
) -> WriteSummary:
    """Add the facts of fact files on disk, as `actor`; a fact that differs from a stored one refuses all.
    `progress` is told the rows written."""
    return await _run(engine, _parse_all(paths), WriteMode(actor=actor), progress)


async def correct_document(
    engine: AsyncEngine, document: str | Mapping[str, Any], actor: str, reason: str
) -> WriteSummary:
    """Like `ingest_document`, but a fact the document gives another value is corrected: the stored value
    is closed (kept in the row's history with `reason`, who and when, and its citations) and replaced."""
    parsed = parse_fact_document(document, DOCUMENT)
    if isinstance(parsed, list):
        raise SeedLoadError(parsed)
    mode = WriteMode(actor=actor, files_allowed=False, reason=reason)
    return await _run(engine, [(Path(DOCUMENT), parsed)], mode)


async def ingest_document(engine: AsyncEngine, document: str | Mapping[str, Any], actor: str) -> WriteSummary:
    """Add the facts of one fact document (YAML or JSON text, or its mapping; sources inline), as `actor`,
    in one transaction.

    Raises SeedLoadError naming every problem; then nothing at all has been written."""
    parsed = parse_fact_document(document, DOCUMENT)
    if isinstance(parsed, list):
        raise SeedLoadError(parsed)
    return await _run(engine, [(Path(DOCUMENT), parsed)], WriteMode(actor=actor, files_allowed=False))


DOCUMENT = "document"
"""How problems name a document sent to the API (it has no file name)."""


async def add_source(engine: AsyncEngine, spec: SourceSpec, actor: str) -> tuple[str, bool]:
    """Store a source given with its `text`, as `actor`: (its id, whether it was created). A text already
    stored (same SHA-256) returns that source unchanged; without an id the source gets one from its hash."""
    if spec.text is None:
        raise SeedLoadError([SeedProblem(DOCUMENT, "a source added through the API carries its text", None, "text")])
    sha = hashlib.sha256(spec.text.encode("utf-8")).hexdigest()
    async with write_session(engine) as session:
        found = (await session.scalars(select(col(Source.id)).where(col(Source.sha256) == sha))).first()
        if found is not None:
            return found, False
        source = spec if spec.id else spec.model_copy(update={"id": f"src-{sha[:16]}"})
        facts = FactFile(sources=[source])
        await session.run_sync(_load, [(Path(DOCUMENT), facts)], WriteMode(actor=actor, files_allowed=False))
        return source.id, True
