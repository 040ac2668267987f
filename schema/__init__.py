"""The GraphQL schema: cited types per domain, merged into one `Query`."""

from collections.abc import Callable
from functools import partial

import strawberry
from strawberry.extensions import DisableIntrospection, SchemaExtension
from strawberry.schema.config import StrawberryConfig

from schema.changes import Subscription
from schema.errors import WRITE_ERRORS
from schema.execution import CompiledExecutionContext
from schema.extensions import DocumentCache, ReleaseReads
from schema.limits import QueryLimiter, QueryLimits
from schema.masking import MaskUnexpectedErrors
from schema.mutations import Mutation
from schema.query import Query


def make_schema(
    mask_errors: bool = True, compiled: bool = True, limits: QueryLimits | None = None, introspection: bool = True
) -> strawberry.Schema:
    """The schema; with `mask_errors`, unexpected errors reach clients as a generic message and a request
    id only; with `compiled`, plain subtrees take the compiled path of `schema.execution` (same answers,
    less time); `limits` (none by default: the app passes its settings') bound what a request may ask."""
    extensions: list[Callable[[], SchemaExtension]] = [MaskUnexpectedErrors] if mask_errors else []
    extensions += [ReleaseReads, DocumentCache]
    if limits is not None:
        extensions.append(partial(QueryLimiter, limits))
    if not introspection:
        extensions.append(DisableIntrospection)
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
