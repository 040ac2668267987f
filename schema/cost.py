"""The cost of an operation, counted before it runs, and the extension refusing one that costs too much.

Each field costs 1 plus the cost of its selections. A field taking `first` or `last` (every paged list,
and `search`) multiplies the cost of its selections by its page size: the argument's value, else the
argument's schema default, else the default page size; at most the maximum page size (a larger page is
refused by the field itself). Plain lists count once. So `events(first: 100) { edges { node { id } } }`
costs 1 + 100 x (1 + 1 + 1) = 301, and nesting a page of 100 in each node multiplies again."""

from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    NamedTypeNode,
    OperationDefinitionNode,
    SchemaMetaFieldDef,
    SelectionSetNode,
    TypeMetaFieldDef,
    TypeNameMetaFieldDef,
    ValueNode,
    VariableNode,
    get_named_type,
    get_operation_ast,
)

META_FIELDS = {"__schema": SchemaMetaFieldDef, "__type": TypeMetaFieldDef, "__typename": TypeNameMetaFieldDef}


class CostCounter:
    """Counts one operation of a valid document; `uses_variables` tells whether a page size came from a
    variable (then the cost holds for these variables only)."""

    def __init__(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        operation: OperationDefinitionNode,
        variables: Mapping[str, Any],
        page_size: int,
        max_page_size: int,
    ) -> None:
        self.schema = schema
        self.fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
        self.defaults = {d.variable.name.value: d.default_value for d in operation.variable_definitions or ()}
        self.variables = variables
        self.default_page_size = page_size
        self.max_page_size = max_page_size
        self.uses_variables = False

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
                fragment = self.fragments[selection.name.value]
                total += self.selections(self.narrowed(parent, fragment.type_condition), fragment.selection_set)
        return total

    def field(self, parent: GraphQLNamedType, node: FieldNode) -> int:
        definition = META_FIELDS.get(node.name.value)
        if definition is None and isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            definition = parent.fields.get(node.name.value)
        if definition is None or node.selection_set is None:
            return 1
        inner = self.selections(get_named_type(definition.type), node.selection_set)
        return 1 + self.page_size(definition, node) * inner

    def narrowed(self, parent: GraphQLNamedType, condition: NamedTypeNode | None) -> GraphQLNamedType:
        return (self.schema.get_type(condition.name.value) if condition else None) or parent

    def page_size(self, definition: GraphQLField, node: FieldNode) -> int:
        """1 for a field without `first`/`last`, else its page size as the module docstring says."""
        names = [name for name in ("first", "last") if name in definition.args]
        if not names:
            return 1
        given = {argument.name.value: argument.value for argument in node.arguments or ()}
        sizes = [self.value(given[name]) if name in given else definition.args[name].default_value for name in names]
        size = max((s for s in sizes if isinstance(s, int) and not isinstance(s, bool)), default=self.default_page_size)
        return max(0, min(size, self.max_page_size))

    def value(self, node: ValueNode | None) -> object:
        if isinstance(node, VariableNode):
            self.uses_variables = True
            name = node.name.value
            return self.variables[name] if name in self.variables else self.value(self.defaults.get(name))
        return int(node.value) if isinstance(node, IntValueNode) else None


COSTS: OrderedDict[tuple[int, int, str | None, int, int], tuple[DocumentNode, int | None]] = OrderedDict()
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
) -> int | None:
    """The cost of the operation (None when the document names no such operation), counted once per
    document unless a page size comes from a variable."""
    key = (id(document), id(schema), operation_name, page_size, max_page_size)
    found = COSTS.get(key)
    if found is not None and found[0] is document and found[1] is not None:
        COSTS.move_to_end(key)
        return found[1]
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return None
    counter = CostCounter(schema, document, operation, variables, page_size, max_page_size)
    cost = counter.operation(operation)
    COSTS[key] = (document, None if counter.uses_variables else cost)
    if len(COSTS) > COSTS_SIZE:
        COSTS.popitem(last=False)
    return cost
