"""`citegraph export` and `citegraph import` on the configured database."""

import io
import json
from pathlib import Path

import pytest

from citegraph.cli import main
from db.terms import base_terms


@pytest.fixture(autouse=True)
def database(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITEGRAPH_DATABASE_URL", database_url)


def test_export_writes_the_dump_to_a_file_and_says_how_many_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["seed"]) == 0
    out = tmp_path / "dump.jsonl"
    assert main(["export", "--out", str(out)]) == 0
    header = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert f"exported {sum(header['counts'].values())} rows" in capsys.readouterr().err
    assert not (tmp_path / "dump.jsonl.partial").exists()


def test_export_without_out_writes_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export"]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[0])["format"] == "citegraph-dump"


def test_import_reads_stdin_into_an_empty_database(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(capsys.readouterr().out))
    assert main(["import", "-"]) == 0
    assert f"imported {len(base_terms())} rows" in capsys.readouterr().err  # the base vocabulary, nothing else


def test_import_into_a_database_with_rows_exits_1_naming_the_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["seed"]) == 0
    dump = tmp_path / "dump.jsonl"
    assert main(["export", "--out", str(dump)]) == 0
    capsys.readouterr()
    assert main(["import", str(dump)]) == 1
    err = capsys.readouterr().err
    assert "import refused, nothing was written" in err and "has rows" in err
