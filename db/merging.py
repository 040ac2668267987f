"""Judging whether two records are one. A judgement closes the pair's open one (both are kept) and the redirects
are made anew from the open SAME judgements: each group of records joined by them reads as its oldest record (the
one whose row was added first; by id when two were added in one write), the canonical one. A judgement that would
contradict another (a SAME joining records judged NOT_SAME or cited as related, a NOT_SAME of records that other
SAME judgements join) is refused: the editor undoes the other judgement first."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import Session
from sqlmodel import col, select

from db.access import now
from db.base import content_id
from db.change_feed import announce_changes
from db.enums import ChangeKind, Verdict
from db.tables import (
    FACT_TABLES,
    Change,
    Judgement,
    Organization,
    OrganizationRelationship,
    PersonRelationship,
    Place,
    Redirect,
)
from db.writes import write_session

MERGEABLE = ("person", "organization", "place")
"""The tables whose records can be judged the same (and so have aliases)."""


class JudgementRefused(ValueError):
    """A judgement that cannot be recorded; `code` is INVALID (a pair that is no pair) or CONFLICT (it contradicts
    other judgements or cited relations, which the message names)."""

    def __init__(self, message: str, code: str = "CONFLICT") -> None:
        super().__init__(message)
        self.code = code


class UnknownRecord(LookupError):
    """A judged id names no stored row; `key` is the id."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class Pair:
    """Two records of one table, in the order they are stored (`left` < `right`)."""

    table: str
    left: str
    right: str

    @classmethod
    def of(cls, table: str, one: str, other: str) -> "Pair":
        if table not in MERGEABLE:
            raise JudgementRefused(f"only persons, organizations and places are judged, not {table}", "INVALID")
        if one == other:
            raise JudgementRefused("a record is always the same as itself: judge two records", "INVALID")
        left, right = sorted((one, other))
        return cls(table, left, right)


async def judge(engine: AsyncEngine, pair: Pair, verdict: Verdict, reason: str, actor: str) -> Judgement:
    """Record `actor`'s judgement of `pair`, closing its open one, and redirect merged ids anew. Raises
    UnknownRecord or JudgementRefused; then nothing is written."""
    async with write_session(engine) as session:
        judgement = await session.run_sync(_judge, pair, verdict, reason, actor)
        await session.run_sync(announce_changes)
        return judgement


async def retract_judgement(engine: AsyncEngine, pair: Pair, reason: str, actor: str) -> Judgement | None:
    """Close the pair's open judgement with `reason` (it stays stored) and redirect merged ids anew; None when the
    pair has no open judgement."""
    async with write_session(engine) as session:
        judgement = await session.run_sync(_retract, pair, reason, actor)
        if judgement is not None:
            await session.run_sync(announce_changes)
        return judgement


def _judge(session: Session, pair: Pair, verdict: Verdict, reason: str, actor: str) -> Judgement:
    model: Any = FACT_TABLES[pair.table]
    for key in (pair.left, pair.right):
        if session.get(model, key) is None:
            raise UnknownRecord(key)
    standing = open_judgements(session, pair.table)
    previous = [j for j in standing if (j.left_id, j.right_id) == (pair.left, pair.right)]
    others = [j for j in standing if j not in previous]
    edges = [(j.left_id, j.right_id) for j in others if j.verdict == Verdict.SAME]
    groups = clusters([*edges, (pair.left, pair.right)] if verdict == Verdict.SAME else edges)
    if verdict == Verdict.SAME:
        _refuse_contradictions(session, pair.table, groups[pair.left], others)
    elif verdict == Verdict.NOT_SAME and pair.right in groups.get(pair.left, ()):
        joined = ", ".join(sorted(groups[pair.left]))
        raise JudgementRefused(
            f"{pair.left} and {pair.right} are one through other SAME judgements (of {joined}): undo those first"
        )
    at = now()
    for closed in previous:
        closed.closed_at, closed.closed_by = at, actor
    judgement = Judgement(
        id=content_id("judgement", pair.table, pair.left, pair.right, verdict.value, at.isoformat()),
        entity_type=pair.table,
        left_id=pair.left,
        right_id=pair.right,
        verdict=verdict,
        reason=reason,
        judged_at=at,
        judged_by=actor,
    )
    session.add(judgement)
    session.add(Change(at=at, actor=actor, kind=ChangeKind.JUDGED, entity_type="judgement", entity_id=judgement.id))
    session.flush()
    _redirect(session, pair.table, groups, at)
    return judgement


