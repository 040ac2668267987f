"""The benchmark queries written by hand: sqlite3, a few statements, dicts and orjson.

`heavy(conn, first)` returns the same JSON `data` as the GraphQL API answers to `HEAVY` (bench/queries.py),
and `light(conn, event_key)` the same as `LIGHT`, so bench/run.py can check the API against them before
timing both. Keys are emitted in the order of the query's selections, so the bytes match too.

This is a floor, not a competitor: it knows the exact shape asked for and fetches nothing else.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from typing import Any

import orjson

# How the API spells ids: Relay global ids "TypeName:key" for nodes; citation ids as the API returns them.
EVENT_PREFIX = "Event:"
CASUALTY_PREFIX = "Casualty:"
SOURCE_PREFIX = "Source:"
CITATION_PREFIX = "Citation:"

EVENT_FIELDS_HEAVY = ("title", "date")
CASUALTY_FIELDS_HEAVY = ("event", "description", "outcome", "count")
EVENT_FIELDS_LIGHT = ("title", "kind", "date", "description")

Json = dict[str, Any]


def connect(path: str) -> sqlite3.Connection:
    """A read connection like the app's (foreign keys on); reused across runs, as a pool would."""
    conn = sqlite3.connect(path, check_same_thread=False)
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _citations(
    conn: sqlite3.Connection, entity_type: str, ids: list[str], fields: tuple[str, ...], sources: dict[str, Json]
) -> dict[tuple[str, str], list[Json]]:
    """Citations of `fields` of the rows `ids`, by (row id, field), in (source, start, id) order.

    Each citation's `source` is the one dict per source id in `sources`, titled later by `_fill_sources`.
    """
    by_field: dict[tuple[str, str], list[Json]] = defaultdict(list)
    if not ids:
        return by_field
    sql = (
        "SELECT fc.entity_id, fc.field, c.id, c.quote, c.start_offset, c.end_offset, c.kind, c.source_id "
        "FROM fact_citation fc JOIN citation c ON c.id = fc.citation_id "
        f"WHERE fc.entity_type = ? AND fc.entity_id IN ({_marks(len(ids))}) AND fc.field IN ({_marks(len(fields))}) "
        "ORDER BY c.source_id, c.start_offset, c.id"
    )
    for entity_id, field, cid, quote, start, end, kind, source_id in conn.execute(sql, (entity_type, *ids, *fields)):
        source = sources.get(source_id)
        if source is None:
            source = sources[source_id] = {"id": SOURCE_PREFIX + source_id, "title": None}
        by_field[(entity_id, field)].append(
            {"id": CITATION_PREFIX + cid, "quote": quote, "start": start, "end": end, "kind": kind, "source": source}
        )
    return by_field


def _fill_sources(conn: sqlite3.Connection, sources: dict[str, Json]) -> None:
    if not sources:
        return
    ids = list(sources)
    for source_id, title in conn.execute(f"SELECT id, title FROM source WHERE id IN ({_marks(len(ids))})", ids):
        sources[source_id]["title"] = title


def heavy_data(conn: sqlite3.Connection, first: int) -> Json:
    """The `data` of the HEAVY query: the first `first` events by date (undated last, ties by id)."""
    # Dated events through the date_start index, then undated ones if the page is not full: the same order
    # as ORDER BY date_start IS NULL, date_start, id without scanning and sorting the whole table.
    columns = "SELECT id, title, date_start, date_end, date_precision FROM event"
    events = conn.execute(
        f"{columns} WHERE date_start IS NOT NULL ORDER BY date_start, id LIMIT ?", (first,)
    ).fetchall()
    if len(events) < first:
        events += conn.execute(
            f"{columns} WHERE date_start IS NULL ORDER BY id LIMIT ?", (first - len(events),)
        ).fetchall()
    event_ids = [row[0] for row in events]
    sources: dict[str, Json] = {}
    event_cites = _citations(conn, "event", event_ids, EVENT_FIELDS_HEAVY, sources)

    casualties: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    casualty_ids: list[str] = []
    if event_ids:
        sql = (
            "SELECT id, event_id, description, outcome, count_low, count_high, count_wording FROM casualty "
            f"WHERE event_id IN ({_marks(len(event_ids))}) ORDER BY id"
        )
        for row in conn.execute(sql, event_ids):
            casualties[row[1]].append(row)
            casualty_ids.append(row[0])
    casualty_cites = _citations(conn, "casualty", casualty_ids, CASUALTY_FIELDS_HEAVY, sources)
    _fill_sources(conn, sources)

    edges = []
    for event_id, title, date_start, date_end, precision in events:
        date = None
        if date_start is not None:
            date = {
                "value": date_start,
                "end": date_end,
                "precision": precision,
                "citations": event_cites.get((event_id, "date"), []),
            }
        items = []
        for cid, _event_id, description, outcome, low, high, wording in casualties.get(event_id, ()):
            items.append(
                {
                    "citations": casualty_cites.get((cid, "event"), []),
                    "value": {
                        "id": CASUALTY_PREFIX + cid,
                        "description": {
                            "value": description,
                            "citations": casualty_cites.get((cid, "description"), []),
                        },
                        "outcome": {"value": outcome, "citations": casualty_cites.get((cid, "outcome"), [])},
                        "count": {
                            "low": low,
                            "high": high,
                            "wording": wording,
                            "citations": casualty_cites.get((cid, "count"), []),
                        },
                    },
                }
            )
        edges.append(
            {
                "node": {
                    "id": EVENT_PREFIX + event_id,
                    "title": {"value": title, "citations": event_cites.get((event_id, "title"), [])},
                    "date": date,
                    "casualties": items,
                }
            }
        )
    return {"events": {"edges": edges}}


def heavy(conn: sqlite3.Connection, first: int) -> bytes:
    """The HEAVY answer as the HTTP body the API would send: `{"data": ...}` encoded with orjson."""
    return orjson.dumps({"data": heavy_data(conn, first)})


def light_data(conn: sqlite3.Connection, event_key: str) -> Json:
    """The `data` of the LIGHT query for the event with row id `event_key` (not the global id)."""
    row = conn.execute(
        "SELECT id, title, kind, description, date_start, date_precision FROM event WHERE id = ?", (event_key,)
    ).fetchone()
    if row is None:
        return {"node": None}
    event_id, title, kind, description, date_start, precision = row
    sources: dict[str, Json] = {}
    cites = _citations(conn, "event", [event_id], EVENT_FIELDS_LIGHT, sources)
    _fill_sources(conn, sources)
    node: Json = {
        "id": EVENT_PREFIX + event_id,
        "title": {"value": title, "citations": cites.get((event_id, "title"), [])},
        "kind": {"value": kind, "citations": cites.get((event_id, "kind"), [])},
        "date": None
        if date_start is None
        else {"value": date_start, "precision": precision, "citations": cites.get((event_id, "date"), [])},
        "description": None
        if description is None
        else {"value": description, "citations": cites.get((event_id, "description"), [])},
    }
    return {"node": node}


def light(conn: sqlite3.Connection, event_key: str) -> bytes:
    return orjson.dumps({"data": light_data(conn, event_key)})
