"""Writing a plan: new rows inserted, planned rows merged into the stored ones (`seeds.merge`), every write logged.

How a field given for a stored row is written depends on the mode: an ingest keeps another value as a rival (a
dispute), a correction closes the stored value and replaces it, a seed load replaces it in place. In every mode an
omitted field is untouched and an empty one is filled; outside a seed load the empty value is closed into the
row's history (when and by whom it was filled), so that `asOf` reads from before see the field empty.
"""

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session
from sqlmodel import SQLModel, col, select

from db.access import now
from db.base import FactTable, content_id
from db.derived import DERIVED_COLUMNS
from db.enums import ChangeKind, ValueStatus
from db.holding import held_since
from db.progress import Progress
from db.search import reindex_row
from db.sources import relinked
from db.tables import Change, FactCitation, FactValue
from db.values import stated_value, stored_value
from seeds.errors import ProblemCode, SeedLoadError, SeedProblem
from seeds.merge import companions, field_columns, merge
from seeds.planner import Plan


@dataclass(frozen=True)
class WriteSummary:
    """What a load or an ingest did, counted in rows (facts, citations, their links, sources) and fields."""

    added: int
    unchanged: int
    updated: int = 0
    """Rows whose stored values a seed load replaced; an ingest never replaces a stored value."""
    disputed: int = 0
    """Rival values an ingest added: fields it gave another value than the stored one (both are kept)."""
    corrected: int = 0
    """Fields a correction changed (each former value kept in the row's history)."""
    filled: int = 0
    """Fields of stored rows that held no value and now hold the document's (the empty value is in history)."""
    corroborated: int = 0
    """Values stored before (held, or standing alternatives) that the document gave again with new citations."""


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


FILLED_REASON = "filled: the field held no value until this write"
"""The reason kept with the empty value an ingest's fill closes (a correction's fill keeps its own reason)."""

CHUNK = 500
"""Ids per `IN (...)` lookup, well under every backend's limit on bound parameters."""


@dataclass
class _Write:
    """The state of one write: what it added, the rivals it made, the counts."""

    session: Session
    mode: WriteMode
    at: dt.datetime
    added: list[SQLModel] = field(default_factory=list)
    existed: set[tuple[str, str]] = field(default_factory=set)
    """(table, id) of the rows stored before this write."""
    rivals: dict[tuple[int, str], FactValue] = field(default_factory=dict)
    """The value each planned row (by `id()`) gave a disputed field, by (row, field)."""
    new_values: set[str] = field(default_factory=set)
    filled: set[tuple[str, str, str]] = field(default_factory=set)
    closed: set[tuple[str, str, str]] = field(default_factory=set)
    """(table, id, field) of every field whose stored value this write closed (filled or corrected)."""
    conflicts: list[SeedProblem] = field(default_factory=list)
    unchanged: int = 0
    updated: int = 0
    corrected: int = 0


def write_plan(
    session: Session, plan: Plan, mode: WriteMode, progress: Progress | None = None
) -> tuple[WriteSummary, dict[str, list[str]]]:
    """Insert new rows (logging each in `change`) and merge planned rows into stored ones, a table at a time in the
    planned order, then the citation links (each to the value its planned row gave). `progress` is told the
    planned rows written (step `written`). Returns the counts and the ids of the added rows by table."""
    write = _Write(session, mode, now())
    links = [row for row in plan.rows if isinstance(row, FactCitation)]
    for link in links:
        link.added_at = write.at
    written = 0
    for table, planned in _by_table(row for row in plan.rows if not isinstance(row, FactCitation)):
        stored = _stored_rows(session, table, planned)
        write.existed.update((str(table.__tablename__), row_id) for row_id in stored)
        for row in planned:
            existing = stored.get(getattr(row, "id"))  # noqa: B009
            if existing is None:
                session.add(row)
                write.added.append(row)
                stored[getattr(row, "id")] = row  # noqa: B009
            elif isinstance(row, FactTable):
                _merge_fact(write, existing, row, plan.omitted.get(id(row), frozenset()))
            else:
                _merge_evidence(write, existing, row)
        session.flush()
        written += len(planned)
        if progress is not None:
            progress("written", written, len(plan.rows))
    if write.conflicts:
        raise SeedLoadError(write.conflicts)
    corroborated = _write_links(write, links, plan.owners)
    written += len(links)
    if progress is not None:
        progress("written", written, len(plan.rows))
    _log_added(session, write.added, mode.actor, write.at)
    added_ids: dict[str, list[str]] = {}
    for row in write.added:
        added_ids.setdefault(str(row.__tablename__), []).append(row.id)  # type: ignore[attr-defined]
    summary = WriteSummary(
        added=len(write.added),
        unchanged=write.unchanged,
        updated=write.updated,
        disputed=len(write.new_values),
        corrected=write.corrected,
        filled=len(write.filled),
        corroborated=corroborated,
    )
    return summary, added_ids


