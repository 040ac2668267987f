"""Filter criteria matched on rival values too: a row matches a criterion when the value it holds meets it or when
one of the field's standing alternatives (ALTERNATIVE, not DEPRECATED) does, as SQL over `fact_value` (whose rows,
under `asOf`, are those of the moment)."""

import datetime as dt
import operator
from collections.abc import Callable
from typing import Any

from sqlalchemy import and_, case, exists, func, or_
from sqlmodel import col

from db.enums import DatePrecision, Rank, ValueStatus
from db.values import FactValue, StoredColumn

Column = Callable[[str], Any]
"""A column of the alternative's stored value, by name, as SQL text."""


def either(match_alternatives: bool, held: Any, table: Any, field: str, alternative: Callable[[Column], Any]) -> Any:
    """`held` (the condition on the row's own columns), or with `match_alternatives` also rows with a standing
    alternative of `field` that meets `alternative` (the condition on its columns)."""
    if not match_alternatives:
        return held
    return or_(held, standing_alternative(table, field, alternative))


def standing_alternative(table: Any, field: str, condition: Callable[[Column], Any]) -> Any:
    """Rows of `table` with a standing alternative of `field` whose columns meet `condition`."""
    return exists().where(
        col(FactValue.entity_type) == table.__tablename__,
        col(FactValue.entity_id) == table.id,
        col(FactValue.field) == field,
        col(FactValue.status) == ValueStatus.ALTERNATIVE,
        col(FactValue.rank) != Rank.DEPRECATED,
        condition(lambda name: StoredColumn(col(FactValue.value), name)),
    )


def one_of(column: Any, values: list[Any]) -> Any:
    """`column` (text) holds one of `values` (enum members compare by their stored names)."""
    return column.in_([str(v) for v in values])


def dates_overlap(start: Any, end: Any, precision: Any, date_from: dt.date | None, date_to: dt.date | None) -> Any:
    """A date's stored columns (ISO text) overlap `date_from`..`date_to` at the date's precision: January 2026 at
    MONTH precision overlaps 2026-01-20..2026-02-10. Both ends are met by the same value."""
    conditions = []
    if date_from is not None:
        conditions.append(_at_precision(func.coalesce(end, start), precision, operator.ge, date_from))
    if date_to is not None:
        conditions.append(_at_precision(start, precision, operator.le, date_to))
    return and_(*conditions)


def _at_precision(day: Any, precision: Any, compare: Callable[[Any, Any], Any], bound: dt.date) -> Any:
    """`day` (ISO text) compared with `bound` to the date's precision: by year, by month, or by day."""
    iso = bound.isoformat()
    return case(
        (precision == DatePrecision.YEAR.value, compare(func.substr(day, 1, 4), iso[:4])),
        (precision == DatePrecision.MONTH.value, compare(func.substr(day, 1, 7), iso[:7])),
        else_=compare(day, iso),
    )
