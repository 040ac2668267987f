"""Events, their nesting and participants."""

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

import strawberry
from strawberry.types import Info

from db import tables
from resolvers.context import Context
from resolvers.evidence import FieldEvidence
from schema.actors import Agent, CitedPlace, Organization, Person, Place
from schema.cited import Cited, CitedEventKind, CitedRecord, CitedString, Historied
from schema.cited_fields import CitedFields
from schema.context import build_all, build_children, build_page, build_ref
from schema.evidence import citations
from schema.node import Node, global_id

if TYPE_CHECKING:
    from schema.casualties import CitedCasualty

Ctx = Info[Context, None]
FACTS = CitedFields(tables.Event, __name__)


@strawberry.type(description="Something that happened, with its date, place, parent event and participants.")
class Event(Node, Historied):
    TABLE: ClassVar[str] = "event"
    PREFETCHABLE: ClassVar[frozenset[str]] = frozenset({"casualties"})
    """Relations a page of events can load for all its events at once (see `prefetch_casualties`)."""
    row: strawberry.Private[tables.Event]
    evidence: strawberry.Private[FieldEvidence]
    prefetched: strawberry.Private[dict[str, Any]] = dataclasses.field(default_factory=dict)

    @classmethod
    def from_row(cls, row: tables.Event, evidence: FieldEvidence) -> "Event":
        return cls(row=row, evidence=evidence, id=global_id("Event", row.id))

    title = FACTS.value("title", CitedString, description="A short title for the event, supported by its citations.")
    kind = FACTS.value("kind", CitedEventKind, description="What kind of event this is.")
    description = FACTS.value("description", CitedString, description="What happened, in a sentence.")
    date = FACTS.date(
        "date",
        start="date_start",
        precision="date_precision",
        end="date_end",
        open_ended="date_open_ended",
        description="When it happened, to the precision the sources allow.",
    )
    time = FACTS.time(
        "time",
        value="time_of_day",
        zone="time_zone",
        precision="time_precision",
        description='The local time of day it happened ("shortly after 10 p.m."), with its time zone where known.',
    )
    place = FACTS.reference("place", CitedPlace, Place, description="Where it happened.")
    parent = FACTS.reference(
        "parent",
        "CitedEvent",
        "Event",
        description="The larger event this one is part of (the operation a raid belongs to).",
    )

    @strawberry.field(description="The events that are part of this one, by date; each with its `parent` citations.")
    async def sub_events(self, info: Ctx) -> list["CitedEvent"]:
        children = await build_children(info, Event, tables.Event, "parent_id", self.row.id)
        children.sort(key=lambda e: (e.row.date_start is None, e.row.date_start, e.row.id))
        return [CitedEvent(value=child, citations=citations(child.evidence, "parent")) for child in children]

    @strawberry.field(description="Who took part, and in what role.")
    async def participants(self, info: Ctx) -> list["Participation"]:
        return await build_children(info, Participation, tables.EventParticipant, "event_id", self.row.id)

    @strawberry.field(description="Casualty figures reported for this event; each with its `event` citations.")
    async def casualties(self, info: Ctx) -> list[Annotated["CitedCasualty", strawberry.lazy("schema.casualties")]]:
        if "casualties" in self.prefetched:
            prefetched: list[CitedCasualty] = self.prefetched["casualties"]
            return prefetched
        await prefetch_casualties(info, [self])
        loaded: list[CitedCasualty] = self.prefetched["casualties"]
        return loaded


@strawberry.type(
    name="CitedEvent", description="A reference to an event, with the citations that support the reference."
)
class CitedEvent(Cited[Event]):
    pass


@strawberry.type(description="A person or organization taking part in an event; `citations` support it.")
class Participation(Node, Historied, CitedRecord):
    TABLE: ClassVar[str] = "event_participant"
    row: strawberry.Private[tables.EventParticipant]
    evidence: strawberry.Private[FieldEvidence]
    role: str = strawberry.field(description='The part they played ("attacking force", "captured").')

    @classmethod
    def from_row(cls, row: tables.EventParticipant, evidence: FieldEvidence) -> "Participation":
        return cls(
            row=row,
            evidence=evidence,
            id=global_id("Participation", row.id),
            role=row.role,
        )

    @strawberry.field(description="The event.")
    async def event(self, info: Ctx) -> Event:
        return await build_ref(info, Event, tables.Event, self.row.event_id)

    @strawberry.field(description="The person or organization taking part.")
    async def participant(self, info: Ctx) -> Agent:
        if self.row.person_id is not None:
            return await build_ref(info, Person, tables.Person, self.row.person_id)
        return await build_ref(info, Organization, tables.Organization, str(self.row.organization_id))


async def prefetch_casualties(info: Ctx, events: Sequence[Event], whole_page: bool = False) -> None:
    """Load the casualty figures of all `events` in one batch into their `prefetched`, so that a page of
    events can be completed without one resolver call per event. `whole_page` when `events` are a whole
    page (loads go direct); not when called once per event (loads coalesce)."""
    from schema.casualties import Casualty, CitedCasualty

    loader = info.context.loaders.by_column(tables.Casualty, "event_id")
    keys = [event.row.id for event in events]
    rows = await (loader.load_page(keys) if whole_page else loader.load_many(keys))
    build = build_page if whole_page else build_all
    built = iter(await build(info, Casualty, [row for found in rows for row in found]))
    for event, found in zip(events, rows, strict=True):
        figures = [next(built) for _ in found]
        event.prefetched["casualties"] = [
            CitedCasualty(value=c, citations=citations(c.evidence, "event")) for c in figures
        ]
