"""Cited fields declared once per node type: each is a Strawberry field whose resolver reads the fact's columns
off the type's `row` and its citations off its `evidence`, with the fact checked against the table at import.

A node type over a fact table declares `FACTS = CitedFields(tables.Event, __name__)` beside it and then, in its
class body, `title = FACTS.value("title", CitedString, description="...")`. The GraphQL field is nullable exactly
when its column is. Scalar fields (`value`, `date`, `time`) resolve synchronously with `self` as their only
parameter, so that the compiled executor (`schema.execution`) reads them without graphql-core's per-field path.
"""

import sys
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from operator import attrgetter
from typing import Annotated, Any, cast, get_args

import strawberry
from strawberry.types import Info

from db.base import FactTable
from db.tables import FACT_TABLES
from resolvers.context import Context
from schema.cited import Cited, CitedDate, CitedTime, CitedValue, cited_date, cited_time
from schema.context import FromRow, build_one
from schema.evidence import citations

Ctx = Info[Context, None]

CitedType = type[Cited[Any]]
NodeType = type[FromRow]
TypeRef = type[CitedValue] | NodeType | str
"""A schema type, or the name of one defined later in the declaring module (its own type, or its `Cited*`)."""


class FactFieldError(Exception):
    """A cited field declared against its table's `__fact_fields__` wrongly: raised at import."""


@dataclass(frozen=True)
class CitedFields:
    """The cited fields of the node type over `table`, declared in module `module` (pass `__name__`)."""

    table: type[FactTable]
    module: str

    def value(self, fact: str, cited: CitedType, *, description: str) -> Any:
        """A fact of one column, as `cited(value=column, citations=...)`: text, number, yes/no, enum or term code."""
        column = self._only_column(fact)
        nullable = self._nullable(column)
        read = attrgetter(column)

        def resolve_nullable(self: Any) -> Any:
            found = read(self.row)
            return None if found is None else cited(value=found, citations=citations(self.evidence, fact))

        def resolve_required(self: Any) -> Any:
            return cited(value=read(self.row), citations=citations(self.evidence, fact))

        return self._field(resolve_nullable if nullable else resolve_required, cited, nullable, description)

    def date(
        self,
        fact: str,
        *,
        start: str,
        precision: str,
        end: str | None = None,
        open_ended: str | None = None,
        description: str,
    ) -> Any:
        """A `CitedDate` over its columns (start and precision; end and open-ended for ranges); null when unset."""
        self._covers(fact, (start, precision, end, open_ended))

        def resolve(self: Any) -> Any:
            row = self.row
            return cited_date(
                self.evidence,
                fact,
                getattr(row, start),
                getattr(row, precision),
                None if end is None else getattr(row, end),
                False if open_ended is None else getattr(row, open_ended),
            )

        return self._field(resolve, CitedDate, True, description)

    def time(self, fact: str, *, value: str, zone: str, precision: str, description: str) -> Any:
        """A `CitedTime` over its columns (`HH:MM` text, zone, precision); null when unset."""
        self._covers(fact, (value, zone, precision))

        def resolve(self: Any) -> Any:
            row = self.row
            return cited_time(self.evidence, fact, getattr(row, value), getattr(row, zone), getattr(row, precision))

        return self._field(resolve, CitedTime, True, description)

    def reference(self, fact: str, cited: CitedType | str, node: NodeType | str, *, description: str) -> Any:
        """A cited reference to the `node` the fact's (nullable) foreign key points at, as `cited(value=node, ...)`;
        null when the key is. Name a type not defined yet (the declaring type itself) by a string."""
        column = self._only_column(fact)
        target = self._target(column)
        if not self._nullable(column):
            raise FactFieldError(f"{self._where(fact)}: {column} is not nullable; declare a required reference by hand")
        if isinstance(node, type) and target.__tablename__ != node.TABLE:
            raise FactFieldError(f"{self._where(fact)}: {column} points at {target.__tablename__}, not {node.TABLE}")
        cited_type, node_type, read = self._lookup(cited), self._lookup(node), attrgetter(column)

        async def resolve(self: Any, info: Ctx) -> Any:
            found = await build_one(info, node_type(), target, read(self.row))
            return None if found is None else cited_type()(value=found, citations=citations(self.evidence, fact))

        return self._field(resolve, cited, True, description)

    def _field(
        self,
        resolve: Callable[..., Any] | Callable[..., Awaitable[Any]],
        type_: type[CitedValue] | str,
        nullable: bool,
        text: str,
    ) -> Any:
        graphql_type = cast(Any, Annotated)[type_, strawberry.lazy(self.module)] if isinstance(type_, str) else type_
        return strawberry.field(
            resolver=resolve, description=text, graphql_type=graphql_type | None if nullable else graphql_type
        )

    def _lookup(self, ref: TypeRef) -> Callable[[], Any]:
        """The type at call time: a name is looked up in the declaring module once it is loaded."""
        if isinstance(ref, type):
            return lambda: ref
        module = self.module
        return lambda: getattr(sys.modules[module], ref)

    def _columns(self, fact: str) -> tuple[str, ...]:
        found = self.table.__fact_fields__.get(fact)
        if found is None:
            known = ", ".join(sorted(self.table.__fact_fields__))
            raise FactFieldError(f"{self._where(fact)}: no such fact field (the table has {known})")
        return found

    def _only_column(self, fact: str) -> str:
        columns = self._columns(fact)
        if len(columns) != 1:
            raise FactFieldError(f"{self._where(fact)}: covers columns {columns}, not one")
        return columns[0]

    def _covers(self, fact: str, given: Iterable[str | None]) -> None:
        """The columns given must be exactly the fact's, plus any it is stated with."""
        named = {column for column in given if column is not None}
        columns = set(self._columns(fact))
        allowed = columns | set(self.table.__stated_with__.get(fact, ()))
        if not columns <= named <= allowed:
            raise FactFieldError(
                f"{self._where(fact)}: columns {sorted(named)} do not cover the fact's {sorted(columns)} "
                f"(and may add only {sorted(allowed - columns)})"
            )

    def _nullable(self, column: str) -> bool:
        found = self.table.model_fields.get(column)
        if found is None:
            raise FactFieldError(f"{self.table.__name__} has no column {column!r}")
        return type(None) in get_args(found.annotation)

    def _target(self, column: str) -> type[FactTable]:
        """The fact table a foreign-key column points at."""
        keys = list(self.table.__table__.columns[column].foreign_keys)  # type: ignore[attr-defined]
        if len(keys) != 1 or keys[0].column.table.name not in FACT_TABLES:
            raise FactFieldError(f"{self.table.__tablename__}.{column} is not a foreign key to a fact table")
        return FACT_TABLES[keys[0].column.table.name]

    def _where(self, fact: str) -> str:
        return f"cited field {fact!r} of {self.table.__name__} ({self.module})"
