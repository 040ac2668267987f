"""Sentence bounds: a full stop, question or exclamation mark (and a closing quote) before a capital, or a line break
that ends a line with no closing punctuation (a headline)."""

import re
from bisect import bisect_right
from functools import lru_cache

_END = re.compile(r"[.!?][\"”’]?(?=\s+[\"“‘A-Z0-9])|\n\s*\n|(?<=[^.!?,;:\s])\n(?=[\"“A-Z])")


_ABBREVIATED = """
    mr mrs ms dr st no jan feb mar apr jun jul aug sep sept oct nov dec gen col lt sgt gov sen rep jr sr inc ltd co
"""
ABBREVIATIONS = frozenset(_ABBREVIATED.split())
"""Words whose full stop ends no sentence ("Oct. 21", "Dr. Salo")."""


@lru_cache(maxsize=8)
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every sentence, whitespace around it left out. Cached: every proposal of one text asks for
    its sentence (`sentence_at`), and splitting the text again each time made proposing quadratic in its length."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        word = re.search(r"(\w+)$", text[max(0, match.start() - 6) : match.start()])
        if text[match.start()] == "." and word and word.group(1).lower() in ABBREVIATIONS:
            continue
        bounds.append((start, match.end()))
        start = match.end()
    bounds.append((start, len(text)))
    trimmed = []
    for begin, end in bounds:
        piece = text[begin:end]
        left = len(piece) - len(piece.lstrip())
        right = len(piece.rstrip())
        if right > left:
            trimmed.append((begin + left, begin + right))
    return tuple(trimmed)


def sentence_at(text: str, at: int) -> tuple[int, int] | None:
    """The (start, end) of the sentence holding offset `at`; None between sentences."""
    bounds = sentences(text)
    i = bisect_right(bounds, (at, len(text) + 1)) - 1
    if i >= 0 and bounds[i][0] <= at < bounds[i][1]:
        return bounds[i]
    return None
