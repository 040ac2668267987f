"""Holding processes to a share of one core each (the kernel's CFS quota, one cgroup per process), so that
scaling with workers can be measured on a machine whose few cores the database and the load generator share:
with each worker held to the same share, and room left on the machine, N workers should serve N times one.

Uses the cgroup v1 `cpu` controller at /sys/fs/cgroup/cpu (writable by root); `available()` says whether this
machine has it. cgroup v2 (`cpu.max`) is not supported yet.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

ROOT = Path("/sys/fs/cgroup/cpu")
PERIOD_US = 100_000


def available() -> bool:
    """Whether processes can be held here: the cgroup v1 cpu controller, writable."""
    return (ROOT / "cgroup.procs").exists() and os.access(ROOT, os.W_OK)


@contextlib.contextmanager
def held(pids: list[int], share: float) -> Iterator[None]:
    """Each of `pids` held to `share` of one core (its own cgroup with that quota) until the block ends, when they
    go back to the root group (unless they have ended) and the groups are removed."""
    if not 0 < share <= 1:
        raise ValueError(f"a share of one core is in (0, 1], not {share}")
    groups: list[Path] = []
    try:
        for pid in pids:
            group = ROOT / f"citegraph-bench-{pid}"
            group.mkdir(exist_ok=True)
            groups.append(group)
            (group / "cpu.cfs_period_us").write_text(str(PERIOD_US))
            (group / "cpu.cfs_quota_us").write_text(str(round(share * PERIOD_US)))
            (group / "cgroup.procs").write_text(str(pid))
        yield
    finally:
        for group in groups:
            for pid in (group / "cgroup.procs").read_text().split():
                with contextlib.suppress(ProcessLookupError):
                    (ROOT / "cgroup.procs").write_text(pid)
            group.rmdir()
