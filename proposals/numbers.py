"""English cardinal numbers, in digits ("1,200") or words ("twelve", "twenty-three", "two hundred")."""

import re

UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

_WORD = "|".join(sorted([*UNITS, *TENS, *SCALES], key=len, reverse=True))
NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|(?:{_WORD})(?:(?:[\s-]|\s+and\s+)(?:{_WORD}))*)"
"""A regular expression for one number, digits or words; use with re.IGNORECASE, and read it with `value`."""
DOZENS = rf"(?:(?:half\s+)?an?\s+dozen|(?:{NUMBER})\s+dozen)"
"""A number of dozens ("a dozen", "half a dozen", "two dozen"): a round figure, read with `value` too."""
_DOZENS = re.compile(rf"(?:(?P<half>half)\s+)?(?:an?|(?P<number>{NUMBER}))\s+dozen", re.IGNORECASE)


def value(number: str) -> int | None:
    """The number `number` spells, or None if it is not one this module reads."""
    cleaned = number.replace(",", "")
    dozens = _DOZENS.fullmatch(number.strip())
    if dozens:
        times = value(dozens.group("number")) if dozens.group("number") else 1
        return None if times is None else (6 if dozens.group("half") else 12 * times)
    if cleaned.isdigit():
        return int(cleaned)
    total = current = 0
    seen = False
    for word in re.split(r"[\s-]+", number.lower()):
        if word == "and":
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in SCALES:
            current = max(current, 1) * SCALES[word]
            if SCALES[word] > 100:
                total, current = total + current, 0
        else:
            return None
        seen = True
    return total + current if seen else None
