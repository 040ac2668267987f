"""Query limits: what one request may ask of the server, enforced by one Strawberry extension.

Depth and aliases are validation rules (so `DocumentCache` keeps their verdict per document);
tokens stop the parser; cost (`schema.cost`) and the timeout apply to each execution."""

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from functools import partial

from graphql import (
    FragmentDefinitionNode,
    GraphQLError,
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
    Strawberry's token limit, its error reworded; the depth and alias `rules`; the cost, checked before
    execution; the timeout, for queries only: a write cut off midway could be stored while its client is
    told it failed. Make `rules` once per schema, so that `DocumentCache` keeps their verdicts."""

    def __init__(self, limits: QueryLimits, rules: tuple[type[ASTValidationRule], ...]) -> None:
        super().__init__(limits.max_tokens)
        self.limits = limits
        self.rules = rules

    def on_operation(self) -> Iterator[None]:
        self.execution_context.validation_rules += self.rules
        try:
            yield from super().on_operation()
        except GraphQLSyntaxError as error:
            if "tokens. Parsing aborted" not in error.message:
                raise
            limit = self.max_token_count
            message = f"The query has more than the limit of {limit} tokens (CITEGRAPH_MAX_TOKENS)."
            raise limit_error(message, "TOO_MANY_TOKENS", limit) from None

    async def on_execute(self) -> AsyncIterator[None]:
        self.check_cost()
        if self.execution_context.operation_type is not OperationType.QUERY:
            yield
            return
        try:
            async with asyncio.timeout(self.limits.timeout_ms / 1000):
                yield
        except TimeoutError:
            limit = self.limits.timeout_ms
            message = f"The query ran longer than the limit of {limit} ms (CITEGRAPH_QUERY_TIMEOUT_MS)."
            raise limit_error(message, "TIMEOUT", limit) from None

    def check_cost(self) -> None:
        context, limit = self.execution_context, self.limits.max_cost
        if context.graphql_document is None:
            return
        schema, document, variables = context.schema._schema, context.graphql_document, context.variables or {}
        sizes = self.limits.page_size, self.limits.max_page_size
        cost = operation_cost(schema, document, context.operation_name, variables, *sizes)
        if cost is not None and cost > limit:
            message = (
                f"The query would cost {cost}, more than the limit of {limit} (CITEGRAPH_MAX_QUERY_COST): "
                "each field costs 1 and a paged list multiplies the cost of its fields by its page size "
                "(first/last); ask for smaller pages or fewer fields."
            )
            raise limit_error(message, "QUERY_TOO_COSTLY", limit)


def query_limiter(limits: QueryLimits) -> Callable[[], QueryLimiter]:
    """The factory to pass to the schema, its validation rules made once."""
    return partial(QueryLimiter, limits, (depth_rule(limits.max_depth), alias_rule(limits.max_aliases)))
