"""Every node type, by GraphQL name and by table, and fetching any node by global id."""

from typing import Any

from strawberry.types import Info

from db import tables
from db.actors import ALIAS_OWNERS
from db.tables import FACT_TABLES
from resolvers.context import Context
from schema.actors import Membership, Organization, OrganizationRelationship, Person, PersonRelationship, Place
from schema.casualties import Casualty, CasualtyAffiliation, CasualtyComponent, CasualtyRank
from schema.context import build_one
from schema.demands import Demand, DemandTerm
from schema.events import Event, Participation
from schema.evidence import Citation, Source
from schema.legal import Charge, Defendant, Hearing, Judge, LegalProceeding, PleaEntry
from schema.node import Node, global_id, parse_global_id
from schema.proposals import Proposal
from schema.resolution import Judgement

Ctx = Info[Context, None]

BUILT_NODES: dict[str, Any] = {
    cls.__name__: cls
    for cls in (
        Place,
        Person,
        Organization,
        Membership,
        PersonRelationship,
        OrganizationRelationship,
        Event,
        Participation,
        Casualty,
        CasualtyAffiliation,
        CasualtyRank,
        CasualtyComponent,
        LegalProceeding,
        Defendant,
        Charge,
        Hearing,
        PleaEntry,
        Judge,
        Demand,
        DemandTerm,
    )
}


async def resolve_node(info: Ctx, value: str) -> Node | None:
    parsed = parse_global_id(value)
    if parsed is None:
        return None
    type_name, key = parsed
    loaders = info.context.loaders
    if type_name == "Source":
        source = await loaders.source_by_id.load(key)
        return Source.of(source) if source else None
    if type_name == "Citation":
        row = await loaders.by_id(tables.Citation).load(key)
        return Citation.of((await loaders.evidence([row]))[0]) if row else None
    if type_name == "Judgement":
        judgement = await loaders.by_id(tables.Judgement).load(key)
        return Judgement.of(judgement) if judgement else None
    if type_name == "Proposal":
        from resolvers.proposals import proposal_by_id

        proposal = await proposal_by_id(info.context.reads, key)
        return Proposal.of(proposal) if proposal else None
    cls = BUILT_NODES.get(type_name)
    if cls is None:
        return None
    found: Node | None = await build_one(info, cls, FACT_TABLES[cls.TABLE], key)
    return found


BY_TABLE: dict[str, Any] = {cls.TABLE: cls for cls in BUILT_NODES.values()}


async def node_of_row(info: Ctx, table: str, key: str) -> Node | None:
    """The object of one row of a fact table (None if the table has no node type or the row is gone); an alias's is
    its owner's, a judgement's the `Judgement`."""
    if table == "judgement":
        return await resolve_node(info, global_id("Judgement", key))
    if table == "alias":
        alias = await info.context.loaders.by_id(tables.Alias).load(key)
        owner = None if alias is None else next((t for t, c in ALIAS_OWNERS.items() if getattr(alias, c)), None)
        if alias is None or owner is None:
            return None
        table, key = owner, getattr(alias, ALIAS_OWNERS[owner])
    cls = BY_TABLE.get(table)
    if cls is None:
        return None
    found: Node | None = await build_one(info, cls, FACT_TABLES[table], key)
    return found
