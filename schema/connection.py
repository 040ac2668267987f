"""Relay connections: pages of nodes with cursors, page info and an on-demand total count."""

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Generic, TypeVar

import strawberry
from sqlalchemy import Select
from strawberry.types import Info

from resolvers.context import Context
from resolvers.pagination import Ordering, Page, PageRequest, PaginationError, count_rows, fetch_page
from schema.arguments import ArgumentError

T = TypeVar("T")


@strawberry.type(description="Where a page stands in the whole list (Relay).")
class PageInfo:
    has_next_page: bool = strawberry.field(description="Whether more items follow this page.")
    has_previous_page: bool = strawberry.field(description="Whether items precede this page.")
    start_cursor: str | None = strawberry.field(description="Cursor of the first item; null for an empty page.")
    end_cursor: str | None = strawberry.field(description="Cursor of the last item; null for an empty page.")


def _cursor(self: "Edge[Any]") -> str:
    """Encoded on demand: most queries select no edge's cursor."""
    return self.page.cursor(self.row)


@strawberry.type(description="One item of a page, with the cursor to page from it.")
class Edge(Generic[T]):
    cursor: str = strawberry.field(resolver=_cursor, description="Pass as `after` or `before` to page from this item.")
    node: T = strawberry.field(description="The item.")
    page: strawberry.Private[Page]
    row: strawberry.Private[Any]


@strawberry.type(description="A page of a list: its items (`edges`), `pageInfo`, and the total on request.")
class Connection(Generic[T]):
    edges: list[Edge[T]] = strawberry.field(description="The items of this page, in order.")
    page_info: PageInfo = strawberry.field(description="Where this page stands in the whole list.")
    counter: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="How many items the whole filtered list holds (counted only when asked for).")
    async def total_count(self) -> int:
        return await self.counter()


async def paginate(
    info: Info[Context, None],
    build: Callable[[Sequence[Any]], Awaitable[list[T]]],
    query: Select[Any],
    ordering: Ordering,
    request: PageRequest,
) -> Connection[T]:
    """One page of `query`'s rows turned into nodes by `build`, with cursors for `ordering`."""
    ctx = info.context
    try:
        page = await fetch_page(ctx.reads, query, ordering, request, ctx.page_size, ctx.max_page_size)
    except PaginationError as exc:
        raise ArgumentError(str(exc)) from exc
    nodes = await build(page.rows)
    return Connection(
        edges=[Edge(node=node, page=page, row=row) for row, node in zip(page.rows, nodes, strict=True)],
        page_info=PageInfo(
            has_next_page=page.has_next,
            has_previous_page=page.has_previous,
            start_cursor=page.cursor(page.rows[0]) if page.rows else None,
            end_cursor=page.cursor(page.rows[-1]) if page.rows else None,
        ),
        counter=lambda: count_rows(ctx.reads, query),
    )
