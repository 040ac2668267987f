"""The one execution pipeline of GraphQL queries and mutations, over HTTP (GET and POST) and over the WebSocket
(both protocols, `citegraph.websocket_handlers`): parse (cached, token limit), the operation's type, validation
(cached, with the limits' rules), cost, the timeout (queries only), compiled execution on graphql-core
(`schema.execution`), error logging and masking.

Strawberry stays the schema library and runs subscriptions (`factChanged`) with its extensions (`schema.make_schema`),
which apply the same limits with the same functions (`schema.limits`) and the same caches (`schema.extensions`).
Strawberry's per-request pipeline (execution context, extension runner, a hook context per extension and stage) cost
a light query a third of its instructions, so queries and mutations skip it."""

from dataclasses import dataclass
from inspect import isawaitable
from typing import Any

import strawberry
from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLSyntaxError,
    OperationDefinitionNode,
    OperationType,
    execute,
    specified_rules,
)
from graphql.validation import ASTValidationRule, NoSchemaIntrospectionCustomRule
from strawberry.execution import optimized_is_awaitable

from resolvers.context import Context
from schema.extensions import parse_cached, validation_errors
from schema.graphql_core import core_schema
from schema.limits import QueryLimits, cost_error, time_limit, token_error, with_limits
from schema.masking import MaskUnexpectedErrors

IS_AWAITABLE: Any = optimized_is_awaitable
"""Strawberry's faster awaitable check, which it passes graphql-core too (typed there as a TypeGuard)."""

Response = dict[str, Any]
"""A GraphQL response: `data`, and `errors` when there are any."""

SUBSCRIPTION_OVER_HTTP = (
    "A subscription is served over the WebSocket at /graphql (graphql-transport-ws), not over HTTP."
)
NO_QUERY = "No GraphQL query found in the request"


@dataclass(frozen=True)
class Answer:
    """What a request gets: its `response`, and whether the operation ran (`executed`); one refused before it ran
    (syntax, validation, the limits' checks) the WebSocket protocols answer with an `error` message, HTTP with the
    same response."""

    response: Response
    executed: bool


@dataclass(frozen=True)
class _Outcome:
    data: dict[str, Any] | None
    errors: list[GraphQLError]
    executed: bool


@dataclass(frozen=True)
class GraphQLOperation:
    """What a request asks to run: its query text (a persisted query already resolved) and inputs."""

    query: str | None
    variables: dict[str, Any] | None = None
    operation_name: str | None = None
    extensions: dict[str, Any] | None = None


