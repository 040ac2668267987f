"""`casualtyTotals`: sums of casualty figures per group that never count the same people twice."""

import asyncio
from collections.abc import Sequence
from enum import Enum
from typing import Annotated, Any, cast

import strawberry
from strawberry.types import Info

from db import tables
from db.values import stated_value
from resolvers import filters as f
from resolvers.context import Context
from resolvers.disputes import Claim, count_claims, span, standing
from resolvers.evidence import Evidence, FieldEvidence, Rival
from resolvers.totals import Figure, GroupKey, Totals, ValueRef, compute_totals
from schema.casualties import Casualty
from schema.cited import Alternative
from schema.context import build_all
from schema.enums import CasualtyOutcome
from schema.evidence import Citation, Source
from schema.filters import CasualtyFilter
from schema.node import Node, global_id
from schema.terms import TermCode

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
        "REPORTER",
        description="One group per set of persons and organizations that reported the figures: a figure's "
        "`reportedBy` with its standing alternatives, and rival reports of the same people in one group of all "
        "their reporters.",
    )


@strawberry.type(
    description="One value of a figure that gives a bound of a sum: the figure's count or one of its standing "
    "alternatives, the bound it gives, and who says so."
)
class CountBound:
    figure: Casualty = strawberry.field(description="The figure.")
    bound: int | None = strawberry.field(
        description="The value's lower bound (in `lowFrom`) or upper bound (in `highFrom`); null when it gives none "
        "(an upper bound of AT_LEAST, a count of UNKNOWN or MANY)."
    )
    alternative: Alternative | None = strawberry.field(
        description="The alternative, when the value is one of the figure's standing alternatives; null when it is "
        "the figure's `count`."
    )
    citations: list[Citation] = strawberry.field(description="The value's citations.")
    sources: list[Source] = strawberry.field(description="The sources those citations quote, each once.")


