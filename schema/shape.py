"""The shape of a document, measured in one pass: how deep its fields nest, how many aliases it uses, and how
deeply its selection sets nest through fragment spreads.

Each definition is walked once, without recursion, and each fragment is measured once, in dependency order: a
spread adds its fragment's measure. So measuring takes time linear in the document, where following every
spread would double with each fragment that spreads the next one twice. Counts are per spread (a fragment
spread twice counts twice), as the limits define them; a spread that closes a cycle adds nothing (validation
refuses the cycle)."""

from dataclasses import dataclass, field

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)

SATURATED = 1 << 62
"""Counts stop growing here: fragments that spread the next one twice would otherwise count 2^n aliases."""


@dataclass(frozen=True)
class Measure:
    depth: int
    """Field nesting as Strawberry's depth limiter counts it: a field with a selection set is 1 more than its
    deepest field, a leaf 0; introspection fields (`__schema`, `__type`) and what they select count 0."""
    aliases: int
    """Aliased fields, a fragment's counted once per spread."""
    nesting: int
    """Selection sets nested inside each other through spreads, as graphql-core's validation counts them."""


@dataclass
class _Local:
    """What one definition holds itself, and the spreads it makes with the depth and nesting where they stand."""

    depth: int = 0
    aliases: int = 0
    nesting: int = 0
    spreads: list[tuple[str, int | None, int]] = field(default_factory=list)
    """(fragment, field depth at the spread or None inside an introspection field, nesting at the spread)."""


def _local(selection_set: SelectionSetNode) -> _Local:
    local = _Local()
    stack: list[tuple[SelectionSetNode, int | None, int]] = [(selection_set, 0, 1)]
    while stack:
        selections, depth, nesting = stack.pop()
        local.nesting = max(local.nesting, nesting)
        for selection in selections.selections:
            if isinstance(selection, FragmentSpreadNode):
                local.spreads.append((selection.name.value, depth, nesting))
                continue
            if isinstance(selection, FieldNode):
                local.aliases += selection.alias is not None
                if selection.selection_set is None:
                    continue
                inner = None if depth is None or selection.name.value.startswith("__") else depth + 1
                local.depth = max(local.depth, inner or 0)
                stack.append((selection.selection_set, inner, nesting + 1))
            elif isinstance(selection, InlineFragmentNode):
                stack.append((selection.selection_set, depth, nesting + 1))
    return local


def _combined(local: _Local, measured: dict[str, Measure]) -> Measure:
    depth, aliases, nesting = local.depth, local.aliases, local.nesting
    for name, at_depth, at_nesting in local.spreads:
        inner = measured.get(name)
        if inner is None:
            continue
        if at_depth is not None:
            depth = max(depth, at_depth + inner.depth)
        aliases = min(SATURATED, aliases + inner.aliases)
        nesting = max(nesting, at_nesting + inner.nesting)
    return Measure(depth, aliases, nesting)


def _fragments(document: DocumentNode) -> dict[str, Measure]:
    """Every fragment's measure, each computed once after the fragments it spreads (depth first, no recursion)."""
    locals_ = {
        d.name.value: _local(d.selection_set) for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    measured: dict[str, Measure] = {}
    for root in locals_:
        if root in measured:
            continue
        path = [(root, iter(locals_[root].spreads))]
        on_path = {root}
        while path:
            name, spreads = path[-1]
            for spread, _depth, _nesting in spreads:
                if spread in locals_ and spread not in measured and spread not in on_path:
                    path.append((spread, iter(locals_[spread].spreads)))
                    on_path.add(spread)
                    break
            else:
                path.pop()
                on_path.discard(name)
                measured[name] = _combined(locals_[name], measured)
    return measured


def measure(document: DocumentNode) -> Measure:
    """The document's measure: the deepest operation, the aliases of all operations together, and the deepest
    nesting of any operation or fragment."""
    fragments = _fragments(document)
    depth, aliases, nesting = 0, 0, max((m.nesting for m in fragments.values()), default=0)
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            operation = _combined(_local(definition.selection_set), fragments)
            depth = max(depth, operation.depth)
            aliases = min(SATURATED, aliases + operation.aliases)
            nesting = max(nesting, operation.nesting)
    return Measure(depth, aliases, nesting)