class OperationRefused(Exception):
    """A request that gets no GraphQL result (GraphQL over HTTP answers it 400 with `message`): no query, no
    operation of that name, a subscription, a mutation over GET."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Pipeline:
    """Runs queries and mutations on a schema made by `schema.make_schema` with the same `mask_errors`, `limits` and
    `introspection` (its extensions serve subscriptions; this serves the rest)."""

    def __init__(
        self, schema: strawberry.Schema, mask_errors: bool, limits: QueryLimits | None, introspection: bool
    ) -> None:
        self.schema = schema
        self.core = core_schema(schema)
        self.mask_errors = mask_errors
        self.limits = limits
        self.parse_options: dict[str, int] = {} if limits is None else {"max_tokens": limits.max_tokens}
        rules = tuple(specified_rules) if limits is None else with_limits(tuple(specified_rules), limits)
        self.rules: tuple[type[ASTValidationRule], ...] = (
            *rules,
            *(() if introspection else (NoSchemaIntrospectionCustomRule,)),
        )
        """The rules the extensions give Strawberry's execution context, in their order (one validation cache)."""
        executor = schema.execution_context_class
        self.executor: dict[str, Any] = {} if executor is None else {"executor_class": executor}

    async def execute_request(self, operation: GraphQLOperation, context: Context, mutations: bool) -> Answer:
        """The answer to `operation` (mutations refused unless `mutations`); `OperationRefused` when there is
        none to give. The context is closed (its reads released) before it returns."""
        try:
            outcome = await self._closing(operation, context, mutations)
        except OperationRefused:
            raise
        except Exception as error:  # outside resolvers and checks (closing the context): masked as unexpected
            outcome = _Outcome(None, [GraphQLError(str(error), original_error=error)], True)
        errors = outcome.errors
        if not errors:
            return Answer({"data": outcome.data}, outcome.executed)
        self.schema.process_errors(errors)
        if self.mask_errors:
            errors = MaskUnexpectedErrors().mask(errors)
        return Answer({"data": outcome.data, "errors": [error.formatted for error in errors]}, outcome.executed)

    def parse(self, query: str) -> DocumentNode:
        """The document of `query` (cached by its text); a syntax error raises the error clients get (the token
        limit named). The WebSocket handlers parse here first too, to tell a subscription from the rest."""
        try:
            return parse_cached(query, **self.parse_options)
        except GraphQLSyntaxError as error:
            if self.limits is None:
                raise
            reworded = token_error(error, self.limits)
            if reworded is error:
                raise
            raise reworded from None

    async def _closing(self, operation: GraphQLOperation, context: Context, mutations: bool) -> _Outcome:
        try:
            return await self._run(operation, context, mutations)
        finally:
            await context.close()

    async def _run(self, operation: GraphQLOperation, context: Context, mutations: bool) -> _Outcome:
        if not operation.query:
            raise OperationRefused(NO_QUERY)
        try:
            document = self.parse(operation.query)
        except Exception as error:
            return _refused(error)
        definition = chosen_operation(document, operation.operation_name)
        name = operation.operation_name or (definition.name.value if definition.name else None)
        if definition.operation is OperationType.SUBSCRIPTION:
            raise OperationRefused(SUBSCRIPTION_OVER_HTTP)
        if definition.operation is OperationType.MUTATION and not mutations:
            raise OperationRefused("mutations are not allowed when using GET")
        try:
            refused = self._refusals(document, name, operation)
        except Exception as error:
            return _refused(error)
        if refused:
            return _Outcome(None, refused, executed=False)
        try:
            if self.limits is None or definition.operation is not OperationType.QUERY:
                return await self._execute(document, name, operation, context)
            async with time_limit(self.limits, context):
                return await self._execute(document, name, operation, context)
        except Exception as error:
            return _Outcome(None, [_graphql_error(error)], executed=True)

    def _refusals(self, document: DocumentNode, name: str | None, operation: GraphQLOperation) -> list[GraphQLError]:
        """The errors refusing the operation before it runs: validation (the limits' rules among it), then cost."""
        invalid = validation_errors(self.core, document, self.rules)
        if invalid or self.limits is None:
            return invalid
        refused = cost_error(self.limits, self.core, document, name, operation.variables)
        return [] if refused is None else [refused]

    async def _execute(
        self, document: DocumentNode, name: str | None, operation: GraphQLOperation, context: Context
    ) -> _Outcome:
        result = execute(
            self.core,
            document,
            variable_values=operation.variables,
            operation_name=name,
            context_value=context,
            is_awaitable=IS_AWAITABLE,
            operation_extensions=operation.extensions,
            **self.executor,
        )
        if isawaitable(result):
            result = await result
        return _Outcome(result.data, list(result.errors or ()), executed=True)


def _graphql_error(error: Exception) -> GraphQLError:
    return error if isinstance(error, GraphQLError) else GraphQLError(str(error), original_error=error)


def _refused(error: Exception) -> _Outcome:
    return _Outcome(None, [_graphql_error(error)], executed=False)


def chosen_operation(document: DocumentNode, name: str | None) -> OperationDefinitionNode:
    """The operation a request runs, as Strawberry picks it: the one named `name`, else the first one (run by
    its name, if it has one); `OperationRefused` when there is none."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name is not None:
        operations = [d for d in operations if d.name is not None and d.name.value == name]
    if not operations:
        raise OperationRefused(
            "Can't get GraphQL operation type" if name is None else f'Unknown operation named "{name}".'
        )
    return operations[0]
