"""graphql-core's schema behind a Strawberry schema: Strawberry keeps it in `_schema` and gives it no public
name, so this is the one place that reads it."""

from graphql import GraphQLSchema
from strawberry import Schema
from strawberry.schema.base import BaseSchema


def core_schema(schema: BaseSchema) -> GraphQLSchema:
    if not isinstance(schema, Schema):
        raise TypeError(f"not a strawberry.Schema: {type(schema).__name__}")
    return schema._schema
