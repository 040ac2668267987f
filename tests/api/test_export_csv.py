"""GET /export/csv.zip: one CSV per kind of row, each cited field with its sources, quotes and citations, read back
as a spreadsheet program would (UTF-8 with a byte order mark, RFC 4180 quoting), on the seed corpus and the
factory fire."""

import csv
import io
import zipfile

import httpx
import pytest

from db.engine import make_engine
from seeds.loader import ingest_files
from tests.conftest import FACTORY_FIRE

Rows = dict[str, list[dict[str, str]]]


async def download(http: httpx.AsyncClient) -> Rows:
    response = await http.get("/export/csv.zip")
    assert response.status_code == 200, response.text
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    files: Rows = {}
    for name in archive.namelist():
        raw = archive.read(name)
        assert raw.startswith(b"\xef\xbb\xbf"), name
        files[name] = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
        assert all(None not in found and None not in found.values() for found in files[name]), f"{name}: widths"
    return files


def row(files: Rows, name: str, row_id: str) -> dict[str, str]:
    (found,) = [r for r in files[name] if r["id"] == row_id]
    return found


@pytest.fixture
async def seed_files(http: httpx.AsyncClient) -> Rows:
    return await download(http)


@pytest.fixture
async def fire_files(factory_fire: httpx.AsyncClient) -> Rows:
    return await download(factory_fire)


async def test_the_download_is_a_zip_to_save_as_a_file(http: httpx.AsyncClient) -> None:
    response = await http.get("/export/csv.zip")
    assert response.headers["content-type"] == "application/zip"
    assert response.headers["content-disposition"] == 'attachment; filename="citegraph-csv.zip"'
    assert zipfile.ZipFile(io.BytesIO(response.content)).testzip() is None


async def test_the_archive_holds_a_file_per_kind_of_row_and_the_evidence(seed_files: Rows) -> None:
    expected = {"persons.csv", "organizations.csv", "places.csv", "events.csv", "casualties.csv", "memberships.csv"}
    expected |= {"legal_proceedings.csv", "casualty_categories.csv", "sources.csv", "citations.csv", "other_values.csv"}
    assert expected <= set(seed_files)
    assert len(seed_files["persons.csv"]) == 5
    assert row(seed_files, "sources.csv", "Source:maduro-raid-article")["kind"] == "NEWS_ARTICLE"


async def test_a_cited_field_gives_its_value_sources_quotes_and_citations(seed_files: Rows) -> None:
    total = row(seed_files, "casualties.csv", "Casualty:total-killed")
    assert (total["count_low"], total["count_high"], total["count_wording"]) == ("55", "", "AT_LEAST")
    assert total["count_sources"] == "Source:maduro-raid-article"
    assert total["count_quotes"] == "killed at least 55"
    citation = row(seed_files, "citations.csv", total["count_citations"])
    assert citation["quote"] == "killed at least 55"
    assert total["count_alternatives"] == "0"


async def test_references_are_global_ids(seed_files: Rows) -> None:
    figure = row(seed_files, "casualties.csv", "Casualty:venezuela-military-killed")
    assert figure["event"] == "Event:operation"
    assert figure["reported_by"] == "Organization:venezuela-military"
    assert {r["person"] for r in seed_files["memberships.csv"]} >= {"Person:delcy-rodriguez"}


async def test_a_field_with_several_citations_lists_them_one_a_line_in_the_same_order(seed_files: Rows) -> None:
    figure = row(seed_files, "casualties.csv", "Casualty:cuba-personnel-killed")
    citations = figure["description_citations"].split("\n")
    assert len(citations) == 2
    quotes = figure["description_quotes"].split("\n")
    sources = figure["description_sources"].split("\n")
    for citation, quote, source in zip(citations, quotes, sources, strict=True):
        assert row(seed_files, "citations.csv", citation)["quote"] == quote
        assert row(seed_files, "citations.csv", citation)["source"] == source


async def test_citations_name_speaker_and_intermediary_and_mark_inferred_ones(seed_files: Rows) -> None:
    figure = row(seed_files, "casualties.csv", "Casualty:venezuela-military-killed")
    quoted = row(seed_files, "citations.csv", figure["count_citations"])
    assert (quoted["speaker"], quoted["via"], quoted["kind"]) == (
        "Organization:venezuela-military",
        "Organization:afp",
        "QUOTED",
    )
    assert int(quoted["end"]) - int(quoted["start"]) == len(quoted["quote"])
    inferred = [c for c in seed_files["citations.csv"] if c["kind"] == "INFERRED"]
    assert inferred and all(c["note"] for c in inferred)
    assert all(not c["note"] for c in seed_files["citations.csv"] if c["kind"] == "QUOTED")


