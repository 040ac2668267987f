"""bench/normalise.py: citegraph's and PostGraphile's answers to the bench queries compare as data."""

from typing import Any

from bench.normalise import citegraph_heavy, citegraph_light, postgraphile_heavy, postgraphile_light
from bench.run import first_difference

CITATIONS = [("ct1", "a raid", 0, 6, "QUOTED", "src1", "Wire"), ("ct2", "Tuesday", 9, 16, "INFERRED", "src2", None)]


def citegraph_citations(rows: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    return [
        {
            "id": f"Citation:{c}",
            "quote": q,
            "start": s,
            "end": e,
            "kind": k,
            "source": {"id": f"Source:{src}", "title": t},
        }
        for c, q, s, e, k, src, t in rows
    ]


def postgraphile_citations(rows: list[tuple[Any, ...]]) -> dict[str, Any]:
    return {
        "nodes": [
            {
                "id": c,
                "quote": q,
                "startOffset": s,
                "endOffset": e,
                "kind": k,
                "sourceBySourceId": {"id": src, "title": t},
            }
            for c, q, s, e, k, src, t in rows
        ]
    }


def citegraph_page(title_citations: list[tuple[Any, ...]]) -> dict[str, Any]:
    """A dated event with one casualty figure, then an undated event without casualties."""
    casualty = {
        "citations": citegraph_citations(CITATIONS[:1]),
        "value": {
            "id": "Casualty:cs1",
            "description": {"value": "Two soldiers", "citations": citegraph_citations(CITATIONS[:1])},
            "outcome": {"value": "KILLED", "citations": []},
            "count": {"low": 2, "high": 2, "wording": "EXACTLY", "citations": citegraph_citations(CITATIONS)},
        },
    }
    dated = {
        "id": "Event:ev1",
        "title": {"value": "Raid", "citations": citegraph_citations(title_citations)},
        "date": {
            "value": "2026-01-06",
            "end": None,
            "precision": "DAY",
            "citations": citegraph_citations(CITATIONS[1:]),
        },
        "casualties": [casualty],
    }
    undated: dict[str, Any] = {
        "id": "Event:ev2",
        "title": {"value": "Patrol", "citations": []},
        "date": None,
        "casualties": [],
    }
    return {"events": {"edges": [{"node": dated}, {"node": undated}]}}


def postgraphile_page(title_citations: list[tuple[Any, ...]]) -> dict[str, Any]:
    """The same page as `citegraph_page`, as PostGraphile answers it."""
    casualty = {
        "eventCitations": postgraphile_citations(CITATIONS[:1]),
        "id": "cs1",
        "description": "Two soldiers",
        "descriptionCitations": postgraphile_citations(CITATIONS[:1]),
        "outcome": "KILLED",
        "outcomeCitations": postgraphile_citations([]),
        "countLow": 2,
        "countHigh": 2,
        "countWording": "EXACTLY",
        "countCitations": postgraphile_citations(CITATIONS),
    }
    dated = {
        "id": "ev1",
        "title": "Raid",
        "titleCitations": postgraphile_citations(title_citations),
        "dateStart": "2026-01-06",
        "dateEnd": None,
        "datePrecision": "DAY",
        "dateCitations": postgraphile_citations(CITATIONS[1:]),
        "casualtiesByEventId": {"nodes": [casualty]},
    }
    undated: dict[str, Any] = {
        "id": "ev2",
        "title": "Patrol",
        "titleCitations": postgraphile_citations([]),
        "dateStart": None,
        "dateEnd": None,
        "datePrecision": None,
        "dateCitations": postgraphile_citations([]),
        "casualtiesByEventId": {"nodes": []},
    }
    return {"allEvents": {"nodes": [dated, undated]}}


def test_the_same_page_from_both_apis_is_equal_data() -> None:
    assert citegraph_heavy(citegraph_page(CITATIONS)) == postgraphile_heavy(postgraphile_page(CITATIONS))


def test_citations_in_another_order_are_a_difference_at_their_path() -> None:
    got = citegraph_heavy(citegraph_page(CITATIONS))
    want = postgraphile_heavy(postgraphile_page(CITATIONS[::-1]))

    found = first_difference(got, want, "events", ("citegraph", "PostGraphile"))

    assert found == 'events[0].citations.title[0].id: citegraph "ct1" != PostGraphile "ct2"'


def test_one_event_and_an_unknown_one_from_both_apis_are_equal_data() -> None:
    citegraph_node = {
        "id": "Event:ev1",
        "title": {"value": "Raid", "citations": citegraph_citations(CITATIONS)},
        "kind": {"value": "ATTACK", "citations": citegraph_citations(CITATIONS[:1])},
        "date": {"value": "2026-01-01", "precision": "MONTH", "citations": []},
        "description": None,
    }
    postgraphile_node = {
        "id": "ev1",
        "title": "Raid",
        "titleCitations": postgraphile_citations(CITATIONS),
        "kind": "ATTACK",
        "kindCitations": postgraphile_citations(CITATIONS[:1]),
        "dateStart": "2026-01-01",
        "datePrecision": "MONTH",
        "dateCitations": postgraphile_citations([]),
        "description": None,
        "descriptionCitations": postgraphile_citations([]),
    }

    assert citegraph_light({"node": citegraph_node}) == postgraphile_light({"eventById": postgraphile_node})
    assert citegraph_light({"node": None}) is postgraphile_light({"eventById": None}) is None
