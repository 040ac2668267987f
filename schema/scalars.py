"""Scalars whose parsing citegraph narrows: a `DateTime` argument is a moment in UTC, or refused."""

import dataclasses
import datetime as dt

from strawberry.schema.types.base_scalars import DateTimeDefinition, wrap_parser
from strawberry.types.scalar import ScalarDefinition


def utc_moment(text: str) -> dt.datetime:
    """An ISO 8601 date and time as a moment in UTC (UTC when it has no offset); one that does not fit in a
    year from 1 to 9999 once in UTC (`9999-12-31T23:59:59-05:00`) is a ValueError, not an overflow later."""
    moment = dt.datetime.fromisoformat(text)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    try:
        return moment.astimezone(dt.UTC)
    except OverflowError:
        raise ValueError("it lies outside the years 1 to 9999 in UTC") from None


DATETIME: ScalarDefinition = dataclasses.replace(
    DateTimeDefinition,
    description="A date and time in ISO 8601 (`2026-01-06T10:00:00Z`); as an argument, UTC when it has no offset.",
    parse_value=wrap_parser(utc_moment, "DateTime"),
)
"""Strawberry's DateTime, parsing arguments with `utc_moment`, so that a bad moment is refused by name."""