def _merge_fact(write: _Write, existing: Any, row: FactTable, omitted: frozenset[str]) -> None:
    """Merge a planned fact row into the stored one (or one planned earlier in this write) of the same id."""
    found = merge(existing, row, omitted)
    if found.outside:
        if write.mode.replace:
            _set(existing, row, found.outside)
        else:
            write.conflicts.extend(_conflict(existing, row, name) for name in found.outside)
            return
    if not (found.filled or found.differing or found.outside):
        write.unchanged += 1
        return
    table, row_id = str(existing.__tablename__), str(existing.id)
    stored_before = (table, row_id) in write.existed
    if write.mode.replace or not stored_before:
        _set(existing, row, field_columns(row, found.filled))
        if write.mode.replace or write.mode.reason is not None:
            _set(existing, row, field_columns(row, found.differing))
        else:
            write.rivals.update(((id(row), name), _rival(write, row, name)) for name in found.differing)
        write.updated += int(write.mode.replace)
        return
    if found.filled:
        _close(write, existing, row, found.filled, ChangeKind.FILLED, write.mode.reason or FILLED_REASON)
        write.filled.update((table, row_id, name) for name in found.filled)
    if found.differing and write.mode.reason is not None:
        _close(write, existing, row, found.differing, ChangeKind.CORRECTED, write.mode.reason)
        write.corrected += len(found.differing)
    elif found.differing:
        write.rivals.update(((id(row), name), _rival(write, row, name)) for name in found.differing)
    if found.filled or write.mode.reason is not None:
        reindex_row(write.session.connection(), table, row_id)


def _merge_evidence(write: _Write, existing: Any, row: SQLModel) -> None:
    """A source or citation given again: what it leaves null is untouched; other differences are conflicts (or,
    in a seed load, replace the stored values)."""
    changed = [
        name
        for name in type(row).model_fields
        if name not in DERIVED_COLUMNS
        and getattr(row, name) is not None
        and getattr(existing, name) != getattr(row, name)
    ]
    if not changed:
        write.unchanged += 1
    elif write.mode.replace:
        _set(existing, row, changed)
        write.updated += 1
    else:
        write.conflicts.extend(_conflict(existing, row, name) for name in changed)


def _set(existing: Any, row: SQLModel, columns: Iterable[str]) -> None:
    for column in columns:
        setattr(existing, column, getattr(row, column))


def _close(write: _Write, existing: Any, row: FactTable, fields: list[str], kind: ChangeKind, reason: str) -> None:
    """Close each field's stored value (kept as SUPERSEDED with its citations, from when and by whose write it
    held), then give the field the planned value; one `kind` entry in the change log."""
    session, at = write.session, write.at
    table, row_id = str(existing.__tablename__), str(existing.id)
    since = held_since(session, table, row_id)
    for name in fields:
        columns = type(row).__fact_fields__[name]
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
            closed_by=write.mode.actor,
            reason=reason,
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
        _set(existing, row, [*columns, *companions(row, [name])])
    write.closed.update((table, row_id, name) for name in fields)
    session.add(Change(at=at, actor=write.mode.actor, kind=kind, entity_type=table, entity_id=row_id))
    session.flush()


