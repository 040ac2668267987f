"""The command line: serve, seed (idempotent, refuses bad files with exit 1), export-schema, token, ingest."""

import asyncio
from pathlib import Path
from typing import Any

import pytest

from citegraph.cli import main
from citegraph.header_timeout import HeaderTimeoutProtocol
from citegraph.startup import is_empty
from db.engine import make_engine
from schema import export_sdl
from tests.conftest import write_lock_held
from tests.factories import fact_file, person


@pytest.fixture(autouse=True)
def database(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITEGRAPH_DATABASE_URL", database_url)


def test_seed_twice_succeeds(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["seed"]) == 0
    assert main(["seed"]) == 0
    assert "seeded" in capsys.readouterr().out


def test_seed_refuses_a_bad_file_and_names_the_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = fact_file(tmp_path, person("maduro", "Nicolás Maduro", "President of Atlantis"))
    assert main(["seed", str(path)]) == 1
    err = capsys.readouterr().err
    assert "nothing was written" in err
    assert "person 'maduro'" in err and "President of Atlantis" in err


def test_serve_reads_request_headers_under_the_read_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITEGRAPH_REQUEST_READ_TIMEOUT_MS", "750")
    options: dict[str, Any] = {}
    monkeypatch.setattr("uvicorn.run", lambda app, **given: options.update(given))
    assert main(["serve"]) == 0
    assert issubclass(options["http"], HeaderTimeoutProtocol) and options["http"].timeout_ms == 750


def test_serve_migrates_and_seeds_the_database_before_uvicorn_starts(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded_at_start: list[bool] = []

    async def seeded() -> bool:
        engine = make_engine(database_url)
        try:
            return not await is_empty(engine)
        finally:
            await engine.dispose()

    def run(_app: Any, **_where: Any) -> None:
        seeded_at_start.append(asyncio.run(seeded()))

    monkeypatch.setattr("uvicorn.run", run)
    assert main(["serve"]) == 0
    assert seeded_at_start == [True]


def test_export_schema_prints_the_sdl(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export-schema"]) == 0
    assert capsys.readouterr().out == export_sdl()


def test_token_create_prints_a_secret_once_and_list_shows_only_names(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["token", "create", "--name", "desk", "--role", "editor"]) == 0
    secret = capsys.readouterr().out.strip()
    assert secret.startswith("cg_") and len(secret) > 40
    assert main(["token", "list"]) == 0
    listed = capsys.readouterr().out
    assert "desk\teditor" in listed and "active" in listed and secret not in listed


def test_token_revoke_marks_it_revoked(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["token", "create", "--name", "desk", "--role", "admin"]) == 0
    assert main(["token", "revoke", "desk"]) == 0
    capsys.readouterr()
    assert main(["token", "list"]) == 0
    assert "desk\tadmin" in (out := capsys.readouterr().out) and "revoked" in out


def test_token_names_are_unique_and_unknown_ones_cannot_be_revoked(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["token", "create", "--name", "desk", "--role", "editor"]) == 0
    assert main(["token", "create", "--name", "desk", "--role", "editor"]) == 1
    assert main(["token", "revoke", "nobody"]) == 1
    assert "no token named 'nobody'" in capsys.readouterr().err


def test_ingest_adds_facts_and_prints_a_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = fact_file(tmp_path, person("maduro", "Nicolás Maduro", "President Nicolás Maduro"))
    assert main(["ingest", str(path), "--actor", "night-desk"]) == 0
    out, err = capsys.readouterr()
    assert "as 'night-desk'" in out and "rows added, 0 unchanged" in out
    assert err == ""
    assert main(["ingest", str(path)]) == 0
    assert "0 rows added" in capsys.readouterr().out


def test_ingest_keeps_a_rival_value_as_a_dispute(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["ingest", str(fact_file(tmp_path, person("maduro", "Nicolás Maduro", "President Nicolás Maduro")))]) == 0
    )
    rival = fact_file(tmp_path, person("maduro", "Maduro", "President Nicolás Maduro"), name="rival.yaml")
    assert main(["ingest", str(rival)]) == 0
    assert "1 disputed" in capsys.readouterr().out


def test_ingest_refuses_a_bad_quote_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", str(fact_file(tmp_path, person("maduro", "Nicolás Maduro", "President of Atlantis")))]) == 1
    err = capsys.readouterr().err
    assert "nothing was written" in err and "person 'maduro'" in err and "President of Atlantis" in err


@pytest.mark.sqlite_only("a lock on the database file is SQLite's")
def test_ingest_while_another_process_writes_waits_then_fails_saying_so(
    tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("db.engine.WRITE_BUSY_TIMEOUT", 0.05)
    path = fact_file(tmp_path, person("maduro", "Nicolás Maduro", "President Nicolás Maduro"))
    assert main(["db", "upgrade"]) == 0
    with write_lock_held(database_url, "IMMEDIATE"):
        assert main(["ingest", str(path)]) == 1
    assert "locked by another process's write for 0.05 s" in capsys.readouterr().err
    assert main(["ingest", str(path)]) == 0