LOW_FROM = (
    "The values whose lower bounds make `low`: for each figure or set of rival reports added, the value that gives its "
    "lowest low (several when they tie)."
)
HIGH_FROM = (
    "The values whose upper bounds make `high`, for each figure or set of rival reports added; when `high` is null, "
    "the values that give none (AT_LEAST, UNKNOWN, MANY)."
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
    categories: list[TermCode] = strawberry.field(
        description="The categories (codes of the CASUALTY_CATEGORY vocabulary), when grouped by CATEGORY."
    )
    outcome: CasualtyOutcome | None = strawberry.field(description="The outcome, when grouped by OUTCOME.")
    low: int = strawberry.field(
        description="The sum of the lower bounds: each figure's lowest among its count and standing alternatives "
        "(`count.range`), and rival reports' lowest among them."
    )
    high: int | None = strawberry.field(
        description="The sum of the upper bounds, the highest of each figure or set of rival reports; null when any is "
        "unknown."
    )
    low_from: list[CountBound] = strawberry.field(description=LOW_FROM)
    high_from: list[CountBound] = strawberry.field(description=HIGH_FROM)
    inputs: list[Casualty] = strawberry.field(
        description="The figures added; their `count.citations` and `count.alternatives` are the evidence."
    )
    rival_reports: list[RivalReports] = strawberry.field(description="Disagreeing reports, each counted once.")
    uncounted: list[Casualty] = strawberry.field(
        description="Figures with no count (UNKNOWN, MANY): they add nothing to `low` and make `high` unknown."
    )


@strawberry.type(description="Casualty figures totalled per group, with every overlap between figures shown.")
class CasualtyTotals:
    low: int = strawberry.field(description="The sum over all groups of the lower bounds.")
    high: int | None = strawberry.field(description="The sum over all groups of the upper bounds, if all are known.")
    low_from: list[CountBound] = strawberry.field(description=LOW_FROM)
    high_from: list[CountBound] = strawberry.field(description=HIGH_FROM)
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
    keys = [(Casualty.TABLE, i) for i in ids]
    evidence = await loaders.citations_by_entity.load_page(keys)
    rivals = await loaders.rivals_by_entity.load_page(keys)
    affected = {
        row.id: (tuple(sorted(_affiliation_id(a) for a in linked)), tuple(sorted(c.category for c in kinds)))
        for row, linked, kinds in zip(rows, affiliations, categories, strict=True)
    }
    values: dict[ValueRef, Claim[int]] = {}
    figures = [
        _figure(row, ev, found, affected[row.id], values) for row, ev, found in zip(rows, evidence, rivals, strict=True)
    ]
    reporters = {row.id: _reporters(row, found) for row, found in zip(rows, rivals, strict=True)}
    by_id = {row.id: row for row in rows}
    totals = compute_totals(
        figures,
        [(c.total_id, c.part_id) for found in parts for c in found],
        lambda fig: _group_key(group_by, by_id[fig.id], affected[fig.id], reporters[fig.id]),
    )
    return await _present(info, group_by, totals, by_id, values)


COUNT = tables.Casualty.__fact_fields__["count"]


def _figure(
    row: tables.Casualty,
    evidence: FieldEvidence,
    rivals: list[Rival],
    affected: tuple[tuple[str, ...], tuple[str, ...]],
    values: dict[ValueRef, Claim[int]],
) -> Figure:
    """A figure as the range of its count and the count's standing alternatives; its claims go into `values`."""
    held = {COUNT[0]: row.count_low, COUNT[1]: row.count_high}
    claims = count_claims(COUNT, held, evidence.get("count", []), standing(rivals, "count"))
    for claim in claims:
        values[_ref(row.id, claim)] = claim
    found = span(claims)
    reporter = row.reported_by_person_id or row.reported_by_organization_id
    if found is None:
        return Figure(row.id, None, None, row.event_id, row.outcome.value, reporter, affected)
    low_from = tuple(_ref(row.id, c) for c in found.low_from)
    high_from = tuple(_ref(row.id, c) for c in found.high_from)
    low = found.low or 0
    return Figure(row.id, low, found.high, row.event_id, row.outcome.value, reporter, affected, low_from, high_from)


def _ref(figure_id: str, claim: Claim[int]) -> ValueRef:
    return (figure_id, None if claim.alternative is None else claim.alternative.value.id)


def _reporters(row: tables.Casualty, rivals: list[Rival]) -> tuple[str, ...]:
    """Who reported the figure, by the row and by its standing alternatives of `reportedBy`, as global ids."""
    found = {_agent_id(row.reported_by_person_id, row.reported_by_organization_id)}
    for rival in standing(rivals, "reportedBy"):
        value = stated_value(rival.value.value)
        found.add(_agent_id(value.get("reported_by_person_id"), value.get("reported_by_organization_id")))
    return tuple(sorted(i for i in found if i is not None))


def _agent_id(person: str | None, organization: str | None) -> str | None:
    if person:
        return global_id("Person", person)
    return global_id("Organization", organization) if organization else None


def _affiliation_id(link: tables.CasualtyAffiliation) -> str:
    if link.organization_id is not None:
        return global_id("Organization", link.organization_id)
    return global_id("Place", str(link.country_id))


def _group_key(
    group_by: CasualtyGrouping,
    row: tables.Casualty,
    affected: tuple[tuple[str, ...], tuple[str, ...]],
    reporters: tuple[str, ...],
) -> GroupKey:
    if group_by == CasualtyGrouping.AFFILIATION:
        return affected[0]
    if group_by == CasualtyGrouping.CATEGORY:
        return affected[1]
    if group_by == CasualtyGrouping.OUTCOME:
        return (row.outcome.value,)
    if group_by == CasualtyGrouping.EVENT:
        return (global_id("Event", row.event_id),) if row.event_id else ()
    return reporters


async def _present(
    info: Ctx,
    group_by: CasualtyGrouping,
    totals: Totals,
    rows: dict[str, tables.Casualty],
    values: dict[ValueRef, Claim[int]],
) -> CasualtyTotals:
    from schema.registry import resolve_node

    built = {c.row.id: c for c in await build_all(info, Casualty, list(rows.values()))}
    enum_group = group_by in (CasualtyGrouping.CATEGORY, CasualtyGrouping.OUTCOME)
    member_ids = [] if enum_group else sorted({k for g in totals.groups for k in g.key})
    nodes = dict(zip(member_ids, await asyncio.gather(*(resolve_node(info, k) for k in member_ids)), strict=True))

    def bounds(refs: list[ValueRef], lower: bool) -> list[CountBound]:
        return [_bound(built[figure_id], values.get((figure_id, value_id)), lower) for figure_id, value_id in refs]

    groups = []
    for group in totals.groups:
        keys: tuple[Any, ...] = group.key
        members = [] if enum_group else [m for m in (nodes.get(k) for k in keys) if m is not None]
        label = " + ".join(keys) if enum_group else " + ".join(_name(m) for m in members)
        groups.append(
            CasualtyTotal(
                label=label or "(not stated)",
                members=members,
                categories=list(keys) if group_by == CasualtyGrouping.CATEGORY else [],
                outcome=CasualtyOutcome(keys[0]) if group_by == CasualtyGrouping.OUTCOME else None,
                low=group.low,
                high=group.high,
                low_from=bounds(group.low_from, lower=True),
                high_from=bounds(group.high_from, lower=False),
                inputs=[built[i] for i in group.inputs],
                rival_reports=[RivalReports(figures=[built[i] for i in ids]) for ids in group.rivals],
                uncounted=[built[i] for i in group.uncounted],
            )
        )
    return CasualtyTotals(
        low=totals.low,
        high=totals.high,
        low_from=bounds(totals.low_from, lower=True),
        high_from=bounds(totals.high_from, lower=False),
        groups=groups,
        overlaps=[
            CasualtyOverlap(
                figure=built[o.figure], counted_instead=[built[i] for i in o.counted_instead], reason=o.reason
            )
            for o in totals.overlaps
        ],
    )


def _bound(figure: Casualty, claim: Claim[int] | None, lower: bool) -> CountBound:
    """The value `claim` of `figure` as a bound; None for a figure without a count, whose `count` gives none."""
    evidence: Sequence[Evidence] = figure.evidence.get("count", []) if claim is None else claim.evidence
    bound = None if claim is None else claim.low if lower else claim.high
    sources = {e.source.id: e.source for e in evidence}
    return CountBound(
        figure=figure,
        bound=bound,
        alternative=None if claim is None or claim.alternative is None else Alternative(rival=claim.alternative),
        citations=[Citation.of(e) for e in evidence],
        sources=[Source.of(row) for row in sources.values()],
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
