"""`citegraph export --format csv|jsonld`: the exports written to a folder, a zip or a file."""

import csv
import json
import zipfile
from pathlib import Path

import pytest

from citegraph.cli import main


@pytest.fixture(autouse=True)
def database(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITEGRAPH_DATABASE_URL", database_url)
    assert main(["seed"]) == 0


def test_csv_writes_one_file_per_kind_of_row_into_the_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "desk" / "csv"
    assert main(["export", "--format", "csv", "--out", str(folder)]) == 0
    names = {path.name for path in folder.iterdir()}
    assert {"persons.csv", "casualties.csv", "citations.csv", "sources.csv", "other_values.csv"} <= names
    assert not [name for name in names if name.endswith(".partial")]
    with (folder / "persons.csv").open(encoding="utf-8-sig", newline="") as file:
        assert {person["id"] for person in csv.DictReader(file)} >= {"Person:delcy-rodriguez"}
    assert f"to {folder}" in capsys.readouterr().err


def test_csv_to_a_zip_path_writes_the_archive(tmp_path: Path) -> None:
    out = tmp_path / "export.zip"
    assert main(["export", "--format", "csv", "--out", str(out)]) == 0
    assert "casualties.csv" in zipfile.ZipFile(out).namelist()
    assert not (tmp_path / "export.zip.partial").exists()


def test_csv_without_out_is_refused_naming_what_to_give(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit:
        main(["export", "--format", "csv"])
    assert exit.value.code == 2
    assert "give --out DIR or --out FILE.zip" in capsys.readouterr().err


def test_jsonld_writes_the_document_to_the_file(tmp_path: Path) -> None:
    out = tmp_path / "citegraph.jsonld"
    assert main(["export", "--format", "jsonld", "--out", str(out)]) == 0
    graph = json.loads(out.read_text(encoding="utf-8"))["@graph"]
    assert any(node.get("id") == "citegraph:Casualty:total-killed" for node in graph)


def test_jsonld_without_out_writes_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "jsonld"]) == 0
    assert json.loads(capsys.readouterr().out)["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
