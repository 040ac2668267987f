"""Dates the text gives, whole or in part, resolved against the source's date or its dateline.

A weekday alone ("on Monday") is the latest such day on or before the reference date (news reports the past); a
day and month with no year take the reference's year, or, with no reference, the year near `today` in which that
day fell on the weekday the text names. Each such date is INFERRED, with the reasoning as its note.
"""

import datetime as dt
import re
from dataclasses import dataclass

from proposals.records import DateKind, DateProposal, Precision

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
YEAR_WINDOW = 5
"""How many years either side of `today` a weekday and a day of a month are looked for in, with no reference date."""
DATELINE_REACH = 120
"""A full date within this many characters of the start, in its first sentence and followed by a full stop, a
parenthesis, a dash, a colon or a line break, is the dateline."""

_MONTH = "|".join(MONTH_NAMES)
_MONTH_OR_ABBREVIATION = rf"(?-i:{_MONTH}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
"""Month names are capitalized: "they may 12 times" holds no date."""
_WEEKDAY = "|".join(WEEKDAYS)
_EXPRESSION = re.compile(
    rf"\b(?:(?P<weekday>{_WEEKDAY}),?\s+)?"
    rf"(?:(?P<month>{_MONTH_OR_ABBREVIATION})\s+(?P<day>\d{{1,2}})(?!\d)(?:,?\s+(?P<year>\d{{4}}))?"
    rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH_OR_ABBREVIATION})(?:,?\s+(?P<year2>\d{{4}}))?)\b"
    rf"|\b(?P<month3>(?-i:{_MONTH}))\s+(?P<year3>\d{{4}})\b"
    rf"|\b(?:(?:in|since|until|by|during|early|late|mid-?)\s+)?(?-i:(?P<month5>{_MONTH}))\s+(?P<which5>last|this|next)\s+year\b"
    rf"|\b(?:between|from)\s+(?P<first6>(?:19|20)\d\d)\s+(?:and|to|until|through)\s+(?P<last6>(?:19|20)\d\d)\b"
    rf"|\b(?P<before4>in|since|until|by|during|last|next|early|late|mid-?)\s+(?-i:(?P<month4>{_MONTH}))\b(?!\s+\d)"
    rf"|\b(?P<alone>{_WEEKDAY})\b"
    rf"|\b(?:in|since|until|by|from|of)\s+(?P<year4>(?:19|20)\d\d)\b"
    rf"|\b(?P<relative>yesterday|today|tomorrow)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    groups: dict[str, str | None]


def _long(day: dt.date) -> str:
    return f"{MONTH_NAMES[day.month - 1]} {day.day}, {day.year}"


def _month_number(name: str) -> int:
    """The month's number from its name or abbreviation ("Oct.")."""
    return [m.lower()[:3] for m in MONTH_NAMES].index(name.lower()[:3]) + 1


def _weekday_number(name: str) -> int:
    return [w.lower() for w in WEEKDAYS].index(name.lower())


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_WIRE_PLACE = re.compile(r"^[A-Z][A-Z .'’-]+[A-Z],\s*$")
"""What stands before a wire dateline's date: the place in capitals and a comma ("LISBON, ")."""
_PUBLISHED = re.compile(r"^[ \t]*(?:Published|Updated|Posted|First published)(?: on)?:?[ \t]*$", re.IGNORECASE)
"""What stands before the date of a publication line ("Published 12 May 2025")."""
PUBLISHED_REACH = 400
"""How far from the start a publication line is looked for."""


