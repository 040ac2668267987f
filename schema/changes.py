"""The change feed: what was added, when, and by whom, for tools that keep up with the database."""

import asyncio
import datetime as dt
from collections.abc import AsyncGenerator, Sequence
from typing import Annotated

import strawberry
from strawberry.types import Info

from db import tables
from resolvers.context import Context
from schema.connection import Connection
from schema.enums import ChangeKind
from schema.node import Node, global_id

Ctx = Info[Context, None]

NODE_TYPES = {"source": "Source", "citation": "Citation", "proposal": "Proposal"}
"""Tables whose rows are nodes without being fact tables."""


@strawberry.type(
    name="Change",
    description="One change a write made: a row added, a source retracted, a value ranked, an object corrected.",
)
class ChangeEntry:
    row: strawberry.Private[tables.Change]

    @strawberry.field(description="Position in the feed: later changes have higher numbers.")
    def seq(self) -> int:
        return int(self.row.seq or 0)

    @strawberry.field(description="When the write was committed (UTC).")
    def at(self) -> dt.datetime:
        return self.row.at

    @strawberry.field(description="The name of the token that wrote it (`seed` for the seed corpus).")
    def actor(self) -> str:
        return self.row.actor

    @strawberry.field(description="What happened to the row.")
    def kind(self) -> ChangeKind:
        return self.row.kind

    @strawberry.field(description="The table of the row: `event`, `citation`, `fact_citation` (a citation link)...")
    def entity_type(self) -> str:
        return self.row.entity_type

    @strawberry.field(description="The row's key in its table (the key of global ids).")
    def entity_id(self) -> str:
        return self.row.entity_id

    @strawberry.field(
        description="The object the row is, or for a citation link the object it cites; null when it has none."
    )
    async def node(self, info: Ctx) -> Node | None:
        from schema.registry import node_of_row, resolve_node

        table, key = self.row.entity_type, self.row.entity_id
        if table in NODE_TYPES:
            return await resolve_node(info, global_id(NODE_TYPES[table], key))
        if table == "fact_citation":
            link = await info.context.loaders.by_id(tables.FactCitation).load(key)
            if link is None:
                return None
            table, key = link.entity_type, link.entity_id
        return await node_of_row(info, table, key)


@strawberry.type(name="ChangeConnection", description="A page of the change feed, oldest first.")
class ChangeConnection(Connection[ChangeEntry]):
    pass


async def changes(
    info: Ctx,
    since: dt.datetime | None,
    first: int | None,
    after: str | None,
) -> ChangeConnection:
    from resolvers.changes import CHANGE_ORDERING, changes_query
    from resolvers.pagination import PageRequest
    from schema.connection import paginate

    async def build(rows: Sequence[tables.Change]) -> list[ChangeEntry]:
        return [ChangeEntry(row=row) for row in rows]

    page = await paginate(info, build, changes_query(since), CHANGE_ORDERING, PageRequest(first=first, after=after))
    return ChangeConnection(edges=page.edges, page_info=page.page_info, counter=page.counter)


Since = Annotated[
    dt.datetime | None,
    strawberry.argument(description="Only changes committed at or after this time (UTC when no offset is given)."),
]


POLL_SECONDS = 2.0
"""How often a subscription re-reads the change log when no notification came (on SQLite: other processes'
writes; on PostgreSQL, where every commit notifies, only a safety net)."""
BATCH = 100


@strawberry.type(description="Live updates for newsroom tools (GraphQL over WebSocket, graphql-transport-ws).")
class Subscription:
    @strawberry.subscription(
        description="Every change writes make from now on (or after the feed cursor `after`), as the feed lists them."
    )
    async def fact_changed(
        self,
        info: Ctx,
        after: Annotated[
            str | None, strawberry.argument(description="A `changes` cursor: start after it, missing nothing.")
        ] = None,
    ) -> AsyncGenerator[ChangeEntry, None]:
        from resolvers.changes import CHANGE_ORDERING, changes_after, last_seq
        from resolvers.pagination import decode_cursor

        context = info.context
        try:
            seq = int(decode_cursor(CHANGE_ORDERING, after, "after")[0]) if after else await last_seq(context.reads)
            while True:
                ticket = None if context.notifier is None else context.notifier.ticket()
                found = await changes_after(context.reads, seq, BATCH)
                if found:
                    context.fresh_loaders()
                for row in found:
                    seq = int(row.seq or seq)
                    yield ChangeEntry(row=row)
                if len(found) < BATCH:
                    await context.close()  # no connection held while waiting
                    if context.notifier is None:
                        await asyncio.sleep(POLL_SECONDS)
                    else:
                        await context.notifier.wait(POLL_SECONDS, ticket)
        finally:
            await context.close()
