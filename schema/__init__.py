"""The GraphQL schema: cited types per domain, merged into one `Query`."""

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import Any

import strawberry
from strawberry.extensions import DisableIntrospection, SchemaExtension
from strawberry.schema.config import StrawberryConfig

from schema.changes import Subscription
from schema.errors import WRITE_ERRORS
from schema.execution import CompiledExecutionContext
from schema.extensions import DocumentCache, ReleaseReads
from schema.graphql_core import core_schema
from schema.limits import QueryLimiter, QueryLimits
from schema.masking import MaskUnexpectedErrors, log_errors
from schema.mutations import Mutation
from schema.query import Query
from schema.scalars import DATETIME
from schema.terms import TERM_CODE, TermCode
from schema.type_checks import drop_needless_type_checks


class CitegraphSchema(strawberry.Schema):
    """Strawberry's schema, logging errors with `schema.masking.log_errors` (a line for a client's error)
    instead of a traceback for each; `logs_unexpected` unless masking logs those."""

    logs_unexpected = True

    def process_errors(self, errors: list[Any], execution_context: Any = None) -> None:
        log_errors(errors, self.logs_unexpected)


def make_schema(
    mask_errors: bool = True, compiled: bool = True, limits: QueryLimits | None = None, introspection: bool = True
) -> strawberry.Schema:
    """The schema; with `mask_errors`, unexpected errors reach clients as a generic message and a request
    id only; with `compiled`, plain subtrees take the compiled path of `schema.execution` (same answers,
    less time); `limits` (none by default: the app passes its settings') bound what a request may ask. Its
    extensions serve what Strawberry runs (subscriptions, `schema.execute`); `schema.pipeline` runs the app's
    queries and mutations with the same limits."""
    extensions: list[Callable[[], SchemaExtension]] = [MaskUnexpectedErrors] if mask_errors else []
    extensions += [ReleaseReads, DocumentCache]
    if limits is not None:
        extensions.append(partial(QueryLimiter, limits))
    if not introspection:
        extensions.append(DisableIntrospection)
    schema = CitegraphSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=WRITE_ERRORS,
        extensions=extensions,
        config=StrawberryConfig(),
        execution_context_class=CompiledExecutionContext if compiled else None,
        scalar_overrides={dt.datetime: DATETIME, TermCode: TERM_CODE},
    )
    schema.logs_unexpected = not mask_errors
    drop_needless_type_checks(core_schema(schema))
    return schema


def export_sdl() -> str:
    return make_schema().as_str() + "\n"
