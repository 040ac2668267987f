"""Sentence bounds: a full stop, question or exclamation mark (and a closing quote) before a capital, or a line break
that ends a line with no closing punctuation (a headline)."""

import re

_END = re.compile(r"[.!?][\"”’]?(?=\s+[\"“‘A-Z0-9])|\n\s*\n|(?<=[^.!?,;:\s])\n(?=[\"“A-Z])")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence, whitespace around it left out."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
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
    return trimmed
