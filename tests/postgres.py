"""A throwaway PostgreSQL server for the tests: its own cluster in a temporary folder, on loopback, gone
when the session ends. As root (CI), the cluster runs as the `postgres` user, since `initdb` refuses root.
"""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

REQUIRED = "CITEGRAPH_TEST_POSTGRES"
"""Set to `required` (as `.ci/run` does) to fail, rather than skip, when no server can be started."""


PASSWORD_ROLE = "citegraph_password"
"""The one role that must give its password (scram-sha-256; every other role is trusted), for tests of a wrong one."""
PASSWORD = "the-right-password"


class NoServer(RuntimeError):
    """No PostgreSQL server could be started here; the message says why."""


def bindir() -> Path:
    """The newest installed PostgreSQL's programs (Debian keeps them out of PATH)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parent.parent.name))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb is None:
        raise NoServer("PostgreSQL is not installed (no initdb): `.ci/run` installs Debian's postgresql")
    return Path(initdb).parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    """A running cluster; `database()` makes a fresh, empty database on it."""

    folder: Path
    port: int
    bin: Path
    user_prefix: list[str]

    @classmethod
    def start(cls, durable: bool = False) -> "Server":
        """A new cluster; unless `durable`, commits do not wait for the disk (fast, and fine for tests)."""
        programs = bindir()
        as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        folder = Path(tempfile.mkdtemp(prefix="citegraph-pg-"))
        if as_postgres:
            shutil.chown(folder, "postgres")
        server = cls(folder, _free_port(), programs, as_postgres)
        server._run("initdb", "-D", str(folder / "data"), "-A", "trust", "-U", "postgres", "-E", "UTF8")
        hba = folder / "data" / "pg_hba.conf"
        hba.write_text(f"host all {PASSWORD_ROLE} 127.0.0.1/32 scram-sha-256\n" + hba.read_text())
        fast = "" if durable else "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
        options = f"-p {server.port} -k {folder} -c listen_addresses=127.0.0.1 {fast}-c max_connections=200"
        server._run("pg_ctl", "-D", str(folder / "data"), "-o", options, "-l", str(folder / "log"), "-w", "start")
        server.psql(f"CREATE ROLE {PASSWORD_ROLE} LOGIN PASSWORD '{PASSWORD}'")
        return server

    def _run(self, program: str, *args: str) -> None:
        command = [*self.user_prefix, str(self.bin / program), *args]
        done = subprocess.run(command, capture_output=True, text=True, cwd=self.folder)
        if done.returncode != 0:
            raise NoServer(f"{program} failed ({done.returncode}): {(done.stderr or done.stdout).strip()[-500:]}")

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def password_url(self, password: str) -> str:
        """A URL of PASSWORD_ROLE giving `password` (the right one is PASSWORD)."""
        return f"postgresql://{PASSWORD_ROLE}:{password}@127.0.0.1:{self.port}/postgres"

    def psql(self, statement: str) -> None:
        self._run("psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-q", "-c", statement)

    def database(self, template: str = "template0") -> str:
        """A new database's URL: a copy of `template` (by default empty)."""
        name = f"t_{uuid.uuid4().hex[:16]}"
        self.psql(f"CREATE DATABASE {name} TEMPLATE {template}")
        return self.url(name)

    def drop(self, url: str) -> None:
        self.psql(f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]} WITH (FORCE)")

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
