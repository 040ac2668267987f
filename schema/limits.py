"""Query limits: what one request may ask of the server, enforced by one Strawberry extension.

Depth and aliases are validation rules (so `DocumentCache` keeps their verdict per document);
tokens stop the parser; cost (`schema.cost`) and the timeout apply to each execution."""

import asyncio
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLSchema,
    GraphQLSyntaxError,
    OperationDefinitionNode,
    TypeInfo,
    ValidationContext,
    ValidationRule,
)
from graphql.validation import ASTValidationRule
from strawberry.extensions import MaxTokensLimiter
from strawberry.extensions.max_aliases import count_fields_with_alias
from strawberry.extensions.query_depth_limiter import create_validator as depth_validator
from strawberry.types.graphql import OperationType

from schema.cost import operation_cost


@dataclass(frozen=True)
class QueryLimits:
    """The limits of `citegraph.settings.Settings` (defaults and meaning there) that the schema enforces."""

    max_depth: int
    max_aliases: int
    max_tokens: int
    max_cost: int
    page_size: int
    """The page size of a paged list asked for without `first`/`last`, as the cost counts it."""
    max_page_size: int
    timeout_ms: int


def limit_error(message: str, code: str, limit: int, error: GraphQLError | None = None) -> GraphQLError:
    """A refusal naming the limit; `extensions` carries `code` and `limit` for programs."""
    return GraphQLError(message, error.nodes if error else None, extensions={"code": code, "limit": limit})


def depth_rule(max_depth: int) -> type[ASTValidationRule]:
    """Strawberry's depth limiter (introspection fields not counted), reporting one error that names the setting."""
    strawberry_rule = depth_validator(max_depth, should_ignore=None)

    class DepthLimit(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            found: list[GraphQLError] = []
            strawberry_rule(ValidationContext(context.schema, context.document, TypeInfo(context.schema), found.append))
            if found:
                message = f"The query nests deeper than the limit of {max_depth} levels (CITEGRAPH_MAX_QUERY_DEPTH)."
                context.report_error(limit_error(message, "QUERY_TOO_DEEP", max_depth, found[0]))

    return DepthLimit


def alias_rule(max_aliases: int) -> type[ASTValidationRule]:
    """Counts aliased fields as Strawberry's `MaxAliasesLimiter` does (fragments once per spread)."""

    class AliasLimit(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            definitions = context.document.definitions
            fragments = {d.name.value: d for d in definitions if isinstance(d, FragmentDefinitionNode)}
            operations = [d for d in definitions if isinstance(d, OperationDefinitionNode)]
            count = sum(count_fields_with_alias(operation, fragments) for operation in operations)
            if count > max_aliases:
                message = f"The query uses {count} aliases, more than the limit of {max_aliases}"
                message += " (CITEGRAPH_MAX_ALIASES)."
                context.report_error(limit_error(message, "TOO_MANY_ALIASES", max_aliases))

    return AliasLimit


class QueryLimiter(MaxTokensLimiter):
    """Every limit of `limits` in one extension (Strawberry's runner costs each extension on every request):
    Strawberry's token limit, its error reworded; the depth and alias rules (`limit_rules`); the cost, checked
    before execution; the timeout, for queries only: a write cut off midway could be stored while its client
    is told it failed. `schema.direct` enforces the same limits with the same functions."""

    def __init__(self, limits: QueryLimits) -> None:
        super().__init__(limits.max_tokens)
        self.limits = limits

    def on_operation(self) -> Iterator[None]:
        self.execution_context.validation_rules += limit_rules(self.limits)
        try:
            yield from super().on_operation()
        except GraphQLSyntaxError as error:
            if "tokens. Parsing aborted" not in error.message:
                raise
            limit = self.max_token_count
            message = f"The query has more than the limit of {limit} tokens (CITEGRAPH_MAX_TOKENS)."
            raise limit_error(message, "TOO_MANY_TOKENS", limit) from None

    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context
        if context.graphql_document is not None:
            error = cost_error(
                self.limits, context.schema._schema, context.graphql_document, context.operation_name, context.variables
            )
            if error is not None:
                raise error
        if context.operation_type is not OperationType.QUERY:
            yield
            return
        try:
            async with asyncio.timeout(self.limits.timeout_ms / 1000):
                yield
        except TimeoutError:
            raise timeout_error(self.limits) from None


@cache
def limit_rules(limits: QueryLimits) -> tuple[type[ASTValidationRule], ...]:
    """The depth and alias rules of `limits`, made once: `DocumentCache` keeps verdicts by rule identity."""
    return depth_rule(limits.max_depth), alias_rule(limits.max_aliases)


def cost_error(
    limits: QueryLimits,
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: dict[str, Any] | None,
) -> GraphQLError | None:
    """The refusal of an operation that would cost more than `limits` allow, else None."""
    limit = limits.max_cost
    cost = operation_cost(schema, document, operation_name, variables or {}, limits.page_size, limits.max_page_size)
    if cost is None or cost <= limit:
        return None
    message = (
        f"The query would cost {cost}, more than the limit of {limit} (CITEGRAPH_MAX_QUERY_COST): "
        "each field costs 1 and a paged list multiplies the cost of its fields by its page size "
        "(first/last); ask for smaller pages or fewer fields."
    )
    return limit_error(message, "QUERY_TOO_COSTLY", limit)


def timeout_error(limits: QueryLimits) -> GraphQLError:
    """The refusal of a query that ran past `limits.timeout_ms`."""
    limit = limits.timeout_ms
    message = f"The query ran longer than the limit of {limit} ms (CITEGRAPH_QUERY_TIMEOUT_MS)."
    return limit_error(message, "TIMEOUT", limit)
