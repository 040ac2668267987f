"""What the values of one disputed fact amount to: the range they span, which values set its ends, and whether
independent voices contradict one another.

A fact's values are the one its row holds and its standing alternatives (not DEPRECATED), each read as an interval
(`Claim`): a count from its lower to its upper bound, a date from the first to the last day it can stand for at its
precision. A voice is a source document speaking through one speaker: citations of one document with the same speaker
(`attributedTo`, or none: the document's own words) are one voice; the speakers a document quotes are voices of their
own. A withdrawn source is no voice. A fact is contested when no one value fits every voice.
"""

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from db.derived import latest_day
from db.enums import DatePrecision, Rank, ValueStatus
from db.values import stated_value
from resolvers.evidence import Evidence, Rival

B = TypeVar("B", int, dt.date)


@dataclass(frozen=True)
class Claim(Generic[B]):
    """One value of a fact as an interval (`low` None: no lower end; `high` None: no upper end) with its evidence;
    `alternative` is the rival it comes from, None for the value the row holds."""

    low: B | None
    high: B | None
    evidence: Sequence[Evidence]
    alternative: Rival | None = None


@dataclass(frozen=True)
class Span(Generic[B]):
    """The range a fact's values cover: the lowest low and the highest high (None: some value has no such end), and
    the values that set each end."""

    low: B | None
    high: B | None
    low_from: list[Claim[B]]
    high_from: list[Claim[B]]


def standing(rivals: Iterable[Rival], field: str) -> list[Rival]:
    """The alternatives of `field` that still stand: not closed, not judged wrong (DEPRECATED)."""
    return [
        r
        for r in rivals
        if r.value.field == field and r.value.status == ValueStatus.ALTERNATIVE and r.value.rank != Rank.DEPRECATED
    ]


def span(claims: Sequence[Claim[B]]) -> Span[B] | None:
    """The range of `claims`; None when there is none."""
    if not claims:
        return None
    lows = [c.low for c in claims]
    highs = [c.high for c in claims]
    low = None if None in lows else min(v for v in lows if v is not None)
    high = None if None in highs else max(v for v in highs if v is not None)
    return Span(low, high, [c for c in claims if c.low == low], [c for c in claims if c.high == high])


Voice = tuple[str, str | None]
"""A source document's id and the speaker's (`table:id`), or None for the document's own words."""


def voices(claims: Sequence[Claim[B]]) -> dict[Voice, list[Claim[B]]]:
    """The claims each voice supports (see the module's docstring)."""
    found: dict[Voice, list[Claim[B]]] = {}
    for claim in claims:
        for evidence in claim.evidence:
            if evidence.source.withdrawn_at is not None:
                continue
            speaker = evidence.speaker
            voice = (evidence.source.id, None if speaker is None else f"{speaker.table}:{speaker.id}")
            supported = found.setdefault(voice, [])
            if not any(c is claim for c in supported):
                supported.append(claim)
    return found


def contested(claims: Sequence[Claim[B]]) -> bool:
    """Whether two voices' ranges do not overlap: no one value fits every voice. A voice that gives several values
    spans them all, so it never contradicts itself."""
    ranges = [span(supported) for supported in voices(claims).values()]
    lows = [r.low for r in ranges if r is not None and r.low is not None]
    highs = [r.high for r in ranges if r is not None and r.high is not None]
    return bool(lows and highs) and max(lows) > min(highs)


def _alternatives(
    rivals: Sequence[Rival], columns: Sequence[str], held: Mapping[str, Any]
) -> list[tuple[Rival, dict[str, Any]]]:
    """Each rival with its columns: the value the row holds with the rival's columns put in."""
    return [(r, {**held, **{c: v for c, v in stated_value(r.value.value).items() if c in columns}}) for r in rivals]


def count_claims(
    columns: Sequence[str], held: Mapping[str, Any], evidence: Sequence[Evidence], rivals: Sequence[Rival]
) -> list[Claim[int]]:
    """The count the row holds (`held`: its `columns`, low then high) and each standing rival, as claims. A value with
    no figure at all (UNKNOWN, MANY) is no claim: it says nothing about how many."""
    low, high = columns[0], columns[1]
    values = [(None, dict(held), evidence), *((r, v, r.evidence) for r, v in _alternatives(rivals, columns, held))]
    return [
        Claim(value[low], value[high], found, rival)
        for rival, value, found in values
        if value[low] is not None or value[high] is not None
    ]


def date_claims(
    columns: Sequence[str],
    held: Mapping[str, Any],
    open_ended: bool,
    evidence: Sequence[Evidence],
    rivals: Sequence[Rival],
) -> list[Claim[dt.date]]:
    """The date the row holds (`held`: its `columns`: start, end when the field has one, precision) and each standing
    rival, as claims from the first to the last day each can stand for; an open-ended date ("since ...") has no last
    day. The row's `open_ended` holds for its rivals too (it is not one of the field's columns)."""
    start, precision = columns[0], columns[-1]
    end = columns[1] if len(columns) > 2 else None
    values = [(None, dict(held), evidence), *((r, v, r.evidence) for r, v in _alternatives(rivals, columns, held))]
    claims = []
    for rival, value, found in values:
        first, kind = _date(value[start]), value[precision]
        if first is None or kind is None:
            continue
        exactness = DatePrecision(kind)
        last = None if open_ended else latest_day(first, _date(value[end]) if end else None, exactness)
        claims.append(Claim(first_day(first, exactness), last, found, rival))
    return claims


def first_day(day: dt.date, precision: DatePrecision) -> dt.date:
    """The first day a date of this precision can stand for: 2026-01 (MONTH) may be as early as 2026-01-01."""
    if precision == DatePrecision.MONTH:
        return day.replace(day=1)
    if precision == DatePrecision.YEAR:
        return day.replace(month=1, day=1)
    return day


def _date(value: object) -> dt.date | None:
    """A date column's value as stored in a row (a date) or in a rival's JSON (ISO text)."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
