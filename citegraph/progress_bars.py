"""Progress bars on stderr for the command line, counted in rows, drawn by tqdm only when stderr is a terminal (a
redirected stderr gets none, so logs stay clean)."""

import sys
from types import TracebackType
from typing import Any


class ProgressBars:
    """A `db.progress.Progress` that draws one bar per step (`written`, `exported`, `imported`); use it in a `with`
    block, which closes the last bar."""

    def __init__(self) -> None:
        self.step: str | None = None
        self.bar: Any = None

    def __call__(self, step: str, done: int, total: int) -> None:
        from tqdm import tqdm

        if step != self.step:
            self.close()
            self.step = step
            self.bar = tqdm(desc=step, total=total, unit=" rows", file=sys.stderr, disable=None)
        self.bar.total = total
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def __enter__(self) -> "ProgressBars":
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
