"""Entity resolution: `candidates` (records that may be one, with a score and why), the `Judgement` an editor
records with `judge` or retracts, and what the mutations answer."""

import datetime as dt
from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from db import tables
from db.merging import MERGEABLE
from resolvers.candidates import Candidate as Proposal
from resolvers.candidates import Wanted, candidates
from resolvers.context import Context
from schema.arguments import ArgumentError
from schema.context import build_one
from schema.enums import Verdict
from schema.node import Node, global_id, parse_global_id

Ctx = Info[Context, None]
TABLES = {"Person": "person", "Organization": "organization", "Place": "place"}
"""The node types whose records can be judged, and their tables."""
TYPE_NAMES = {table: name for name, table in TABLES.items()}


@strawberry.enum(description="The kinds of record `candidates` compares.")
class CandidateType(Enum):
    PERSON = strawberry.enum_value("person", description="Persons.")
    ORGANIZATION = strawberry.enum_value("organization", description="Organizations.")
    PLACE = strawberry.enum_value("place", description="Places.")


async def record(info: Ctx, table: str, key: str) -> Node | None:
    """The object a record's id reads as now (the canonical object, once merged)."""
    from schema.registry import BY_TABLE

    found: Node | None = await build_one(info, BY_TABLE[table], tables.FACT_TABLES[table], key)
    return found


@strawberry.type(
    description="An editor's judgement of whether two records are one. Never changed: a later judgement of the pair "
    "closes it (`closedAt`, `closedBy`), as does a retraction (with `closedReason`), and both stay listed."
)
class Judgement(Node):
    row: strawberry.Private[tables.Judgement]

    @classmethod
    def of(cls, row: tables.Judgement) -> "Judgement":
        return cls(id=global_id("Judgement", row.id), row=row)

    @strawberry.field(description="The id of one record judged, as judged (its merged id, once merged).")
    def left_id(self) -> strawberry.ID:
        return global_id(TYPE_NAMES[self.row.entity_type], self.row.left_id)

    @strawberry.field(description="The id of the other record judged, as judged.")
    def right_id(self) -> strawberry.ID:
        return global_id(TYPE_NAMES[self.row.entity_type], self.row.right_id)

    @strawberry.field(description="The object `leftId` reads as now (after a SAME, the merged object).")
    async def left(self, info: Ctx) -> Node | None:
        return await record(info, self.row.entity_type, self.row.left_id)

    @strawberry.field(description="The object `rightId` reads as now.")
    async def right(self, info: Ctx) -> Node | None:
        return await record(info, self.row.entity_type, self.row.right_id)

    @strawberry.field(description="SAME, NOT_SAME or UNSURE.")
    def verdict(self) -> Verdict:
        return self.row.verdict

    @strawberry.field(description="Why, as the editor gave it.")
    def reason(self) -> str:
        return self.row.reason

    @strawberry.field(description="When it was made (UTC).")
    def judged_at(self) -> dt.datetime:
        return self.row.judged_at

    @strawberry.field(description="Who made it (a token's name).")
    def judged_by(self) -> str:
        return self.row.judged_by

    @strawberry.field(description="When a later judgement of the pair or a retraction closed it; null while it holds.")
    def closed_at(self) -> dt.datetime | None:
        return self.row.closed_at

    @strawberry.field(description="Who closed it (a token's name); null while it holds.")
    def closed_by(self) -> str | None:
        return self.row.closed_by

    @strawberry.field(description="A retraction's reason; null when open, or closed by a later judgement.")
    def closed_reason(self) -> str | None:
        return self.row.closed_reason


@strawberry.type(description="The two names that made a pair of records a candidate, and how alike they are.")
class NameMatch:
    left: str = strawberry.field(description="A name or alias of `left` (or of a record merged into it).")
    right: str = strawberry.field(description="A name or alias of `right` (or of a record merged into it).")
    similarity: float = strawberry.field(
        description="From 0 to 1, after folding case and accents, dropping punctuation and leading articles, "
        "ignoring word order and expanding initials; 0.9 when one name's words are all in the other; 0 for "
        "persons whose first given names differ."
    )


@strawberry.type(description="One part of a candidate's score.")
class ScorePart:
    name: str = strawberry.field(description="`name`: from the names; `shared`: from what both are linked to.")
    score: float = strawberry.field(description="What this part adds to the score.")
    explanation: str = strawberry.field(description="How it was reckoned.")


