"""The desk's proposals as the API shows them: candidate facts found in a source, waiting for an editor, and what
the proposal mutations answer. Proposals are no facts: no read of facts lists them."""

import datetime as dt
from typing import Annotated, Any, cast

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from db import tables
from resolvers.context import Context
from resolvers.proposals import gaps
from schema.connection import Connection, paginate
from schema.enums import ProposalKind, ProposalStatus
from schema.errors import Rejected, Unauthorized
from schema.evidence import Source
from schema.ingested import Ingested
from schema.node import Node, global_id, parse_global_id

Ctx = Info[Context, None]


@strawberry.type(
    description="A candidate fact the proposer found in a source (`propose`), anchored at its exact offsets: "
    "`source.text[start:end]` is `quote`. It is no fact until an editor accepts it (`acceptProposal`), which "
    "ingests `facts`; a rejected one (`rejectProposal`) is never proposed again."
)
class Proposal(Node):
    row: strawberry.Private[tables.Proposal]

    @classmethod
    def of(cls, row: tables.Proposal) -> "Proposal":
        return cls(id=global_id("Proposal", row.id), row=row)

    @strawberry.field(description="What kind of fact it is.")
    def kind(self) -> ProposalKind:
        return self.row.kind

    @strawberry.field(description="PROPOSED until an editor accepts or rejects it.")
    def status(self) -> ProposalStatus:
        return self.row.status

    @strawberry.field(description="How sure the proposer is, from 0 to 1 (a count with an outcome 0.9, without 0.6).")
    def confidence(self) -> float:
        return self.row.confidence

    @strawberry.field(description="The source's text from `start` to `end`, exactly.")
    def quote(self) -> str:
        return self.row.quote

    @strawberry.field(description="Where the quote starts in the source's text (a character offset, from 0).")
    def start(self) -> int:
        return self.row.start_offset

    @strawberry.field(description="Where the quote ends in the source's text (exclusive).")
    def end(self) -> int:
        return self.row.end_offset

    @strawberry.field(description="What is proposed, in one line for a reviewer.")
    def summary(self) -> str:
        return self.row.summary

    @strawberry.field(
        description="The fact document (as `ingest(facts:)` takes it) that accepting writes, every value cited at "
        "this span. A null marks what the text does not give (a count's casualty, a date's event): accepting then "
        "needs `edits` (or `facts`) filling it; `gaps` lists where. Once accepted, what was ingested (with the "
        "editor's edits, if given)."
    )
    def facts(self) -> JSON:
        return cast(JSON, self.row.facts)

    @strawberry.field(
        description="Where `facts` holds a null an editor must fill before accepting, as paths such as "
        "`casualties[0].id` (`acceptProposal(edits:)` takes the same paths). Empty: it can be accepted as it is."
    )
    def gaps(self) -> list[str]:
        return gaps(self.row)

    @strawberry.field(description="The source it was found in.")
    async def source(self, info: Ctx) -> Source:
        row = await info.context.loaders.source_by_id.load(self.row.source_id)
        if row is None:
            raise LookupError(f"source {self.row.source_id!r} of proposal {self.row.id!r} is gone")
        return Source.of(row)

    @strawberry.field(description="When it was first proposed (UTC).")
    def proposed_at(self) -> dt.datetime:
        return self.row.proposed_at

    @strawberry.field(description="The name of the token whose `propose` first found it.")
    def proposed_by(self) -> str:
        return self.row.proposed_by

    @strawberry.field(description="When it was accepted or rejected (UTC); null while PROPOSED.")
    def decided_at(self) -> dt.datetime | None:
        return self.row.decided_at

    @strawberry.field(description="The name of the token that accepted or rejected it; null while PROPOSED.")
    def decided_by(self) -> str | None:
        return self.row.decided_by

    @strawberry.field(description="Why it was rejected, as the editor gave it; null otherwise.")
    def reason(self) -> str | None:
        return self.row.reason


@strawberry.type(description="The proposer ran on the source; `proposals` is every proposal of it still PROPOSED.")
class Proposed:
    proposals: list[Proposal] = strawberry.field(
        description="What the proposer found that is still PROPOSED (new, or found before and undecided), in text "
        "order; accepted and rejected ones are left out."
    )
    created: int = strawberry.field(description="How many of them this call stored (0 when proposing again).")


@strawberry.type(description="The proposal is ACCEPTED and its facts are stored.")
class ProposalAccepted:
    proposal: Proposal = strawberry.field(description="The proposal, now ACCEPTED.")
    ingested: Ingested = strawberry.field(description="What ingesting its facts wrote.")


@strawberry.type(description="The proposal is REJECTED: it will not be proposed again.")
class ProposalRejected:
    proposal: Proposal = strawberry.field(description="The proposal, now REJECTED.")


ProposeResult = Annotated[
    Proposed | Rejected | Unauthorized, strawberry.union("ProposeResult", description="What `propose` did.")
]
AcceptProposalResult = Annotated[
    ProposalAccepted | Rejected | Unauthorized,
    strawberry.union("AcceptProposalResult", description="What `acceptProposal` did."),
]
RejectProposalResult = Annotated[
    ProposalRejected | Rejected | Unauthorized,
    strawberry.union("RejectProposalResult", description="What `rejectProposal` did."),
]


def source_key(value: str) -> str:
    """The key of a source named by its global id (`Source:maduro-raid-article`) or by its fact-file id."""
    parsed = parse_global_id(value)
    return parsed[1] if parsed is not None and parsed[0] == "Source" else value


async def list_proposals(
    info: Ctx, source: str, status: ProposalStatus, first: int | None, after: str | None
) -> Connection[Proposal]:
    """A page of the source's proposals with `status`, as they stood at the request's moment (`asOf`, fixed by the
    root field before this reads)."""
    from resolvers.pagination import PageRequest
    from resolvers.proposals import PROPOSAL_ORDERING, proposals_query, undecided_then

    moment = info.context.reads.moment

    async def build(rows: Any) -> list[Proposal]:
        if moment is None:
            return [Proposal.of(row) for row in rows]
        return [Proposal.of(undecided_then(tables.Proposal.model_validate(dict(r._mapping)), moment)) for r in rows]

    query = proposals_query(source_key(source), status, moment)
    return await paginate(info, build, query, PROPOSAL_ORDERING, PageRequest(first=first, after=after))


@strawberry.input(description="An editor's value for one field of a proposal's facts.")
class FactEdit:
    path: str = strawberry.field(
        description="Where in the proposal's `facts`: a path such as `casualties[0].id` (as `gaps` lists them); "
        "its last step may name a field the facts lack, not a new list item."
    )
    value: JSON = strawberry.field(description="The value to write there (an id, a number, an object...).")
