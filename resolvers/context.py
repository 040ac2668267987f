"""The request context: the database sessions and this request's loaders."""

from dataclasses import dataclass, field
from typing import TypeVar

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
