"""Every figure of the last `make bench` as a ratio, with its target, in one JSON line.

    .venv/bin/python -m bench.ratios        # the last line of `make bench`

Reads what bench.run (results-10k.json) and bench.postgraphile (results-postgraphile.json) wrote in
bench/.data/ in this run; each of them checked its answers equal (to the hand-written baseline, to PostGraphile's)
before timing. A ratio whose run is missing is null. `targets` says, for each target of the issue, whether
this run met it.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from bench.generate import DATA_DIR

WORKERS = 2


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return round(numerator / denominator, 2)


def ratios(run: dict[str, Any], against: dict[str, Any]) -> dict[str, Any]:
    """`run`: bench.run's results; `against`: bench.postgraphile's (either may be empty)."""
    pg_light, pgl_light = against.get("citegraph_postgresql_light_rps"), against.get("postgraphile_light_rps")
    line: dict[str, Any] = {
        "heavy_in_process_x_baseline": ratio(run.get("graphql_ms"), run.get("baseline_ms")),
        "heavy_http_x_baseline": ratio(run.get("http_ms"), run.get("baseline_ms")),
        "statements_first_200_x_first_2": ratio(run.get("statements_200"), run.get("statements_2")),
        "sqlite_light_2_workers_x_1": ratio(run.get("light_rps_2_workers"), run.get("light_rps")),
        "postgresql_light_x_postgraphile": ratio(pg_light, pgl_light),
        "postgresql_light_2_workers_x_1": ratio(against.get("citegraph_postgresql_2_workers_light_rps"), pg_light),
        "postgresql_light_2_workers_machine_busy": _rounded(
            against.get("citegraph_postgresql_2_workers_light_machine_busy")
        ),
        "postgresql_light_2_workers_x_1_held": ratio(
            against.get("citegraph_postgresql_2_workers_held_light_rps"),
            against.get("citegraph_postgresql_held_light_rps"),
        ),
        "held_share_of_a_core": against.get("held_share"),
        "postgraphile_heavy_x_postgresql": ratio(
            against.get("postgraphile_heavy_ms"), against.get("citegraph_postgresql_heavy_ms")
        ),
        "sqlite_light_x_postgraphile": ratio(against.get("citegraph_sqlite_light_rps"), pgl_light),
        "postgraphile_heavy_x_sqlite": ratio(
            against.get("postgraphile_heavy_ms"), against.get("citegraph_sqlite_heavy_ms")
        ),
    }
    met = {
        "heavy_in_process_x_baseline <= 2.0": _at_most(line["heavy_in_process_x_baseline"], 2.0),
        "statements_first_200_x_first_2 == 1": _at_most(line["statements_first_200_x_first_2"], 1.0),
        "postgresql_light_x_postgraphile > 1": _above(line["postgresql_light_x_postgraphile"], 1.0),
        f"postgresql_light_2_workers_x_1 >= {0.8 * WORKERS:g} (near-linear)": _above(
            line["postgresql_light_2_workers_x_1"], 0.8 * WORKERS, inclusive=True
        ),
        f"postgresql_light_2_workers_x_1_held >= {0.8 * WORKERS:g} (near-linear, each worker on the same CPU)": _above(
            line["postgresql_light_2_workers_x_1_held"], 0.8 * WORKERS, inclusive=True
        ),
        "postgraphile_heavy_x_postgresql >= 2": _above(line["postgraphile_heavy_x_postgresql"], 2.0, inclusive=True),
    }
    return line | {"targets": met}


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _at_most(value: float | None, limit: float) -> bool | None:
    return None if value is None else value <= limit


def _above(value: float | None, limit: float, inclusive: bool = False) -> bool | None:
    if value is None:
        return None
    return value >= limit if inclusive else value > limit


def _load(name: str) -> dict[str, Any]:
    path = DATA_DIR / name
    found: dict[str, Any] = json.loads(path.read_text()) if path.exists() else {}
    return found


def main(argv: list[str] | None = None) -> int:
    del argv
    print(json.dumps(ratios(_load("results-10k.json"), _load("results-postgraphile.json"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