async def test_a_disputed_count_keeps_the_held_value_and_counts_the_rival(fire_files: Rows) -> None:
    dead = row(fire_files, "casualties.csv", "Casualty:fire-dead")
    assert (dead["count_low"], dead["count_wording"], dead["count_alternatives"]) == ("12", "EXACTLY", "1")
    assert dead["reported_by"] == "Organization:fire-brigade"
    assert dead["reported_by_alternatives"] == "1"
    (rival,) = [v for v in fire_files["other_values.csv"] if v["of"] == "Casualty:fire-dead" and v["field"] == "count"]
    assert (rival["status"], rival["rank"], rival["recorded_by"]) == ("ALTERNATIVE", "NORMAL", "night-desk")
    assert rival["value"] == '{"count_low": 14, "count_high": null, "count_wording": "AT_LEAST"}'
    assert (rival["sources"], rival["quotes"]) == ("Source:union-statement", "at least 14 workers died")
    (reporter,) = [v for v in fire_files["other_values.csv"] if v["field"] == "reportedBy"]
    assert reporter["value"] == "Organization:workers-federation"


async def test_a_correction_lists_the_former_value_who_closed_it_and_why(fire_files: Rows) -> None:
    assert row(fire_files, "events.csv", "Event:plant-fire")["title"] == "Fire at the Lindqvist textile plant"
    (former,) = [v for v in fire_files["other_values.csv"] if v["status"] == "SUPERSEDED" and v["field"] == "title"]
    assert (former["of"], former["field"], former["value"]) == (
        "Event:plant-fire",
        "title",
        "Fire at the Lindqvist plant",
    )
    assert (former["closed_by"], former["reason"]) == ("chief", "The Gazette calls it a textile plant.")
    assert former["closed_at"] and former["citations"]


async def test_quotes_with_commas_and_double_quotes_read_back_whole(fire_files: Rows) -> None:
    exits = row(fire_files, "events.csv", "Event:exits-locked")
    assert exits["title_quotes"] == '"The exits were locked, every one of them,"'
    assert exits["parent"] == "Event:plant-fire"


async def test_a_relation_cited_as_a_whole_has_its_own_citations(fire_files: Rows) -> None:
    (membership,) = [m for m in fire_files["memberships.csv"] if m["person"] == "Person:marta-olsen"]
    assert (membership["organization"], membership["role"]) == ("Organization:workers-federation", "secretary")
    assert membership["quotes"] == "the federation's secretary, Marta Olsen"
    assert row(fire_files, "citations.csv", membership["citations"])["speaker"] == "Organization:workers-federation"


@pytest.fixture
async def court_files(factory_fire: httpx.AsyncClient, database_url: str) -> Rows:
    engine = make_engine(database_url)
    try:
        await ingest_files(engine, [FACTORY_FIRE / "remand-hearing.yaml"], "court-desk")
    finally:
        await engine.dispose()
    return await download(factory_fire)


async def test_a_time_of_day_gives_its_zone_and_precision_with_its_quotes(court_files: Rows) -> None:
    remand = row(court_files, "hearings.csv", "Hearing:ekberg-case.remand")
    assert (remand["time_of_day"], remand["time_zone"], remand["time_precision"]) == ("10:30", "+01:00", "MINUTE")
    assert remand["time_quotes"] == "began at 10.30 a.m.\n(09.30 GMT)"
    assert (remand["status"], remand["time_alternatives"]) == ("HELD", "0")


async def test_a_charge_s_counts_and_a_judge_s_role_are_exported(court_files: Rows) -> None:
    manslaughter = row(court_files, "charges.csv", "Charge:ekberg-case.manslaughter")
    assert (manslaughter["counts"], manslaughter["counts_quotes"]) == (
        "4",
        "four counts of gross negligence manslaughter",
    )
    (judge,) = court_files["judges.csv"]
    assert (judge["person"], judge["role"], judge["hearing"]) == (
        "Person:elin-marsh",
        "District Judge",
        "Hearing:ekberg-case.remand",
    )
