"""The GraphQL schema: cited types per domain, merged into one `Query`."""

from collections.abc import Callable

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaskErrors, ParserCache, SchemaExtension
from strawberry.schema.config import StrawberryConfig

from schema.changes import Subscription
from schema.errors import WRITE_ERRORS
from schema.execution import CompiledExecutionContext
from schema.extensions import DocumentValidationCache, ReleaseReads
from schema.mutations import Mutation
from schema.query import Query


def is_unexpected(error: GraphQLError) -> bool:
    """Errors raised by our code (not query syntax or validation); their text may leak internals."""
    return error.original_error is not None and not isinstance(error.original_error, GraphQLError)


def make_schema(mask_errors: bool = True, compiled: bool = True) -> strawberry.Schema:
    """The schema; with `mask_errors`, unexpected errors reach clients as a generic message only; with
    `compiled`, plain subtrees take the compiled path of `schema.execution` (same answers, less time)."""
    extensions: list[Callable[[], SchemaExtension]] = [
        ReleaseReads,
        lambda: ParserCache(maxsize=256),
        DocumentValidationCache,
    ]
    if mask_errors:
        extensions.append(lambda: MaskErrors(should_mask_error=is_unexpected))
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=WRITE_ERRORS,
        extensions=extensions,
        config=StrawberryConfig(),
        execution_context_class=CompiledExecutionContext if compiled else None,
    )


def export_sdl() -> str:
    return make_schema().as_str() + "\n"
