"""Relay global ids: every object's `id` is `TypeName:key`, readable and stable."""

import strawberry


@strawberry.interface(description="An object with a stable, globally unique id, fetchable with `node(id:)`.")
class Node:
    id: strawberry.ID = strawberry.field(description="Globally unique id: the type name, a colon, and the key.")


def global_id(type_name: str, key: str) -> strawberry.ID:
    """`TypeName:key`. Not wrapped in `strawberry.ID(...)`: that NewType is `str` at run time, and calling it
    cost a third of making a citation's node (an answer makes thousands)."""
    return f"{type_name}:{key}"  # type: ignore[return-value]


def parse_global_id(value: str) -> tuple[str, str] | None:
    """(type name, key) of a global id, or None when the value is not one."""
    type_name, colon, key = value.partition(":")
    return (type_name, key) if colon and type_name and key else None


def key_of(value: str | None, type_names: tuple[str, ...]) -> str | None:
    """The row key of a global id of one of `type_names`; None for None or an id of another type."""
    if value is None:
        return None
    parsed = parse_global_id(value)
    if parsed is None or parsed[0] not in type_names:
        return None
    return parsed[1]
