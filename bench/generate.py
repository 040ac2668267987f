"""Build a synthetic, fully cited corpus in an SQLite file through the real tables (db.tables).

    .venv/bin/python -m bench.generate                 # 10k events, ~150k fact_citation rows
    .venv/bin/python -m bench.generate --size 1m       # ~1,000,000 fact_citation rows
    .venv/bin/python -m bench.generate --events 2000 --out /tmp/small.db

Every citation is verifiable (`source.text[start:end] == quote`) and every stated fact field has at least
one fact_citation row, so `citegraph check` passes on the result. A fixed seed makes the data reproducible:
the same arguments always give the same rows. The file is written next to its target and renamed into
place, with a `.json` sidecar holding the parameters and row counts (bench/run.py uses it as the cache key).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Connection, Table, create_engine, insert
from sqlalchemy.orm import Session
from sqlmodel import SQLModel

from db import derived
from db.enums import (
    CasualtyOutcome,
    CitationKind,
    CountWording,
    DatePrecision,
    SourceKind,
)
from db.migrate import head, upgrade
from db.search import rebuild_search_index
from db.tables import (
    FACT_TABLES,
    Casualty,
    Citation,
    Event,
    FactCitation,
    Organization,
    Person,
    Place,
    Source,
)

GENERATOR_VERSION = 2
"""Bump when the generated data changes, so cached databases are rebuilt."""
SEED = 20260106
EVENT_KINDS = (
    "MILITARY_OPERATION", "AIRSTRIKE", "ASSAULT", "CAPTURE", "TRANSFER", "COURT_APPEARANCE", "INAUGURATION",
    "DETENTION", "RELEASE", "PATROL", "ANNOUNCEMENT", "OTHER",
)  # fmt: skip
ORGANIZATION_KINDS = (
    "GOVERNMENT", "ARMED_FORCES", "MINISTRY", "SECURITY_FORCE", "PARAMILITARY", "POLITICAL_FACTION", "LEGISLATURE",
    "COURT", "NEWS_AGENCY", "MEDIA_OUTLET", "UNION", "COMPANY", "OTHER",
)  # fmt: skip
PLACE_KINDS = ("COUNTRY", "REGION", "CITY", "BORDER_AREA", "BUILDING", "SITE")
"""The codes the generator picks from: the base vocabulary's codes of the enums it had, so its data stays as it was."""
DATA_DIR = Path(__file__).resolve().parent / ".data"
SIZES = {"10k": 10_000, "1m": 62_500}
"""Events per named size: 10k events give ~160k fact_citation rows, 62.5k events ~1,000,000."""

N_SOURCES = 200
N_PLACES = 200
N_ORGANIZATIONS = 60
N_PERSONS = 40
FIRST_DAY = dt.date(2019, 1, 1)
WRITTEN_AT = dt.datetime(2026, 1, 6, 12, 0, tzinfo=dt.UTC)
"""When every generated link counts as written (fixed, so the same arguments give the same rows)."""
DAYS = 6 * 365

WORD_TEXT = """
the a of in on at to from by with near after before during against under over and or but as
officials said reported witnesses residents forces troops police army militia government ministry
spokesman spokeswoman statement agency told reporters confirmed denied claimed according local
regional national border capital city town village district province camp base checkpoint road
bridge market hospital school convoy raid strike attack clash shelling explosion fire protest march
arrest detention release transfer hearing court trial judge prosecutor charges lawyers families
killed wounded injured missing detained freed evacuated displaced dead bodies victims survivors
civilians soldiers officers fighters guards journalists children women men people members least more
than about nearly dozens hundreds several two three four five six seven ten twelve twenty Monday
Tuesday Wednesday Thursday Friday Saturday Sunday morning afternoon evening night early late January
February March April May June July August September October November December week month year
earlier later overnight since until while when where which who whose that this these those northern
southern eastern western central coastal remote crowded heavy light brief long sudden operation
offensive ceasefire talks agreement deadline demand warning investigation inquiry report count toll
figure estimate list names ranks colonel captain sergeant commander chief minister leader
"""
WORDS = tuple(WORD_TEXT.split())

