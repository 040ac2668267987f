"""The request context: the database sessions, the page limits, and this request's loaders."""

from dataclasses import dataclass, field

from resolvers.loaders import Loaders, Sessions


@dataclass
class Context:
    """Made fresh for every request, so that loaders cache nothing across requests."""

    sessions: Sessions
    page_size: int = 20
    """Items per page when a list is asked for without `first` or `last`."""
    max_page_size: int = 100
    """The most items a page may hold."""
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.sessions)
