"""bench.cpu_quota: a process held to a share of a core, and let go."""

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench import cpu_quota

pytestmark = pytest.mark.skipif(not cpu_quota.available(), reason="no writable cgroup v1 cpu controller")


@pytest.fixture
def sleeper() -> Iterator[int]:
    with subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE) as process:
        yield process.pid
        assert process.stdin is not None
        process.stdin.close()


def group_of(pid: int) -> str:
    lines = Path(f"/proc/{pid}/cgroup").read_text().splitlines()
    return next(line.split(":", 2)[2] for line in lines if line.split(":")[1].split(",").count("cpu"))


def test_a_held_process_runs_under_the_quota_of_its_share_and_returns_to_the_root_after(sleeper: int) -> None:
    with cpu_quota.held([sleeper], 0.25):
        group = cpu_quota.ROOT / group_of(sleeper).lstrip("/")
        assert (group / "cpu.cfs_quota_us").read_text().strip() == str(cpu_quota.PERIOD_US // 4)
    assert group_of(sleeper) == "/" and not group.exists()


def test_a_share_beyond_one_core_is_refused(sleeper: int) -> None:
    with pytest.raises(ValueError, match=r"in \(0, 1\], not 1.5"), cpu_quota.held([sleeper], 1.5):
        pass
