"""`casualtyTotals`: sums of casualty figures per group that never count the same people twice."""

import asyncio
from collections.abc import Hashable, Sequence
from enum import Enum
from typing import Annotated, Any, cast

import strawberry
from strawberry.types import Info

from db import tables
from resolvers import filters as f
from resolvers.context import Context
from resolvers.totals import Figure, Totals, compute_totals
from schema.casualties import Casualty
from schema.context import build_all
from schema.enums import CasualtyCategory, CasualtyOutcome
from schema.filters import CasualtyFilter
from schema.node import Node, global_id

Ctx = Info[Context, None]


@strawberry.enum(description="What to total casualty figures by.")
class CasualtyGrouping(Enum):
    AFFILIATION = strawberry.enum_value(
        "AFFILIATION",
        description="One group per set of organizations and countries the people counted belonged to "
        "(`Casualty.affiliations`).",
    )
    CATEGORY = strawberry.enum_value(
        "CATEGORY", description="One group per set of categories of the people counted (`Casualty.categories`)."
    )
    OUTCOME = strawberry.enum_value("OUTCOME", description="One group per outcome (`Casualty.outcome`).")
    EVENT = strawberry.enum_value("EVENT", description="One group per event the figures are about.")
    REPORTER = strawberry.enum_value(
        "REPORTER", description="One group per person or organization that reported the figures."
    )


@strawberry.type(description="Rival reports of the same people: counted once, as the range they span.")
class RivalReports:
    figures: list[Casualty] = strawberry.field(description="The figures that disagree.")


@strawberry.type(description="A figure left out of the sums because other figures count the same people.")
class CasualtyOverlap:
    figure: Casualty = strawberry.field(description="The figure left out.")
    counted_instead: list[Casualty] = strawberry.field(description="The figures counted in its place.")
    reason: str = strawberry.field(description="Why it was left out.")


@strawberry.type(description="The sum of the figures of one group, with every figure added (and its citations).")
class CasualtyTotal:
    label: str = strawberry.field(description="The group, in words.")
    members: list[Node] = strawberry.field(
        description="The organizations, countries, event or reporter the group stands for (empty for enum groups)."
    )
    categories: list[CasualtyCategory] = strawberry.field(description="The categories, when grouped by CATEGORY.")
    outcome: CasualtyOutcome | None = strawberry.field(description="The outcome, when grouped by OUTCOME.")
    low: int = strawberry.field(description="The sum of the lower bounds.")
    high: int | None = strawberry.field(description="The sum of the upper bounds; null when any is unknown.")
    inputs: list[Casualty] = strawberry.field(
        description="The figures added; their `count.citations` are the evidence."
    )
    rival_reports: list[RivalReports] = strawberry.field(description="Disagreeing reports, each counted once.")
    uncounted: list[Casualty] = strawberry.field(
        description="Figures with no count (UNKNOWN, MANY): they add nothing to `low` and make `high` unknown."
    )


@strawberry.type(description="Casualty figures totalled per group, with every overlap between figures shown.")
class CasualtyTotals:
    low: int = strawberry.field(description="The sum over all groups of the lower bounds.")
    high: int | None = strawberry.field(description="The sum over all groups of the upper bounds, if all are known.")
    groups: list[CasualtyTotal] = strawberry.field(description="One total per group, largest first.")
    overlaps: list[CasualtyOverlap] = strawberry.field(description="Figures left out so that none counts twice.")


