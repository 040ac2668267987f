"""`selects`: what a query selects below the current field, through fragments."""

import strawberry

from schema.selection import selects
from tests.conftest import calls


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


def test_fragments_that_each_spread_the_next_twice_are_walked_once_each() -> None:
    spreads = [f"fragment F{i} on Branch {{ ...F{i + 1} ...F{i + 1} }}" for i in range(20)]
    query = "\n".join(["{ root { ...F0 } }", *spreads, "fragment F20 on Branch { leaf { name } }"])
    assert calls(lambda: seen(query)) < 100_000
