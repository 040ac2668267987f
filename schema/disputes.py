"""`range` and `contested` of cited counts and dates: what a fact's value and its standing alternatives amount to."""

import datetime as dt
from collections.abc import Sequence
from typing import Any, TypeVar

import strawberry
from strawberry.types import Info

from db.tables import FACT_TABLES
from resolvers.context import Context
from resolvers.disputes import Claim, Span, count_claims, date_claims, standing
from resolvers.evidence import Evidence, Rival
from schema.evidence import Citation

B = TypeVar("B", int, dt.date)

CONTESTED = (
    "True when independent voices contradict one another: no one value fits what every voice says, taking the value "
    'and its standing alternatives (not DEPRECATED) as ranges (12 against "at least 14" is contested; 30 against '
    '"between 30 and 40" is disputed but not contested). A voice is one source document speaking through one '
    "speaker: citations of one document with the same speaker (`attributedTo`, or none) are one voice, however many; "
    "each speaker a document quotes is a voice of its own; a withdrawn source is none. `disputed` says rivals exist, "
    "`contested` that they cannot all be true."
)
"""The description of `contested` on cited counts and dates."""


@strawberry.type(
    description="The range of a count across the value reads return and its standing alternatives (not DEPRECATED), "
    "with the citations of the values that set each end."
)
class CountRange:
    low: int | None = strawberry.field(
        description="The lowest lower bound among the values; null when one of them gives none (AT_MOST)."
    )
    high: int | None = strawberry.field(
        description="The highest upper bound among the values; null when one of them gives none (AT_LEAST)."
    )
    low_from: list[Citation] = strawberry.field(description="The citations of the values whose lower bound is `low`.")
    high_from: list[Citation] = strawberry.field(
        description="The citations of the values whose upper bound is `high` (or that give none, when it is null)."
    )


@strawberry.type(
    description="The days a date can fall on across the value reads return and its standing alternatives (not "
    "DEPRECATED), each at its precision, with the citations of the values that set each end."
)
class DateRange:
    start: dt.date = strawberry.field(
        description="The first day any of the values can stand for (2026-01-01 for January 2026 at MONTH precision)."
    )
    end: dt.date | None = strawberry.field(
        description="The last day any of the values can stand for (2026-01-31 for January 2026); null for a date that "
        'is open-ended ("since ...").'
    )
    start_from: list[Citation] = strawberry.field(description="The citations of the values that can start earliest.")
    end_from: list[Citation] = strawberry.field(description="The citations of the values that can end latest.")


Fact = tuple[str, str, str]
"""(table, row id, field)"""


def fact_of(cited: Sequence[Citation]) -> Fact | None:
    """The fact a cited value's citations support, when the row is known (see `schema.evidence.CitationList`)."""
    found: Fact | None = getattr(cited, "fact", None)
    return found


async def standing_rivals(info: Info[Context, None], fact: Fact | None) -> list[Rival]:
    if fact is None:
        return []
    table, row_id, field = fact
    return standing(await info.context.loaders.rivals_by_entity.load((table, row_id)), field)


def columns_of(fact: Fact | None, default: tuple[str, ...]) -> tuple[str, ...]:
    """The stored columns of the fact's field (the field's own names when the row is not known)."""
    return default if fact is None else FACT_TABLES[fact[0]].__fact_fields__[fact[2]]


def evidence_of(cited: Sequence[Citation]) -> list[Evidence]:
    return [c.evidence for c in cited]


async def count_values(info: Info[Context, None], cited: Any) -> list[Claim[int]]:
    """The count of a `CitedCount` and its standing alternatives, as claims."""
    fact = fact_of(cited.citations)
    columns = columns_of(fact, ("low", "high"))
    held = {columns[0]: cited.low, columns[1]: cited.high}
    return count_claims(columns, held, evidence_of(cited.citations), await standing_rivals(info, fact))


async def date_values(info: Info[Context, None], cited: Any) -> list[Claim[dt.date]]:
    """The date of a `CitedDate` and its standing alternatives, as claims."""
    fact = fact_of(cited.citations)
    columns = columns_of(fact, ("start", "end", "precision"))
    held: dict[str, Any] = {columns[0]: cited.value, columns[-1]: cited.precision}
    if len(columns) > 2:
        held[columns[1]] = cited.end
    rivals = await standing_rivals(info, fact)
    return date_claims(columns, held, cited.open_ended, evidence_of(cited.citations), rivals)


def citations_of(claims: Sequence[Claim[B]]) -> list[Citation]:
    """The citations of `claims`, each once, in the order the claims come."""
    seen: dict[str, Citation] = {}
    for claim in claims:
        for evidence in claim.evidence:
            seen.setdefault(evidence.citation.id, Citation.of(evidence))
    return list(seen.values())


def count_range(found: Span[int] | None) -> CountRange | None:
    if found is None:
        return None
    return CountRange(
        low=found.low, high=found.high, low_from=citations_of(found.low_from), high_from=citations_of(found.high_from)
    )


def date_range(found: Span[dt.date] | None) -> DateRange | None:
    if found is None or found.low is None:
        return None
    return DateRange(
        start=found.low,
        end=found.high,
        start_from=citations_of(found.low_from),
        end_from=citations_of(found.high_from),
    )
