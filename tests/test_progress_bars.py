"""Progress on the command line: bars counted in rows on a terminal, none when stderr is not one."""

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from citegraph.cli import main
from tests.conftest import Terminal, terminal
from tests.factories import fact_file, person


@pytest.fixture(autouse=True)
def database(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITEGRAPH_DATABASE_URL", database_url)


def finished(screen: Terminal, step: str) -> tuple[int, int]:
    """(done, total) of the last drawing of `step`'s bar."""
    drawn = re.findall(rf"{step}: 100%\|[^|]*\| (\d+)/(\d+) ", screen.getvalue())
    assert drawn, screen.getvalue()
    done, total = drawn[-1]
    return int(done), int(total)


def test_seed_counts_the_rows_it_writes(capsys: pytest.CaptureFixture[str]) -> None:
    with terminal() as screen:
        assert main(["seed"]) == 0
    added = int(re.findall(r"seeded: (\d+) rows added", capsys.readouterr().out)[0])
    assert finished(screen, "written") == (added, added)
    assert " rows/s" in screen.getvalue()


def test_ingest_counts_rows_not_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = fact_file(tmp_path, person("maduro", "Nicolás Maduro", "President Nicolás Maduro"))
    with terminal() as screen:
        assert main(["ingest", str(path)]) == 0
    assert "4 rows added" in capsys.readouterr().out
    assert finished(screen, "written") == (4, 4)


@pytest.mark.parametrize("form", ["jsonl", "csv", "jsonld"])
def test_export_counts_the_rows_it_reads(form: str, tmp_path: Path) -> None:
    assert main(["seed"]) == 0
    with terminal() as screen:
        assert main(["export", "--format", form, "--out", str(tmp_path / "export")]) == 0
    rows = int(re.findall(r"exported (\d+) rows", screen.getvalue())[0])
    assert rows > 300
    assert finished(screen, "exported") == (rows, rows)


def test_import_counts_the_rows_of_the_dump(
    tmp_path: Path, empty_database: Callable[[str], str], backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["seed"]) == 0
    dump = tmp_path / "dump.jsonl"
    assert main(["export", "--out", str(dump)]) == 0
    monkeypatch.setenv("CITEGRAPH_DATABASE_URL", empty_database(backend))
    with terminal() as screen:
        assert main(["import", str(dump)]) == 0
    rows = len(dump.read_text(encoding="utf-8").splitlines()) - 1
    assert finished(screen, "imported") == (rows, rows)


def test_no_bar_is_drawn_when_stderr_is_not_a_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["seed"]) == 0
    assert main(["export", "--format", "jsonld", "--out", str(tmp_path / "export.jsonld")]) == 0
    (line,) = capsys.readouterr().err.splitlines()
    assert re.fullmatch(r"exported \d+ rows to .*export.jsonld", line)
