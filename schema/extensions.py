"""Schema extensions of what Strawberry runs (subscriptions): per-request clean-up; and the caches of parsed and
validated documents, which `schema.pipeline` shares."""

from collections import OrderedDict
from collections.abc import AsyncIterator, Iterator
from functools import lru_cache
from typing import Any

from graphql import DocumentNode, GraphQLError, parse
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

from resolvers.context import Context
from schema.graphql_core import core_schema
from schema.limits import DocumentRule


class ReleaseReads(SchemaExtension):
    """Closes the request context when the operation ends, returning its read connection to the pool."""

    async def on_operation(self) -> AsyncIterator[None]:
        try:
            yield
        finally:
            context = self.execution_context.context
            if isinstance(context, Context):
                await context.close()


VALIDATED: OrderedDict[tuple[int, int, tuple[Any, ...]], tuple[DocumentNode, list[GraphQLError]]] = OrderedDict()
"""Validation errors by document, schema and rules; the document is kept with them so its id stays its own."""
VALIDATED_SIZE = 256


PARSED_SIZE = 256
parse_cached = lru_cache(maxsize=PARSED_SIZE)(parse)
"""Documents by query text and parse options (the token limit), as Strawberry's `ParserCache` keeps them."""


class DocumentCache(SchemaExtension):
    """Parsed documents by query text, and their validation results by document identity, both looked up in
    one hook (each hook costs a light query about 2 % in Strawberry's runner; Strawberry skips its own
    validation when an extension has set the errors). The parse cache hands out the same document object
    for the same query text; Strawberry's `ValidationCache` hashes the whole document tree on every request,
    which costs a light query about as much as its validation. Validation rules must be final before
    parsing: extensions add theirs in `on_operation`."""

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if context.query is not None and context.graphql_document is None:
            context.graphql_document = parse_cached(context.query, **context.parse_options)
        document = context.graphql_document
        if document is not None and context.validation_rules:
            context.pre_execution_errors = validation_errors(
                core_schema(context.schema), document, context.validation_rules
            )
        yield


def validation_errors(schema: Any, document: DocumentNode, rules: Any) -> list[GraphQLError]:
    """`validate_document`'s answer, remembered by document, schema and rules. Document rules (the limits) are
    judged first; a document they refuse is not validated further."""
    key = (id(document), id(schema), tuple(rules))
    found = VALIDATED.get(key)
    if found is None or found[0] is not document:
        found = VALIDATED[key] = (document, _validate(schema, document, key[2]))
        if len(VALIDATED) > VALIDATED_SIZE:
            VALIDATED.popitem(last=False)
    else:
        VALIDATED.move_to_end(key)
    return found[1]


def _validate(schema: Any, document: DocumentNode, rules: tuple[Any, ...]) -> list[GraphQLError]:
    refused = [error for rule in rules if issubclass(rule, DocumentRule) for error in rule.errors(document)]
    if refused:
        return refused
    return validate_document(schema, document, tuple(rule for rule in rules if not issubclass(rule, DocumentRule)))
