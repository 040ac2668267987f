"""Re-verifying the evidence in a database: every quote against its source, every fact field cited."""

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import Session
from sqlmodel import col, select

from db.engine import session_factory
from db.tables import FACT_TABLES, Citation, FactCitation, Source


@dataclass(frozen=True)
class AuditProblem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def _check_sources(session: Session) -> list[AuditProblem]:
    problems = []
    for source in session.scalars(select(Source)).all():
        if hashlib.sha256(source.text.encode("utf-8")).hexdigest() != source.sha256:
            problems.append(AuditProblem(f"source {source.id!r}", "text does not match its stored sha256"))
    return problems


def _check_citations(session: Session) -> list[AuditProblem]:
    problems = []
    texts: dict[str, str] = {row.id: row.text for row in session.execute(select(col(Source.id), col(Source.text)))}
    columns: Any = Citation.__table__.columns  # type: ignore[attr-defined]
    for citation in session.execute(select(*columns)):
        found = texts[citation.source_id][citation.start_offset : citation.end_offset]
        if found != citation.quote:
            problems.append(
                AuditProblem(
                    f"citation {citation.id!r} (source {citation.source_id!r}, "
                    f"{citation.start_offset}..{citation.end_offset})",
                    f"quote {citation.quote!r} does not match the source text there, which reads {found!r}",
                )
            )
    return problems


def _check_fields(session: Session) -> list[AuditProblem]:
    """Every stated field of every row has a citation, and every citation link points at a row."""
    problems = []
    query = select(col(FactCitation.entity_type), col(FactCitation.entity_id), col(FactCitation.field))
    cited: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for entity_type, entity_id, field in session.execute(query):
        cited[entity_type].add((entity_id, field))
    for name, table in FACT_TABLES.items():
        links = cited.pop(name, set())
        columns: Any = table.__table__.columns  # type: ignore[attr-defined]
        existing: set[str] = set()
        for row in session.execute(select(*columns)):
            existing.add(row.id)
            for field, stated_by in table.__fact_fields__.items():
                stated = not stated_by or any(getattr(row, c) is not None for c in stated_by)
                if stated and (row.id, field) not in links:
                    problems.append(AuditProblem(f"{name} {row.id!r}", f"field {field!r} has no citation"))
        for entity_id, field in sorted(links):
            if entity_id not in existing:
                problems.append(
                    AuditProblem(f"{name} {entity_id!r}", f"citations for field {field!r} of a row that does not exist")
                )
    for entity_type, links in sorted(cited.items()):
        for entity_id, field in sorted(links):
            problems.append(AuditProblem(f"{entity_type} {entity_id!r}", f"citations for unknown table ({field!r})"))
    return problems


def _audit(session: Session) -> list[AuditProblem]:
    return _check_sources(session) + _check_citations(session) + _check_fields(session)


async def audit(engine: AsyncEngine) -> list[AuditProblem]:
    """Every problem with the stored evidence; an empty list means every citation and field checks out."""
    async with session_factory(engine)() as session:
        return await session.run_sync(_audit)