def undated_dateline(text: str, reference: dt.date | None, today: dt.date) -> tuple[dt.date | None, int, int] | None:
    """A dateline or publication line whose date has no year ("LISBON, March 4 (Reuters) -"), where it stands, and
    its date: in the reference's year, or with none the latest such day up to `today`."""
    for match in _EXPRESSION.finditer(text, 0, PUBLISHED_REACH):
        groups = match.groupdict()
        month, day = groups["month"] or groups["month2"], groups["day"] or groups["day2"]
        if not month or not day or groups["year"] or groups["year2"]:
            continue
        if not (
            _opens_dateline(text, match.start())
            and re.match(r"\s*(?:\([^)\n]{1,60}\))?\s*(?:[—–:]|-\s|\n|$)", text[match.end() :])
        ):
            continue
        year = (reference or today).year
        value = _safe(year, _month_number(month), int(day))
        if value is not None and reference is None and value > today:
            value = _safe(year - 1, _month_number(month), int(day))
        return value, match.start(), match.end()
    return None


def _opens_dateline(text: str, at: int) -> bool:
    """Whether the date at `at` follows a wire dateline's place or a publication line's word."""
    line_start = text.rfind("\n", 0, at) + 1
    before = text[line_start:at]
    return (line_start == 0 and _WIRE_PLACE.match(before) is not None) or _PUBLISHED.match(before) is not None


def dateline(text: str) -> tuple[dt.date, int, int] | None:
    """The date of the text's dateline ("PORT ALDERN, March 13, 2026 (Aldern Courier) —") or of its publication
    line ("Published 24 September 2026"), and where it stands."""
    for match in _EXPRESSION.finditer(text, 0, PUBLISHED_REACH):
        groups = match.groupdict()
        year = groups["year"] or groups["year2"]
        if not year:
            continue
        if not _opens_dateline(text, match.start()):
            if match.start() >= DATELINE_REACH:
                continue
            first_break = re.search(r"\n|\.\s", text)
            if first_break and match.start() > first_break.start():
                return None
            if not re.match(r"\s*(?:[.(—–:\n-]|$)", text[match.end() :]):
                return None
        day = _safe(
            int(year),
            _month_number(groups["month"] or groups["month2"] or ""),
            int(groups["day"] or groups["day2"] or 0),
        )
        return (day, match.start(), match.end()) if day else None
    return None


def find_dates(text: str, source_date: dt.date | None, today: dt.date | None = None) -> list[DateProposal]:
    """Every date expression of the text resolved to a date; the dateline itself is the source's date, not a fact."""
    today = today or dt.date.today()
    line = dateline(text)
    reference = source_date or (line[0] if line else None)
    found = [_Found(m.start(), m.end(), m.groupdict()) for m in _EXPRESSION.finditer(text)]
    if line:
        found = [f for f in found if not (f.start >= line[1] and f.end <= line[2])]
    elif undated := undated_dateline(text, reference, today):
        reference = reference or undated[0]
        found = [f for f in found if not (f.start >= undated[1] and f.end <= undated[2])]
    found = [
        f for f in found if not (f.groups["alone"] and re.search(r"\bevery\s+$", text[max(0, f.start - 7) : f.start]))
    ]
    proposals: list[DateProposal] = []
    for item in found:
        if not item.groups["alone"] and not item.groups["relative"]:
            proposal = _calendar(text, item, reference, today, source_date is not None)
            if proposal:
                proposals.append(proposal)
    anchor: DateProposal | None = None
    if reference is None and proposals:
        anchor = max((p for p in proposals if p.precision == Precision.DAY), key=lambda p: p.value, default=None)
    for item in found:
        if item.groups["alone"] or item.groups["relative"]:
            proposal = _relative(text, item, reference, anchor, source_date is not None)
            if proposal:
                proposals.append(proposal)
    return sorted(proposals, key=lambda p: (p.start, p.end))


