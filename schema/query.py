"""The root `Query`: paginated, filtered lists, lookups by global id, and `node`/`nodes`."""

import asyncio
import datetime as dt
from collections.abc import Sequence
from typing import Annotated, Any

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from db import tables
from db.asof import AsOfUnavailable
from db.enums import Vocabulary
from db.tables import FACT_TABLES
from resolvers import filters as f
from resolvers.context import Context
from resolvers.pagination import PageRequest
from resolvers.reads import AsOfConflict
from schema.actors import Organization, Person, Place
from schema.arguments import ArgumentError
from schema.casualties import Casualty
from schema.changes import ChangeConnection, Since, changes
from schema.connection import Connection, paginate
from schema.context import Built, build_one, build_page
from schema.demands import Demand
from schema.enums import ProposalStatus
from schema.events import Event, prefetch_casualties
from schema.evidence import Citation, Source
from schema.filters import (
    CasualtyFilter,
    CasualtyOrder,
    EventFilter,
    EventOrder,
    LegalProceedingFilter,
    OrganizationFilter,
    PersonFilter,
    PlaceFilter,
    SourceFilter,
)
from schema.legal import LegalProceeding
from schema.node import Node, key_of
from schema.proposals import Proposal, list_proposals
from schema.registry import resolve_node
from schema.resolution import Candidate, CandidateType, find_candidates
from schema.search import SearchResults, search
from schema.selection import selects
from schema.terms import Term, vocabulary_terms
from schema.totals import CasualtyTotals, FilterArg, GroupBy, OutcomeArg, casualty_totals

Ctx = Info[Context, None]
GlobalId = Annotated[
    strawberry.ID, strawberry.argument(description="A global id (`TypeName:key`); an unknown id returns null.")
]
First = Annotated[
    int | None,
    strawberry.argument(description="Items from the start (or after `after`); default 20, at most the maximum."),
]
After = Annotated[str | None, strawberry.argument(description="A cursor: return items after it.")]
Last = Annotated[
    int | None, strawberry.argument(description="Items from the end (or before `before`); at most the maximum.")
]
Before = Annotated[str | None, strawberry.argument(description="A cursor: return items before it.")]
AsOf = Annotated[
    dt.datetime | None,
    strawberry.argument(
        description="Answer as the database stood at this moment (ISO 8601, UTC when no offset is given): "
        "the rows, values, citations, rivals and history written by then. Default: now. Every root field of "
        "one request must use the same moment."
    ),
]
FILTER = strawberry.argument(description="Only the items matching every given filter.")
ORDER = strawberry.argument(description="The order of the items.")


def _at(info: Ctx, as_of: dt.datetime | None) -> None:
    """Fix the moment this request reads at, before the root field's first read."""
    try:
        info.context.reads.read_as_of(as_of)
    except AsOfConflict as exc:
        raise ArgumentError(str(exc)) from exc
    except AsOfUnavailable as exc:
        raise GraphQLError(str(exc)) from exc


async def _sources(rows: Sequence[tables.Source]) -> list[Source]:
    return [Source.of(row) for row in rows]


def _builder(info: Ctx, cls: type[Built]) -> Any:
    async def build(rows: Sequence[Any]) -> list[Built]:
        return await build_page(info, cls, rows)

    return build


def _one(info: Ctx, cls: type[Built], id: strawberry.ID, type_name: str) -> Any:
    return build_one(info, cls, FACT_TABLES[cls.TABLE], key_of(str(id), (type_name,)))


