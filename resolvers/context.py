"""The request context: the database sessions, the page limits, and this request's reads and loaders."""

import asyncio
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncEngine

from resolvers.loaders import Loaders
from resolvers.notifier import ChangeNotifier
from resolvers.reads import Reads, Sessions
from resolvers.search import SearchLimits


@dataclass
class Context:
    """Made fresh for every request, so that loaders cache nothing across requests; `close()` it at the
    request's end (the schema's `ReleaseReads` extension does)."""

    sessions: Sessions
    page_size: int = 20
    """Items per page when a list is asked for without `first` or `last`."""
    max_page_size: int = 100
    """The most items a page may hold."""
    bearer_token: str | None = None
    """The token of the request's `Authorization: Bearer` header, unchecked (mutations check it)."""
    notifier: ChangeNotifier | None = None
    """The app's: writes notify it, `factChanged` subscriptions wait on it (None outside the app)."""
    search_limits: SearchLimits = field(default_factory=SearchLimits)
    """How much text `search` takes."""
    reads: Reads = field(init=False)
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.reads = Reads(self.sessions)
        self.loaders = Loaders(self.reads)

    @property
    def engine(self) -> AsyncEngine:
        """The engine writes go through."""
        engine: AsyncEngine = self.sessions.kw["bind"]
        return engine

    def fresh_loaders(self) -> None:
        """Forget cached rows: for a long-lived operation (a subscription) before each new event."""
        self.loaders = Loaders(self.reads)

    async def close(self) -> None:
        """Return the read connection, and drop what the loaders cached at the event loop's next turn (once the
        answer is on its way: freeing a large answer's rows costs milliseconds). Reads after this start afresh."""
        await self.reads.close()
        asyncio.get_running_loop().call_soon(self.loaders.release)
