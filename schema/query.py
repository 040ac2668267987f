"""The root `Query`: paginated, filtered lists, lookups by global id, and `node`/`nodes`."""

import asyncio
from collections.abc import Sequence
from typing import Annotated

import strawberry

from db import tables
from db.enums import Vocabulary
from resolvers import filters as f
from schema.actors import Organization, Person, Place
from schema.arguments import ArgumentError
from schema.casualties import Casualty
from schema.changes import ChangeConnection, Since, changes
from schema.connection import Connection
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
from schema.root_arguments import After, AsOf, Ctx, First, GlobalId, read_at
from schema.root_fields import RootList
from schema.search import SearchResults, search
from schema.selection import selects
from schema.terms import Term, vocabulary_terms
from schema.totals import CasualtyTotals, FilterArg, GroupBy, OutcomeArg, casualty_totals


async def _sources(info: Ctx, rows: Sequence[tables.Source]) -> list[Source]:
    return [Source.of(row) for row in rows]


async def _source(info: Ctx, key: str) -> Source | None:
    row = await info.context.loaders.source_by_id.load(key)
    return Source.of(row) if row else None


async def _prefetch_casualties(info: Ctx, page: Connection[Event]) -> None:
    """A page of events selecting their casualties loads them for the whole page at once."""
    if selects(info, "edges", "node", "casualties"):
        await prefetch_casualties(info, [edge.node for edge in page.edges], whole_page=True)


SOURCES = RootList(
    Source,
    description="Source documents, by id.",
    lookup_description="One source document.",
    filter=SourceFilter,
    query=f.sources_query,
    ordering=f.id_ordering(tables.Source),
    build=_sources,
    find=_source,
)
EVENTS = RootList(
    Event,
    description="Events, by date (undated last), filtered.",
    lookup_description="One event.",
    filter=EventFilter,
    query=f.events_query,
    order_by=EventOrder.DATE_ASC,
    ordering={
        EventOrder.DATE_ASC: f.event_ordering(descending=False),
        EventOrder.DATE_DESC: f.event_ordering(descending=True),
    },
    after_page=_prefetch_casualties,
)
PERSONS = RootList(
    Person,
    description="Persons, by name, filtered.",
    lookup_description="One person.",
    filter=PersonFilter,
    query=f.persons_query,
    ordering=f.by_name_ordering(tables.Person),
)
ORGANIZATIONS = RootList(
    Organization,
    description="Organizations, by name, filtered.",
    lookup_description="One organization.",
    filter=OrganizationFilter,
    query=f.organizations_query,
    ordering=f.by_name_ordering(tables.Organization),
)
PLACES = RootList(
    Place,
    description="Places, by name, filtered.",
    lookup_description="One place.",
    filter=PlaceFilter,
    query=f.places_query,
    ordering=f.by_name_ordering(tables.Place),
)
CASUALTIES = RootList(
    Casualty,
    description="Casualty figures, filtered. Figures may contain one another (see `parts`): never add a total to "
    "its parts; `casualtyTotals` sums without double counting.",
    lookup_description="One casualty figure.",
    filter=CasualtyFilter,
    query=f.casualties_query,
    order_by=CasualtyOrder.ID,
    ordering={
        CasualtyOrder.ID: f.casualty_ordering(by_count=False, descending=False),
        CasualtyOrder.COUNT_ASC: f.casualty_ordering(by_count=True, descending=False),
        CasualtyOrder.COUNT_DESC: f.casualty_ordering(by_count=True, descending=True),
    },
)
LEGAL_PROCEEDINGS = RootList(
    LegalProceeding,
    description="Legal proceedings, by id, filtered.",
    lookup_description="One legal proceeding.",
    filter=LegalProceedingFilter,
    query=f.proceedings_query,
    ordering=f.id_ordering(tables.LegalProceeding),
)
DEMANDS = RootList(
    Demand,
    description="Demands one party made of another, by id.",
    lookup_description="One set of demands.",
    query=f.demands_query,
    ordering=f.id_ordering(tables.Demand),
)


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
        read_at(info, as_of)
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
        read_at(info, as_of)
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
        read_at(info, as_of)
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
        read_at(info, as_of)
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
        read_at(info, as_of)
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
        read_at(info, as_of)
        return await find_candidates(info, type, of, min_score, first)

    sources = SOURCES.list_field()
    source = SOURCES.lookup_field()

    @strawberry.field(description="One citation.")
    async def citation(self, info: Ctx, id: GlobalId, as_of: AsOf = None) -> Citation | None:
        read_at(info, as_of)
        found = await resolve_node(info, str(id)) if key_of(str(id), ("Citation",)) else None
        return found if isinstance(found, Citation) else None

    events = EVENTS.list_field()
    event = EVENTS.lookup_field()
    persons = PERSONS.list_field()
    person = PERSONS.lookup_field()
    organizations = ORGANIZATIONS.list_field()
    organization = ORGANIZATIONS.lookup_field()
    places = PLACES.list_field()
    place = PLACES.lookup_field()
    casualties = CASUALTIES.list_field()

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
        read_at(info, as_of)
        return await casualty_totals(info, group_by, outcome, filter)

    casualty = CASUALTIES.lookup_field()
    legal_proceedings = LEGAL_PROCEEDINGS.list_field()
    legal_proceeding = LEGAL_PROCEEDINGS.lookup_field()
    demands = DEMANDS.list_field()
    demand = DEMANDS.lookup_field()
