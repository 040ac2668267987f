"""What an export yields: pieces of text, each of one file, so that writers can stream them to disk or over HTTP."""

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from db.export_rows import exported_rows
from db.progress import Progress
from db.snapshot import snapshot


@dataclass(frozen=True, slots=True)
class Chunk:
    """The next text of the file `name` (files come one after another, each whole before the next), made of `rows`
    rows of the database (what progress counts)."""

    name: str
    text: str
    rows: int


Export = Callable[[AsyncConnection], AsyncIterator[Chunk]]
"""A format: the chunks of the export of the database a snapshot connection reads."""


async def exported(engine: AsyncEngine, export: Export, progress: Progress | None = None) -> AsyncIterator[Chunk]:
    """The chunks of `export` of the database of `engine`, all read from one snapshot (`db.snapshot`); `progress`
    is told the rows read so far (step `exported`)."""
    async with snapshot(engine) as conn:
        total = await exported_rows(conn) if progress else 0
        done = 0
        async for chunk in export(conn):
            yield chunk
            if progress and chunk.rows:
                done += chunk.rows
                progress("exported", done, total)
