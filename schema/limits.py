"""Query limits: what one request may ask of the server. Queries and mutations (over HTTP and WebSocket) meet them
in `schema.pipeline`, subscriptions in the `QueryLimiter` extension; both call the functions here, so there is one
set of checks.

Depth and aliases are validation rules (so `schema.extensions.validation_errors` keeps their verdict per document);
tokens stop the parser (`token_error` names the limit); cost (`schema.cost`) and the timeout (`time_limit`)
apply to each execution."""

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any

from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    GraphQLSyntaxError,
    OverlappingFieldsCanBeMergedRule,
    ValidationContext,
    ValidationRule,
)
from graphql.language.parser import MAX_NESTING_DEPTH
from graphql.validation import ASTValidationRule
from graphql.validation.validate import ValidationAbortedError
from strawberry.extensions import MaxTokensLimiter
from strawberry.types.graphql import OperationType

from resolvers.context import Context
from schema.cost import CostError, operation_cost
from schema.graphql_core import core_schema
from schema.shape import measure


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
    max_validation_work: int = 10000
    """Units of work graphql's field-merging rule may spend on one document (`merge_rule`)."""
    max_list_items: int = 1000
    """The most items a list argument may hold, at any depth of an input (`schema.cost`)."""


def limit_error(message: str, code: str, limit: int, error: GraphQLError | None = None) -> GraphQLError:
    """A refusal naming the limit; `extensions` carries `code` and `limit` for programs."""
    return GraphQLError(message, error.nodes if error else None, extensions={"code": code, "limit": limit})


class DocumentRule(ValidationRule):
    """A rule judged on the document alone, in time linear in it. `schema.extensions.validation_errors` runs
    these before graphql's rules, and no further when they refuse, so a refused document costs no more."""

    @classmethod
    def errors(cls, document: DocumentNode) -> list[GraphQLError]:
        raise NotImplementedError

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        for error in self.errors(context.document):
            context.report_error(error)


def document_rule(limits: QueryLimits) -> type[DocumentRule]:
    """Depth (introspection fields not counted, as Strawberry's depth limiter counts), aliases (fragments once
    per spread, as Strawberry's alias limiter counts) and nesting through fragments, measured by `schema.shape`
    in one pass that measures each fragment once."""

    class DocumentLimits(DocumentRule):
        @classmethod
        def errors(cls, document: DocumentNode) -> list[GraphQLError]:
            shape = measure(document)
            errors = []
            if shape.nesting > MAX_NESTING_DEPTH:
                message = (
                    f"The query nests selection sets, through its fragment spreads, more than {MAX_NESTING_DEPTH} "
                    "levels deep, deeper than the server validates."
                )
                errors.append(limit_error(message, "QUERY_TOO_DEEP", MAX_NESTING_DEPTH))
            if shape.depth > limits.max_depth:
                message = (
                    f"The query nests deeper than the limit of {limits.max_depth} levels (CITEGRAPH_MAX_QUERY_DEPTH)."
                )
                errors.append(limit_error(message, "QUERY_TOO_DEEP", limits.max_depth))
            if shape.aliases > limits.max_aliases:
                count = "more than a million" if shape.aliases > 1_000_000 else str(shape.aliases)
                message = f"The query uses {count} aliases, more than the limit of {limits.max_aliases}"
                errors.append(
                    limit_error(message + " (CITEGRAPH_MAX_ALIASES).", "TOO_MANY_ALIASES", limits.max_aliases)
                )
            return errors

    return DocumentLimits


