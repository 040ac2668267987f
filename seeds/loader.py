"""Loading fact files into the database: all of them in one transaction, or nothing."""

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import Session
from sqlmodel import col, select

from db.change_feed import announce_changes
from db.progress import Progress
from db.search import index_added, rebuild_search_index
from db.tables import Source
from db.writes import write_session
from seeds import SEEDS_DIR
from seeds.errors import ProblemCode, SeedLoadError, SeedProblem
from seeds.format import FactFile, SourceSpec
from seeds.planner import Planner, Stored
from seeds.vocabulary import unknown_terms
from seeds.writer import WriteMode, WriteSummary, write_plan


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
    message = str(error["msg"]).removeprefix("Value error, ")  # type: ignore[index]
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


def _load(
    session: Session, files: list[tuple[Path, FactFile]], mode: WriteMode, progress: Progress | None = None
) -> WriteSummary:
    if unknown := unknown_terms(session, files):
        raise SeedLoadError(unknown)
    planner = Planner(Stored(session), files_allowed=mode.files_allowed)
    for path, facts in files:
        planner.declare(path, facts)
    for path, facts in files:
        planner.plan(path, facts)
    plan = planner.result()
    if plan.problems:
        raise SeedLoadError(plan.problems)
    summary, added = write_plan(session, plan, mode, progress)
    if summary.updated:
        rebuild_search_index(session.connection())
    else:
        index_added(session.connection(), added)
    announce_changes(session)
    return summary


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


def ingest_in(session: Session, document: str | Mapping[str, Any], actor: str) -> WriteSummary:
    """`ingest_document` within the caller's write transaction (run it with `run_sync`), so that the caller's own
    rows commit or roll back with the facts."""
    parsed = parse_fact_document(document, DOCUMENT)
    if isinstance(parsed, list):
        raise SeedLoadError(parsed)
    return _load(session, [(Path(DOCUMENT), parsed)], WriteMode(actor=actor, files_allowed=False))


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
