"""The arguments root fields share (global ids, paging, `asOf`), and `read_at`, which applies `asOf`."""

import datetime as dt
from typing import Annotated

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from db.asof import AsOfUnavailable
from resolvers.context import Context
from resolvers.reads import AsOfConflict
from schema.arguments import ArgumentError

Ctx = Info[Context, None]
GlobalId = Annotated[
    strawberry.ID, strawberry.argument(description="A global id (`TypeName:key`); an unknown id returns null.")
]
First = Annotated[
    int | None,
    strawberry.argument(description="Items from the start (or after `after`); default 20, at most the maximum."),
]
After = Annotated[str | None, strawberry.argument(description="A cursor: return items after it.")]
Last = Annotated[
    int | None, strawberry.argument(description="Items from the end (or before `before`); at most the maximum.")
]
Before = Annotated[str | None, strawberry.argument(description="A cursor: return items before it.")]
AsOf = Annotated[
    dt.datetime | None,
    strawberry.argument(
        description="Answer as the database stood at this moment (ISO 8601, UTC when no offset is given): "
        "the rows, values, citations, rivals and history written by then. Default: now. Every root field of "
        "one request must use the same moment."
    ),
]
FILTER = strawberry.argument(description="Only the items matching every given filter.")
ORDER = strawberry.argument(description="The order of the items.")


def read_at(info: Ctx, as_of: dt.datetime | None) -> None:
    """Fix the moment this request reads at, before the root field's first read."""
    try:
        info.context.reads.read_as_of(as_of)
    except AsOfConflict as exc:
        raise ArgumentError(str(exc)) from exc
    except AsOfUnavailable as exc:
        raise GraphQLError(str(exc)) from exc
