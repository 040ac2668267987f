"""Root lists and their lookups declared once per node type: from one `RootList` come the connection field
(`events(filter, orderBy, first, after, last, before, asOf)`) and the lookup by global id (`event(id, asOf)`),
with the declaration checked when it is made (at import).

`schema.query` declares `EVENTS = RootList(Event, ...)` and, in `Query`'s body at the place each field takes in
the schema, `events = EVENTS.list_field()` and `event = EVENTS.lookup_field()`. Strawberry reads a field's
arguments off its resolver's signature: the resolvers made here carry a `__signature__` holding exactly the
declared arguments, with the same annotations, descriptions and defaults a hand-written resolver would have.
"""

import dataclasses
import inspect
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import MISSING, dataclass
from enum import Enum
from functools import partial
from typing import Annotated, Any, cast, get_type_hints

import strawberry
from sqlalchemy import Select
from strawberry.types.base import get_object_definition

from db.tables import FACT_TABLES
from resolvers.pagination import Ordering, PageRequest
from schema.connection import Connection, paginate
from schema.context import build_one, build_page
from schema.node import key_of
from schema.root_arguments import FILTER, ORDER, After, AsOf, Before, Ctx, First, GlobalId, Last, read_at

PageBuilder = Callable[[Ctx, Sequence[Any]], Awaitable[list[Any]]]
"""The nodes of a page's rows, in order."""
Finder = Callable[[Ctx, str], Awaitable[Any]]
"""The node of one row key, or None when there is none."""
AfterPage = Callable[[Ctx, Connection[Any]], Awaitable[None]]
"""Runs on each page once built: to prefetch, for the whole page at once, what the selection asks of every node."""

POSITIONAL = inspect.Parameter.POSITIONAL_OR_KEYWORD
KEYWORD = inspect.Parameter.KEYWORD_ONLY


class RootListError(Exception):
    """A root list declared wrongly: raised at import."""


