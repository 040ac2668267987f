"""Adding casualty figures up without counting anyone twice.

Figures can contain one another (a total and its parts), can be rival reports of the same people, and a figure's own
count can be disputed (its standing alternatives). The rules, in order:
1. A figure counts as the range of its count and its standing alternatives (`resolvers.disputes`), which the caller
   gives as its `low` and `high`.
2. A figure that is part of another selected figure is never added on its own.
3. A total is replaced by its parts when every part has a lower bound and the parts add up to at least the total's
   lower bound (55 = 23 + 32): the parts are more specific. Otherwise the total is added and its parts are left out
   as overlaps.
4. Figures about the same event, outcome and affected group from different reporters are rival reports: they count
   once, as the range from the lowest low to the highest high, in one group whose key joins all of theirs (by
   reporter: the group of every one of their reporters), never as two groups' sums.
5. A figure without a count (UNKNOWN, MANY) adds nothing to the low and makes the high unknown.
Every sum says which values give it (`low_from`, `high_from`).
"""

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field

ValueRef = tuple[str, str | None]
"""One value of a figure: the figure's id, and None for the count its row holds or an alternative's id."""

GroupKey = tuple[str, ...]
"""What a group stands for (ids or enum values); rival reports' keys are joined into one."""


@dataclass(frozen=True)
class Figure:
    id: str
    low: int | None
    """The lowest lower bound of its values (0 when one gives none); None when none gives a figure at all."""
    high: int | None
    event: str | None
    outcome: str
    reporter: str | None
    affected: Hashable
    """What identifies the people counted (their affiliations and categories), to spot rival reports."""
    low_from: tuple[ValueRef, ...] = ()
    """The values that give `low`; empty: the figure's own count."""
    high_from: tuple[ValueRef, ...] = ()
    """The values that give `high` (or give none, when it is None); empty: the figure's own count."""

    def gives_low(self) -> tuple[ValueRef, ...]:
        return self.low_from or ((self.id, None),)

    def gives_high(self) -> tuple[ValueRef, ...]:
        return self.high_from or ((self.id, None),)


@dataclass(frozen=True)
class Overlap:
    figure: str
    counted_instead: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class Contribution:
    """What one figure, or one set of rival reports, adds to its group."""

    low: int | None
    high: int | None
    low_from: tuple[ValueRef, ...]
    high_from: tuple[ValueRef, ...]


@dataclass
class Group:
    key: GroupKey
    low: int = 0
    high: int | None = 0
    inputs: list[str] = field(default_factory=list)
    rivals: list[tuple[str, ...]] = field(default_factory=list)
    uncounted: list[str] = field(default_factory=list)
    contributions: list[Contribution] = field(default_factory=list)

    def add(self, contribution: Contribution) -> None:
        self.contributions.append(contribution)
        self.low += contribution.low or 0
        self.high = None if self.high is None or contribution.high is None else self.high + contribution.high

    @property
    def low_from(self) -> list[ValueRef]:
        """The values whose lower bounds make `low` (figures without a count add none)."""
        return [ref for c in self.contributions if c.low is not None for ref in c.low_from]

    @property
    def high_from(self) -> list[ValueRef]:
        return _giving_high(self.high, [(c.high, c.high_from) for c in self.contributions])


@dataclass
class Totals:
    groups: list[Group]
    overlaps: list[Overlap]
    low: int
    high: int | None
    low_from: list[ValueRef]
    high_from: list[ValueRef]


def _giving_high(high: int | None, parts: Iterable[tuple[int | None, Iterable[ValueRef]]]) -> list[ValueRef]:
    """The values that give a sum's high: every part's, or when it is unknown, those of the parts without one."""
    return [ref for part_high, refs in parts if high is not None or part_high is None for ref in refs]


def _counted(figures: dict[str, Figure], parts: dict[str, list[str]]) -> tuple[list[str], list[Overlap]]:
    """The figures to add (rules 2 and 3), and every figure left out with what counts it instead."""
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
    figures: list[Figure], components: list[tuple[str, str]], group_key: Callable[[Figure], GroupKey]
) -> Totals:
    """Group sums of `figures`, where `components` are (total, part) pairs among any figures."""
    by_id = {f.id: f for f in figures}
    parts: dict[str, list[str]] = defaultdict(list)
    for total, part in sorted(components):
        if total in by_id and part in by_id:
            parts[total].append(part)
    counted, overlaps = _counted(by_id, parts)
    clusters: dict[Hashable, list[Figure]] = defaultdict(list)
    for figure_id in counted:
        figure = by_id[figure_id]
        clusters[(figure.event, figure.outcome, figure.affected)].append(figure)
    groups: dict[GroupKey, Group] = {}
    for members in clusters.values():
        if len(members) > 1 and len({m.reporter for m in members}) > 1:
            key = tuple(sorted({k for m in members for k in group_key(m)}))
            group = groups.setdefault(key, Group(key=key))
            group.rivals.append(tuple(m.id for m in members))
            _take(group, members, _rival_range(members))
        else:
            for member in members:
                key = group_key(member)
                _take(groups.setdefault(key, Group(key=key)), [member], _own_range(member))
    ordered = sorted(groups.values(), key=lambda g: (-g.low, str(g.key)))
    highs = [g.high for g in ordered]
    high = None if None in highs else sum(h for h in highs if h is not None)
    return Totals(
        groups=ordered,
        overlaps=overlaps,
        low=sum(g.low for g in ordered),
        high=high,
        low_from=[ref for g in ordered for ref in g.low_from],
        high_from=_giving_high(high, [(g.high, g.high_from) for g in ordered]),
    )


def _take(group: Group, members: list[Figure], contribution: Contribution) -> None:
    """Add `members` (one figure, or rival reports) to `group` as one contribution."""
    for member in members:
        (group.uncounted if member.low is None else group.inputs).append(member.id)
    group.add(contribution)


def _own_range(figure: Figure) -> Contribution:
    return Contribution(figure.low, figure.high, figure.gives_low(), figure.gives_high())


def _rival_range(members: list[Figure]) -> Contribution:
    """Rival reports of the same people: from the lowest low to the highest high among them."""
    known = [m for m in members if m.low is not None]
    low = min((m.low for m in known if m.low is not None), default=None)
    highs = [m.high for m in members]
    high = None if None in highs else max(h for h in highs if h is not None)
    return Contribution(
        low,
        high,
        tuple(ref for m in known if m.low == low for ref in m.gives_low()),
        tuple(ref for m in members if m.high == high for ref in m.gives_high()),
    )
