"""What a failed load reports: every problem, each naming its file, entity, field and quote."""

from dataclasses import dataclass
from enum import StrEnum


class ProblemCode(StrEnum):
    """What kind of problem: API clients get a typed error for each (see `schema.errors`)."""

    INVALID = "INVALID"
    """The input breaks the format (a missing or malformed value, an unknown key)."""
    MISSING_CITATION = "MISSING_CITATION"
    QUOTE_NOT_FOUND = "QUOTE_NOT_FOUND"
    AMBIGUOUS_QUOTE = "AMBIGUOUS_QUOTE"
    """The quote occurs several times and no `occurrence` says which."""
    NOT_FOUND = "NOT_FOUND"
    """A reference names no stored or declared row (`reference` holds the id)."""
    CONFLICT = "CONFLICT"
    """The input gives a stored fact a different value: a correction, not an addition."""


@dataclass(frozen=True)
class SeedProblem:
    file: str
    message: str
    entity: str | None = None
    field: str | None = None
    quote: str | None = None
    code: ProblemCode = ProblemCode.INVALID
    source_id: str | None = None
    """For quote problems: the source searched."""
    occurrences: int | None = None
    """For AMBIGUOUS_QUOTE: how many times the quote occurs."""
    reference: str | None = None
    """For NOT_FOUND: the id that names nothing."""

    def __str__(self) -> str:
        where = [self.file]
        if self.entity:
            where.append(self.entity)
        if self.field:
            where.append(f"field {self.field!r}")
        text = f"{': '.join(where)}: {self.message}"
        return f"{text}: {self.quote!r}" if self.quote is not None else text


class SeedLoadError(Exception):
    """The load was refused and nothing was written; `problems` lists every reason found."""

    def __init__(self, problems: list[SeedProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
