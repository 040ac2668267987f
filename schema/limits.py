"""Query limits: what one request may ask of the server, as Strawberry extensions built once per schema.

Depth and aliases are validation rules (so `DocumentValidationCache` keeps their verdict per document);
tokens stop the parser; cost (`schema.cost`) and the timeout apply to each execution."""

import asyncio
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass

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
from strawberry.extensions import MaxTokensLimiter, SchemaExtension
from strawberry.extensions.max_aliases import count_fields_with_alias
from strawberry.extensions.query_depth_limiter import create_validator as depth_validator
from strawberry.types.graphql import OperationType


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


class TokenLimit(MaxTokensLimiter):
    """Strawberry's token limit (the parser stops at the first token over), its syntax error reworded."""

    def on_operation(self) -> Iterator[None]:
        try:
            yield from super().on_operation()
        except GraphQLSyntaxError as error:
            if "tokens. Parsing aborted" not in error.message:
                raise
            message = f"The query has more than the limit of {self.max_token_count} tokens (CITEGRAPH_MAX_TOKENS)."
            raise limit_error(message, "TOO_MANY_TOKENS", self.max_token_count) from None


class QueryTimeout(SchemaExtension):
    """Stops a query that runs longer than `timeout_ms` (at its next await). Mutations are not stopped: a
    write cut off midway could be stored while its client is told it failed."""

    def __init__(self, timeout_ms: int) -> None:
        self.timeout_ms = timeout_ms

    async def on_execute(self) -> AsyncIterator[None]:
        if self.execution_context.operation_type is not OperationType.QUERY:
            yield
            return
        try:
            async with asyncio.timeout(self.timeout_ms / 1000):
                yield
        except TimeoutError:
            message = f"The query ran longer than the limit of {self.timeout_ms} ms (CITEGRAPH_QUERY_TIMEOUT_MS)."
            raise limit_error(message, "TIMEOUT", self.timeout_ms) from None
