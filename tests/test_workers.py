"""`citegraph serve --workers N`: each worker accepts on a socket of its own, so connections spread over them."""

import os
import pickle
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from uvicorn import Config
from uvicorn.config import STARTUP_FAILURE

from citegraph.cli import main
from citegraph.workers import SPREADS_CONNECTIONS, OwnSocket, reuse_port_socket, serve_workers
from tests.api.test_subscription import free_port

pytestmark = pytest.mark.skipif(not SPREADS_CONNECTIONS, reason="SO_REUSEPORT spreads connections on Linux only")

ROOT = Path(__file__).resolve().parent.parent
CONNECTIONS = 32
"""Connections a test opens: the chance that the kernel hashes all of them to one of two workers is 2**-31."""
LISTEN, ESTABLISHED = "0A", "01"
STARTING = 60
"""Seconds the workers may take to start listening."""


def holders(port: int, state: str) -> list[int]:
    """The pid holding each TCP socket whose local port is `port` in `state` (/proc/net/tcp's hex code)."""
    inodes: set[int] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for fields in (line.split() for line in Path(table).read_text().splitlines()[1:]):
            if fields[1].endswith(f":{port:04X}") and fields[3] == state:
                inodes.add(int(fields[9]))
    found: list[int] = []
    for fd in Path("/proc").glob("[0-9]*/fd/*"):
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:[") and int(target[8:-1]) in inodes:
            found.append(int(fd.parent.parent.name))
    return found


def until(condition: Callable[[], bool], what: str, process: subprocess.Popen[str]) -> None:
    """Until `condition()` holds (failing if `process` exits or STARTING seconds pass)."""
    deadline = time.monotonic() + STARTING
    while not condition():
        assert process.poll() is None, f"the server exited: {process.communicate()[1]}"
        assert time.monotonic() < deadline, f"not {what} after {STARTING} s"
        time.sleep(0.005)


@pytest.fixture
def two_workers(tmp_path: Path) -> Iterator[tuple[int, subprocess.Popen[str]]]:
    """`citegraph serve --workers 2` on a new SQLite file, once both workers listen (they log that their app has
    started before they listen); yields its port and process."""
    port = free_port()
    env = {
        **os.environ,
        "CITEGRAPH_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}",
        "CITEGRAPH_SEED_ON_START": "false",
    }
    command = [sys.executable, "-m", "citegraph.cli", "serve", "--port", str(port), "--workers", "2", "--no-access-log"]
    with subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True) as process:
        try:
            until(lambda: len(holders(port, LISTEN)) == 2, "two sockets listening", process)
            yield port, process
        finally:
            process.terminate()
            process.wait(60)


def test_each_worker_listens_on_a_socket_of_its_own(two_workers: tuple[int, subprocess.Popen[str]]) -> None:
    listeners = holders(two_workers[0], LISTEN)
    assert len(listeners) == 2 and len(set(listeners)) == 2


def test_a_worker_that_dies_is_replaced_by_one_on_a_socket_of_its_own(
    two_workers: tuple[int, subprocess.Popen[str]],
) -> None:
    port, process = two_workers
    dead = min(holders(port, LISTEN))
    os.kill(dead, signal.SIGKILL)

    def replaced() -> bool:
        workers = set(holders(port, LISTEN))
        return len(workers) == 2 and dead not in workers

    until(replaced, "two live workers listening", process)


def test_connections_are_spread_over_the_workers(two_workers: tuple[int, subprocess.Popen[str]]) -> None:
    port = two_workers[0]
    clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(CONNECTIONS)]
    try:
        for client in clients:
            client.sendall(b"GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n")
        for client in clients:
            assert client.recv(65536).startswith(b"HTTP/1.1 200")
        counts = Counter(holders(port, ESTABLISHED))
        assert sum(counts.values()) == CONNECTIONS and len(counts) == 2, counts
    finally:
        for client in clients:
            client.close()


def test_a_worker_socket_unpickles_bound_to_the_port_beside_the_others() -> None:
    held = reuse_port_socket("127.0.0.1", 0)
    port = held.getsockname()[1]
    workers: list[Any] = [pickle.loads(pickle.dumps(OwnSocket("127.0.0.1", port))) for _ in range(2)]
    try:
        for worker in workers:
            assert isinstance(worker, socket.socket) and worker.getsockname() == ("127.0.0.1", port)
            worker.listen()
    finally:
        for sock in (held, *workers):
            sock.close()


def test_a_port_another_program_listens_on_stops_the_start(capfd: pytest.CaptureFixture[str]) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        config = Config("citegraph.app:create_app", factory=True, host="127.0.0.1", port=port, workers=2)
        with pytest.raises(SystemExit) as stopped:
            serve_workers(config)
    assert stopped.value.code == STARTUP_FAILURE
    assert f"cannot bind 127.0.0.1:{port}: [Errno 98] Address already in use" in capfd.readouterr().err


def test_workers_hand_uvicorn_the_app_and_the_header_deadline_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CITEGRAPH_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite'}")
    configs: list[Config] = []
    monkeypatch.setattr("citegraph.workers.serve_workers", configs.append)
    assert main(["serve", "--workers", "3"]) == 0
    assert [(c.app, c.factory, c.workers, c.http) for c in configs] == [
        ("citegraph.app:create_app", True, 3, "citegraph.header_timeout:HeaderTimeoutProtocol")
    ]


@pytest.mark.parametrize(("given", "why"), [("0", "0 is less than 1"), ("two", "'two' is not a whole number")])
def test_workers_must_be_a_whole_number_from_one(given: str, why: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as refused:
        main(["serve", "--workers", given])
    assert refused.value.code == 2
    assert f"argument --workers: {why}" in capsys.readouterr().err