def merge_rule(budget: int) -> type[ASTValidationRule]:
    """graphql's rule that fields of one name can merge, with `budget` units of work (about one comparison of
    two fields each) instead of graphql-core's 500,000: repeating a field thousands of times in a document of
    10,000 tokens cost it about two seconds. A document needing more is refused naming the limit."""

    class FieldMergeLimit(OverlappingFieldsCanBeMergedRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            self.rule_context.remaining_complexity_budget = budget

        def enter_selection_set(self, *args: Any) -> None:
            try:
                super().enter_selection_set(*args)
            except ValidationAbortedError:
                message = (
                    f"The query takes more work to validate than the limit of {budget} steps "
                    "(CITEGRAPH_MAX_VALIDATION_WORK): checking that fields of one name merge compares them in pairs; "
                    "ask for each field once per selection."
                )
                raise ValidationAbortedError(
                    message, extensions={"code": "QUERY_TOO_COMPLEX", "limit": budget}
                ) from None

    return FieldMergeLimit


class QueryLimiter(MaxTokensLimiter):
    """Every limit of `limits` for an operation Strawberry runs (a subscription), in one extension:
    the token limit (`token_error`), the depth, alias and merge rules (`with_limits`), the cost, checked before
    execution (`cost_error`), and the timeout for queries (`time_limit`)."""

    def __init__(self, limits: QueryLimits) -> None:
        super().__init__(limits.max_tokens)
        self.limits = limits

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context
        context.validation_rules = with_limits(context.validation_rules, self.limits)
        try:
            yield from super().on_operation()
        except GraphQLSyntaxError as error:
            reworded = token_error(error, self.limits)
            if reworded is error:
                raise
            raise reworded from None

    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context
        if context.graphql_document is not None:
            error = cost_error(
                self.limits,
                core_schema(context.schema),
                context.graphql_document,
                context.operation_name,
                context.variables,
            )
            if error is not None:
                raise error
        if context.operation_type is not OperationType.QUERY:
            yield
            return
        async with time_limit(self.limits, context.context):
            yield


def token_error(error: GraphQLSyntaxError, limits: QueryLimits) -> GraphQLError:
    """A syntax error as the client gets it: the parser's refusal of a document over the token limit reworded
    to name the limit, any other as it is."""
    if "tokens. Parsing aborted" not in error.message:
        return error
    message = f"The query has more than the limit of {limits.max_tokens} tokens (CITEGRAPH_MAX_TOKENS)."
    return limit_error(message, "TOO_MANY_TOKENS", limits.max_tokens)


@asynccontextmanager
async def time_limit(limits: QueryLimits, context: object) -> AsyncIterator[None]:
    """Runs a query's execution under `limits.timeout_ms`, its statements too (the deadline of the context's
    reads); past it, `timeout_error` is raised. Only for queries: a write cut off midway could be stored while
    its client is told it failed."""
    timeout = limits.timeout_ms / 1000
    reads = context.reads if isinstance(context, Context) else None
    if reads is not None:
        reads.deadline = time.monotonic() + timeout
    try:
        async with asyncio.timeout(timeout):
            yield
        if reads is not None and reads.interrupted:
            raise TimeoutError
    except TimeoutError:
        raise timeout_error(limits) from None


@cache
def limit_rules(limits: QueryLimits) -> tuple[type[DocumentRule], type[ASTValidationRule]]:
    """The document rule and the field-merging rule of `limits`, made once: `DocumentCache` keeps verdicts by
    rule identity."""
    return document_rule(limits), merge_rule(limits.max_validation_work)


def with_limits(rules: tuple[type[ASTValidationRule], ...], limits: QueryLimits) -> tuple[type[ASTValidationRule], ...]:
    """`rules` with the rules of `limits`: graphql's field-merging rule replaced by its bounded form, and the
    document rule added."""
    document, merge = limit_rules(limits)
    return (*(merge if rule is OverlappingFieldsCanBeMergedRule else rule for rule in rules), document)


def cost_error(
    limits: QueryLimits,
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: dict[str, Any] | None,
) -> GraphQLError | None:
    """The refusal of an operation that would cost more than `limits` allow, or that gives a list argument
    longer than they allow, else None."""
    limit = limits.max_cost
    try:
        cost = operation_cost(
            schema,
            document,
            operation_name,
            variables or {},
            limits.page_size,
            limits.max_page_size,
            limits.max_list_items,
        )
    except CostError as error:
        return limit_error(error.message, "LIST_TOO_LONG", error.limit)
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
