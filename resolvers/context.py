"""The request context: the database sessions and this request's loaders."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import select
from sqlmodel import SQLModel

from resolvers.loaders import Loaders, Sessions

Row = TypeVar("Row", bound=SQLModel)


@dataclass
class Context:
    sessions: Sessions
    page_size: int = 20
    """Items per page when a list is asked for without `first` or `last`."""
    max_page_size: int = 100
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.sessions)

    async def all_rows(self, table: type[Row], *order_by: str) -> Sequence[Row]:
        """Every row of a table, ordered by the named columns (then id, so the order is stable)."""
        columns: list[Any] = [getattr(table, name) for name in (*order_by, "id")]
        async with self.sessions() as session:
            return (await session.execute(select(table).order_by(*columns))).scalars().all()
