"""Open vocabularies as data: the kinds of events, organizations and places, and casualty categories, are terms
(rows of `term`), each with a label, a description, a broader term of its vocabulary and references to the schemes
it comes from (ACLED, CAMEO). The base vocabulary (`vocabulary.yaml`) is seeded by the schema's revisions; admins
add terms through the API. A fact column (`event.kind`, ...) holds a term's code, checked before any SQL."""

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import JSON, Column, Select, Text
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import Session, aliased
from sqlmodel import Field, SQLModel, col, select

from db.change_feed import announce_changes
from db.changes import Change
from db.enums import ChangeKind, Vocabulary
from db.writes import write_session

BASE_VOCABULARY = Path(__file__).with_name("vocabulary.yaml")
CODE = re.compile(r"[A-Z][A-Z0-9_]{0,63}")
"""What a code looks like: upper-case words joined by `_` (FIRE, POLITICAL_DEVELOPMENT), at most 64 characters."""


class Term(SQLModel, table=True):
    """One term of a vocabulary; `id` is `<vocabulary>:<code>`. `term_references` lists where the term comes
    from: `{"scheme": "ACLED" | "CAMEO", "code": ..., "name": ...}` (ACLED names its types, CAMEO codes them)."""

    __tablename__ = "term"

    id: str = Field(primary_key=True)
    vocabulary: str = Field(index=True)
    code: str
    label: str
    description: str = Field(sa_column=Column(Text, nullable=False))
    broader_id: str | None = Field(default=None, foreign_key="term.id", index=True)
    term_references: list[dict[str, str]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


def term_id(vocabulary: str, code: str) -> str:
    return f"{vocabulary}:{code}"


@cache
def base_terms() -> tuple[dict[str, Any], ...]:
    """The base vocabulary as `term` rows (plain dicts), every broader term before its narrower ones."""
    data = yaml.safe_load(BASE_VOCABULARY.read_text(encoding="utf-8"))
    rows: list[dict[str, Any]] = []
    for vocabulary in Vocabulary:
        seen: set[str] = set()
        for item in data[vocabulary.value]:
            code, broader = item["code"], item.get("broader")
            if not CODE.fullmatch(code) or code in seen or (broader is not None and broader not in seen):
                raise ValueError(
                    f"{BASE_VOCABULARY}: {vocabulary} {code}: a bad code, or its broader term not above it"
                )
            if any(set(ref) - {"scheme", "code", "name"} for ref in item.get("references", [])):
                raise ValueError(
                    f"{BASE_VOCABULARY}: {vocabulary} {code}: a reference has keys other than scheme, code, name"
                )
            seen.add(code)
            rows.append(
                {
                    "id": term_id(vocabulary, code),
                    "vocabulary": vocabulary.value,
                    "code": code,
                    "label": item["label"],
                    "description": item["description"],
                    "broader_id": None if broader is None else term_id(vocabulary, broader),
                    "term_references": [
                        {key: str(value) for key, value in ref.items()} for ref in item.get("references", [])
                    ],
                }
            )
    return tuple(rows)


def narrower_codes(vocabulary: Vocabulary, codes: Sequence[str]) -> Select[Any]:
    """The codes of `codes`' terms and of every term below them (FIRE under DISASTER), as a subquery: filters
    use it, so that matching a broader term runs no statement of its own."""
    start = (
        select(col(Term.id))
        .where(col(Term.vocabulary) == vocabulary.value, col(Term.code).in_(list(codes)))
        .cte(f"narrower_{vocabulary.value.lower()}", recursive=True)
    )
    below = aliased(Term)
    tree = start.union_all(select(below.id).where(below.broader_id == start.c.id))
    return select(col(Term.code)).where(col(Term.id).in_(select(tree.c.id)))


def chain(terms: Mapping[str, Term], term: Term) -> list[Term]:
    """The broader terms of `term`, nearest first, up to a top term (`terms` by id)."""
    found: list[Term] = []
    current = term
    while current.broader_id is not None and current.broader_id in terms and len(found) < len(terms):
        current = terms[current.broader_id]
        found.append(current)
    return found


def stored_ids(session: Session, ids: Iterable[str]) -> set[str]:
    """Which of the term ids (`<vocabulary>:<code>`) are stored: a read of only those rows."""
    wanted = sorted(set(ids))
    if not wanted:
        return set()
    return set(session.scalars(select(col(Term.id)).where(col(Term.id).in_(wanted))).all())


class TermRefused(ValueError):
    """A term write that cannot be made; `field` names the input at fault and `code` the kind of problem
    (INVALID, NOT_FOUND, CONFLICT)."""

    def __init__(self, message: str, field: str, code: str = "INVALID") -> None:
        super().__init__(message)
        self.field = field
        self.code = code


def _checked_code(code: str, field: str) -> str:
    if not CODE.fullmatch(code):
        raise TermRefused(
            f"{code!r} is no code: upper-case letters, digits and `_`, starting with a letter, at most 64", field
        )
    return code


def _text(value: str, field: str) -> str:
    """Text a column can hold: not blank, no NUL character, valid Unicode (no lone surrogate)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise TermRefused(f"`{field}` is not valid Unicode", field) from None
    if not value.strip() or "\x00" in value:
        raise TermRefused(f"`{field}` must hold text (and no NUL character)", field)
    return value


async def add_term(
    engine: AsyncEngine,
    vocabulary: Vocabulary,
    code: str,
    label: str,
    description: str,
    broader: str | None,
    actor: str,
    references: Sequence[Mapping[str, str]] = (),
) -> Term:
    """Store a new term, logged as ADDED by `actor`; TermRefused (nothing written) for a bad or taken code, or a
    broader term its vocabulary lacks."""
    _checked_code(code, "code")
    _text(label, "label")
    _text(description, "description")
    async with write_session(engine) as session:
        term = await session.run_sync(
            _add, Term(id=term_id(vocabulary, code), vocabulary=vocabulary.value, code=code, label=label,
                       description=description, term_references=[dict(r) for r in references]),
            broader, actor,
        )  # fmt: skip
        await session.run_sync(announce_changes)
        return term


def _add(session: Session, term: Term, broader: str | None, actor: str) -> Term:
    if session.get(Term, term.id) is not None:
        raise TermRefused(f"{term.vocabulary} already has a term {term.code}", "code", "CONFLICT")
    if broader is not None:
        if broader == term.code:
            raise TermRefused(f"{term.code} cannot be broader than itself", "broader", "CONFLICT")
        term.broader_id = _broader(session, term.vocabulary, broader).id
    session.add(term)
    session.add(
        Change(at=dt.datetime.now(dt.UTC), actor=actor, kind=ChangeKind.ADDED, entity_type="term", entity_id=term.id)
    )
    session.flush()
    return term


def _broader(session: Session, vocabulary: str, code: str) -> Term:
    found = session.get(Term, term_id(vocabulary, code)) if CODE.fullmatch(code) else None
    if found is None:
        raise TermRefused(f"{vocabulary} has no term {code} to put the term under", "broader", "NOT_FOUND")
    return found


async def update_term(
    engine: AsyncEngine,
    vocabulary: Vocabulary,
    code: str,
    actor: str,
    label: str | None = None,
    description: str | None = None,
    broader: str | None = None,
) -> Term | None:
    """Change a term's label, description or broader term, logged as CORRECTED by `actor`; None when there is no
    such term. TermRefused for a broader term the vocabulary lacks or one below the term (a cycle). Its code, which
    stored facts hold, never changes."""
    if label is not None:
        _text(label, "label")
    if description is not None:
        _text(description, "description")
    if not CODE.fullmatch(code):
        return None
    async with write_session(engine) as session:
        term = await session.run_sync(_update, term_id(vocabulary, code), actor, label, description, broader)
        if term is not None:
            await session.run_sync(announce_changes)
        return term


def _update(
    session: Session, key: str, actor: str, label: str | None, description: str | None, broader: str | None
) -> Term | None:
    term = session.get(Term, key)
    if term is None:
        return None
    if broader is not None:
        above = _broader(session, term.vocabulary, broader)
        terms = {t.id: t for t in session.scalars(select(Term).where(col(Term.vocabulary) == term.vocabulary))}
        if above.id == term.id or term in chain(terms, above):
            raise TermRefused(
                f"{broader} is {term.code} or lies below it: that would make a cycle", "broader", "CONFLICT"
            )
        term.broader_id = above.id
    term.label = label if label is not None else term.label
    term.description = description if description is not None else term.description
    session.add(
        Change(
            at=dt.datetime.now(dt.UTC), actor=actor, kind=ChangeKind.CORRECTED, entity_type="term", entity_id=term.id
        )
    )
    session.flush()
    return term


def _log(session: Session, term: Term, kind: ChangeKind, actor: str) -> None:
    """The change feed's entry for a term write (entity type `term`), as every write logs its rows."""
    at = dt.datetime.now(dt.UTC)
    session.add(Change(at=at, actor=actor, kind=kind, entity_type="term", entity_id=term.id))