def _calendar(text: str, item: _Found, reference: dt.date | None, today: dt.date, dated: bool) -> DateProposal | None:
    g = item.groups
    quote = text[item.start : item.end]
    if g["month5"]:
        return _month_of_year(item, g["month5"], g["which5"] or "", reference, dated, quote)
    if g["first6"]:
        first, last = int(g["first6"]), int(g["last6"] or 0)
        if last <= first:
            return None
        note = f"From {first} to {last}: the date is the range's first year; it ends in {last}."
        return DateProposal(dt.date(first, 1, 1), Precision.YEAR, DateKind.QUOTED, note, quote, item.start, item.end,
                            0.7)  # fmt: skip
    if g["year4"]:
        start = item.start + quote.index(g["year4"])
        return DateProposal(dt.date(int(g["year4"]), 1, 1), Precision.YEAR, DateKind.QUOTED, None, g["year4"], start,
                            start + 4, 0.7)  # fmt: skip
    if g["month4"]:
        return _month_alone(item, g["month4"], g["before4"] or "", reference, dated, quote)
    if g["month3"]:
        day = dt.date(int(g["year3"] or 0), _month_number(g["month3"]), 1)
        return DateProposal(day, Precision.MONTH, DateKind.QUOTED, None, quote, item.start, item.end, 0.8)
    month = _month_number(g["month"] or g["month2"] or "")
    number = int(g["day"] or g["day2"] or 0)
    year = g["year"] or g["year2"]
    weekday = g["weekday"]
    if year:
        whole = _safe(int(year), month, number)
        if whole is None:
            return None
        return DateProposal(whole, Precision.DAY, DateKind.QUOTED, None, quote, item.start, item.end, 0.95)
    given = f"{MONTH_NAMES[month - 1]} {number}"
    if reference is not None:
        resolved = _safe(reference.year, month, number)
        if resolved is None:
            return None
        forward = re.search(r"\b(?:until|till|through|next|by|before)\s+$", text[max(0, item.start - 9) : item.start])
        forward = forward or _looks_ahead(text, item.start, AHEAD_FIRMLY)
        if forward and resolved < reference:
            resolved = _safe(reference.year + 1, month, number) or resolved
        elif not forward and resolved > reference + dt.timedelta(days=31):
            resolved = _safe(reference.year - 1, month, number) or resolved
        whose = "source" if dated else "dateline"
        note = f"The text gives no year; the {whose} is dated {_long(reference)}, so {given} is {_long(resolved)}."
        if forward and resolved.year > reference.year:
            note = f"The text gives no year; the {whose} is dated {_long(reference)}, and the text looks ahead "
            note += f'("{forward.group(0).strip()}"): {given} is {_long(resolved)}.'
        if weekday and resolved.weekday() != _weekday_number(weekday):
            note += f" But {_long(resolved)} is not a {weekday.capitalize()}: check it."
            return DateProposal(resolved, Precision.DAY, DateKind.INFERRED, note, quote, item.start, item.end, 0.4)
        return DateProposal(resolved, Precision.DAY, DateKind.INFERRED, note, quote, item.start, item.end, 0.85)
    if not weekday:
        return None
    wanted = _weekday_number(weekday)
    years = [
        y
        for y in range(today.year - YEAR_WINDOW, today.year + YEAR_WINDOW + 1)
        if (d := _safe(y, month, number)) is not None and d.weekday() == wanted
    ]
    if not years:
        return None
    year_found = min(years, key=lambda y: (abs(y - today.year), -y))
    note = f"The article gives no year; {given} fell on a {weekday.capitalize()} in {year_found}"
    note += "." if len(years) == 1 else f" (also in {', '.join(str(y) for y in years if y != year_found)})."
    confidence = 0.8 if len(years) == 1 else 0.5
    day = dt.date(year_found, month, number)
    return DateProposal(day, Precision.DAY, DateKind.INFERRED, note, quote, item.start, item.end, confidence)


def _month_alone(
    item: _Found, name: str, before: str, reference: dt.date | None, dated: bool, quote: str
) -> DateProposal | None:
    """A month named with no year ("in August"): the latest such month up to the reference's, or the next one after
    "until", "by" or "next"."""
    if reference is None:
        return None
    month = _month_number(name)
    year = reference.year
    if before.lower() in ("until", "by", "next"):
        year += 1 if month < reference.month else 0
    elif month > reference.month:
        year -= 1
    value = dt.date(year, month, 1)
    start = item.start + quote.index(name)
    whose = "source" if dated else "dateline"
    note = f"The text gives no year; the {whose} is dated {_long(reference)}, so {name} is {name} {year}."
    return DateProposal(value, Precision.MONTH, DateKind.INFERRED, note, name, start, start + len(name), 0.6)