EVENT_NOUNS = (
    "raid",
    "airstrike",
    "assault",
    "capture",
    "transfer",
    "court appearance",
    "inauguration",
    "detention",
    "release",
    "patrol",
    "announcement",
    "clash",
)
PLACE_PARTS = ("San", "El", "Nueva", "Puerto", "Villa", "Santa", "Monte", "Rio", "Alto", "Bajo", "La", "Los")
PLACE_ROOTS = (
    "Carabobo",
    "Miranda",
    "Aragua",
    "Zulia",
    "Barinas",
    "Apure",
    "Lara",
    "Falcon",
    "Sucre",
    "Merida",
    "Tachira",
    "Bolivar",
    "Guarico",
    "Cojedes",
    "Yaracuy",
    "Monagas",
    "Anzoategui",
)
GROUPS = (
    "civilians",
    "soldiers",
    "police officers",
    "security personnel",
    "journalists",
    "militia members",
    "children",
    "border guards",
    "residents",
    "prisoners",
)
OUTCOME_WORDS = {
    CasualtyOutcome.KILLED: "killed",
    CasualtyOutcome.INJURED: "injured",
    CasualtyOutcome.MISSING: "missing",
    CasualtyOutcome.DETAINED: "detained",
    CasualtyOutcome.RELEASED: "released",
}
CASUALTIES_PER_EVENT = (0, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 6)
"""Drawn uniformly: mean 3 casualty figures per event, some events with none."""


@dataclass
class SourceText:
    id: str
    text: str
    starts: list[int]
    ends: list[int]


@dataclass
class Rows:
    """Rows per table, as dicts for `session.execute(insert(Table), rows)`."""

    sources: list[dict[str, Any]] = field(default_factory=list)
    places: list[dict[str, Any]] = field(default_factory=list)
    persons: list[dict[str, Any]] = field(default_factory=list)
    organizations: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    casualties: list[dict[str, Any]] = field(default_factory=list)
    citations: list[dict[str, Any]] = field(default_factory=list)
    fact_citations: list[dict[str, Any]] = field(default_factory=list)


WORDING_WEIGHTS: dict[CountWording, int] = {
    CountWording.EXACTLY: 40,
    CountWording.AT_LEAST: 20,
    CountWording.AT_MOST: 5,
    CountWording.ABOUT: 15,
    CountWording.BETWEEN: 0,
    CountWording.MOST: 3,
    CountWording.MANY: 7,
    CountWording.UNKNOWN: 10,
}
"""How often each wording is drawn. BETWEEN is never drawn, so the corpus stays the one measured before it
existed (its figures compare with earlier ones)."""


