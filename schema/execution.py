"""A compiled path for plain subtrees: the cited values, citations and sources that make most of an answer.

graphql-core spends several microseconds on every field it resolves (resolve info, resolver wrapper,
awaitable checks), and "citations on every field" multiplies fields about tenfold. Most of those fields
read an attribute or call a synchronous method without arguments. For such a selection on such a type,
this executor compiles the selection once per query into a Python function (generated source: one
read, null check and completion per field, no call per field) that builds the result dict directly,
with the same answer: aliases, fragments, `@skip`/`@include` and `__typename` are resolved by
graphql-core's own field collection, leaves by the type's own serializer. Anything else (arguments,
async resolvers, abstract types, `@defer`) takes graphql-core's normal path, and so does any object for
which the compiled function meets a null where the schema promises a value or an exception, so errors
keep their usual form and location. A type with a `memo_key(obj)` static method (evidence that recurs all
over an answer, such as citations) is built once per key and selection within a request.
"""

import dis
import inspect
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from operator import attrgetter
from typing import Any

from graphql import (
    FieldNode,
    GraphQLEnumType,
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    OperationDefinitionNode,
)
from graphql.execution.collect_fields import FieldDetailsList
from graphql.pyutils import Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter

NATIVE: dict[str, type] = {"String": str, "ID": str, "Int": int, "Boolean": bool, "Float": float}
"""Scalars whose serializer returns a value of exactly this Python type unchanged."""

Builder = Callable[[Any], Any]
"""Builds the completed value of one field from its parent object; raises Fallback when it cannot."""


class Fallback(Exception):
    """The compiled path cannot complete this object; graphql-core's normal path will."""


GETTERS: dict[int, tuple[Any, Callable[[Any], Any] | None]] = {}
"""`_getter` by field identity (the field is kept with it, so its id is not reused): fields live as long
as their schema, and inspecting signatures is slow."""


def _getter(field: Any) -> Callable[[Any], Any] | None:
    """How to read a field's value off its parent, when that is a plain read (no arguments, no async)."""
    found = GETTERS.get(id(field))
    if found is None:
        found = GETTERS[id(field)] = (field, _find_getter(field))
    return found[1]


def _find_getter(field: Any) -> Callable[[Any], Any] | None:
    definition = field.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF) if field.extensions else None
    if definition is None or field.args:
        return None
    resolver = definition.base_resolver
    if resolver is None:
        return attrgetter(definition.python_name)
    function = resolver.wrapped_func
    if resolver.is_async or inspect.isasyncgenfunction(function):
        return None
    if [p for p in inspect.signature(function).parameters.values() if p.name != "self"]:
        return None
    return function  # type: ignore[no-any-return]


def _prefetched_getter(field: Any, origin: type | None) -> Callable[[Any], Any] | None:
    """For a field a type lists in `PREFETCHABLE`: its value as the page's resolver prefetched it into
    `obj.prefetched` (a KeyError, when it was not, sends the object down the normal path)."""
    definition = field.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF) if field.extensions else None
    if definition is None or field.args or definition.python_name not in getattr(origin, "PREFETCHABLE", ()):
        return None
    name = definition.python_name
    return lambda obj: obj.prefetched[name]


def _reader(field: Any, origin: type | None, source: "_Source") -> str | None:
    """The expression reading `field` off `obj` in compiled code, or None when it is not a plain read."""
    definition = field.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF) if field.extensions else None
    getter = _getter(field)
    if definition is not None and isinstance(getter, attrgetter) and definition.python_name.isidentifier():
        return f"obj.{definition.python_name}"
    if getter is None:
        getter = _prefetched_getter(field, origin)
    if getter is None:
        return None
    chain = attribute_chain(getter)
    return f"obj.{chain}" if chain else f"{source.name(getter)}(obj)"


CHAIN_OPS = frozenset({"RESUME", "NOP", "CACHE"})
"""Bytecode that does nothing observable, skipped when reading a resolver's body."""


