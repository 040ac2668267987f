"""The command line: seed (idempotent, refuses bad files with exit 1), export-schema."""

from pathlib import Path

import pytest

from citegraph.cli import main
from schema import export_sdl
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


def test_export_schema_prints_the_sdl(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export-schema"]) == 0
    assert capsys.readouterr().out == export_sdl()
