"""What a planned row does to the stored row of the same id, field by field: the write semantics of a document.

A field the document omits is untouched. A field it gives with the stored value corroborates it (its citations are
added beside the stored ones). A field that was empty (null) is filled. Only another value for a stated field
differs: a dispute, or what a correction replaces. Columns outside any cited field (a relation's attributes) must
match, except those given only with a field (`FactTable.__stated_with__`), which follow it.
"""

from dataclasses import dataclass
from typing import Any

from db.derived import DERIVED_COLUMNS


@dataclass(frozen=True)
class RowMerge:
    """The fields of a planned row, by what they do to the stored row."""

    filled: list[str]
    """Fields the stored row holds no value for: the planned value becomes theirs."""
    differing: list[str]
    """Fields given another value than the stored one."""
    outside: list[str]
    """Columns outside any cited field whose planned value differs from the stored one."""


def merge(existing: Any, planned: Any, omitted: frozenset[str]) -> RowMerge:
    """How `planned` meets `existing` (the same row, stored or planned earlier in the same write); `omitted`
    names the cited fields the document leaves out."""
    model = type(planned)
    fields: dict[str, tuple[str, ...]] = model.__fact_fields__
    filled: list[str] = []
    differing: list[str] = []
    for name, columns in sorted(fields.items()):
        if not columns or name in omitted:
            continue
        stored = [getattr(existing, column) for column in columns]
        given = [getattr(planned, column) for column in columns]
        if stored == given:
            continue
        (filled if all(value is None for value in stored) else differing).append(name)
    skipped = {column for columns in fields.values() for column in columns}
    skipped |= set(companions(planned, [*omitted, *filled]))
    outside = [
        column
        for column in model.model_fields
        if column not in DERIVED_COLUMNS
        and column not in skipped
        and getattr(existing, column) != getattr(planned, column)
    ]
    return RowMerge(filled, differing, outside)


def companions(row: Any, fields: list[str]) -> list[str]:
    """The columns outside any cited field that `row`'s table gives only with these fields."""
    stated_with: dict[str, tuple[str, ...]] = type(row).__stated_with__
    return [column for name in fields for column in stated_with.get(name, ())]


def field_columns(row: Any, fields: list[str]) -> list[str]:
    """The columns of these cited fields of `row`'s table, with their companions."""
    declared: dict[str, tuple[str, ...]] = type(row).__fact_fields__
    return [column for name in fields for column in declared[name]] + companions(row, fields)
