"""The rules for adding casualty figures without counting anyone twice."""

from resolvers.totals import Figure, GroupKey, Overlap, ValueRef, compute_totals


def figure(
    figure_id: str,
    low: int | None,
    high: int | None,
    reporter: str | None = None,
    affected: str = "",
    high_from: tuple[ValueRef, ...] = (),
) -> Figure:
    return Figure(figure_id, low, high, "raid", "KILLED", reporter, affected, high_from=high_from)


def by_affected(f: Figure) -> GroupKey:
    return (str(f.affected),)


def by_reporter(f: Figure) -> GroupKey:
    return (str(f.reporter),)


def test_a_total_whose_parts_add_up_is_counted_as_its_parts() -> None:
    figures = [
        figure("total", 55, None, affected="both"),
        figure("ve", 23, 23, "ve", "ve"),
        figure("cu", 32, 32, "cu", "cu"),
    ]
    totals = compute_totals(figures, [("total", "ve"), ("total", "cu")], by_affected)
    assert (totals.low, totals.high) == (55, 55)
    assert [(g.key, g.low) for g in totals.groups] == [(("cu",), 32), (("ve",), 23)]
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
    assert compute_totals(figures, [], lambda f: ("all",)).low == 14


def test_an_unknown_count_adds_nothing_and_makes_the_high_unknown() -> None:
    totals = compute_totals([figure("known", 5, 5), figure("unknown", None, None)], [], lambda f: ("all",))
    [group] = totals.groups
    assert (group.low, group.high) == (5, None)
    assert group.inputs == ["known"] and group.uncounted == ["unknown"]


def test_rival_reports_by_two_reporters_are_one_group_of_both_not_two_sums() -> None:
    figures = [figure("brigade", 12, 12, "brigade", "workers"), figure("office", 15, 15, "office", "workers")]
    totals = compute_totals(figures, [], by_reporter)
    [group] = totals.groups
    assert group.key == ("brigade", "office")
    assert (totals.low, totals.high) == (12, 15)


def test_a_figure_s_disputed_count_counts_as_the_range_its_values_give() -> None:
    union = ("brigade", "union-value")
    disputed = figure("brigade", 12, None, "brigade", "workers", high_from=(union,))
    totals = compute_totals([disputed, figure("other", 3, 3, "brigade", "others")], [], by_reporter)
    assert (totals.low, totals.high) == (15, None)
    assert totals.low_from == [("brigade", None), ("other", None)]
    assert totals.high_from == [union], "an unknown high names the values that give none"


def test_rival_reports_name_the_values_that_set_each_end() -> None:
    figures = [figure("brigade", 12, 12, "brigade", "workers"), figure("office", 15, 15, "office", "workers")]
    [group] = compute_totals(figures, [], by_reporter).groups
    assert (group.low_from, group.high_from) == ([("brigade", None)], [("office", None)])