def _retract(session: Session, pair: Pair, reason: str, actor: str) -> Judgement | None:
    standing = open_judgements(session, pair.table)
    found = [j for j in standing if (j.left_id, j.right_id) == (pair.left, pair.right)]
    if not found:
        return None
    at = now()
    for judgement in found:
        judgement.closed_at, judgement.closed_by, judgement.closed_reason = at, actor, reason
    session.add(Change(at=at, actor=actor, kind=ChangeKind.JUDGED, entity_type="judgement", entity_id=found[0].id))
    session.flush()
    edges = [(j.left_id, j.right_id) for j in standing if j.verdict == Verdict.SAME and j not in found]
    _redirect(session, pair.table, clusters(edges), at)
    return found[0]


def open_judgements(session: Session, table: str) -> list[Judgement]:
    """The judgements of `table`'s records no later judgement or retraction has closed."""
    query = select(Judgement).where(col(Judgement.entity_type) == table, col(Judgement.closed_at).is_(None))
    return list(session.scalars(query).all())


def clusters(edges: Iterable[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """The groups the SAME `edges` join, by each member (records in no edge are in no group)."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for left, right in edges:
        parent[root(left)] = root(right)
    members: dict[str, set[str]] = {}
    for key in parent:
        members.setdefault(root(key), set()).add(key)
    return {key: frozenset(members[root(key)]) for key in parent}


RELATIONS: dict[str, tuple[tuple[Any, Any], ...]] = {
    "person": ((PersonRelationship.person_id, PersonRelationship.related_person_id),),
    "organization": (
        (OrganizationRelationship.subject_id, OrganizationRelationship.object_id),
        (Organization.id, Organization.parent_id),
    ),
    "place": ((Place.id, Place.within_id),),
}
"""Pairs of columns whose rows say two records of a table are two: related persons, related organizations or one
part of the other, a place within another."""


def related(session: Session, table: str, members: Iterable[str]) -> list[tuple[str, str]]:
    """Pairs of `members` that a stored relation (RELATIONS) tells apart."""
    keys = list(members)
    found: list[tuple[str, str]] = []
    for one, other in RELATIONS[table]:
        rows = session.execute(select(one, other).where(col(one).in_(keys), col(other).in_(keys))).all()
        found += [(str(a), str(b)) for a, b in rows]
    return found


def _refuse_contradictions(session: Session, table: str, group: frozenset[str], others: list[Judgement]) -> None:
    apart = [j for j in others if j.verdict == Verdict.NOT_SAME and j.left_id in group and j.right_id in group]
    if apart:
        pairs = "; ".join(f"{j.left_id} and {j.right_id} ({j.judged_by}: {j.reason})" for j in apart)
        raise JudgementRefused(f"this would merge records judged NOT_SAME: {pairs}")
    relations = related(session, table, group)
    if relations:
        pairs = "; ".join(f"{a} and {b}" for a, b in relations)
        raise JudgementRefused(f"this would merge records a cited relation tells apart: {pairs}")


def _redirect(session: Session, table: str, groups: dict[str, frozenset[str]], at: Any) -> None:
    """Close the redirects of `table` the groups no longer make, and open the ones they make anew."""
    members = sorted({key for group in groups.values() for key in group})
    added = dict(
        session.execute(
            select(Change.entity_id, func.min(Change.seq))
            .where(
                col(Change.entity_type) == table,
                col(Change.kind) == ChangeKind.ADDED,
                col(Change.entity_id).in_(members),
            )
            .group_by(col(Change.entity_id))
        ).all()
    )
    wanted: dict[str, str] = {}
    for group in set(groups.values()):
        canonical = min(group, key=lambda key: (added.get(key, 0), key))
        wanted.update((key, canonical) for key in group if key != canonical)
    standing = session.scalars(
        select(Redirect).where(col(Redirect.entity_type) == table, col(Redirect.closed_at).is_(None))
    ).all()
    kept = set()
    for redirect in standing:
        if wanted.get(redirect.merged_id) == redirect.canonical_id:
            kept.add(redirect.merged_id)
        else:
            redirect.closed_at = at
    for merged, canonical in sorted(wanted.items()):
        if merged not in kept:
            session.add(
                Redirect(
                    id=content_id("redirect", table, merged, canonical, at.isoformat()),
                    entity_type=table,
                    merged_id=merged,
                    canonical_id=canonical,
                    opened_at=at,
                )
            )
    session.flush()
