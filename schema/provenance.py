"""What rests on the evidence: the cited values a source or a citation supports."""

from typing import Annotated

import strawberry
from strawberry.types import Info

from db import tables
from db.base import RECORD
from resolvers.context import Context
from schema.connection import Connection
from schema.evidence import Citation
from schema.node import Node

Ctx = Info[Context, None]

LISTED_VALUES = {"casualty_category": (tables.CasualtyCategoryLink, "casualty_id", "categories")}
"""Rows that are items of a cited list on their parent object: (table, parent column, parent field)."""


@strawberry.type(description="One cited value resting on a citation: an object's field, or a relation itself.")
class Support:
    link: strawberry.Private[tables.FactCitation]

    @strawberry.field(
        description="The GraphQL field of `node` the citation supports; `citations` for a relation as a whole."
    )
    def field(self) -> str:
        if self.link.entity_type in LISTED_VALUES:
            return LISTED_VALUES[self.link.entity_type][2]
        return "citations" if self.link.field == RECORD else self.link.field

    @strawberry.field(description="The object (entity or relation) holding the value.")
    async def node(self, info: Ctx) -> Annotated["Node", strawberry.lazy("schema.node")] | None:
        from schema.registry import node_of_row

        table, key = self.link.entity_type, self.link.entity_id
        if table in LISTED_VALUES:
            link_table, parent_column, _ = LISTED_VALUES[table]
            row = await info.context.loaders.by_id(link_table).load(key)
            if row is None:
                return None
            table, key = "casualty", getattr(row, parent_column)
        return await node_of_row(info, table, key)

    @strawberry.field(description="The citation that supports the value.")
    async def citation(self, info: Ctx) -> Citation:
        loaders = info.context.loaders
        row = await loaders.by_id(tables.Citation).load(self.link.citation_id)
        if row is None:
            raise LookupError(f"citation {self.link.citation_id!r} is linked but missing")
        return Citation.of((await loaders.evidence([row]))[0])

    @strawberry.field(
        description="How many other citations support the same value; 0 means the value falls with this one."
    )
    async def other_citations(self, info: Ctx) -> int:
        evidence = await info.context.loaders.citations_by_entity.load((self.link.entity_type, self.link.entity_id))
        return sum(1 for e in evidence.get(self.link.field, ()) if e.citation.id != self.link.citation_id)

    @strawberry.field(
        description="How many other sources support the same value; 0 means it falls if this source is withdrawn."
    )
    async def other_sources(self, info: Ctx) -> int:
        evidence = await info.context.loaders.citations_by_entity.load((self.link.entity_type, self.link.entity_id))
        citation = await info.context.loaders.by_id(tables.Citation).load(self.link.citation_id)
        source_id = citation.source_id if citation else None
        return len({e.source.id for e in evidence.get(self.link.field, ())} - {source_id})


@strawberry.type(name="SupportConnection", description="A page of the cited values resting on a source.")
class SupportConnection(Connection[Support]):
    pass