@dataclass(frozen=True)
class RootList:
    """The root list of `node` objects and the lookup of one by global id (`TypeName:key`, the type's GraphQL name).

    `query` makes the list's SQL: from the `filter` input's `criteria()`, or from nothing when the list has no
    filter. `ordering` is the list's one order, or an order per member of an enum whose default is `order_by`
    (the list then takes an `orderBy` argument). By default a page's rows are built into nodes with their evidence
    (`build_page`) and a lookup loads its row with its evidence (`build_one`); a node type that is not built from a
    fact table's row gives `build` and `find`. `after_page` runs on each page built."""

    node: type[Any]
    description: str
    lookup_description: str
    query: Callable[..., Select[Any]]
    ordering: Ordering | Mapping[Any, Ordering]
    filter: type[Any] | None = None
    order_by: Enum | None = None
    build: PageBuilder | None = None
    find: Finder | None = None
    after_page: AfterPage | None = None

    def __post_init__(self) -> None:
        self._check_node()
        self._check_filter()
        self._check_ordering()

    @property
    def type_name(self) -> str:
        """The node type's GraphQL name: the type of the global ids the lookup accepts."""
        return get_object_definition(self.node, strict=True).name

    def list_field(self) -> Any:
        """The connection field: `filter` (if declared), `orderBy` (if ordered by an enum), paging, `asOf`."""
        arguments = []
        if self.filter is not None:
            arguments.append(self._argument("filter", self.filter | None, FILTER, None))
        if self.order_by is not None:
            arguments.append(self._argument("order_by", type(self.order_by), ORDER, self.order_by))
        arguments += [
            inspect.Parameter("first", KEYWORD, annotation=First, default=None),
            inspect.Parameter("after", KEYWORD, annotation=After, default=None),
            inspect.Parameter("last", KEYWORD, annotation=Last, default=None),
            inspect.Parameter("before", KEYWORD, annotation=Before, default=None),
            inspect.Parameter("as_of", KEYWORD, annotation=AsOf, default=None),
        ]
        resolve = self._list_resolver()
        resolve.__signature__ = self._signature(arguments, cast(Any, Connection)[self.node])  # type: ignore[attr-defined]
        return strawberry.field(resolver=resolve, description=self.description)

    def lookup_field(self) -> Any:
        """The lookup: `id` (a global id of the node type; any other gives null) and `asOf`."""
        arguments = [
            inspect.Parameter("id", KEYWORD, annotation=GlobalId),
            inspect.Parameter("as_of", KEYWORD, annotation=AsOf, default=None),
        ]
        resolve = self._lookup_resolver()
        resolve.__signature__ = self._signature(arguments, self.node | None)  # type: ignore[attr-defined]
        return strawberry.field(resolver=resolve, description=self.lookup_description)

    def _list_resolver(self) -> Callable[..., Awaitable[Connection[Any]]]:
        query, filter_type, after_page = self.query, self.filter, self.after_page
        build = self.build or partial(_build_page, self.node)
        ordering = self.ordering
        orderings = ordering if isinstance(ordering, Mapping) else None

        async def resolve(
            self: Any,
            info: Ctx,
            filter: Any = None,
            order_by: Any = None,
            first: int | None = None,
            after: str | None = None,
            last: int | None = None,
            before: str | None = None,
            as_of: Any = None,
        ) -> Connection[Any]:
            read_at(info, as_of)
            select = query() if filter_type is None else query((filter or filter_type()).criteria())
            by = cast(Ordering, ordering) if orderings is None else orderings[order_by]
            page = await paginate(info, partial(build, info), select, by, PageRequest(first, after, last, before))
            if after_page is not None:
                await after_page(info, page)
            return page

        return resolve

    def _lookup_resolver(self) -> Callable[..., Awaitable[Any]]:
        type_names = (self.type_name,)
        find = self.find or partial(_build_one, self.node)

        async def resolve(self: Any, info: Ctx, id: strawberry.ID, as_of: Any = None) -> Any:
            read_at(info, as_of)
            key = key_of(str(id), type_names)
            return None if key is None else await find(info, key)

        return resolve

    @staticmethod
    def _argument(name: str, type_: Any, argument: Any, default: Any) -> inspect.Parameter:
        return inspect.Parameter(name, KEYWORD, annotation=cast(Any, Annotated)[type_, argument], default=default)

    @staticmethod
    def _signature(arguments: list[inspect.Parameter], returns: Any) -> inspect.Signature:
        info = inspect.Parameter("info", POSITIONAL, annotation=Ctx)
        return inspect.Signature([inspect.Parameter("self", POSITIONAL), info, *arguments], return_annotation=returns)

    def _check_node(self) -> None:
        if get_object_definition(self.node) is None:
            raise RootListError(f"{self._where()}: {self.node.__name__} is not a Strawberry type")
        table = getattr(self.node, "TABLE", None)
        built_from_row = table in FACT_TABLES and callable(getattr(self.node, "from_row", None))
        if not built_from_row and (self.build is None or self.find is None):
            raise RootListError(
                f"{self._where()}: {self.node.__name__} is not built from a fact table's row (`TABLE`, `from_row`); "
                "give `build` and `find`"
            )

    def _check_filter(self) -> None:
        parameters = list(inspect.signature(self.query).parameters.values())
        name = getattr(self.query, "__name__", repr(self.query))
        if self.filter is None:
            if parameters:
                raise RootListError(f"{self._where()}: {name} takes criteria, but the list has no filter")
            return
        definition = get_object_definition(self.filter)
        if definition is None or not definition.is_input:
            raise RootListError(f"{self._where()}: filter {self.filter.__name__} is not a Strawberry input")
        criteria = getattr(self.filter, "criteria", None)
        if not callable(criteria):
            raise RootListError(f"{self._where()}: filter {self.filter.__name__} has no criteria()")
        required = [
            field.name
            for field in dataclasses.fields(self.filter)
            if field.default is MISSING and field.default_factory is MISSING
        ]
        if required:
            raise RootListError(
                f"{self._where()}: filter {self.filter.__name__} requires {required}; a list without a filter given "
                "builds it empty"
            )
        if len(parameters) != 1:
            raise RootListError(f"{self._where()}: {name} must take the filter's criteria, one argument")
        gives = get_type_hints(criteria).get("return")
        takes = get_type_hints(self.query).get(parameters[0].name)
        if gives is not None and takes is not None and gives is not takes:
            raise RootListError(
                f"{self._where()}: {name} takes {takes.__name__}, but {self.filter.__name__}.criteria() "
                f"gives {gives.__name__}"
            )

    def _check_ordering(self) -> None:
        if not isinstance(self.ordering, Mapping):
            if self.order_by is not None:
                raise RootListError(f"{self._where()}: order_by {self.order_by} given, but one ordering, not a map")
            return
        if self.order_by is None:
            raise RootListError(f"{self._where()}: orderings by enum member need the default `order_by`")
        members = set(type(self.order_by))
        if set(self.ordering) != members:
            missing = sorted(m.name for m in members - set(self.ordering))
            extra = sorted(str(k) for k in set(self.ordering) - members)
            raise RootListError(
                f"{self._where()}: orderings do not match {type(self.order_by).__name__} "
                f"(missing {missing}, not members {extra})"
            )

    def _where(self) -> str:
        return f"root list of {self.node.__name__}"


async def _build_page(node: type[Any], info: Ctx, rows: Sequence[Any]) -> list[Any]:
    return await build_page(info, node, rows)


async def _build_one(node: type[Any], info: Ctx, key: str) -> Any:
    return await build_one(info, node, FACT_TABLES[node.TABLE], key)
