"""What a query selects below the current field, fragments included."""

from collections.abc import Iterable
from typing import Any

from strawberry.types import Info
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField


def selects(info: Info[Any, Any], *path: str) -> bool:
    """Whether the selection of the current field reaches `path` (GraphQL names: "edges", "node", ...)."""
    level = _fields(child for field in _fields(info.selected_fields) for child in field.selections)
    for name in path:
        matching = [field for field in level if field.name == name]
        if not matching:
            return False
        level = _fields(child for field in matching for child in field.selections)
    return True


def _fields(selections: Iterable[Any]) -> list[SelectedField]:
    """The fields of a selection set, with those of its fragments."""
    found: list[SelectedField] = []
    for selection in selections:
        if isinstance(selection, SelectedField):
            found.append(selection)
        elif isinstance(selection, InlineFragment | FragmentSpread):
            found += _fields(selection.selections)
    return found
