"""Finding a quote in a source text: the one place where offsets are computed.

A quote is matched ignoring differences of whitespace (a line break or a run of spaces in the source matches
one space in the quote, and the reverse) and of quote marks (typographic single and double quotes, U+2018,
U+2019, U+201C and U+201D, match straight ' and ").
Offsets are always the source's own characters, so `text[start:end]` is the source's exact span, which may
differ from the quote as given.
"""

from functools import lru_cache

QUOTE_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
"""Typographic quote marks and apostrophes, read as their straight forms."""


@lru_cache(maxsize=8)
def _folded(text: str) -> tuple[str, tuple[int, ...]]:
    """`text` with every run of whitespace as one space and quote marks straight, and for each of its
    characters the offset in `text` of the first character it stands for (a planner locates many quotes in
    one text: remembered)."""
    folded: list[str] = []
    origins: list[int] = []
    in_space = False
    for at, char in enumerate(text):
        if char.isspace():
            if not in_space:
                folded.append(" ")
                origins.append(at)
            in_space = True
            continue
        in_space = False
        folded.append(char)
        origins.append(at)
    return "".join(folded).translate(QUOTE_MARKS), tuple(origins)


def _folded_quote(quote: str) -> str:
    return " ".join(quote.split()).translate(QUOTE_MARKS)


def occurrences(text: str, quote: str) -> list[tuple[int, int]]:
    """The (start, end) in `text` of every occurrence of `quote`, overlapping ones included, in text order."""
    folded, origins = _folded(text)
    needle = _folded_quote(quote)
    if not needle:
        return []
    spans: list[tuple[int, int]] = []
    at = folded.find(needle)
    while at != -1:
        spans.append((origins[at], origins[at + len(needle) - 1] + 1))
        at = folded.find(needle, at + 1)
    return spans


def locate(text: str, quote: str, occurrence: int | None) -> tuple[int, int] | str:
    """The (start, end) of the quote in `text`, or why it cannot be located unambiguously."""
    spans = occurrences(text, quote)
    if not spans:
        return "quote not found in the source text"
    if occurrence is None:
        if len(spans) > 1:
            return f"quote occurs {len(spans)} times in the source; say which with occurrence: 1..{len(spans)}"
        occurrence = 1
    if occurrence > len(spans):
        return f"occurrence {occurrence} asked for, but the quote occurs {len(spans)} time(s)"
    return spans[occurrence - 1]
