"""Every command that opens a database, on one it cannot use (not there, read-only, unreachable, refusing us, not a
database citegraph runs on) or one without room for a write: one line on stderr naming the database (password
masked) and the cause, exit status 1, never a traceback."""

import asyncio
import re
from pathlib import Path
from typing import Any

import pytest

from citegraph.cli import main
from db.engine import make_engine
from tests.api.test_subscription import free_port
from tests.conftest import storage_full
from tests.factories import fact_file, long_report_file, person
from tests.postgres import PASSWORD_ROLE, Server
from tests.test_faults import silent_server
from tests.test_loader import snapshot

COMMANDS = [
    "serve",
    "seed",
    "ingest {facts}",
    "check",
    "token create --name desk --role editor",
    "token list",
    "token revoke desk",
    "db upgrade",
    "db current",
    "db check",
    "db revision -m nothing",
    "export",
    "import {dump}",
]
WRITING = ["serve", "seed", "ingest {facts}", "token create --name desk --role editor"]


@pytest.fixture(autouse=True)
def no_uvicorn(monkeypatch: pytest.MonkeyPatch) -> None:
    """`serve` must fail before uvicorn starts: were it to start, the test fails instead of serving."""

    def started(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("uvicorn started on a database that cannot be used")

    monkeypatch.setattr("uvicorn.run", started)


def argv(command: str, folder: Path) -> list[str]:
    facts = fact_file(folder, person("maduro", "Nicolás Maduro", "President Nicolás Maduro"))
    return command.format(facts=facts, dump=folder / "dump.jsonl").split()


def typed(command: str) -> str:
    """How the command's line begins: its name (`seed`, `token create`), without its arguments."""
    words = command.split()
    return " ".join(words[:2] if words[0] in ("token", "db") else words[:1])


PROGRESS = re.compile(r" *\w+ \[[#.]+\] \d+/\d+")
"""A line of `ingest`'s progress bar, which may come before the failure's."""


def failure(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """The line a command that exits 1 prints on stderr, asserted to be its only one besides progress (an uncaught
    error would raise here)."""
    assert main(args) == 1
    *before, line = capsys.readouterr().err.splitlines()
    assert all(PROGRESS.fullmatch(other) for other in before), before
    return line


def stored(url: str) -> dict[str, list[tuple[Any, ...]]]:
    async def read() -> dict[str, list[tuple[Any, ...]]]:
        engine = make_engine(url)
        try:
            return await snapshot(engine)
        finally:
            await engine.dispose()

    return asyncio.run(read())


@pytest.mark.parametrize("command", COMMANDS)
def test_a_database_in_a_missing_folder_is_named_with_the_cause(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'missing' / 'citegraph.db'}"
    monkeypatch.setenv("CITEGRAPH_DATABASE_URL", url)
    line = failure(argv(command, tmp_path), capsys)
    assert line == f"{typed(command)}: cannot open the database {url}: unable to open database file"


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unsupported_database_is_named_with_its_password_masked(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CITEGRAPH_DATABASE_URL", "mysql://desk:secret@db.example/citegraph")
    line = failure(argv(command, tmp_path), capsys)
    assert line == (
        f"{typed(command)}: cannot use the database mysql://desk:***@db.example/citegraph: "
        "unsupported database 'mysql': use sqlite or postgresql"
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_postgresql_down_is_named_with_the_refused_connection(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    port = free_port()
    monkeypatch.setenv("CITEGRAPH_DATABASE_URL", f"postgresql://desk:secret@127.0.0.1:{port}/citegraph")
    line = failure(argv(command, tmp_path), capsys)
    masked = f"postgresql://desk:***@127.0.0.1:{port}/citegraph"
    assert line.startswith(f"{typed(command)}: cannot reach the database {masked}: ") and "Connect call failed" in line


@pytest.mark.parametrize("command", COMMANDS)
def test_a_postgresql_server_that_never_answers_is_given_up_after_the_connect_timeout(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CITEGRAPH_DB_CONNECT_TIMEOUT_MS", "100")
    with silent_server() as port:
        url = f"postgresql://desk@127.0.0.1:{port}/citegraph"
        monkeypatch.setenv("CITEGRAPH_DATABASE_URL", url)
        line = failure(argv(command, tmp_path), capsys)
    assert line == (
        f"{typed(command)}: cannot reach the database {url}: "
        "no answer within the connect timeout (CITEGRAPH_DB_CONNECT_TIMEOUT_MS)"
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unknown_postgresql_database_is_named(
    command: str, postgres: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = postgres.url("no_such_database")
    monkeypatch.setenv("CITEGRAPH_DATABASE_URL", url)
    line = failure(argv(command, tmp_path), capsys)
    assert line == f'{typed(command)}: cannot open the database {url}: database "no_such_database" does not exist'


@pytest.mark.parametrize("command", COMMANDS)
def test_a_wrong_postgresql_password_is_named_and_not_printed(
    command: str, postgres: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = postgres.password_url("not-the-password")
    monkeypatch.setenv("CITEGRAPH_DATABASE_URL", url)
    line = failure(argv(command, tmp_path), capsys)
    assert line == (
        f"{typed(command)}: cannot open the database {url.replace('not-the-password', '***')}: "
        f'password authentication failed for user "{PASSWORD_ROLE}"'
    )


@pytest.mark.parametrize("command", WRITING)
def test_a_read_only_sqlite_database_refuses_writes_in_one_line(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`mode=ro` makes SQLite open the file read-only, as it does a file it may not write; root may write any file
    whatever its mode, and `chattr +i` on the file (tried by hand) gives the same error as this."""
    path = tmp_path / "citegraph.db"
    monkeypatch.setenv("CITEGRAPH_DATABASE_URL", f"sqlite:///{path}")
    assert main(["db", "upgrade"]) == 0
    capsys.readouterr()
    url = f"sqlite:///file:{path}?mode=ro&uri=true"
    monkeypatch.setenv("CITEGRAPH_DATABASE_URL", url)
    line = failure(argv(command, tmp_path), capsys)
    assert line == f"{typed(command)}: cannot write to the database {url}: attempt to write a readonly database"


def test_a_database_in_a_read_only_folder_is_named_with_the_cause(
    read_only_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{read_only_folder / 'citegraph.db'}"
    monkeypatch.setenv("CITEGRAPH_DATABASE_URL", url)
    assert failure(["seed"], capsys) == f"seed: cannot open the database {url}: unable to open database file"


@pytest.mark.parametrize("command", ["seed", "ingest"])
def test_a_load_without_room_says_the_disk_is_full_and_writes_nothing(
    command: str,
    backend: str,
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("CITEGRAPH_DATABASE_URL", database_url)
    assert main(["db", "upgrade"]) == 0
    capsys.readouterr()
    facts = long_report_file(tmp_path, person("ana-ruiz", "Ana Ruiz", "Ana Ruiz"))
    before = stored(database_url)
    with storage_full(backend, database_url):
        line = failure([command, str(facts)], capsys)
    assert line.startswith(f"{command}: the database's disk is full; nothing was written (")
    assert stored(database_url) == before


def test_an_import_without_room_says_the_disk_is_full_and_writes_nothing(
    backend: str,
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    dump = tmp_path / "seed.jsonl"
    monkeypatch.setenv("CITEGRAPH_DATABASE_URL", f"sqlite:///{tmp_path / 'seeded.db'}")
    assert main(["seed"]) == 0 and main(["export", "--out", str(dump)]) == 0
    monkeypatch.setenv("CITEGRAPH_DATABASE_URL", database_url)
    assert main(["db", "upgrade"]) == 0
    capsys.readouterr()
    before = stored(database_url)
    with storage_full(backend, database_url):
        line = failure(["import", str(dump)], capsys)
    assert line.startswith("import: the database's disk is full; nothing was written (")
    assert stored(database_url) == before
