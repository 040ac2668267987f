"""What an export yields: pieces of text, each of one file, so that writers can stream them to disk or over HTTP."""

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncConnection


@dataclass(frozen=True, slots=True)
class Chunk:
    """The next text of the file `name` (files come one after another, each whole before the next), made of `rows`
    rows of the database (what progress counts)."""

    name: str
    text: str
    rows: int


Export = Callable[[AsyncConnection], AsyncIterator[Chunk]]
"""A format: the chunks of the export of the database a snapshot connection reads."""
