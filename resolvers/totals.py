"""Adding casualty figures up without counting anyone twice.

Figures can contain one another (a total and its parts) and can be rival reports of the same people.
The rules, in order:
1. A figure that is part of another selected figure is never added on its own.
2. A total is replaced by its parts when every part has a lower bound and the parts add up to at least
   the total's lower bound (55 = 23 + 32): the parts are more specific. Otherwise the total is added and
   its parts are left out as overlaps.
3. Within a group, figures about the same event, outcome and affected group from different reporters are
   rival reports: they count once, as the range from the lowest low to the highest high.
4. A figure without a count (UNKNOWN, MANY) adds nothing to the low and makes the high unknown.
"""

from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Figure:
    id: str
    low: int | None
    high: int | None
    event: str | None
    outcome: str
    reporter: str | None
    affected: Hashable
    """What identifies the people counted (their affiliations and categories), to spot rival reports."""


@dataclass(frozen=True)
class Overlap:
    figure: str
    counted_instead: tuple[str, ...]
    reason: str


@dataclass
class Group:
    key: Hashable
    low: int = 0
    high: int | None = 0
    inputs: list[str] = field(default_factory=list)
    rivals: list[tuple[str, ...]] = field(default_factory=list)
    uncounted: list[str] = field(default_factory=list)


@dataclass
class Totals:
    groups: list[Group]
    overlaps: list[Overlap]
    low: int
    high: int | None


def _counted(figures: dict[str, Figure], parts: dict[str, list[str]]) -> tuple[list[str], list[Overlap]]:
    """The figures to add (rules 1 and 2), and every figure left out with what counts it instead."""
    counted: list[str] = []
    overlaps: list[Overlap] = []
    included = {p for ps in parts.values() for p in ps}

    def descendants(figure_id: str) -> list[str]:
        found: list[str] = []
        for part in parts.get(figure_id, []):
            found += [part, *descendants(part)]
        return found

    def resolve(figure_id: str) -> None:
        figure, own_parts = figures[figure_id], parts.get(figure_id, [])
        lows = [figures[p].low for p in own_parts]
        if own_parts and all(low is not None for low in lows) and sum(lows) >= (figure.low or 0):  # type: ignore[arg-type]
            overlaps.append(Overlap(figure_id, tuple(own_parts), "counted as the sum of its parts"))
            for part in own_parts:
                resolve(part)
            return
        counted.append(figure_id)
        overlaps.extend(
            Overlap(d, (figure_id,), "included in a figure that is counted") for d in descendants(figure_id)
        )

    for figure_id in sorted(figures):
        if figure_id not in included:
            resolve(figure_id)
    return counted, overlaps


def compute_totals(
    figures: list[Figure], components: list[tuple[str, str]], group_key: Callable[[Figure], Hashable]
) -> Totals:
    """Group sums of `figures`, where `components` are (total, part) pairs among any figures."""
    by_id = {f.id: f for f in figures}
    parts: dict[str, list[str]] = defaultdict(list)
    for total, part in sorted(components):
        if total in by_id and part in by_id:
            parts[total].append(part)
    counted, overlaps = _counted(by_id, parts)
    groups: dict[Hashable, Group] = {}
    clusters: dict[tuple[Hashable, Hashable], list[Figure]] = defaultdict(list)
    for figure_id in counted:
        figure = by_id[figure_id]
        key = group_key(figure)
        groups.setdefault(key, Group(key=key)).inputs.append(figure_id)
        clusters[(key, (figure.event, figure.outcome, figure.affected))].append(figure)
    for (key, _same_people), members in clusters.items():
        group = groups[key]
        known = [m for m in members if m.low is not None]
        group.uncounted += [m.id for m in members if m.low is None]
        if len({m.reporter for m in members}) > 1 and len(members) > 1:
            group.rivals.append(tuple(m.id for m in members))
            low = min((m.low for m in known), default=None)  # type: ignore[type-var]
            highs = [m.high for m in members]
            high = None if None in highs else max(highs)  # type: ignore[type-var]
            contributions = [(low, high)]
        else:
            contributions = [(m.low, m.high) for m in members]
        for low, high in contributions:
            group.low += low or 0
            group.high = None if group.high is None or high is None else group.high + high
    for group in groups.values():
        group.inputs = [i for i in group.inputs if i not in group.uncounted]
    ordered = sorted(groups.values(), key=lambda g: (-g.low, str(g.key)))
    highs = [g.high for g in ordered]
    return Totals(
        groups=ordered,
        overlaps=overlaps,
        low=sum(g.low for g in ordered),
        high=None if None in highs else sum(h for h in highs if h is not None),
    )
