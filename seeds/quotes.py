"""Finding a quote in a source text: the one place where offsets are computed."""


def occurrences(text: str, quote: str) -> list[int]:
    """Start offsets of every occurrence of `quote` in `text`, overlapping ones included."""
    starts: list[int] = []
    at = text.find(quote)
    while at != -1:
        starts.append(at)
        at = text.find(quote, at + 1)
    return starts


def locate(text: str, quote: str, occurrence: int | None) -> tuple[int, int] | str:
    """The (start, end) of the quote, or why it cannot be located unambiguously."""
    starts = occurrences(text, quote)
    if not starts:
        return "quote not found in the source text"
    if occurrence is None:
        if len(starts) > 1:
            return f"quote occurs {len(starts)} times in the source; say which with occurrence: 1..{len(starts)}"
        occurrence = 1
    if occurrence > len(starts):
        return f"occurrence {occurrence} asked for, but the quote occurs {len(starts)} time(s)"
    start = starts[occurrence - 1]
    return start, start + len(quote)
