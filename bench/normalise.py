"""citegraph's and PostGraphile's answers to HEAVY and LIGHT mapped to one comparable structure.

The two APIs name and nest the same data differently (citegraph: `title { value citations }`, Relay global
ids; PostGraphile: `title` beside `titleCitations { nodes }`, row ids). Both map to plain row ids, each cited
field's value(s) and its citations in the order served, so `==` (and bench.run's `first_difference`) says
whether they hold the same data. A citegraph field that is null (an undated event) has no citations.
"""

from __future__ import annotations

from typing import Any

Json = dict[str, Any]


def _key(global_id: str, prefix: str) -> str:
    """The row id inside a citegraph global id ("Event:ev00001" -> "ev00001")."""
    if not global_id.startswith(prefix):
        raise ValueError(f"expected a global id starting with {prefix!r}, got {global_id!r}")
    return global_id.removeprefix(prefix)


def _citation(cid: str, quote: str, start: int, end: int, kind: str, source: Json) -> Json:
    return {"id": cid, "quote": quote, "start": start, "end": end, "kind": kind, "source": source}


def _citegraph_citations(field: Json | None) -> list[Json]:
    if field is None:
        return []
    return [
        _citation(
            _key(c["id"], "Citation:"),
            c["quote"],
            c["start"],
            c["end"],
            c["kind"],
            {"id": _key(c["source"]["id"], "Source:"), "title": c["source"]["title"]},
        )
        for c in field["citations"]
    ]


def _postgraphile_citations(connection: Json) -> list[Json]:
    return [
        _citation(
            c["id"],
            c["quote"],
            c["startOffset"],
            c["endOffset"],
            c["kind"],
            c["sourceBySourceId"],
        )
        for c in connection["nodes"]
    ]


def _value(field: Json | None) -> Any:
    return None if field is None else field["value"]


def citegraph_heavy(data: Json) -> list[Json]:
    """citegraph's HEAVY `data` (bench/queries.py HEAVY)."""
    events = []
    for edge in data["events"]["edges"]:
        node = edge["node"]
        date = node["date"]
        casualties = []
        for item in node["casualties"]:
            value = item["value"]
            count = value["count"]
            casualties.append(
                {
                    "id": _key(value["id"], "Casualty:"),
                    "description": _value(value["description"]),
                    "outcome": _value(value["outcome"]),
                    "count": None if count is None else [count["low"], count["high"], count["wording"]],
                    "citations": {
                        "event": _citegraph_citations(item),
                        "description": _citegraph_citations(value["description"]),
                        "outcome": _citegraph_citations(value["outcome"]),
                        "count": _citegraph_citations(count),
                    },
                }
            )
        events.append(
            {
                "id": _key(node["id"], "Event:"),
                "title": _value(node["title"]),
                "date": None if date is None else [date["value"], date["end"], date["precision"]],
                "citations": {"title": _citegraph_citations(node["title"]), "date": _citegraph_citations(date)},
                "casualties": casualties,
            }
        )
    return events


def postgraphile_heavy(data: Json) -> list[Json]:
    """PostGraphile's HEAVY `data` (bench/queries.py POSTGRAPHILE_HEAVY)."""
    events = []
    for node in data["allEvents"]["nodes"]:
        date = [node["dateStart"], node["dateEnd"], node["datePrecision"]]
        casualties = [
            {
                "id": item["id"],
                "description": item["description"],
                "outcome": item["outcome"],
                "count": [item["countLow"], item["countHigh"], item["countWording"]],
                "citations": {
                    "event": _postgraphile_citations(item["eventCitations"]),
                    "description": _postgraphile_citations(item["descriptionCitations"]),
                    "outcome": _postgraphile_citations(item["outcomeCitations"]),
                    "count": _postgraphile_citations(item["countCitations"]),
                },
            }
            for item in node["casualtiesByEventId"]["nodes"]
        ]
        events.append(
            {
                "id": node["id"],
                "title": node["title"],
                "date": None if date == [None, None, None] else date,
                "citations": {
                    "title": _postgraphile_citations(node["titleCitations"]),
                    "date": _postgraphile_citations(node["dateCitations"]),
                },
                "casualties": casualties,
            }
        )
    return events


def citegraph_light(data: Json) -> Json | None:
    """citegraph's LIGHT `data` (bench/queries.py LIGHT); None for an unknown event."""
    node = data["node"]
    if node is None:
        return None
    date = node["date"]
    return {
        "id": _key(node["id"], "Event:"),
        "title": _value(node["title"]),
        "kind": _value(node["kind"]),
        "date": None if date is None else [date["value"], date["precision"]],
        "description": _value(node["description"]),
        "citations": {field: _citegraph_citations(node[field]) for field in ("title", "kind", "date", "description")},
    }


def postgraphile_light(data: Json) -> Json | None:
    """PostGraphile's LIGHT `data` (bench/queries.py POSTGRAPHILE_LIGHT); None for an unknown event."""
    node = data["eventById"]
    if node is None:
        return None
    date = [node["dateStart"], node["datePrecision"]]
    return {
        "id": node["id"],
        "title": node["title"],
        "kind": node["kind"],
        "date": None if date == [None, None] else date,
        "description": node["description"],
        "citations": {
            field: _postgraphile_citations(node[f"{field}Citations"])
            for field in ("title", "kind", "date", "description")
        },
    }
