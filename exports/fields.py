"""How a fact table's columns are exported: its cited fields (`FactTable.__fact_fields__`), each a value with
citations, and the plain columns of a relation cited as a whole; references become global ids."""

import datetime as dt
import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Column

from db.base import RECORD, FactTable
from db.derived import DERIVED_COLUMNS
from db.tables import FACT_TABLES
from exports.ids import global_id


@dataclass(frozen=True)
class CitedField:
    """A cited field: its name in fact files and the API (`reportedBy`), and the columns holding its value."""

    name: str
    columns: tuple[Column[Any], ...]

    @property
    def label(self) -> str:
        """The name in snake case, as CSV headers write it (`reported_by`)."""
        return re.sub(r"(?<!^)(?=[A-Z])", "_", self.name).lower()

    @property
    def reference(self) -> bool:
        """Whether its columns all refer to rows (`reportedBy`: a person or an organization): one value, a global id."""
        return bool(self.columns) and all(column.foreign_keys for column in self.columns)


@cache
def cited_fields(table: type[FactTable]) -> tuple[CitedField, ...]:
    """The table's cited fields but RECORD (the citations of a relation as a whole), in declaration order."""
    columns = _columns(table)
    return tuple(
        CitedField(name, tuple(columns[c] for c in names))
        for name, names in table.__fact_fields__.items()
        if name != RECORD
    )


def cited_field(table: str, name: str) -> CitedField | None:
    """The cited field `name` of the fact table named `table`; None for an unknown one."""
    found = FACT_TABLES.get(table)
    return next((field for field in cited_fields(found) if field.name == name), None) if found else None


def cited_as_a_whole(table: type[FactTable]) -> bool:
    return RECORD in table.__fact_fields__


@cache
def plain_columns(table: type[FactTable]) -> tuple[Column[Any], ...]:
    """The stated columns in no cited field: what a relation cited as a whole links and says (`person_id`,
    `role`), or an attribute stated with another field (`date_open_ended`). Not the id, nor derived columns."""
    in_fields = {name for names in table.__fact_fields__.values() for name in names}
    return tuple(
        column
        for name, column in _columns(table).items()
        if name != "id" and name not in in_fields and name not in DERIVED_COLUMNS
    )


def _columns(table: type[FactTable]) -> dict[str, Column[Any]]:
    return {column.name: column for column in table.__table__.columns}  # type: ignore[attr-defined]


def column_label(column: Column[Any]) -> str:
    """A column's export name: a reference without its `_id` (`person_id` is `person`)."""
    return column.name.removesuffix("_id") if column.foreign_keys else column.name


def exported(column: Column[Any], value: object) -> object:
    """A column's value as exports write it: a reference as a global id, an enum by name, a date in ISO 8601;
    text, numbers, booleans and None as they are (the stored JSON of a rival value holds ids and ISO text)."""
    if value is None:
        return None
    if column.foreign_keys:
        return global_id(next(iter(column.foreign_keys)).column.table.name, value)
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def field_value(field: CitedField, values: Mapping[str, Any]) -> dict[str, object] | None:
    """The field's columns and their exported values, None when it is not stated (every column null). A reference
    field has one entry, named for the field, holding the global id of whichever column is set."""
    if all(values.get(column.name) is None for column in field.columns):
        return None
    if field.reference:
        column = next(c for c in field.columns if values.get(c.name) is not None)
        return {field.name: exported(column, values[column.name])}
    return {column.name: exported(column, values.get(column.name)) for column in field.columns}
