"""What a query selects below the current field, fragments included."""

from collections.abc import Iterable, Mapping
from typing import Any

from graphql import FieldNode, FragmentDefinitionNode, FragmentSpreadNode, InlineFragmentNode, SelectionSetNode
from strawberry.types import Info


def selects(info: Info[Any, Any], *path: str) -> bool:
    """Whether the selection of the current field reaches `path` (GraphQL names: "edges", "node", ...).
    Walks the document, each fragment once per level, as graphql-core collects fields: Strawberry's
    `selected_fields` expands every spread, which doubles with each fragment that spreads the next twice. It reads
    graphql-core's info (`_raw_info`): Strawberry's public `Info` exposes neither the field nodes nor the fragments."""
    raw = info._raw_info
    level: list[FieldNode] = list(raw.field_nodes)
    for name in path:
        level = [f for f in _fields((f.selection_set for f in level), raw.fragments) if f.name.value == name]
        if not level:
            return False
    return True


def _fields(
    selection_sets: Iterable[SelectionSetNode | None], fragments: Mapping[str, FragmentDefinitionNode]
) -> list[FieldNode]:
    """The fields of the selection sets, with those of their fragments (each fragment once)."""
    found: list[FieldNode] = []
    seen: set[str] = set()
    stack = [selection_set for selection_set in selection_sets if selection_set is not None]
    while stack:
        for selection in stack.pop().selections:
            if isinstance(selection, FieldNode):
                found.append(selection)
            elif isinstance(selection, InlineFragmentNode):
                stack.append(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode) and selection.name.value not in seen:
                seen.add(selection.name.value)
                fragment = fragments.get(selection.name.value)
                if fragment is not None:
                    stack.append(fragment.selection_set)
    return found