def _rival(write: _Write, row: FactTable, name: str) -> FactValue:
    """The rival value a planned row gives a field: the standing alternative of that value if there is one (its
    citations are then added to it), else a new one."""
    table, row_id = str(row.__tablename__), str(getattr(row, "id"))  # noqa: B009
    value = stored_value(row, type(row).__fact_fields__[name])
    standing = write.session.scalars(
        select(FactValue).where(
            col(FactValue.entity_type) == table,
            col(FactValue.entity_id) == row_id,
            col(FactValue.field) == name,
            col(FactValue.status) == ValueStatus.ALTERNATIVE,
        )
    ).all()
    same = [v for v in standing if stated_value(v.value) == json.loads(value)]
    if same:
        return same[0]
    parts: tuple[object, ...] = ("fact_value", table, row_id, name, value)
    if write.session.get(FactValue, content_id(*parts)) is not None:
        parts += (write.at.isoformat(),)
    rival = FactValue(
        id=content_id(*parts),
        entity_type=table,
        entity_id=row_id,
        field=name,
        value=value,
        recorded_at=write.at,
        recorded_by=write.mode.actor,
    )
    write.session.add(rival)
    write.session.flush()
    write.added.append(rival)
    write.new_values.add(rival.id)
    return rival


def _write_links(write: _Write, links: list[FactCitation], owners: dict[str, SQLModel]) -> int:
    """Add the planned citation links not stored yet, each to the value its planned row gave (a rival's, when that
    row disputed the field); the number of values stored before this write that they corroborate."""
    corroborated: set[tuple[str, str, str, str | None]] = set()
    planned: list[FactCitation] = []
    for link in links:
        owner = owners.get(link.id)
        rival = None if owner is None else write.rivals.get((id(owner), link.field))
        planned.append(link if rival is None else relinked(link, rival.id))
    stored = _stored_rows(write.session, FactCitation, list(planned))
    for link in planned:
        if link.id in stored:
            write.unchanged += 1
            continue
        write.session.add(link)
        write.added.append(link)
        stored[link.id] = link
        fact = (link.entity_type, link.entity_id, link.field)
        if (fact[0], fact[1]) in write.existed and fact not in write.closed and link.value_id not in write.new_values:
            corroborated.add((*fact, link.value_id))
    write.session.flush()
    return len(corroborated)


def _by_table(rows: Iterable[SQLModel]) -> list[tuple[type[SQLModel], list[SQLModel]]]:
    by_table: dict[type[SQLModel], list[SQLModel]] = {}
    for row in rows:
        by_table.setdefault(type(row), []).append(row)
    return list(by_table.items())


def _stored_rows(session: Session, table: type[SQLModel], planned: list[Any]) -> dict[str, Any]:
    """The stored rows of `table` with the ids of `planned`, by id."""
    column: Any = getattr(table, "id")  # noqa: B009
    ids = list(dict.fromkeys(getattr(row, "id") for row in planned))  # noqa: B009
    stored: dict[str, Any] = {}
    for at in range(0, len(ids), CHUNK):
        found = session.scalars(select(table).where(column.in_(ids[at : at + CHUNK])))
        stored.update((row.id, row) for row in found)  # type: ignore[attr-defined]
    return stored


def _conflict(existing: Any, row: Any, name: str) -> SeedProblem:
    table = str(type(row).__tablename__)
    message = (
        f"stored value {getattr(existing, name)!r} differs from {getattr(row, name)!r}, and {name!r} is no cited "
        "field that could hold a rival value: give the stored value, or leave the field out"
    )
    return SeedProblem("document", message, f"{table} {row.id!r}", name, code=ProblemCode.CONFLICT)


def _log_added(session: Session, rows: list[SQLModel], actor: str, at: dt.datetime) -> None:
    entries = [
        {"at": at, "actor": actor, "kind": ChangeKind.ADDED, "entity_type": str(row.__tablename__), "entity_id": row.id}  # type: ignore[attr-defined]
        for row in rows
    ]
    if entries:
        session.execute(insert(Change), entries)
