"""`selects`: what a query selects below the current field, through fragments."""

import strawberry

from schema.selection import selects


@strawberry.type
class Leaf:
    name: str = "leaf"


@strawberry.type
class Branch:
    leaf: Leaf = strawberry.field(default_factory=Leaf)


@strawberry.type
class Query:
    @strawberry.field
    def root(self, info: strawberry.Info) -> Branch:
        Query.seen = selects(info, "leaf", "name")  # type: ignore[attr-defined]
        return Branch()


SCHEMA = strawberry.Schema(query=Query)


def seen(query: str) -> bool:
    assert SCHEMA.execute_sync(query).errors is None
    return Query.seen  # type: ignore[attr-defined, no-any-return]


def test_a_selected_path_is_seen() -> None:
    assert seen("{ root { leaf { name } } }")


def test_a_path_through_fragments_is_seen() -> None:
    assert seen("{ root { ... on Branch { ...L } } } fragment L on Branch { leaf { name } }")


def test_an_unselected_path_is_not_seen() -> None:
    assert not seen("{ root { __typename } }")
