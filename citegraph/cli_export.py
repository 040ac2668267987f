"""`citegraph export` and `citegraph import`: the JSON Lines dump that moves a database (`db.dump`), and the exports
for newsrooms and researchers (CSV files, JSON-LD with Web Annotations: `exports`)."""

import io
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, TextIO

from citegraph.cli_database import open_engine
from citegraph.progress_bars import ProgressBars

if TYPE_CHECKING:  # the commands import SQLAlchemy and the exports only when they run
    from sqlalchemy.ext.asyncio import AsyncEngine

    from exports.chunks import Chunk

FORMATS = ("jsonl", "csv", "jsonld")


async def export(form: str, out: Path | None) -> int:
    from db.engine import create_schema

    engine = await open_engine()
    try:
        await create_schema(engine)
        with ProgressBars() as progress:
            rows = await (_dump(engine, out, progress) if form == "jsonl" else _export(engine, form, out, progress))
    finally:
        await engine.dispose()
    print(f"exported {rows} rows" + (f" to {out}" if out else ""), file=sys.stderr)
    return 0


async def _dump(engine: "AsyncEngine", out: Path | None, progress: ProgressBars) -> int:
    from db.dump import export_database

    with _text_file(out) as file:
        counts = await export_database(engine, file, progress)
    return sum(counts.values())


async def _export(engine: "AsyncEngine", form: str, out: Path | None, progress: ProgressBars) -> int:
    from exports.annotations import jsonld
    from exports.archive import zipped
    from exports.chunks import Chunk, exported
    from exports.spreadsheets import csv_files

    rows = 0

    async def counted(chunks: AsyncIterator[Chunk]) -> AsyncIterator[Chunk]:
        nonlocal rows
        async for chunk in chunks:
            rows += chunk.rows
            yield chunk

    chunks = counted(exported(engine, csv_files if form == "csv" else jsonld, progress))
    if form == "jsonld":
        with _text_file(out) as file:
            async for chunk in chunks:
                file.write(chunk.text)
    elif out is not None and out.suffix == ".zip":
        with _partial(out) as partial, partial.open("wb") as archive:
            async for data in zipped(chunks):
                archive.write(data)
    elif out is not None:
        await _into_folder(chunks, out)
    return rows


async def _into_folder(chunks: AsyncIterator["Chunk"], folder: Path) -> None:
    """Each file of the chunks into `folder` (made if missing), each written whole under a `.partial` name first."""
    folder.mkdir(parents=True, exist_ok=True)
    current: tuple[Path, IO[str]] | None = None
    try:
        async for chunk in chunks:
            if current is None or current[0].name != chunk.name:
                _finish(current)
                path = folder / chunk.name
                current = (path, _partial_name(path).open("w", encoding="utf-8", newline=""))
            current[1].write(chunk.text)
        _finish(current)
        current = None
    finally:
        if current is not None:
            current[1].close()
            _partial_name(current[0]).unlink(missing_ok=True)


def _finish(current: tuple[Path, IO[str]] | None) -> None:
    if current is not None:
        current[1].close()
        _partial_name(current[0]).replace(current[0])


def _partial_name(path: Path) -> Path:
    return path.with_name(path.name + ".partial")


@contextmanager
def _partial(out: Path) -> Iterator[Path]:
    """A path to write in place of `out`, which becomes `out` once written whole; `out` itself when it is no
    regular file (/dev/null, a named pipe), which must not be replaced."""
    if out.exists() and not out.is_file():
        yield out
        return
    partial = _partial_name(out)
    try:
        yield partial
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)


@contextmanager
def _text_file(out: Path | None) -> Iterator[TextIO]:
    """UTF-8 text to `out` (written whole, see `_partial`), or to stdout without one."""
    if out is None:
        yield utf8(sys.stdout)
        return
    with _partial(out) as partial, partial.open("w", encoding="utf-8", newline="\n") as file:
        yield file


async def import_dump(path: str) -> int:
    from db.dump import DumpError, import_database

    engine = await open_engine()
    try:
        with ProgressBars() as progress:
            if path == "-":
                counts = await import_database(engine, utf8(sys.stdin), progress)
            else:
                with open(path, encoding="utf-8") as file:
                    counts = await import_database(engine, file, progress)
    except (DumpError, OSError) as exc:
        print(f"import refused, nothing was written: {exc}", file=sys.stderr)
        return 1
    finally:
        await engine.dispose()
    print(f"imported {sum(counts.values())} rows of {len(counts)} tables; search index rebuilt", file=sys.stderr)
    return 0


def utf8(stream: TextIO) -> TextIO:
    """A dump is UTF-8 whatever the locale says."""
    if isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(encoding="utf-8")
    return stream