def attribute_chain(function: Callable[[Any], Any]) -> str | None:
    """`a.b.c` when `function` is exactly `def f(self): return self.a.b.c`, else None. Such a resolver is
    inlined as `obj.a.b.c`: the same reads (and the same exceptions) without a call per value."""
    code = getattr(function, "__code__", None)
    varargs = inspect.CO_VARARGS | inspect.CO_VARKEYWORDS
    if code is None or code.co_argcount != 1 or code.co_kwonlyargcount or code.co_flags & varargs:
        return None
    ops = [(i.opname, i.argval) for i in dis.get_instructions(function) if i.opname not in CHAIN_OPS]
    if len(ops) < 3 or ops[0] != ("LOAD_FAST", code.co_varnames[0]) or ops[-1][0] != "RETURN_VALUE":
        return None
    names = [argval for opname, argval in ops[1:-1] if opname == "LOAD_ATTR" and str(argval).isidentifier()]
    return ".".join(names) if len(names) == len(ops) - 2 else None


def _enum_serializer(enum: GraphQLEnumType) -> Callable[[Any], Any]:
    """The enum's serializer with its answers remembered by value: Strawberry's compares with every member."""
    known: dict[tuple[type, Any], Any] = {}
    serialize = enum.serialize

    def serialize_enum(value: Any) -> Any:
        key = (type(value), value)
        found = known.get(key)
        if found is None:
            found = known[key] = serialize(value)
        return found

    return serialize_enum


