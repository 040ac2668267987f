"""The GraphQL schema: cited types per domain, merged into one `Query`."""

from collections.abc import Callable

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaskErrors, ParserCache, SchemaExtension, ValidationCache
from strawberry.schema.config import StrawberryConfig

from schema.query import Query


def is_unexpected(error: GraphQLError) -> bool:
    """Errors raised by our code (not query syntax or validation); their text may leak internals."""
    return error.original_error is not None and not isinstance(error.original_error, GraphQLError)


def make_schema(mask_errors: bool = True) -> strawberry.Schema:
    """The schema; with `mask_errors`, unexpected errors reach clients as a generic message only."""
    extensions: list[Callable[[], SchemaExtension]] = [
        lambda: ParserCache(maxsize=256),
        lambda: ValidationCache(maxsize=256),
    ]
    if mask_errors:
        extensions.append(lambda: MaskErrors(should_mask_error=is_unexpected))
    return strawberry.Schema(query=Query, extensions=extensions, config=StrawberryConfig())


def export_sdl() -> str:
    return make_schema().as_str() + "\n"
