"""The cost of an operation, counted before it runs, and the extension refusing one that costs too much.

Each field costs 1 plus the cost of its selections. A field taking `first` or `last` (every paged list,
and `search`) multiplies the cost of its selections by its page size: the argument's value, else the
argument's schema default, else the default page size; at most the maximum page size (a larger page is
refused by the field itself). A list fetched by a list of keys (`nodes(ids:)`) multiplies by the number of
keys, at most the maximum page size; other plain lists count once. Every list given in an argument holds at
most the maximum list items. So `events(first: 100) { edges { node { id } } }`
costs 1 + 100 x (1 + 1 + 1) = 301, and nesting a page of 100 in each node multiplies again."""

from collections import OrderedDict
from collections.abc import Mapping
from functools import cache
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    NamedTypeNode,
    ObjectValueNode,
    OperationDefinitionNode,
    SchemaMetaFieldDef,
    SelectionSetNode,
    TypeMetaFieldDef,
    TypeNameMetaFieldDef,
    ValueNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
    get_operation_ast,
    is_list_type,
    value_from_ast_untyped,
)

META_FIELDS = {"__schema": SchemaMetaFieldDef, "__type": TypeMetaFieldDef, "__typename": TypeNameMetaFieldDef}
SATURATED = 1 << 62
"""Costs stop growing here (any limit is far below): nested pages multiply, fragments spread twice double."""


class CostError(Exception):
    """A list argument longer than its limit: `message` names the field, the argument and the setting."""

    def __init__(self, message: str, limit: int) -> None:
        super().__init__(message)
        self.message = message
        self.limit = limit