def _enum_members(enum: GraphQLEnumType) -> tuple[type, dict[Any, Any]] | None:
    """The Python enum behind a GraphQL enum and each member's serialized name, when every member has one:
    compiled code then serializes a member with one lookup."""
    definition = (enum.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    enum_class = getattr(definition, "wrapped_cls", None)
    if enum_class is None:
        return None
    names: dict[Any, Any] = {}
    for member in enum_class:
        try:
            names[member] = enum.serialize(member)
        except Exception:
            return None
    return enum_class, names


class _Source:
    """The Python source of one compiled builder: reads each field off `obj`, completes it, returns the dict.

    Values the code refers to (getters, serializers, nested builders) are bound as numbered names."""

    def __init__(self, origin: type | None) -> None:
        self.names: dict[str, Any] = {"Fallback": Fallback, "origin": origin}
        self.lines: list[str] = []
        self.items: list[str] = []

    def name(self, value: Any) -> str:
        """A name for `value` in the generated code."""
        name = f"_{len(self.names)}"
        self.names[name] = value
        return name

    def constant(self, key: str, value: Any) -> None:
        self.items.append(f"{key!r}: {self.name(value)}")

    def field(self, key: str, read: str, completed: str, nullable: bool) -> None:
        """Emit `key: completed`, where `completed` is an expression on `v`, the value `read` gave."""
        result = f"r{len(self.items)}"
        self.lines += [f"v = {read}", "if v is None:"]
        self.lines.append(f"    {result} = None" if nullable else "    raise Fallback")
        self.lines += ["else:", f"    {result} = {completed}"]
        self.items.append(f"{key!r}: {result}")

    def function(self) -> Builder:
        check = "if not isinstance(obj, origin):" if self.names["origin"] is not None else "if obj is None:"
        body = "\n".join(f"        {line}" for line in self.lines or ["pass"])
        code = (
            "def build(obj):\n"
            f"    {check}\n"
            "        raise Fallback\n"
            "    try:\n"
            f"{body}\n"
            "    except Fallback:\n"
            "        raise\n"
            "    except Exception as exc:\n"
            "        raise Fallback from exc\n"
            f"    return {{{', '.join(self.items)}}}\n"
        )
        namespace = dict(self.names)
        exec(compile(code, "<compiled selection>", "exec"), namespace)
        build: Builder = namespace["build"]
        return build


SHARED_PLANS: OrderedDict[tuple[Any, ...], tuple[tuple[FieldNode, ...], Builder | None]] = OrderedDict()
"""Plans by type and field nodes, reused by later requests for the same (cached, so identical) document;
the nodes are kept with the plan so their ids stay theirs. Least recently used plans go first."""
SHARED_PLANS_SIZE = 20_000

MEMO: ContextVar[dict[Any, dict[str, Any]]] = ContextVar("citegraph_memo")
"""Objects built once per request (see `memo_key`), keyed by builder and object key; set per execution."""


def _has_directives(operation: OperationDefinitionNode, fragments: Mapping[str, Any]) -> bool:
    """Whether the request uses directives (`@skip`, `@include`, ...), whose outcome depends on variables:
    such requests keep their plans to themselves."""
    cached = DIRECTIVES.get(id(operation))
    if cached is None or cached[0] is not operation:
        found = any(getattr(node, "directives", None) for node in _walk([operation, *fragments.values()]))
        cached = DIRECTIVES[id(operation)] = (operation, found)
        if len(DIRECTIVES) > SHARED_PLANS_SIZE:
            DIRECTIVES.pop(next(iter(DIRECTIVES)))
    return cached[1]


DIRECTIVES: dict[int, tuple[OperationDefinitionNode, bool]] = {}


def _walk(nodes: list[Any]) -> Iterator[Any]:
    while nodes:
        node = nodes.pop()
        yield node
        selection_set = getattr(node, "selection_set", None)
        if selection_set is not None:
            nodes.extend(selection_set.selections)


class CompiledExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context, plus compiled completion of plain subtrees."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plans: dict[tuple[GraphQLObjectType, int], tuple[FieldDetailsList, Builder | None]] = {}
        self._shareable = not _has_directives(self.operation, self.fragments)
        MEMO.set({})

    def collect_and_execute_subfields(
        self,
        return_type: GraphQLObjectType,
        field_details_list: FieldDetailsList,
        path: Path,
        result: Any,
        position_context: Any,
    ) -> Any:
        plan = self._plan(return_type, field_details_list)
        if plan is not None:
            try:
                return plan(result)
            except Fallback:
                pass
        return super().collect_and_execute_subfields(return_type, field_details_list, path, result, position_context)

    def _plan(self, object_type: GraphQLObjectType, field_details_list: FieldDetailsList) -> Builder | None:
        """The compiled builder of this selection on this type, or None when it must take the normal path."""
        key = (object_type, id(field_details_list))
        cached = self._plans.get(key)
        if cached is not None:
            return cached[1]
        nodes = tuple(details.node for details in field_details_list)
        shared_key = (object_type, tuple(map(id, nodes))) if self._shareable else None
        shared = SHARED_PLANS.get(shared_key) if shared_key else None
        if shared_key is not None and shared is not None:
            SHARED_PLANS.move_to_end(shared_key)
            self._plans[key] = (field_details_list, shared[1])
            return shared[1]
        self._plans[key] = (field_details_list, None)
        builder = self._compile(object_type, field_details_list)
        self._plans[key] = (field_details_list, builder)
        if shared_key:
            SHARED_PLANS[shared_key] = (nodes, builder)
            if len(SHARED_PLANS) > SHARED_PLANS_SIZE:
                SHARED_PLANS.popitem(last=False)
        return builder

    def _compile(self, object_type: GraphQLObjectType, field_details_list: FieldDetailsList) -> Builder | None:
        origin: type | None = None
        if object_type.is_type_of is not None:
            definition = (object_type.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
            origin = getattr(definition, "origin", None)
            if origin is None:
                return None
        grouped, new_defer_usages, _forbidden = self.collect_subfields(object_type, field_details_list)
        if new_defer_usages:
            return None
        source = _Source(origin)
        for response_key, details in grouped.items():
            name = details[0].node.name.value
            if name == "__typename":
                source.constant(response_key, object_type.name)
                continue
            field = object_type.fields.get(name)
            if field is None:
                return None
            read = _reader(field, origin, source)
            if read is None or not self._complete_into(source, response_key, read, field.type, details):
                return None
        build = source.function()
        memo_key = getattr(origin, "memo_key", None)
        if memo_key is None:
            return build
        memo_type: type = origin  # type: ignore[assignment]

        def build_once(obj: Any) -> dict[str, Any]:
            if not isinstance(obj, memo_type):
                raise Fallback
            built = MEMO.get()
            key = (build, memo_key(obj))
            found = built.get(key)
            if found is None:
                found = built[key] = build(obj)
            return found

        return build_once

    def _complete_into(
        self, source: "_Source", key: str, read: str, return_type: GraphQLOutputType, details: FieldDetailsList
    ) -> bool:
        """Emit the completion of the value `read` (an expression on `obj`) into the result under `key`;
        False when it cannot be completed plainly."""
        nullable = not isinstance(return_type, GraphQLNonNull)
        inner = return_type.of_type if isinstance(return_type, GraphQLNonNull) else return_type
        if isinstance(inner, GraphQLList):
            item_type = inner.of_type
            bare = item_type.of_type if isinstance(item_type, GraphQLNonNull) else item_type
            if isinstance(bare, GraphQLObjectType):
                plan = self._plan(bare, details)
                if plan is None:
                    return False
                build = source.name(plan)
                nullable_items = not isinstance(item_type, GraphQLNonNull)
                completed = (
                    f"[None if x is None else {build}(x) for x in v]" if nullable_items else f"[{build}(x) for x in v]"
                )
            else:
                item = self._completer(item_type, details)
                if item is None:
                    return False
                completed = f"[{source.name(item)}(x) for x in v]"
        elif isinstance(inner, GraphQLEnumType):
            members = _enum_members(inner)
            serialize = source.name(_enum_serializer(inner))
            if members is None:
                completed = f"{serialize}(v)"
            else:
                enum_class, names = members
                completed = f"{source.name(names)}[v] if type(v) is {source.name(enum_class)} else {serialize}(v)"
        elif isinstance(inner, GraphQLLeafType):
            native = NATIVE.get(inner.name)
            serialize = source.name(inner.serialize)
            completed = f"v if type(v) is {source.name(native)} else {serialize}(v)" if native else f"{serialize}(v)"
        elif isinstance(inner, GraphQLObjectType):
            plan = self._plan(inner, details)
            if plan is None:
                return False
            completed = f"{source.name(plan)}(v)"
        else:
            return False
        source.field(key, read, completed, nullable)
        return True

    def _completer(self, return_type: GraphQLOutputType, details: FieldDetailsList) -> Builder | None:
        """How to complete a value of `return_type` the way graphql-core would, or None if not plainly."""
        nullable = not isinstance(return_type, GraphQLNonNull)
        inner = return_type.of_type if isinstance(return_type, GraphQLNonNull) else return_type
        complete: Builder | None
        if isinstance(inner, GraphQLList):
            item = self._completer(inner.of_type, details)
            if item is None:
                return None

            def complete(value: Any, item: Builder = item) -> Any:
                return [item(v) for v in value]

        elif isinstance(inner, GraphQLLeafType):
            serialize = _enum_serializer(inner) if isinstance(inner, GraphQLEnumType) else inner.serialize
            native = NATIVE.get(inner.name)

            def complete(value: Any, serialize: Callable[[Any], Any] = serialize, native: type | None = native) -> Any:
                return value if type(value) is native else serialize(value)

        elif isinstance(inner, GraphQLObjectType):
            complete = self._plan(inner, details)
            if complete is None:
                return None
        else:
            return None

        def complete_or_null(value: Any, complete: Builder = complete) -> Any:
            if value is None:
                if nullable:
                    return None
                raise Fallback
            return complete(value)

        return complete_or_null