@strawberry.type(
    description="Two records that may be one person, organization or place, with the evidence. Only a `judge` "
    "merges them."
)
class Candidate:
    proposal: strawberry.Private[Proposal]

    @strawberry.field(description="One record (canonical, when others are merged into it).")
    async def left(self, info: Ctx) -> Node | None:
        return await record(info, self.proposal.table, self.proposal.left)

    @strawberry.field(description="The other record.")
    async def right(self, info: Ctx) -> Node | None:
        return await record(info, self.proposal.table, self.proposal.right)

    @strawberry.field(description="From 0 to 1: the sum of `parts`.")
    def score(self) -> float:
        return self.proposal.score

    @strawberry.field(description="The most alike names of the two.")
    def names(self) -> NameMatch:
        found = self.proposal.names
        return NameMatch(left=found.left, right=found.right, similarity=round(found.similarity, 3))

    @strawberry.field(description="How the score was made.")
    def parts(self) -> list[ScorePart]:
        shared = len(self.proposal.shared)
        return [
            ScorePart(
                name="name",
                score=self.proposal.name_part,
                explanation=f"0.8 x name similarity {round(self.proposal.names.similarity, 3)}",
            ),
            ScorePart(
                name="shared",
                score=self.proposal.shared_part,
                explanation=f"0.1 for each thing both are linked to, at most 2: {shared} shared",
            ),
        ]

    @strawberry.field(
        description="What both are linked to: organizations both held posts in, events both took part in, members "
        "both have, their country, parent or the place both lie within."
    )
    async def shared(self, info: Ctx) -> list[Node]:
        from schema.registry import resolve_node

        found = [await resolve_node(info, key) for key in self.proposal.shared]
        return [node for node in found if node is not None]

    @strawberry.field(description="An open UNSURE judgement of the pair: someone looked and could not tell.")
    async def unsure(self, info: Ctx) -> Judgement | None:
        if self.proposal.unsure is None:
            return None
        row = await info.context.loaders.by_id(tables.Judgement).load(self.proposal.unsure)
        return None if row is None else Judgement.of(row)


async def find_candidates(
    info: Ctx, kind: CandidateType, of: strawberry.ID | None, min_score: float, first: int
) -> list[Candidate]:
    """The `candidates` query: refuses a page over the maximum, or an `of` of another type."""
    limit = info.context.max_page_size
    if not 0 <= first <= limit:
        raise ArgumentError(f"first must be between 0 and {limit} (the maximum page size), got {first}", limit=limit)
    table = str(kind.value)
    key = None
    if of is not None:
        parsed = parse_global_id(str(of))
        if parsed is None or TABLES.get(parsed[0]) != table:
            raise ArgumentError(f"of: {str(of)!r} is not the id of a {TYPE_NAMES[table]}")
        key = parsed[1]
    merges = await info.context.loaders.merges()
    found = await candidates(info.context.reads, merges, Wanted(table, key, min_score, first))
    return [Candidate(proposal=proposal) for proposal in found]


async def judgements_of(info: Ctx, table: str, keys: list[str]) -> list[Judgement]:
    """Every judgement (open or closed) of any of `keys`, oldest first."""
    loader = info.context.loaders.by_column(tables.Judgement, "left_id")
    other = info.context.loaders.by_column(tables.Judgement, "right_id")
    rows = {row.id: row for found in await loader.load_many(keys) for row in found}
    rows.update((row.id, row) for found in await other.load_many(keys) for row in found)
    chosen = [row for row in rows.values() if row.entity_type == table]
    return [Judgement.of(row) for row in sorted(chosen, key=lambda row: (row.judged_at, row.id))]


def judged_table(left: strawberry.ID, right: strawberry.ID) -> tuple[str, str, str] | str:
    """(table, left key, right key) of two global ids of one judgeable type, or why they are not."""
    one, other = parse_global_id(str(left)), parse_global_id(str(right))
    if one is None or one[0] not in TABLES:
        return f"left: {str(left)!r} is not the id of a person, organization or place"
    if other is None or other[0] != one[0]:
        return f"right: {str(right)!r} is not the id of a {one[0]}, as left is"
    assert TABLES[one[0]] in MERGEABLE
    return TABLES[one[0]], one[1], other[1]


Reason = Annotated[str, strawberry.argument(description="Why (kept with the judgement).")]
Left = Annotated[strawberry.ID, strawberry.argument(description="The global id of one record.")]
Right = Annotated[strawberry.ID, strawberry.argument(description="The global id of the other, of the same type.")]


@strawberry.type(description="The judgement is recorded (the pair's earlier one closed and kept); merges follow it.")
class Judged:
    judgement: Judgement = strawberry.field(description="The judgement recorded.")
    node: Node | None = strawberry.field(
        description="What `left` reads as now: after SAME the merged object (`id` canonical, `mergedIds`)."
    )


@strawberry.type(description="The judgement is closed (kept, with the reason); merges it made are undone.")
class JudgementRetracted:
    judgement: Judgement = strawberry.field(description="The judgement, now closed.")
