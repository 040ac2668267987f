"""Re-verifying the evidence in a database: every quote against its source, every fact field cited."""

import hashlib
from dataclasses import dataclass

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
    rows = session.execute(select(Citation, col(Source.text)).join(Source, col(Source.id) == col(Citation.source_id)))
    for citation, text in rows:
        found = text[citation.start_offset : citation.end_offset]
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
    problems = []
    cited = set(
        session.execute(select(col(FactCitation.entity_type), col(FactCitation.entity_id), col(FactCitation.field)))
    )
    for name, table in FACT_TABLES.items():
        existing: set[str] = set()
        for row in session.scalars(select(table)).all():
            row_id = str(getattr(row, "id"))  # noqa: B009
            existing.add(row_id)
            for field, columns in table.__fact_fields__.items():
                stated = not columns or any(getattr(row, c) is not None for c in columns)
                if stated and (name, row_id, field) not in cited:
                    problems.append(AuditProblem(f"{name} {row_id!r}", f"field {field!r} has no citation"))
        for entity_type, entity_id, field in sorted(cited):
            if entity_type == name and entity_id not in existing:
                problems.append(
                    AuditProblem(f"{name} {entity_id!r}", f"citations for field {field!r} of a row that does not exist")
                )
    known = set(FACT_TABLES)
    for entity_type, entity_id, field in sorted(cited):
        if entity_type not in known:
            problems.append(AuditProblem(f"{entity_type} {entity_id!r}", f"citations for unknown table ({field!r})"))
    return problems


def _audit(session: Session) -> list[AuditProblem]:
    return _check_sources(session) + _check_citations(session) + _check_fields(session)


async def audit(engine: AsyncEngine) -> list[AuditProblem]:
    """Every problem with the stored evidence; an empty list means every citation and field checks out."""
    async with session_factory(engine)() as session:
        return await session.run_sync(_audit)
