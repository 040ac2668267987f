"""LIGHT load from wrk (a C load generator), when the machine has it: the Python load client costs about as
much CPU per request as the server, on the same two cores, and so caps what it can measure."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

SCRIPT = """
local bodies = {{
{bodies}
}}
local n = 0
request = function()
  n = n % #bodies + 1
  return wrk.format("POST", "/graphql", {{["Content-Type"] = "application/json"}}, bodies[n])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK {{"requests": %d, "duration_us": %d, "status_errors": %d, "socket_errors": %d, '
    .. '"p50_us": %d, "p99_us": %d}}\\n', summary.requests, summary.duration, e.status,
    e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(99)))
end
"""


@dataclass(frozen=True)
class WrkResult:
    requests: int
    seconds: float
    status_errors: int
    socket_errors: int
    p50_ms: float
    p99_ms: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds


def available() -> bool:
    return shutil.which("wrk") is not None


def _lua_string(text: str) -> str:
    level = "=" * 4
    if f"]{level}]" in text:
        raise ValueError("request body contains the Lua long-string terminator")
    return f"[{level}[{text}]{level}]"


def run(url: str, bodies: list[dict[str, object]], connections: int, seconds: float, script: Path) -> WrkResult:
    """POST `bodies` in turn to `url` from `connections` keep-alive connections for `seconds`."""
    script.write_text(SCRIPT.format(bodies=",\n".join(_lua_string(json.dumps(b)) for b in bodies)))
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds:g}s", "-s", str(script), url]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("WRK "))
    found = json.loads(line.removeprefix("WRK "))
    return WrkResult(
        requests=found["requests"],
        seconds=found["duration_us"] / 1e6,
        status_errors=found["status_errors"],
        socket_errors=found["socket_errors"],
        p50_ms=found["p50_us"] / 1000,
        p99_ms=found["p99_us"] / 1000,
    )
