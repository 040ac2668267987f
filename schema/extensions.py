"""Schema extensions: per-request clean-up and a validation cache that does not hash the document."""

from collections import OrderedDict
from collections.abc import AsyncIterator, Iterator
from typing import Any

from graphql import DocumentNode, GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

from resolvers.context import Context


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


class DocumentValidationCache(SchemaExtension):
    """Validation results by document identity. `ParserCache` hands out the same document object for the
    same query text; Strawberry's `ValidationCache` hashes the whole document tree on every request, which
    costs a light query about as much as its validation."""

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        schema = context.schema._schema
        rules = tuple(context.validation_rules)
        if document is None:
            yield
            return
        key = (id(document), id(schema), rules)
        found = VALIDATED.get(key)
        if found is None or found[0] is not document:
            found = VALIDATED[key] = (document, validate_document(schema, document, rules))
            if len(VALIDATED) > VALIDATED_SIZE:
                VALIDATED.popitem(last=False)
        else:
            VALIDATED.move_to_end(key)
        context.pre_execution_errors = found[1]
        yield
