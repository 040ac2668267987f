"""Several uvicorn worker processes, each accepting on a listening socket of its own (SO_REUSEPORT), so that the
kernel spreads new connections over the workers. With uvicorn's one shared socket, the first worker to wake
accepts every connection waiting: a few keep-alive clients (a proxy's pool, a load test) may all land on one
worker while the others idle. Elsewhere than Linux, where SO_REUSEPORT does not spread connections, the shared
socket it is."""

import logging
import socket
import sys
from dataclasses import dataclass
from typing import Any, cast

from uvicorn import Config
from uvicorn.config import STARTUP_FAILURE
from uvicorn.supervisors import Multiprocess

log = logging.getLogger("uvicorn.error")

SPREADS_CONNECTIONS = sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")
"""Whether sockets bound with SO_REUSEPORT to one port share its connections out (Linux since 3.9)."""


def reuse_port_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to (`host`, `port`) with SO_REUSEPORT, not listening yet: the port's connections go to
    the listening sockets so bound, by a hash of each connection's addresses."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


def _bound_in_worker(host: str, port: int) -> socket.socket:
    try:
        return reuse_port_socket(host, port)
    except OSError as error:
        log.error("worker cannot bind %s:%d: %s", host, port, error)
        raise SystemExit(STARTUP_FAILURE) from error


@dataclass(frozen=True)
class OwnSocket:
    """Stands in uvicorn's list of the sockets its supervisor hands each worker it starts (or restarts): pickled
    into the worker, it becomes a socket bound there, the worker's own, in the port's SO_REUSEPORT group."""

    host: str
    port: int

    def __reduce__(self) -> tuple[Any, tuple[str, int]]:
        return _bound_in_worker, (self.host, self.port)


def serve_workers(config: Config) -> None:
    """Run `config.workers` workers of `config` (whose app is an import string) under uvicorn's supervisor, which
    restarts a worker that dies and stops them all on SIGINT or SIGTERM. The port is bound here first (a bound
    socket that never listens, so it takes no connections), so a port in use fails before any worker starts,
    and port 0 picks one port for them all."""
    if not SPREADS_CONNECTIONS:
        Multiprocess(config, sockets=[config.bind_socket()]).run()
        return
    try:
        held = reuse_port_socket(config.host, config.port)
    except OSError as error:
        log.error("cannot bind %s:%d: %s", config.host, config.port, error)
        raise SystemExit(STARTUP_FAILURE) from error
    with held:
        port = held.getsockname()[1]
        log.info(
            "Uvicorn running on http://%s:%d with %d workers, each on its own socket (Press CTRL+C to quit)",
            config.host,
            port,
            config.workers,
        )
        Multiprocess(config, sockets=cast(list[socket.socket], [OwnSocket(config.host, port)])).run()
