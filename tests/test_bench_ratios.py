"""`make bench`'s last line: every figure as a ratio, with whether each target was met."""

from bench.ratios import ratios
from bench.run import busy_between

RUN = {"graphql_ms": 130.0, "baseline_ms": 65.0, "http_ms": 140.0, "statements_2": 6, "statements_200": 6}
AGAINST = {
    "postgraphile_light_rps": 1500.0,
    "citegraph_postgresql_light_rps": 1650.0,
    "citegraph_postgresql_2_workers_light_rps": 2500.0,
    "postgraphile_heavy_ms": 300.0,
    "citegraph_postgresql_heavy_ms": 160.0,
}


def test_every_figure_is_a_ratio_of_the_same_run() -> None:
    line = ratios(RUN, AGAINST)
    assert line["heavy_in_process_x_baseline"] == 2.0
    assert line["statements_first_200_x_first_2"] == 1.0
    assert line["postgresql_light_x_postgraphile"] == 1.1
    assert line["postgresql_light_2_workers_x_1"] == 1.52
    assert line["postgraphile_heavy_x_postgresql"] == 1.88


def test_each_target_says_whether_this_run_met_it() -> None:
    targets = ratios(RUN, AGAINST)["targets"]
    assert targets["heavy_in_process_x_baseline <= 2.0"] is True
    assert targets["postgresql_light_x_postgraphile > 1"] is True
    assert targets["postgresql_light_2_workers_x_1 >= 1.6 (near-linear)"] is False
    assert targets["postgraphile_heavy_x_postgresql >= 2"] is False


def test_a_figure_whose_run_is_missing_is_null_and_its_target_unknown() -> None:
    line = ratios(RUN, {})
    assert line["postgresql_light_x_postgraphile"] is None
    assert line["targets"]["postgresql_light_x_postgraphile > 1"] is None


def test_how_busy_the_machine_was_under_two_workers_stands_beside_their_ratio() -> None:
    line = ratios(RUN, AGAINST | {"citegraph_postgresql_2_workers_light_machine_busy": 0.987})
    assert line["postgresql_light_2_workers_machine_busy"] == 0.99


def test_the_machine_is_as_busy_as_the_share_of_its_ticks_not_idle() -> None:
    assert busy_between((1000, 600), (1200, 650)) == 0.75
    assert busy_between(None, (1200, 650)) is None


def test_workers_held_to_the_same_share_of_a_core_have_their_own_ratio_and_target() -> None:
    held = {"citegraph_postgresql_held_light_rps": 1000.0, "citegraph_postgresql_2_workers_held_light_rps": 1850.0}
    line = ratios(RUN, AGAINST | held | {"held_share": 0.4})
    assert (line["postgresql_light_2_workers_x_1_held"], line["held_share_of_a_core"]) == (1.85, 0.4)
    assert line["targets"]["postgresql_light_2_workers_x_1_held >= 1.6 (near-linear, each worker on the same CPU)"]
    assert line["targets"]["postgresql_light_2_workers_x_1 >= 1.6 (near-linear)"] is False