@strawberry.type(description="Read the cited facts. Every fact field returns its value with its citations.")
class Query:
    @strawberry.field(
        description="The terms of a vocabulary (the kinds and categories facts may hold), by code: the base vocabulary "
        "(ACLED and CAMEO references) and the terms admins added."
    )
    async def terms(
        self, info: Ctx, vocabulary: Annotated[Vocabulary, strawberry.argument(description="The vocabulary.")]
    ) -> list[Term]:
        return [Term(row=t) for t in sorted(await vocabulary_terms(info, vocabulary), key=lambda t: t.code)]

    @strawberry.field(description="One term of a vocabulary by its code; null when the vocabulary has none.")
    async def term(
        self,
        info: Ctx,
        vocabulary: Annotated[Vocabulary, strawberry.argument(description="The vocabulary.")],
        code: Annotated[str, strawberry.argument(description="The term's code (`FIRE`).")],
    ) -> Term | None:
        found = next((t for t in await vocabulary_terms(info, vocabulary) if t.code == code), None)
        return None if found is None else Term(row=found)

    @strawberry.field(description="Any object by its global id; null when there is none.")
    async def node(self, info: Ctx, id: GlobalId, as_of: AsOf = None) -> Node | None:
        _at(info, as_of)
        return await resolve_node(info, str(id))

    @strawberry.field(description="Objects by global id, in the order asked; null for each unknown id.")
    async def nodes(
        self,
        info: Ctx,
        ids: Annotated[
            list[strawberry.ID],
            strawberry.argument(description="Global ids: at most the maximum page size; each costs as a page item."),
        ],
        as_of: AsOf = None,
    ) -> list[Node | None]:
        limit = info.context.max_page_size
        if len(ids) > limit:
            raise ArgumentError(
                f"ids: {len(ids)} ids, more than the maximum page size of {limit}", "LIST_TOO_LONG", limit
            )
        _at(info, as_of)
        return list(await asyncio.gather(*(resolve_node(info, str(i)) for i in ids)))

    @strawberry.field(
        description="Full-text search, ignoring case and accents; every word must match (as a word prefix)."
    )
    async def search(
        self,
        info: Ctx,
        text: Annotated[str, strawberry.argument(description='The words to find ("helicopter raid").')],
        first: Annotated[int, strawberry.argument(description="At most this many matches of each kind.")] = 20,
        as_of: AsOf = None,
    ) -> SearchResults:
        _at(info, as_of)
        return await search(info, text, first)

    @strawberry.field(
        description="Every write, oldest first (the change feed): rows added, sources retracted, values ranked, "
        "objects corrected; page on with `after` the last cursor."
    )
    async def changes(
        self,
        info: Ctx,
        since: Since = None,
        first: First = None,
        after: After = None,
        as_of: AsOf = None,
    ) -> ChangeConnection:
        _at(info, as_of)
        return await changes(info, since, first, after)

    @strawberry.field(
        description="The proposals found in a source (`propose`), in text order: candidate facts for an editor to "
        "accept or reject. They are no facts, and no other list or search shows them. A withdrawn source's "
        "proposals are not listed as PROPOSED (they can no longer be accepted); with `asOf`, as they stood then: "
        "one proposed later does not exist, one decided later is PROPOSED."
    )
    async def proposals(
        self,
        info: Ctx,
        source: Annotated[
            strawberry.ID, strawberry.argument(description="The source: its global id (`Source:...`) or its id.")
        ],
        status: Annotated[
            ProposalStatus | None,
            strawberry.argument(description="Only proposals with this status (null: PROPOSED)."),
        ] = ProposalStatus.PROPOSED,
        first: First = None,
        after: After = None,
        as_of: AsOf = None,
    ) -> Connection[Proposal]:
        _at(info, as_of)
        return await list_proposals(info, str(source), status or ProposalStatus.PROPOSED, first, after)

    @strawberry.field(
        description="Records that may stand for one person, organization or place, best first, each pair with its "
        "score and why (the most alike names, what both are linked to). Names must be alike for a pair to be "
        "proposed; records merged by SAME are compared as one; pairs judged NOT_SAME or cited as related are "
        "never proposed. Nothing is merged until an editor judges a pair SAME (`judge`)."
    )
    async def candidates(
        self,
        info: Ctx,
        type: Annotated[CandidateType, strawberry.argument(description="Which records to compare.")],
        of: Annotated[
            strawberry.ID | None, strawberry.argument(description="Only pairs holding this record (a global id).")
        ] = None,
        min_score: Annotated[float, strawberry.argument(description="Only pairs scoring at least this.")] = 0.0,
        first: Annotated[int, strawberry.argument(description="At most this many pairs.")] = 20,
        as_of: AsOf = None,
    ) -> list[Candidate]:
        _at(info, as_of)
        return await find_candidates(info, type, of, min_score, first)

    @strawberry.field(description="Source documents, by id.")
    async def sources(
        self,
        info: Ctx,
        filter: Annotated[SourceFilter | None, FILTER] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        as_of: AsOf = None,
    ) -> Connection[Source]:
        _at(info, as_of)
        query = f.sources_query((filter or SourceFilter()).criteria())
        page = PageRequest(first, after, last, before)
        return await paginate(info, _sources, query, f.id_ordering(tables.Source), page)

    @strawberry.field(description="One source document.")
    async def source(self, info: Ctx, id: GlobalId, as_of: AsOf = None) -> Source | None:
        _at(info, as_of)
        key = key_of(str(id), ("Source",))
        row = await info.context.loaders.source_by_id.load(key) if key else None
        return Source.of(row) if row else None

    @strawberry.field(description="One citation.")
    async def citation(self, info: Ctx, id: GlobalId, as_of: AsOf = None) -> Citation | None:
        _at(info, as_of)
        found = await resolve_node(info, str(id)) if key_of(str(id), ("Citation",)) else None
        return found if isinstance(found, Citation) else None

    @strawberry.field(description="Events, by date (undated last), filtered.")
    async def events(
        self,
        info: Ctx,
        filter: Annotated[EventFilter | None, FILTER] = None,
        order_by: Annotated[EventOrder, ORDER] = EventOrder.DATE_ASC,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        as_of: AsOf = None,
    ) -> Connection[Event]:
        _at(info, as_of)
        query = f.events_query((filter or EventFilter()).criteria())
        ordering = f.event_ordering(descending=order_by == EventOrder.DATE_DESC)
        page = await paginate(info, _builder(info, Event), query, ordering, PageRequest(first, after, last, before))
        if selects(info, "edges", "node", "casualties"):
            await prefetch_casualties(info, [edge.node for edge in page.edges], whole_page=True)
        return page

    @strawberry.field(description="One event.")
    async def event(self, info: Ctx, id: GlobalId, as_of: AsOf = None) -> Event | None:
        _at(info, as_of)
        found: Event | None = await _one(info, Event, id, "Event")
        return found

    @strawberry.field(description="Persons, by name, filtered.")
    async def persons(
        self,
        info: Ctx,
        filter: Annotated[PersonFilter | None, FILTER] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        as_of: AsOf = None,
    ) -> Connection[Person]:
        _at(info, as_of)
        query = f.persons_query((filter or PersonFilter()).criteria())
        ordering = f.by_name_ordering(tables.Person)
        return await paginate(info, _builder(info, Person), query, ordering, PageRequest(first, after, last, before))

    @strawberry.field(description="One person.")
    async def person(self, info: Ctx, id: GlobalId, as_of: AsOf = None) -> Person | None:
        _at(info, as_of)
        found: Person | None = await _one(info, Person, id, "Person")
        return found

    @strawberry.field(description="Organizations, by name, filtered.")
    async def organizations(
        self,
        info: Ctx,
        filter: Annotated[OrganizationFilter | None, FILTER] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        as_of: AsOf = None,
    ) -> Connection[Organization]:
        _at(info, as_of)
        query = f.organizations_query((filter or OrganizationFilter()).criteria())
        ordering = f.by_name_ordering(tables.Organization)
        page = PageRequest(first, after, last, before)
        return await paginate(info, _builder(info, Organization), query, ordering, page)

    @strawberry.field(description="One organization.")
    async def organization(self, info: Ctx, id: GlobalId, as_of: AsOf = None) -> Organization | None:
        _at(info, as_of)
        found: Organization | None = await _one(info, Organization, id, "Organization")
        return found

    @strawberry.field(description="Places, by name, filtered.")
    async def places(
        self,
        info: Ctx,
        filter: Annotated[PlaceFilter | None, FILTER] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        as_of: AsOf = None,
    ) -> Connection[Place]:
        _at(info, as_of)
        query = f.places_query((filter or PlaceFilter()).criteria())
        ordering = f.by_name_ordering(tables.Place)
        return await paginate(info, _builder(info, Place), query, ordering, PageRequest(first, after, last, before))

    @strawberry.field(description="One place.")
    async def place(self, info: Ctx, id: GlobalId, as_of: AsOf = None) -> Place | None:
        _at(info, as_of)
        found: Place | None = await _one(info, Place, id, "Place")
        return found

    @strawberry.field(
        description="Casualty figures, filtered. Figures may contain one another (see `parts`): never add a "
        "total to its parts; `casualtyTotals` sums without double counting."
    )
    async def casualties(
        self,
        info: Ctx,
        filter: Annotated[CasualtyFilter | None, FILTER] = None,
        order_by: Annotated[CasualtyOrder, ORDER] = CasualtyOrder.ID,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        as_of: AsOf = None,
    ) -> Connection[Casualty]:
        _at(info, as_of)
        query = f.casualties_query((filter or CasualtyFilter()).criteria())
        ordering = f.casualty_ordering(
            by_count=order_by != CasualtyOrder.ID, descending=order_by == CasualtyOrder.COUNT_DESC
        )
        page = PageRequest(first, after, last, before)
        return await paginate(info, _builder(info, Casualty), query, ordering, page)

    @strawberry.field(
        description="Casualty figures totalled per group without double counting: totals and their parts are shown "
        "rather than added; rival reports of the same people (two figures, or a figure's standing alternatives) count "
        "once, as a range, in one group whatever the grouping; every bound names the values that give it."
    )
    async def casualty_totals(
        self,
        info: Ctx,
        group_by: GroupBy,
        outcome: OutcomeArg = None,
        filter: FilterArg = None,
        as_of: AsOf = None,
    ) -> CasualtyTotals:
        _at(info, as_of)
        return await casualty_totals(info, group_by, outcome, filter)

    @strawberry.field(description="One casualty figure.")
    async def casualty(self, info: Ctx, id: GlobalId, as_of: AsOf = None) -> Casualty | None:
        _at(info, as_of)
        found: Casualty | None = await _one(info, Casualty, id, "Casualty")
        return found

    @strawberry.field(description="Legal proceedings, by id, filtered.")
    async def legal_proceedings(
        self,
        info: Ctx,
        filter: Annotated[LegalProceedingFilter | None, FILTER] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        as_of: AsOf = None,
    ) -> Connection[LegalProceeding]:
        _at(info, as_of)
        query = f.proceedings_query((filter or LegalProceedingFilter()).criteria())
        ordering = f.id_ordering(tables.LegalProceeding)
        page = PageRequest(first, after, last, before)
        return await paginate(info, _builder(info, LegalProceeding), query, ordering, page)

    @strawberry.field(description="One legal proceeding.")
    async def legal_proceeding(self, info: Ctx, id: GlobalId, as_of: AsOf = None) -> LegalProceeding | None:
        _at(info, as_of)
        found: LegalProceeding | None = await _one(info, LegalProceeding, id, "LegalProceeding")
        return found

    @strawberry.field(description="Demands one party made of another, by id.")
    async def demands(
        self,
        info: Ctx,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        as_of: AsOf = None,
    ) -> Connection[Demand]:
        _at(info, as_of)
        ordering = f.id_ordering(tables.Demand)
        page = PageRequest(first, after, last, before)
        return await paginate(info, _builder(info, Demand), f.demands_query(), ordering, page)

    @strawberry.field(description="One set of demands.")
    async def demand(self, info: Ctx, id: GlobalId, as_of: AsOf = None) -> Demand | None:
        _at(info, as_of)
        found: Demand | None = await _one(info, Demand, id, "Demand")
        return found
