"""Type checks graphql-core would run for nothing: Strawberry gives every type that implements an interface an
`is_type_of`, and graphql-core calls it on each object of that type it completes. It serves only to tell which
type an object of an abstract type (a field's interface or union) is; an interface no field returns (`Cited`,
`Evidenced`) never asks, so its implementations need none, and their values cost nothing more per object."""

from graphql import GraphQLInterfaceType, GraphQLNamedType, GraphQLObjectType, GraphQLSchema, GraphQLUnionType
from graphql.type.definition import get_named_type


def returned_abstract_types(schema: GraphQLSchema) -> set[str]:
    """The interfaces and unions some field of the schema returns (at any list or non-null depth)."""
    found: set[str] = set()
    for named in schema.type_map.values():
        if isinstance(named, GraphQLObjectType | GraphQLInterfaceType):
            for field in named.fields.values():
                returned: GraphQLNamedType = get_named_type(field.type)
                if isinstance(returned, GraphQLInterfaceType | GraphQLUnionType):
                    found.add(returned.name)
    return found


def drop_needless_type_checks(schema: GraphQLSchema) -> None:
    """Remove `is_type_of` from the object types no returned interface or union can hold."""
    returned = returned_abstract_types(schema)
    in_unions = {m.name for u in schema.type_map.values() if isinstance(u, GraphQLUnionType) for m in u.types}
    for named in schema.type_map.values():
        if not isinstance(named, GraphQLObjectType) or named.is_type_of is None or named.name in in_unions:
            continue
        if not any(interface.name in returned for interface in named.interfaces):
            named.is_type_of = None