class CostCounter:
    """Counts one operation of a valid document; `uses_variables` tells whether a page size or a list came
    from a variable (then the cost holds for these variables only). Each fragment is counted once and its cost
    added per spread, so counting is linear in the document; validation has bounded how deeply selections
    nest, which bounds the recursion."""

    def __init__(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        operation: OperationDefinitionNode,
        variables: Mapping[str, Any],
        page_size: int,
        max_page_size: int,
        max_list_items: int,
    ) -> None:
        self.schema = schema
        self.fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
        self.defaults = {d.variable.name.value: d.default_value for d in operation.variable_definitions or ()}
        self.variables = variables
        self.default_page_size = page_size
        self.max_page_size = max_page_size
        self.max_list_items = max_list_items
        self.uses_variables = False
        self.fragment_costs: dict[str, int] = {}
        self.counting: set[str] = set()

    def operation(self, operation: OperationDefinitionNode) -> int:
        root = self.schema.get_root_type(operation.operation)
        return self.selections(root, operation.selection_set) if root else 0

    def selections(self, parent: GraphQLNamedType, selection_set: SelectionSetNode | None) -> int:
        total = 0
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                total += self.field(parent, selection)
            elif isinstance(selection, InlineFragmentNode):
                total += self.selections(self.narrowed(parent, selection.type_condition), selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                total += self.fragment(parent, selection.name.value)
        return min(total, SATURATED)

    def fragment(self, parent: GraphQLNamedType, name: str) -> int:
        """A fragment's cost, counted at its first spread (its type condition fixes the type it selects on)."""
        found = self.fragment_costs.get(name)
        if found is not None:
            return found
        fragment = self.fragments.get(name)
        if fragment is None or name in self.counting:
            return 0
        self.counting.add(name)
        cost = self.fragment_costs[name] = self.selections(
            self.narrowed(parent, fragment.type_condition), fragment.selection_set
        )
        self.counting.discard(name)
        return cost

    def field(self, parent: GraphQLNamedType, node: FieldNode) -> int:
        definition = META_FIELDS.get(node.name.value)
        if definition is None and isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            definition = parent.fields.get(node.name.value)
        if definition is None:
            return 1
        listed = self.list_arguments(definition, node)
        if node.selection_set is None:
            return 1
        inner = self.selections(get_named_type(definition.type), node.selection_set)
        return min(SATURATED, 1 + self.page_size(definition, node, listed) * inner)

    def narrowed(self, parent: GraphQLNamedType, condition: NamedTypeNode | None) -> GraphQLNamedType:
        return (self.schema.get_type(condition.name.value) if condition else None) or parent

    def page_size(self, definition: GraphQLField, node: FieldNode, listed: int | None) -> int:
        """The items a field may return: its page size as the module docstring says for a field taking
        `first`/`last`; for a list fetched by a list of keys (`nodes(ids:)`), as many as the keys; else 1."""
        names = [name for name in ("first", "last") if name in definition.args]
        if not names:
            return 1 if listed is None else listed
        given = {argument.name.value: argument.value for argument in node.arguments or ()}
        sizes = [self.value(given[name]) if name in given else definition.args[name].default_value for name in names]
        size = max((s for s in sizes if isinstance(s, int) and not isinstance(s, bool)), default=self.default_page_size)
        return max(0, min(size, self.max_page_size))

    def value(self, node: ValueNode | None) -> object:
        if isinstance(node, VariableNode):
            return self.variable(node)
        return int(node.value) if isinstance(node, IntValueNode) else None

    def variable(self, node: VariableNode) -> object:
        self.uses_variables = True
        name = node.name.value
        if name in self.variables:
            return self.variables[name]
        default = self.defaults.get(name)
        return None if default is None else value_from_ast_untyped(default)

    def list_arguments(self, definition: GraphQLField, node: FieldNode) -> int | None:
        """Checks every list given in the field's list-typed arguments (literal or variable, at any depth of an
        input) against its limit; returns the length of the longest top-level list when the field returns a
        list it sets the size of (no `first`/`last`: `nodes(ids:)`, at most a page), else None."""
        sized = is_list_type(get_nullable_type(definition.type)) and not {"first", "last"} & definition.args.keys()
        longest: int | None = None
        for argument in node.arguments or ():
            found = definition.args.get(argument.name.value)
            if found is None or not holds_lists(found.type):
                continue
            given = argument.value
            value = self.variable(given) if isinstance(given, VariableNode) else given
            where = f"{node.name.value}({argument.name.value}:)"
            top = len(value.values) if isinstance(value, ListValueNode) else None
            top = len(value) if isinstance(value, list) else top
            if sized and top is not None and is_list_type(get_nullable_type(found.type)):
                longest = max(longest or 0, top)
                if top > self.max_page_size:
                    raise CostError(
                        f"The list given for {where} holds {top} items, more than the limit of {self.max_page_size} "
                        "(CITEGRAPH_MAX_PAGE_SIZE): ask for at most a page of them at once.",
                        self.max_page_size,
                    )
            self.check_lists(found.type, value, where)
        return longest

    def check_lists(self, type_: GraphQLInputType, value: object, where: str) -> None:
        """Refuses a list longer than the limit where the argument's type has a list: in AST literals and in
        variables' JSON values, walked by type without recursion (they may nest a thousand deep). A JSON
        scalar's content is not a list argument."""
        stack: list[tuple[GraphQLInputType, object]] = [(type_, value)]
        while stack:
            wrapped, item = stack.pop()
            expected = get_nullable_type(wrapped)
            if isinstance(item, VariableNode):
                stack.append((wrapped, self.variable(item)))
            elif isinstance(expected, GraphQLList):
                items: Any = item.values if isinstance(item, ListValueNode) else item
                if not isinstance(items, list | tuple):
                    stack.append((expected.of_type, item))
                    continue
                if len(items) > self.max_list_items:
                    raise CostError(
                        f"A list given in {where} holds {len(items)} items, more than the limit of "
                        f"{self.max_list_items} (CITEGRAPH_MAX_LIST_ITEMS).",
                        self.max_list_items,
                    )
                stack.extend((expected.of_type, each) for each in items)
            elif isinstance(expected, GraphQLInputObjectType):
                fields = expected.fields
                if isinstance(item, ObjectValueNode):
                    stack.extend((fields[f.name.value].type, f.value) for f in item.fields if f.name.value in fields)
                elif isinstance(item, dict):
                    stack.extend((fields[key].type, each) for key, each in item.items() if key in fields)


@cache
def holds_lists(type_: GraphQLInputType) -> bool:
    """Whether a value of this input type can hold a list (itself, or a field of it at any depth): only then
    does the count look at an argument's value, so that a query whose variables are ids stays cached."""
    seen: set[str] = set()
    stack = [type_]
    while stack:
        current = get_nullable_type(stack.pop())
        if isinstance(current, GraphQLList):
            return True
        if isinstance(current, GraphQLInputObjectType) and current.name not in seen:
            seen.add(current.name)
            stack.extend(field.type for field in current.fields.values())
    return False


COSTS: OrderedDict[tuple[int, int, str | None, int, int, int], tuple[DocumentNode, int | None]] = OrderedDict()
"""Costs by document, schema, operation and page sizes (None: it depends on the variables); the document is
kept with its cost so that its id stays its own."""
COSTS_SIZE = 256


def operation_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: Mapping[str, Any],
    page_size: int,
    max_page_size: int,
    max_list_items: int,
) -> int | None:
    """The cost of the operation (None when the document names no such operation), counted once per
    document unless a page size or a list comes from a variable; a list over its limit raises `CostError`."""
    key = (id(document), id(schema), operation_name, page_size, max_page_size, max_list_items)
    found = COSTS.get(key)
    if found is not None and found[0] is document and found[1] is not None:
        COSTS.move_to_end(key)
        return found[1]
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return None
    counter = CostCounter(schema, document, operation, variables, page_size, max_page_size, max_list_items)
    cost = counter.operation(operation)
    COSTS[key] = (document, None if counter.uses_variables else cost)
    if len(COSTS) > COSTS_SIZE:
        COSTS.popitem(last=False)
    return cost
