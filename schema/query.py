"""The root `Query`: lists and lookups by id for every entity, sources and citations."""

import strawberry
from strawberry.types import Info

from db import tables
from resolvers.context import Context
from schema.actors import Organization, Person, Place
from schema.casualties import Casualty
from schema.context import build_all, build_one
from schema.demands import Demand
from schema.events import Event
from schema.evidence import Citation, Source
from schema.legal import LegalProceeding

Ctx = Info[Context, None]
ID_ARG = strawberry.argument(description="The id; an unknown id returns null.")


@strawberry.type(description="Read the cited facts. Every fact field returns its value with its citations.")
class Query:
    @strawberry.field(description="Every source document, by id.")
    async def sources(self, info: Ctx) -> list[Source]:
        return [Source(row=row) for row in await info.context.all_rows(tables.Source)]

    @strawberry.field(description="One source document.")
    async def source(self, info: Ctx, id: strawberry.ID) -> Source | None:
        row = await info.context.loaders.source_by_id.load(str(id))
        return Source(row=row) if row else None

    @strawberry.field(description="One citation.")
    async def citation(self, info: Ctx, id: strawberry.ID) -> Citation | None:
        row = await info.context.loaders.by_id(tables.Citation).load(str(id))
        if row is None:
            return None
        return Citation(evidence=(await info.context.loaders.evidence([row]))[0])

    @strawberry.field(description="Every event, by date (undated last).")
    async def events(self, info: Ctx) -> list[Event]:
        return await build_all(info, Event, await info.context.all_rows(tables.Event, "date_start"))

    @strawberry.field(description="One event.")
    async def event(self, info: Ctx, id: strawberry.ID) -> Event | None:
        return await build_one(info, Event, tables.Event, str(id))

    @strawberry.field(description="Every person, by name.")
    async def persons(self, info: Ctx) -> list[Person]:
        return await build_all(info, Person, await info.context.all_rows(tables.Person, "name"))

    @strawberry.field(description="One person.")
    async def person(self, info: Ctx, id: strawberry.ID) -> Person | None:
        return await build_one(info, Person, tables.Person, str(id))

    @strawberry.field(description="Every organization, by name.")
    async def organizations(self, info: Ctx) -> list[Organization]:
        return await build_all(info, Organization, await info.context.all_rows(tables.Organization, "name"))

    @strawberry.field(description="One organization.")
    async def organization(self, info: Ctx, id: strawberry.ID) -> Organization | None:
        return await build_one(info, Organization, tables.Organization, str(id))

    @strawberry.field(description="Every place, by name.")
    async def places(self, info: Ctx) -> list[Place]:
        return await build_all(info, Place, await info.context.all_rows(tables.Place, "name"))

    @strawberry.field(description="One place.")
    async def place(self, info: Ctx, id: strawberry.ID) -> Place | None:
        return await build_one(info, Place, tables.Place, str(id))

    @strawberry.field(description="Every casualty figure, by id. Figures may contain one another: see `parts`.")
    async def casualties(self, info: Ctx) -> list[Casualty]:
        return await build_all(info, Casualty, await info.context.all_rows(tables.Casualty))

    @strawberry.field(description="One casualty figure.")
    async def casualty(self, info: Ctx, id: strawberry.ID) -> Casualty | None:
        return await build_one(info, Casualty, tables.Casualty, str(id))

    @strawberry.field(description="Every legal proceeding, by title.")
    async def legal_proceedings(self, info: Ctx) -> list[LegalProceeding]:
        rows = await info.context.all_rows(tables.LegalProceeding, "title")
        return await build_all(info, LegalProceeding, rows)

    @strawberry.field(description="One legal proceeding.")
    async def legal_proceeding(self, info: Ctx, id: strawberry.ID) -> LegalProceeding | None:
        return await build_one(info, LegalProceeding, tables.LegalProceeding, str(id))

    @strawberry.field(description="Every set of demands one party made of another.")
    async def demands(self, info: Ctx) -> list[Demand]:
        return await build_all(info, Demand, await info.context.all_rows(tables.Demand))

    @strawberry.field(description="One set of demands.")
    async def demand(self, info: Ctx, id: strawberry.ID) -> Demand | None:
        return await build_one(info, Demand, tables.Demand, str(id))