class Corpus:
    """Generates every row from one seeded random generator, so a run is reproducible."""

    def __init__(self, events: int, seed: int = SEED) -> None:
        self.n_events = events
        self.rng = random.Random(seed)
        self.rows = Rows()
        self.texts: list[SourceText] = []
        self.org_ids: list[str] = []
        self.person_ids: list[str] = []
        self.place_ids: list[str] = []

    # evidence -------------------------------------------------------------------------------------------

    def _sentence(self) -> str:
        rng = self.rng
        words = [rng.choice(WORDS) for _ in range(rng.randint(8, 24))]
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), str(rng.randint(2, 400)))
        words[0] = words[0][0].upper() + words[0][1:]
        return " ".join(words) + "."

    def make_sources(self) -> None:
        rng = self.rng
        kinds = list(SourceKind)
        for n in range(1, N_SOURCES + 1):
            paragraphs = []
            for _ in range(rng.randint(4, 12)):
                paragraphs.append(" ".join(self._sentence() for _ in range(rng.randint(2, 6))))
            text = "\n\n".join(paragraphs) + "\n"
            starts, ends, pos = [], [], 0
            for word in text.split():
                start = text.index(word, pos)
                starts.append(start)
                ends.append(start + len(word))
                pos = start + len(word)
            source_id = f"src{n:03d}"
            self.texts.append(SourceText(source_id, text, starts, ends))
            published = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
            self.rows.sources.append(
                {
                    "id": source_id,
                    "kind": rng.choice(kinds),
                    "title": f"{rng.choice(EVENT_NOUNS).capitalize()} report {n}: {self._sentence()[:60].rstrip()}",
                    "publisher": rng.choice((None, "Agence Bench", "Bench Wire", "The Daily Bench")),
                    "author": None,
                    "url": f"https://news.example/{source_id}" if rng.random() < 0.7 else None,
                    "language": "en",
                    "published_on": published if rng.random() < 0.8 else None,
                    "retrieved_on": None,
                    "text": text,
                    "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                }
            )

    def cite(self, sources: list[SourceText], inferred: bool = False) -> str:
        """A new citation: a run of 3 to 12 whole words from one of `sources`; returns its id."""
        rng = self.rng
        source = rng.choice(sources)
        length = rng.randint(3, 12)
        first = rng.randrange(len(source.starts) - length)
        start, end = source.starts[first], source.ends[first + length - 1]
        citation_id = f"ct{len(self.rows.citations) + 1:07d}"
        speaker = rng.random()
        attributed_org = rng.choice(self.org_ids) if speaker < 0.15 else None
        attributed_person = rng.choice(self.person_ids) if 0.15 <= speaker < 0.2 else None
        self.rows.citations.append(
            {
                "id": citation_id,
                "source_id": source.id,
                "quote": source.text[start:end],
                "start_offset": start,
                "end_offset": end,
                "kind": CitationKind.INFERRED if inferred else CitationKind.QUOTED,
                "note": "The date follows from the weekday and the article's date." if inferred else None,
                "attributed_person_id": attributed_person,
                "attributed_organization_id": attributed_org,
                "via_person_id": None,
                "via_organization_id": rng.choice(self.org_ids) if rng.random() < 0.1 else None,
            }
        )
        return citation_id

    def link(self, table: str, entity_id: str, field_name: str, citation_id: str) -> None:
        self.rows.fact_citations.append(
            {
                "id": f"fc{len(self.rows.fact_citations) + 1:07d}",
                "entity_type": table,
                "entity_id": entity_id,
                "field": field_name,
                "citation_id": citation_id,
                "added_at": WRITTEN_AT,
            }
        )

    def cite_field(
        self,
        table: str,
        entity_id: str,
        field_name: str,
        sources: list[SourceText],
        extra: float = 0.0,
        inferred: float = 0.0,
    ) -> str:
        """Cite one field with one new citation (a second one with probability `extra`); returns the first."""
        first = self.cite(sources, inferred=self.rng.random() < inferred)
        self.link(table, entity_id, field_name, first)
        if self.rng.random() < extra:
            self.link(table, entity_id, field_name, self.cite(sources))
        return first

    # entities -------------------------------------------------------------------------------------------

    def make_agents_and_places(self) -> None:
        rng = self.rng
        self.org_ids = [f"org{n:03d}" for n in range(1, N_ORGANIZATIONS + 1)]
        self.person_ids = [f"pe{n:03d}" for n in range(1, N_PERSONS + 1)]
        self.place_ids = [f"pl{n:03d}" for n in range(1, N_PLACES + 1)]
        org_kinds = list(ORGANIZATION_KINDS)
        for org_id in self.org_ids:
            sources = rng.sample(self.texts, 2)
            kind = rng.choice(org_kinds) if rng.random() < 0.8 else None
            name = f"{rng.choice(PLACE_ROOTS)} {rng.choice(WORDS)} authority {org_id[3:]}"
            self.rows.organizations.append(
                {"id": org_id, "name": name, "kind": kind, "country_id": None, "parent_id": None}
            )
            self.cite_field("organization", org_id, "name", sources)
            if kind is not None:
                self.cite_field("organization", org_id, "kind", sources)
        for person_id in self.person_ids:
            self.rows.persons.append({"id": person_id, "name": f"{rng.choice(PLACE_ROOTS)} Person {person_id[2:]}"})
            self.cite_field("person", person_id, "name", rng.sample(self.texts, 1))
        place_kinds = list(PLACE_KINDS)
        for place_id in self.place_ids:
            name = f"{rng.choice(PLACE_PARTS)} {rng.choice(PLACE_ROOTS)} {place_id[2:]}"
            place_kind = rng.choice(place_kinds) if rng.random() < 0.7 else None
            self.rows.places.append({"id": place_id, "name": name, "kind": place_kind, "within_id": None})
            sources = rng.sample(self.texts, 1)
            self.cite_field("place", place_id, "name", sources)
            if place_kind is not None:
                self.cite_field("place", place_id, "kind", sources)

    def _date(self) -> tuple[dt.date, dt.date | None, DatePrecision, bool]:
        rng = self.rng
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        roll = rng.random()
        if roll < 0.7:
            end = day + dt.timedelta(days=rng.randint(1, 20)) if rng.random() < 0.12 else None
            return day, end, DatePrecision.DAY, end is None and rng.random() < 0.03
        if roll < 0.9:
            return day.replace(day=1), None, DatePrecision.MONTH, False
        return day.replace(month=1, day=1), None, DatePrecision.YEAR, False

    def make_events(self) -> None:
        rng = self.rng
        kinds = list(EVENT_KINDS)
        outcomes = list(CasualtyOutcome)
        casualty_n = 0
        for n in range(1, self.n_events + 1):
            event_id = f"ev{n:05d}"
            sources = rng.sample(self.texts, rng.randint(1, 3))
            kind = rng.choice(kinds)
            place_id = rng.choice(self.place_ids) if rng.random() < 0.3 else None
            dated = rng.random() < 0.8
            start, end, precision, open_ended = self._date() if dated else (None, None, None, False)
            parent_id = f"ev{rng.randint(1, n - 1):05d}" if n > 1 and rng.random() < 0.03 else None
            description = (
                f"A {kind.lower().replace('_', ' ')} reported by {len(sources)} source(s)."
                if rng.random() < 0.15
                else None
            )
            self.rows.events.append(
                {
                    "id": event_id,
                    "title": f"{rng.choice(EVENT_NOUNS).capitalize()} in {rng.choice(PLACE_ROOTS)} ({n})",
                    "kind": kind,
                    "description": description,
                    "date_start": start,
                    "date_end": end,
                    "date_precision": precision,
                    "date_open_ended": open_ended,
                    "place_id": place_id,
                    "parent_id": parent_id,
                }
            )
            title_citation = self.cite_field("event", event_id, "title", sources, extra=0.1)
            if rng.random() < 0.5:
                self.link("event", event_id, "kind", title_citation)  # one quote supports title and kind
            else:
                self.cite_field("event", event_id, "kind", sources)
            if dated:
                self.cite_field("event", event_id, "date", sources, extra=0.1, inferred=0.1)
            if place_id is not None:
                self.cite_field("event", event_id, "place", sources)
            if description is not None:
                self.cite_field("event", event_id, "description", sources)
            if parent_id is not None:
                self.cite_field("event", event_id, "parent", sources)

            for _ in range(rng.choice(CASUALTIES_PER_EVENT)):
                casualty_n += 1
                self._casualty(f"cs{casualty_n:06d}", event_id, sources, outcomes)

    def _casualty(self, casualty_id: str, event_id: str, sources: list[SourceText], outcomes: list[Any]) -> None:
        rng = self.rng
        outcome = rng.choice(outcomes)
        wording = rng.choices(list(WORDING_WEIGHTS), weights=list(WORDING_WEIGHTS.values()))[0]
        n = rng.randint(1, 300)
        low, high = {
            CountWording.EXACTLY: (n, n),
            CountWording.AT_LEAST: (n, None),
            CountWording.AT_MOST: (None, n),
            CountWording.ABOUT: (n, n + rng.randint(0, n // 5 + 1)),
        }.get(wording, (None, None))
        reporter = rng.random()
        reported_by_org = rng.choice(self.org_ids) if reporter < 0.06 else None
        reported_by_person = rng.choice(self.person_ids) if 0.06 <= reporter < 0.08 else None
        reported_on = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS)) if rng.random() < 0.04 else None
        self.rows.casualties.append(
            {
                "id": casualty_id,
                "event_id": event_id,
                "description": f"{rng.choice(GROUPS).capitalize()} {OUTCOME_WORDS[outcome]} ({casualty_id})",
                "outcome": outcome,
                "count_low": low,
                "count_high": high,
                "count_wording": wording,
                "reported_by_person_id": reported_by_person,
                "reported_by_organization_id": reported_by_org,
                "reported_on": reported_on,
                "reported_on_precision": DatePrecision.DAY if reported_on else None,
                "caused_by_organization_id": None,
                "age_min": None,
                "age_max": None,
                "ranks_complete": None,
            }
        )
        table = "casualty"
        self.cite_field(table, casualty_id, "event", sources)
        self.cite_field(table, casualty_id, "description", sources)
        count_citation = self.cite_field(table, casualty_id, "count", sources, extra=0.04)
        if rng.random() < 0.6:
            self.link(table, casualty_id, "outcome", count_citation)  # "killed at least 55" states both
        else:
            self.cite_field(table, casualty_id, "outcome", sources)
        if reported_by_org or reported_by_person:
            self.cite_field(table, casualty_id, "reportedBy", sources)
        if reported_on is not None:
            self.cite_field(table, casualty_id, "reportedOn", sources)

    def build(self) -> Rows:
        self.make_sources()
        self.make_agents_and_places()
        self.make_events()
        return self.rows


def chunks(rows: list[dict[str, Any]], size: int = 50_000) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def check(rows: Rows) -> None:
    """The invariants the benchmark relies on, checked before anything is written."""
    texts = {s["id"]: s["text"] for s in rows.sources}
    for c in rows.citations:
        assert texts[c["source_id"]][c["start_offset"] : c["end_offset"]] == c["quote"], c["id"]
    cited = {(f["entity_type"], f["entity_id"], f["field"]) for f in rows.fact_citations}
    by_table = {
        "event": rows.events,
        "casualty": rows.casualties,
        "place": rows.places,
        "person": rows.persons,
        "organization": rows.organizations,
    }
    for name, table_rows in by_table.items():
        fields = FACT_TABLES[name].__fact_fields__
        for row in table_rows:
            for field_name, columns in fields.items():
                if not columns or any(row.get(c) is not None for c in columns):
                    assert (name, row["id"], field_name) in cited, (name, row["id"], field_name)


DERIVED: dict[str, Callable[[dict[str, Any]], Any]] = {
    "name_folded": lambda row: derived.fold(row["name"]),
    "role_folded": lambda row: derived.fold(row["role"]),
    "date_latest": lambda row: derived.latest_day(row["date_start"], row["date_end"], row["date_precision"]),
    "date_sort_asc": lambda row: derived.sort_day(row["date_start"], descending=False),
    "date_sort_desc": lambda row: derived.sort_day(row["date_start"], descending=True),
}
"""Columns the ORM fills on insert (db/derived.py); a Core bulk insert must fill them itself."""


def _table(model: type[SQLModel]) -> Table:
    """The Core table of a table model."""
    table: Table = cast(Any, model).__table__
    return table


def complete(table: type[SQLModel], rows: list[dict[str, Any]]) -> None:
    """Fill the derived columns of `rows`; warn about any other column the generator does not know."""
    if not rows:
        return
    missing = set(_table(table).columns.keys()) - set(rows[0])
    unknown = sorted(missing - set(DERIVED))
    if unknown:
        print(f"warning: bench/generate.py leaves {table.__tablename__}.{', '.join(unknown)} at its default")
    for name in sorted(missing & set(DERIVED)):
        fill = DERIVED[name]
        for row in rows:
            row[name] = fill(row)


def schema_fingerprint() -> str:
    """A digest of every table's columns and indexes: cached databases are rebuilt when the tables change."""
    parts = []
    for table in sorted(SQLModel.metadata.tables.values(), key=lambda t: t.name):
        parts.append(table.name + ":" + ",".join(f"{c.name} {c.type} {c.nullable}" for c in table.columns))
        parts.append(",".join(sorted(str(sorted(c.name for c in i.columns)) for i in table.indexes)))
    parts.append(f"schema revision: {head()}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def write(rows: Rows, path: Path) -> None:
    """Create the schema as the app does (its migrations, search index included) and insert every row in one
    transaction."""
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        upgrade(conn)
    with Session(engine) as session:
        insert_rows(session.connection(), rows)
        rebuild_search_index(session.connection())  # as seeds/loader.py does after a load, in the same transaction
        session.commit()
    engine.dispose()


def insert_rows(connection: Connection, rows: Rows) -> None:
    """Every row, parents first, as Core bulk inserts with the derived columns filled (any backend)."""
    order: list[tuple[type[SQLModel], list[dict[str, Any]]]] = [
        (Source, rows.sources),
        (Place, rows.places),
        (Person, rows.persons),
        (Organization, rows.organizations),
        (Event, rows.events),
        (Casualty, rows.casualties),
        (Citation, rows.citations),
        (FactCitation, rows.fact_citations),
    ]
    for table, table_rows in order:
        complete(table, table_rows)
        for chunk in chunks(table_rows):
            connection.execute(insert(_table(table)), chunk)  # Core insert: 2x faster than ORM bulk


def counts(rows: Rows) -> dict[str, int]:
    return {
        "source": len(rows.sources),
        "place": len(rows.places),
        "person": len(rows.persons),
        "organization": len(rows.organizations),
        "event": len(rows.events),
        "casualty": len(rows.casualties),
        "citation": len(rows.citations),
        "fact_citation": len(rows.fact_citations),
    }


def params(events: int) -> dict[str, Any]:
    return {"generator_version": GENERATOR_VERSION, "seed": SEED, "events": events, "schema": schema_fingerprint()}


def sidecar(path: Path) -> Path:
    return path.with_suffix(".json")


def is_current(path: Path, events: int) -> bool:
    """True when `path` exists and was generated by this generator version with these parameters."""
    meta = sidecar(path)
    if not path.exists() or not meta.exists():
        return False
    try:
        return bool(json.loads(meta.read_text())["params"] == params(events))
    except (ValueError, KeyError):
        return False


def default_path(size: str | None, events: int) -> Path:
    return DATA_DIR / (f"{size}.db" if size else f"events-{events}.db")


def generate(path: Path, events: int, quiet: bool = False) -> dict[str, int]:
    """Generate the corpus of `events` events into `path` (atomically); returns the row counts."""
    began = time.perf_counter()
    rows = Corpus(events).build()
    check(rows)
    built = time.perf_counter()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    write(rows, tmp)
    os.replace(tmp, path)
    n = counts(rows)
    sidecar(path).write_text(json.dumps({"params": params(events), "counts": n}, indent=2) + "\n")
    if not quiet:
        print(
            f"generated {path} in {time.perf_counter() - began:.1f}s "
            f"(rows built {built - began:.1f}s, written {time.perf_counter() - built:.1f}s): "
            + ", ".join(f"{k} {v}" for k, v in n.items())
        )
    return n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), help="named size (10k: 10,000 events; 1m: ~1M citations)")
    parser.add_argument("--events", type=int, default=None, help="number of events (default 10000)")
    parser.add_argument("--out", type=Path, default=None, help="database file (default bench/.data/<size>.db)")
    parser.add_argument("--force", action="store_true", help="regenerate even when the file is current")
    args = parser.parse_args(argv)
    size = args.size if args.size else (None if args.events else "10k")
    events = args.events or SIZES[size or "10k"]
    path = args.out or default_path(size, events)
    if not args.force and is_current(path, events):
        print(f"{path} is current ({events} events); use --force to rebuild")
        return 0
    generate(path, events)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
