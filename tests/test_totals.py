"""The rules for adding casualty figures without counting anyone twice."""

from collections.abc import Hashable

from resolvers.totals import Figure, Overlap, compute_totals


def figure(
    figure_id: str, low: int | None, high: int | None, reporter: str | None = None, affected: Hashable = ()
) -> Figure:
    return Figure(figure_id, low, high, "raid", "KILLED", reporter, affected)


def by_affected(f: Figure) -> Hashable:
    return f.affected


def test_a_total_whose_parts_add_up_is_counted_as_its_parts() -> None:
    figures = [
        figure("total", 55, None, affected="both"),
        figure("ve", 23, 23, "ve", "ve"),
        figure("cu", 32, 32, "cu", "cu"),
    ]
    totals = compute_totals(figures, [("total", "ve"), ("total", "cu")], by_affected)
    assert (totals.low, totals.high) == (55, 55)
    assert [(g.key, g.low) for g in totals.groups] == [("cu", 32), ("ve", 23)]
    assert totals.overlaps == [Overlap("total", ("cu", "ve"), "counted as the sum of its parts")]


def test_a_total_whose_parts_do_not_add_up_is_counted_and_its_parts_left_out() -> None:
    figures = [figure("fourteen", 14, 14), figure("most", 8, 14)]
    totals = compute_totals(figures, [("fourteen", "most")], by_affected)
    assert (totals.low, totals.high) == (14, 14)
    assert totals.overlaps == [Overlap("most", ("fourteen",), "included in a figure that is counted")]


def test_a_part_without_a_count_does_not_replace_its_total() -> None:
    figures = [figure("cu", 32, 32), figure("detail", None, None)]
    totals = compute_totals(figures, [("cu", "detail")], by_affected)
    assert (totals.low, totals.high) == (32, 32)
    assert [o.figure for o in totals.overlaps] == ["detail"]


def test_rival_reports_of_the_same_people_count_once_as_a_range() -> None:
    figures = [figure("gov", 10, 10, "government", "soldiers"), figure("ngo", 14, 14, "ngo", "soldiers")]
    totals = compute_totals(figures, [], by_affected)
    [group] = totals.groups
    assert (group.low, group.high) == (10, 14)
    assert group.rivals == [("gov", "ngo")]


def test_reports_of_different_people_are_added() -> None:
    figures = [figure("a", 10, 10, "government", "soldiers"), figure("b", 4, 4, "government", "soldiers-2")]
    assert compute_totals(figures, [], lambda f: "all").low == 14


def test_an_unknown_count_adds_nothing_and_makes_the_high_unknown() -> None:
    totals = compute_totals([figure("known", 5, 5), figure("unknown", None, None)], [], lambda f: "all")
    [group] = totals.groups
    assert (group.low, group.high) == (5, None)
    assert group.inputs == ["known"] and group.uncounted == ["unknown"]
