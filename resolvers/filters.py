"""What each root list can be filtered and sorted by, as SQL over the fact tables.

Criteria hold raw row keys (the API layer has already decoded global ids); a criterion left as None does
not filter. Lists of values match any of them; a term's code (a kind, a category) also matches every term below
it (DISASTER matches FIRE). With `match_alternatives`, a criterion on a cited field also matches
the field's standing alternatives (`resolvers.alternatives`); relations (participants, affiliations, categories)
have none.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlmodel import col

from db.derived import fold, sort_day
from db.enums import CasualtyOutcome, Plea, SourceKind, Vocabulary
from db.tables import (
    Casualty,
    CasualtyAffiliation,
    CasualtyCategoryLink,
    Charge,
    Defendant,
    Demand,
    Event,
    EventParticipant,
    LegalProceeding,
    Membership,
    Organization,
    Person,
    Place,
    PleaEntry,
    Source,
)
from db.terms import narrower_codes
from resolvers.alternatives import dates_overlap, either, one_of
from resolvers.merged_filters import named, same_as, standing
from resolvers.pagination import Ordering, SortKey

AGENTS = ("person", "organization")
"""Who acts, speaks or reports: person and organization ids share one namespace."""


def _id_key(table: Any) -> SortKey:
    return SortKey(table.id, lambda row: row.id, "str")


def _contains_folded(column: Any, text: str) -> Any:
    """Case- and accent-insensitive substring match against a folded column."""
    escaped = fold(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.like(f"%{escaped}%", escape="\\")


# -- events -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventCriteria:
    kinds: Sequence[str] | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    place: str | None = None
    participant: str | None = None
    parent: str | None = None
    match_alternatives: bool = False


def events_query(c: EventCriteria) -> Select[Any]:
    """Events matching every criterion. A date range matches an event whose date, at its precision,
    overlaps the range: an event known only as "January 2026" matches 2026-01-20..2026-02-10."""
    query = select(Event)
    rivals = c.match_alternatives
    if c.kinds:
        kinds = narrower_codes(Vocabulary.EVENT_KIND, c.kinds)
        query = query.where(either(rivals, col(Event.kind).in_(kinds), Event, "kind", lambda v: v("kind").in_(kinds)))
    if c.date_from is not None or c.date_to is not None:
        held = and_(
            *([col(Event.date_latest) >= c.date_from] if c.date_from is not None else []),
            *([col(Event.date_start) <= c.date_to] if c.date_to is not None else []),
        )
        date_from, date_to = c.date_from, c.date_to
        query = query.where(
            either(
                rivals,
                held,
                Event,
                "date",
                lambda v: dates_overlap(v("date_start"), v("date_end"), v("date_precision"), date_from, date_to),
            )
        )
    if c.place is not None:
        place = c.place
        places = same_as(place, "place")
        query = query.where(
            either(rivals, col(Event.place_id).in_(places), Event, "place", lambda v: v("place_id").in_(places))
        )
    if c.parent is not None:
        parent = c.parent
        query = query.where(
            either(rivals, col(Event.parent_id) == parent, Event, "parent", lambda v: v("parent_id") == parent)
        )
    if c.participant is not None:
        taking_part = select(col(EventParticipant.event_id)).where(
            or_(
                col(EventParticipant.person_id).in_(same_as(c.participant, *AGENTS)),
                col(EventParticipant.organization_id).in_(same_as(c.participant, *AGENTS)),
            )
        )
        query = query.where(col(Event.id).in_(taking_part))
    return query


def event_ordering(descending: bool) -> Ordering:
    """By date, undated events last in either direction, then by id (an index serves each direction)."""
    column = Event.date_sort_desc if descending else Event.date_sort_asc
    by_date = SortKey(column, lambda row: sort_day(row.date_start, descending), "date")
    return Ordering((by_date, _id_key(Event)), descending)


# -- casualties -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CasualtyCriteria:
    event: str | None = None
    affiliation: str | None = None
    outcomes: list[CasualtyOutcome] | None = None
    categories: Sequence[str] | None = None
    reported_by: str | None = None
    match_alternatives: bool = False


def casualties_query(c: CasualtyCriteria) -> Select[Any]:
    query = select(Casualty)
    rivals = c.match_alternatives
    if c.event is not None:
        event = c.event
        query = query.where(
            either(rivals, col(Casualty.event_id) == event, Casualty, "event", lambda v: v("event_id") == event)
        )
    if c.outcomes:
        outcomes = c.outcomes
        held = col(Casualty.outcome).in_(outcomes)
        query = query.where(either(rivals, held, Casualty, "outcome", lambda v: one_of(v("outcome"), list(outcomes))))
    if c.reported_by is not None:
        reporters = same_as(c.reported_by, *AGENTS)
        query = query.where(
            either(
                rivals,
                or_(
                    col(Casualty.reported_by_person_id).in_(reporters),
                    col(Casualty.reported_by_organization_id).in_(reporters),
                ),
                Casualty,
                "reportedBy",
                lambda v: or_(
                    v("reported_by_person_id").in_(reporters), v("reported_by_organization_id").in_(reporters)
                ),
            )
        )
    if c.affiliation is not None:
        affiliated = select(col(CasualtyAffiliation.casualty_id)).where(
            or_(
                col(CasualtyAffiliation.organization_id).in_(same_as(c.affiliation, "organization")),
                col(CasualtyAffiliation.country_id).in_(same_as(c.affiliation, "place")),
            )
        )
        query = query.where(col(Casualty.id).in_(affiliated))
    if c.categories:
        in_category = select(col(CasualtyCategoryLink.casualty_id)).where(
            col(CasualtyCategoryLink.category).in_(narrower_codes(Vocabulary.CASUALTY_CATEGORY, c.categories))
        )
        query = query.where(col(Casualty.id).in_(in_category))
    return query


def casualty_ordering(by_count: bool, descending: bool) -> Ordering:
    """By id, or by the count's lower bound (unknown counts last in either direction), then id."""
    if not by_count:
        return Ordering((_id_key(Casualty),), descending)
    unknown = -1 if descending else 2**31 - 1
    by_low = SortKey(
        func.coalesce(col(Casualty.count_low), unknown),
        lambda row: row.count_low if row.count_low is not None else unknown,
        "int",
    )
    return Ordering((by_low, _id_key(Casualty)), descending)


