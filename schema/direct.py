"""Queries run straight on graphql-core, past Strawberry's per-request pipeline, with the same answers.

Strawberry builds an execution context, an extension runner and a hook context per extension and stage for
every request; measured, that pipeline and its HTTP view cost a light query (one event by id with its
citations) a third of its instructions. `DirectQueries` takes a request only when it is a query operation
that parses, validates and stays within the cost limit, and runs it with what the extensions would apply:
the same document and validation caches and rules, the timeout, error logging and masking, and the
context's release. Anything else (mutations, subscriptions, refusals, malformed requests) returns None from
`prepare`, for Strawberry's pipeline to answer, so every error keeps the form Strawberry gives it.
"""

import asyncio
import time
from dataclasses import dataclass
from inspect import isawaitable
from typing import Any

import strawberry
from graphql import DocumentNode, GraphQLError, OperationType, execute, get_operation_ast, specified_rules
from graphql.validation import ASTValidationRule, NoSchemaIntrospectionCustomRule
from strawberry.execution import optimized_is_awaitable

from resolvers.context import Context
from schema.extensions import parse_cached, validation_errors
from schema.limits import QueryLimits, cost_error, timeout_error, with_limits
from schema.masking import MaskUnexpectedErrors

IS_AWAITABLE: Any = optimized_is_awaitable
"""Strawberry's faster awaitable check, which it passes graphql-core too (typed there as a TypeGuard)."""

Response = dict[str, Any]
"""A GraphQL response as Strawberry's HTTP view shapes it: `data`, and `errors` when there are any."""


@dataclass(frozen=True)
class DirectQuery:
    """A request `DirectQueries.prepare` accepted: its parsed, valid document and its inputs."""

    document: DocumentNode
    operation_name: str | None
    variables: dict[str, Any] | None


class DirectQueries:
    """The direct path for a schema made by `schema.make_schema` with the same `mask_errors`, `limits` and
    `introspection`."""

    def __init__(
        self, schema: strawberry.Schema, mask_errors: bool, limits: QueryLimits | None, introspection: bool
    ) -> None:
        self.schema = schema
        self.mask_errors = mask_errors
        self.limits = limits
        self.parse_options: dict[str, int] = {} if limits is None else {"max_tokens": limits.max_tokens}
        rules = tuple(specified_rules) if limits is None else with_limits(tuple(specified_rules), limits)
        self.rules: tuple[type[ASTValidationRule], ...] = (
            *rules,
            *(() if introspection else (NoSchemaIntrospectionCustomRule,)),
        )
        """The rules Strawberry's execution context holds once the extensions have added theirs, in order."""
        executor = schema.execution_context_class
        self.executor: dict[str, Any] = {} if executor is None else {"executor_class": executor}

    def prepare(self, query: str, variables: dict[str, Any] | None, operation_name: str | None) -> DirectQuery | None:
        """The query of a well-formed request (without `extensions`), if this path may run it; None: leave it
        to Strawberry."""
        try:
            return self._checked(query, operation_name, variables)
        except Exception:  # a syntax error, or a bug in a rule or the cost: Strawberry's pipeline reports it
            return None

    def is_subscription(self, query: str, operation_name: str | None) -> bool:
        """Whether the request's operation is a subscription, which only a WebSocket serves (False for a
        document that does not parse: Strawberry reports that)."""
        try:
            operation = get_operation_ast(parse_cached(query, **self.parse_options), operation_name)
        except GraphQLError:
            return False
        return operation is not None and operation.operation is OperationType.SUBSCRIPTION

    def _checked(self, query: str, name: str | None, variables: dict[str, Any] | None) -> DirectQuery | None:
        document = parse_cached(query, **self.parse_options)
        operation = get_operation_ast(document, name)
        if operation is None or operation.operation is not OperationType.QUERY:
            return None
        core = self.schema._schema
        if validation_errors(core, document, self.rules):
            return None
        if self.limits is not None and cost_error(self.limits, core, document, name, variables) is not None:
            return None
        return DirectQuery(document, name, variables)

    async def run(self, query: DirectQuery, context: Context) -> Response:
        """The answer to `query`; the context is closed (its reads released) before it returns."""
        timeout = None if self.limits is None else self.limits.timeout_ms / 1000
        if timeout is not None:
            context.reads.deadline = time.monotonic() + timeout
        try:
            try:
                async with asyncio.timeout(timeout):
                    result = execute(
                        self.schema._schema,
                        query.document,
                        variable_values=query.variables,
                        operation_name=query.operation_name,
                        context_value=context,
                        is_awaitable=IS_AWAITABLE,
                        operation_extensions=None,
                        **self.executor,
                    )
                    if isawaitable(result):
                        result = await result
                data, errors = result.data, result.errors
                if context.reads.interrupted:
                    raise TimeoutError
            except TimeoutError:
                if self.limits is None:
                    raise
                data, errors = None, [timeout_error(self.limits)]
            finally:
                await context.close()
        except Exception as error:  # outside resolvers: reported as Strawberry reports it
            data, errors = None, [GraphQLError(str(error), original_error=error)]
        if not errors:
            return {"data": data}
        self.schema.process_errors(errors)
        if self.mask_errors:
            errors = MaskUnexpectedErrors().mask(errors)
        return {"data": data, "errors": [error.formatted for error in errors]}
