"""`citegraph propose FILE`: proposals as YAML, dates resolved against --date, mentions linked through --known."""

import datetime as dt
from pathlib import Path

import pytest
import yaml

from citegraph.cli import main

FIRE = Path(__file__).parent.parent / "fixtures" / "factory-fire"


def test_propose_prints_counts_and_dates_resolved_against_the_given_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["propose", str(FIRE / "harbour-gazette.txt"), "--date", "2026-03-13"]) == 0
    document = yaml.safe_load(capsys.readouterr().out)
    assert [(c["low"], c["wording"], c["cite"]) for c in document["counts"]] == [
        (12, "EXACTLY", "twelve workers"),
        (30, "EXACTLY", "30 were injured"),
    ]
    [date] = document["dates"]
    assert (date["value"], date["cite"]["quote"]) == (dt.date(2026, 3, 12), "Thursday")
    assert "Thursday before it was March 12, 2026" in date["cite"]["inferred"]


def test_propose_links_mentions_to_the_known_fact_files(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["propose", str(FIRE / "aldern-courier.txt"), "--known", str(FIRE / "gazette.yaml")]) == 0
    document = yaml.safe_load(capsys.readouterr().out)
    assert {o["name"]: o["id"] for o in document["organizations"]} == {
        "the regional fire brigade": "fire-brigade",
        "Lindqvist Textiles": "lindqvist-textiles",
    }