def _month_of_year(
    item: _Found, name: str, which: str, reference: dt.date | None, dated: bool, quote: str
) -> DateProposal | None:
    """A month of the year before, of or after the reference's ("in July last year", "in March this year")."""
    if reference is None:
        return None
    year = reference.year + {"last": -1, "this": 0, "next": 1}[which.lower()]
    whose = "source" if dated else "dateline"
    note = f"The {whose} is dated {_long(reference)}, so {name} {which.lower()} year is {name} {year}."
    return DateProposal(dt.date(year, _month_number(name), 1), Precision.MONTH, DateKind.INFERRED, note, quote,
                        item.start, item.end, 0.8)  # fmt: skip


DECREED_FROM = re.compile(
    r"\b(?:declared|announced|ordered|imposed|decreed|proclaimed|introduced|extended|suspended|closed|banned)\b"
    r"[^.;!?]{0,60}\b(?:from|starting|beginning|as of)\s+$",
    re.IGNORECASE,
)
"""A decision that takes effect from a weekday ("declared three days of mourning from Wednesday"): the weekday is
the next one, not the last, though the verb is past."""


AHEAD = r"will|would|expected|due|scheduled|set to|next|forecast"
"""Words by which a clause speaks of what is to come; a calendar date takes only the firmer of them (`AHEAD_FIRMLY`),
as reported speech puts "would" before past dates too."""
AHEAD_FIRMLY = r"will|due|scheduled|set to|next|adjourned|postponed"


def _looks_ahead(text: str, at: int, words: str = AHEAD) -> re.Match[str] | None:
    """The word by which the clause before `at` speaks of what is to come ("is next due in court on"), if any."""
    clause = re.split(r"[.;!?]", text[max(0, at - 60) : at])[-1]
    return re.search(rf"\b(?:{words})\b", clause)


def _relative(
    text: str, item: _Found, reference: dt.date | None, anchor: DateProposal | None, dated: bool
) -> DateProposal | None:
    g = item.groups
    quote = text[item.start : item.end]
    base = reference or (anchor.value if anchor else None)
    if base is None:
        return None
    if reference is not None:
        said = f"The {'source' if dated else 'report'} is dated {_long(reference)}"
    else:
        assert anchor is not None
        said = (
            f"{anchor.note} The latest date the article gives is {anchor.text}"
            if anchor.note
            else (f"The latest date the article gives is {anchor.text}")
        )
    if g["relative"]:
        shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[g["relative"].lower()]
        day = base + dt.timedelta(days=shift)
        note = f"{said}; {g['relative'].lower()} is {_long(day)}."
        return DateProposal(day, Precision.DAY, DateKind.INFERRED, note, quote, item.start, item.end, 0.7)
    wanted = _weekday_number(g["alone"] or "")
    name = WEEKDAYS[wanted]
    if _looks_ahead(text, item.start) or DECREED_FROM.search(text, max(0, item.start - 90), item.start):
        ahead = (wanted - base.weekday()) % 7 or 7
        day = base + dt.timedelta(days=ahead)
        note = f"{said}; the text looks ahead, and the {name} after it is {_long(day)}."
        return DateProposal(day, Precision.DAY, DateKind.INFERRED, note, quote, item.start, item.end, 0.5)
    back = (base.weekday() - wanted) % 7
    day = base - dt.timedelta(days=back)
    when = "that same day" if back == 0 else f"the {name} before it"
    note = f"{said}; {when} was {_long(day)}." if back else f"{said}, a {name}."
    if re.match(r"\s+(?:next|last)\b", text[max(0, item.start - 6) : item.start]):
        return None
    confidence = 0.75 if reference is not None else 0.6
    return DateProposal(day, Precision.DAY, DateKind.INFERRED, note, quote, item.start, item.end, confidence)
