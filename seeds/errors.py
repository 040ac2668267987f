"""What a failed load reports: every problem, each naming its file, entity, field and quote."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SeedProblem:
    file: str
    message: str
    entity: str | None = None
    field: str | None = None
    quote: str | None = None

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