# -- persons, organizations, places -------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonCriteria:
    name: str | None = None
    role: str | None = None
    organization: str | None = None


def persons_query(c: PersonCriteria) -> Select[Any]:
    query = select(Person).where(standing(Person))
    if c.name:
        query = query.where(named(Person, partial(_contains_folded, text=c.name)))
    if c.role or c.organization:
        holding = select(col(Membership.person_id))
        if c.role:
            holding = holding.where(_contains_folded(col(Membership.role_folded), c.role))
        if c.organization:
            holding = holding.where(col(Membership.organization_id).in_(same_as(c.organization, "organization")))
        query = query.where(col(Person.id).in_(holding))
    return query


def by_name_ordering(table: Any) -> Ordering:
    key = SortKey(table.name_folded, lambda row: row.name_folded or "", "str")
    return Ordering((key, _id_key(table)))


@dataclass(frozen=True)
class OrganizationCriteria:
    name: str | None = None
    kinds: Sequence[str] | None = None
    country: str | None = None


def organizations_query(c: OrganizationCriteria) -> Select[Any]:
    query = select(Organization).where(standing(Organization))
    if c.name:
        query = query.where(named(Organization, partial(_contains_folded, text=c.name)))
    if c.kinds:
        query = query.where(col(Organization.kind).in_(narrower_codes(Vocabulary.ORGANIZATION_KIND, c.kinds)))
    if c.country is not None:
        query = query.where(col(Organization.country_id).in_(same_as(c.country, "place")))
    return query


@dataclass(frozen=True)
class PlaceCriteria:
    name: str | None = None
    kinds: Sequence[str] | None = None
    within: str | None = None


def places_query(c: PlaceCriteria) -> Select[Any]:
    query = select(Place).where(standing(Place))
    if c.name:
        query = query.where(named(Place, partial(_contains_folded, text=c.name)))
    if c.kinds:
        query = query.where(col(Place.kind).in_(narrower_codes(Vocabulary.PLACE_KIND, c.kinds)))
    if c.within is not None:
        query = query.where(col(Place.within_id).in_(same_as(c.within, "place")))
    return query


# -- legal proceedings, demands, sources ------------------------------------------------------------------


@dataclass(frozen=True)
class ProceedingCriteria:
    defendant: str | None = None
    charge: str | None = None
    plea: Plea | None = None


def proceedings_query(c: ProceedingCriteria) -> Select[Any]:
    query = select(LegalProceeding)
    if c.defendant is not None:
        query = query.where(
            col(LegalProceeding.id).in_(
                select(col(Defendant.proceeding_id)).where(col(Defendant.person_id).in_(same_as(c.defendant, "person")))
            )
        )
    if c.charge:
        pattern = f"%{c.charge.lower()}%"
        charged = select(col(Charge.proceeding_id)).where(func.lower(col(Charge.offence)).like(pattern))
        query = query.where(col(LegalProceeding.id).in_(charged))
    if c.plea is not None:
        pleaded = (
            select(col(Defendant.proceeding_id))
            .join(PleaEntry, col(PleaEntry.defendant_id) == col(Defendant.id))
            .where(col(PleaEntry.plea) == c.plea)
        )
        query = query.where(col(LegalProceeding.id).in_(pleaded))
    return query


def demands_query() -> Select[Any]:
    return select(Demand)


@dataclass(frozen=True)
class SourceCriteria:
    kinds: list[SourceKind] | None = None
    publisher: str | None = None


def sources_query(c: SourceCriteria) -> Select[Any]:
    query = select(Source)
    if c.kinds:
        query = query.where(col(Source.kind).in_(c.kinds))
    if c.publisher:
        query = query.where(func.lower(col(Source.publisher)) == c.publisher.lower())
    return query


def id_ordering(table: Any) -> Ordering:
    return Ordering((_id_key(table),))
