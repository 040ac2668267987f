"""Proposing records that may stand for one person, organization or place, with a score and why.

Records merged by SAME judgements are compared as one (their names and aliases together). Names carry a
proposal: a pair is proposed only when its most alike names reach NAME_FLOOR (`resolvers.names`). What both
records are linked to (the organizations two persons held posts in, the events both took part in, the members two
organizations share, their country, parent or the place both lie within) raises the score, never makes one. A
pair is not proposed when an open NOT_SAME judgement holds between them, or when a cited relation tells them apart
(two related persons, an organization and its parent, ...). Nothing is merged here: only `judge` merges."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from sqlalchemy import select
from sqlmodel import col

from db.actors import ALIAS_OWNERS
from db.enums import Verdict
from db.tables import (
    Alias,
    EventParticipant,
    Judgement,
    Membership,
    Organization,
    OrganizationRelationship,
    Person,
    PersonRelationship,
    Place,
)
from resolvers.merges import Merges
from resolvers.names import NameMatch, best_match, blocking_keys
from resolvers.reads import Reads

NAME_FLOOR = 0.75
"""The least name similarity for which a pair is proposed at all."""
NAME_WEIGHT = 0.8
"""A score's part from the names: NAME_WEIGHT x their similarity."""
SHARED_WEIGHT = 0.1
SHARED_COUNTED = 2
"""A score's part from shared links: SHARED_WEIGHT for each, counting at most SHARED_COUNTED (so at most 0.2)."""
COMMON_WORD = 200
"""A word more records' names hold than this brings none of them together (it would compare nearly all pairs)."""

TYPE_NAMES = {"person": "Person", "organization": "Organization", "place": "Place", "event": "Event"}
NAMES: dict[str, Any] = {"person": Person, "organization": Organization, "place": Place}

LINKS: dict[str, tuple[tuple[Any, Any, str], ...]] = {
    "person": (
        (Membership.person_id, Membership.organization_id, "organization"),
        (EventParticipant.person_id, EventParticipant.event_id, "event"),
    ),
    "organization": (
        (Membership.organization_id, Membership.person_id, "person"),
        (EventParticipant.organization_id, EventParticipant.event_id, "event"),
        (Organization.id, Organization.country_id, "place"),
        (Organization.id, Organization.parent_id, "organization"),
    ),
    "place": ((Place.id, Place.within_id, "place"),),
}
"""Per table, (record column, linked column, linked table) of the links two records may share."""
APART: dict[str, tuple[tuple[Any, Any], ...]] = {
    "person": ((PersonRelationship.person_id, PersonRelationship.related_person_id),),
    "organization": (
        (OrganizationRelationship.subject_id, OrganizationRelationship.object_id),
        (Organization.id, Organization.parent_id),
    ),
    "place": ((Place.id, Place.within_id),),
}
"""Per table, column pairs whose rows say two records are two (as `db.merging` refuses to merge them)."""


@dataclass(frozen=True)
class Candidate:
    """Two canonical records (`left` < `right`) that may be one, with the score and its parts."""

    table: str
    left: str
    right: str
    score: float
    names: NameMatch
    name_part: float
    shared_part: float
    shared: tuple[str, ...]
    """Global ids of what both are linked to."""
    unsure: str | None
    """The id of an open UNSURE judgement of the pair (or of records merged into them), if any."""


@dataclass(frozen=True)
class Wanted:
    """What a `candidates` query asks for: one table, optionally pairs of one record, from a score on."""

    table: str
    of: str | None = None
    min_score: float = 0.0
    first: int = 20


async def candidates(reads: Reads, merges: Merges, wanted: Wanted) -> list[Candidate]:
    """The best `wanted.first` pairs of `wanted.table`'s records, best first."""
    table = wanted.table
    person = table == "person"
    model = NAMES[table]
    owner = getattr(Alias, ALIAS_OWNERS[table])
    statements: list[Any] = [
        select(model.id, model.name),
        select(owner, col(Alias.name)).where(owner.is_not(None)),
        select(col(Judgement.left_id), col(Judgement.right_id), col(Judgement.verdict), col(Judgement.id)).where(
            col(Judgement.entity_type) == table, col(Judgement.closed_at).is_(None)
        ),
        *(select(one, other).where(other.is_not(None)) for one, other, _ in LINKS[table]),
        *(select(one, other).where(other.is_not(None)) for one, other in APART[table]),
    ]
    async with reads.connection() as connection:
        found: list[list[Any]] = [list((await connection.execute(statement)).all()) for statement in statements]
    records, aliases, judgements = found[0], found[1], found[2]
    links, apart = found[3 : 3 + len(LINKS[table])], found[3 + len(LINKS[table]) :]

    def canonical(key: str) -> str:
        return merges.canonical_of(table, key)

    names: dict[str, list[str]] = defaultdict(list)
    for key, name in [*records, *aliases]:
        names[canonical(key)].append(name)
    shared: dict[str, set[str]] = defaultdict(set)
    for rows, (_, _, linked) in zip(links, LINKS[table], strict=True):
        for key, other in rows:
            target = merges.canonical_of(linked, other) if linked in NAMES else other
            shared[canonical(key)].add(f"{TYPE_NAMES[linked]}:{target}")
    excluded = {_pair(canonical(a), canonical(b)) for rows in apart for a, b in rows}
    unsure: dict[tuple[str, str], str] = {}
    for left, right, verdict, judgement in judgements:
        pair = _pair(canonical(left), canonical(right))
        if verdict == Verdict.NOT_SAME:
            excluded.add(pair)
        elif verdict == Verdict.UNSURE:
            unsure.setdefault(pair, judgement)
    of = canonical(wanted.of) if wanted.of is not None else None
    proposed: list[Candidate] = []
    for left, right in _compared(names, person, of):
        if (left, right) in excluded:
            continue
        match = best_match(names[left], names[right], person)
        if match.similarity < NAME_FLOOR:
            continue
        both = tuple(sorted(shared[left] & shared[right]))
        name_part = round(NAME_WEIGHT * match.similarity, 3)
        shared_part = round(SHARED_WEIGHT * min(len(both), SHARED_COUNTED), 3)
        score = round(name_part + shared_part, 3)
        if score >= wanted.min_score:
            found_unsure = unsure.get((left, right))
            proposed.append(Candidate(table, left, right, score, match, name_part, shared_part, both, found_unsure))
    proposed.sort(key=lambda c: (-c.score, c.left, c.right))
    return proposed[: wanted.first]


def _pair(one: str, other: str) -> tuple[str, str]:
    return (one, other) if one <= other else (other, one)


def _compared(names: dict[str, list[str]], person: bool, of: str | None) -> Iterable[tuple[str, str]]:
    """The pairs of canonical records whose names share a word (`blocking_keys`), each once, in order; with `of`,
    only the pairs holding it."""
    by_word: dict[str, set[str]] = defaultdict(set)
    for key, found in names.items():
        for name in found:
            for word in blocking_keys(name, person):
                by_word[word].add(key)
    pairs: set[tuple[str, str]] = set()
    for keys in by_word.values():
        if len(keys) > COMMON_WORD:
            continue
        if of is not None:
            if of in keys:
                pairs.update(_pair(of, key) for key in keys if key != of)
            continue
        pairs.update(_pair(a, b) for a, b in combinations(sorted(keys), 2))
    return sorted(pairs)