async def casualty_totals(
    info: Ctx, group_by: CasualtyGrouping, outcome: CasualtyOutcome | None, filter: CasualtyFilter | None
) -> CasualtyTotals:
    criteria = (filter or CasualtyFilter()).criteria()
    if outcome is not None:
        criteria = f.CasualtyCriteria(**{**criteria.__dict__, "outcomes": [*(criteria.outcomes or []), outcome]})
    ctx = info.context
    async with ctx.reads.connection() as connection:
        found = (await connection.execute(f.casualties_query(criteria))).all()
    rows = cast(Sequence[tables.Casualty], found)
    ids = [row.id for row in rows]
    loaders = ctx.loaders
    affiliations = await loaders.by_column(tables.CasualtyAffiliation, "casualty_id").load_many(ids)
    categories = await loaders.by_column(tables.CasualtyCategoryLink, "casualty_id").load_many(ids)
    parts = await loaders.by_column(tables.CasualtyComponent, "total_id").load_many(ids)
    affiliated = {
        row.id: tuple(sorted(_affiliation_id(a) for a in found)) for row, found in zip(rows, affiliations, strict=True)
    }
    categorized = {
        row.id: tuple(sorted(c.category.value for c in found)) for row, found in zip(rows, categories, strict=True)
    }
    figures = [
        Figure(
            id=row.id,
            low=row.count_low,
            high=row.count_high,
            event=row.event_id,
            outcome=row.outcome.value,
            reporter=row.reported_by_person_id or row.reported_by_organization_id,
            affected=(affiliated[row.id], categorized[row.id]),
        )
        for row in rows
    ]
    by_id = {row.id: row for row in rows}
    totals = compute_totals(
        figures,
        [(c.total_id, c.part_id) for found in parts for c in found],
        lambda fig: _group_key(group_by, by_id[fig.id], affiliated[fig.id], categorized[fig.id]),
    )
    return await _present(info, group_by, totals, by_id)


def _affiliation_id(link: tables.CasualtyAffiliation) -> str:
    if link.organization_id is not None:
        return global_id("Organization", link.organization_id)
    return global_id("Place", str(link.country_id))


def _group_key(
    group_by: CasualtyGrouping, row: tables.Casualty, affiliations: tuple[str, ...], categories: tuple[str, ...]
) -> Hashable:
    if group_by == CasualtyGrouping.AFFILIATION:
        return affiliations
    if group_by == CasualtyGrouping.CATEGORY:
        return categories
    if group_by == CasualtyGrouping.OUTCOME:
        return (row.outcome.value,)
    if group_by == CasualtyGrouping.EVENT:
        return (global_id("Event", row.event_id),) if row.event_id else ()
    reporter = row.reported_by_person_id or row.reported_by_organization_id
    kind = "Person" if row.reported_by_person_id else "Organization"
    return (global_id(kind, reporter),) if reporter else ()


async def _present(
    info: Ctx, group_by: CasualtyGrouping, totals: Totals, rows: dict[str, tables.Casualty]
) -> CasualtyTotals:
    from schema.registry import resolve_node

    built = {c.row.id: c for c in await build_all(info, Casualty, list(rows.values()))}
    enum_group = group_by in (CasualtyGrouping.CATEGORY, CasualtyGrouping.OUTCOME)
    member_ids = [] if enum_group else sorted({k for g in totals.groups for k in cast(tuple[str, ...], g.key)})
    nodes = dict(zip(member_ids, await asyncio.gather(*(resolve_node(info, k) for k in member_ids)), strict=True))
    groups = []
    for group in totals.groups:
        keys = cast(tuple[Any, ...], group.key)
        members = [] if enum_group else [m for m in (nodes.get(k) for k in keys) if m is not None]
        label = " + ".join(keys) if enum_group else " + ".join(_name(m) for m in members)
        groups.append(
            CasualtyTotal(
                label=label or "(not stated)",
                members=members,
                categories=[CasualtyCategory(k) for k in keys] if group_by == CasualtyGrouping.CATEGORY else [],
                outcome=CasualtyOutcome(keys[0]) if group_by == CasualtyGrouping.OUTCOME else None,
                low=group.low,
                high=group.high,
                inputs=[built[i] for i in group.inputs],
                rival_reports=[RivalReports(figures=[built[i] for i in ids]) for ids in group.rivals],
                uncounted=[built[i] for i in group.uncounted],
            )
        )
    return CasualtyTotals(
        low=totals.low,
        high=totals.high,
        groups=groups,
        overlaps=[
            CasualtyOverlap(
                figure=built[o.figure], counted_instead=[built[i] for i in o.counted_instead], reason=o.reason
            )
            for o in totals.overlaps
        ],
    )


def _name(node: Node) -> str:
    """A group member's name (persons, organizations, places) or title (events), from its row."""
    row = getattr(node, "row", None)
    name = getattr(row, "name", None) or getattr(row, "title", None)
    return str(name) if name is not None else str(node.id)


GroupBy = Annotated[CasualtyGrouping, strawberry.argument(description="What to total by.")]
OutcomeArg = Annotated[
    CasualtyOutcome | None, strawberry.argument(description="Only figures of this outcome (KILLED, ...).")
]
FilterArg = Annotated[CasualtyFilter | None, strawberry.argument(description="Which figures to total.")]
