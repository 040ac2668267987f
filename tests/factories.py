"""Small fact files written into a test's folder, quoting a copy of the seed article."""

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import SQLModel

from db.base import content_id
from db.engine import session_factory
from db.enums import CasualtyOutcome, CitationKind, CountWording, DatePrecision, SourceKind
from db.tables import Casualty, Citation, Event, FactCitation, Source
from seeds import SEEDS_DIR

ARTICLE = SEEDS_DIR / "sources" / "maduro-raid-article.txt"

HEADER = """\
sources:
  - {id: article, file: article.txt, kind: NEWS_ARTICLE, language: en}
default_source: article
"""


def fact_file(folder: Path, body: str, name: str = "facts.yaml", header: str = HEADER) -> Path:
    """Write `header` + `body` as a fact file next to a copy of the article; return its path."""
    shutil.copy(ARTICLE, folder / "article.txt")
    path = folder / name
    path.write_text(header + body, encoding="utf-8")
    return path


LONG_REPORT = "Filler of a long wire report. " * 4000 + "Ana Ruiz chairs the committee. Nicolás Maduro Moros spoke."
"""A source text of ~120 KB, whose storing takes new pages of a database (for tests of a full one)."""
LONG_REPORT_HEADER = """\
sources:
  - {id: long-report, file: long-report.txt, kind: WIRE_REPORT}
default_source: long-report
"""


def long_report_file(folder: Path, body: str) -> Path:
    """A fact file quoting LONG_REPORT (written beside it as long-report.txt)."""
    (folder / "long-report.txt").write_text(LONG_REPORT, encoding="utf-8")
    return fact_file(folder, body, name="long-report.yaml", header=LONG_REPORT_HEADER)


def person(person_id: str, name: str, quote: str) -> str:
    return f"""\
persons:
  - id: {person_id}
    name: {{value: {json.dumps(name)}, cite: {json.dumps(quote)}}}
"""


async def add_synthetic_events(engine: AsyncEngine, count: int, casualties_per_event: int = 2) -> None:
    """`count` dated events, each with cited title, kind and date and cited casualty figures."""
    text = " ".join(f"Event number {i} happened and {i} people were killed." for i in range(count))
    source = Source(
        id="synthetic",
        kind=SourceKind.WIRE_REPORT,
        title="Synthetic wire",
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
    )
    rows: list[SQLModel] = [source]

    def cite(table: str, row_id: str, field: str, quote: str, occurrence_at: int) -> None:
        start = text.index(quote, occurrence_at)
        citation_id = content_id("citation", "synthetic", start, quote)
        rows.append(
            Citation(
                id=citation_id,
                source_id="synthetic",
                quote=quote,
                start_offset=start,
                end_offset=start + len(quote),
                kind=CitationKind.QUOTED,
            )
        )
        rows.append(
            FactCitation(
                id=content_id(table, row_id, field, citation_id),
                entity_type=table,
                entity_id=row_id,
                field=field,
                citation_id=citation_id,
            )
        )

    for i in range(count):
        at = text.index(f"Event number {i} ")
        event_id = f"ev{i:05d}"
        rows.append(
            Event(
                id=event_id,
                title=f"Event {i}",
                kind="OTHER",
                date_start=dt.date(2026, 1, 1) + dt.timedelta(days=i % 300),
                date_precision=DatePrecision.DAY,
            )
        )
        for field in ("title", "kind", "date"):
            cite("event", event_id, field, f"Event number {i}", at)
        for j in range(casualties_per_event):
            casualty_id = f"cs{i:05d}-{j}"
            rows.append(
                Casualty(
                    id=casualty_id,
                    event_id=event_id,
                    description="people",
                    outcome=CasualtyOutcome.KILLED,
                    count_low=i,
                    count_high=i,
                    count_wording=CountWording.EXACTLY,
                )
            )
            for field in ("event", "description", "outcome", "count"):
                cite("casualty", casualty_id, field, f"{i} people were killed", at)
    unique = {(type(r), r.id): r for r in rows}  # type: ignore[attr-defined]
    async with session_factory(engine)() as session, session.begin():
        for table in SQLModel.metadata.sorted_tables:
            session.add_all(r for r in unique.values() if r.__tablename__ == table.name)
            await session.flush()
