"""The cycle collector runs between requests, not during them (citegraph.runtime)."""

import gc
from collections.abc import Iterator

import pytest

from citegraph.runtime import GC_THRESHOLDS, YOUNG_BETWEEN_REQUESTS, collect_between_requests


def leave_cycles(count: int) -> None:
    """Leave `count` lists that refer to themselves: garbage only the cycle collector frees."""
    for _ in range(count):
        cycle: list[object] = []
        cycle.append(cycle)


@pytest.fixture
def collected() -> Iterator[list[int]]:
    """The generations collected while the test runs, under the app's thresholds."""
    seen: list[int] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    thresholds = gc.get_threshold()
    gc.collect()
    gc.set_threshold(*GC_THRESHOLDS)
    gc.callbacks.append(record)
    yield seen
    gc.callbacks.remove(record)
    gc.set_threshold(*thresholds)


def test_young_garbage_waits_until_enough_has_been_allocated(collected: list[int]) -> None:
    leave_cycles(100)
    collect_between_requests()
    assert collected == []


def test_young_garbage_is_collected_once_enough_has_been_allocated(collected: list[int]) -> None:
    leave_cycles(2 * YOUNG_BETWEEN_REQUESTS)
    collect_between_requests()
    assert collected == [0]
    assert gc.get_count()[0] < YOUNG_BETWEEN_REQUESTS


def test_the_older_generation_is_collected_when_its_turn_has_come(collected: list[int]) -> None:
    for _ in range(GC_THRESHOLDS[1] + 1):
        gc.collect(0)
    collected.clear()
    leave_cycles(2 * YOUNG_BETWEEN_REQUESTS)
    collect_between_requests()
    assert collected == [1]


def test_a_large_answers_worth_of_live_objects_starts_no_collection(collected: list[int]) -> None:
    alive = [[] for _ in range(100_000)]  # more than a page of 500 events with their citations holds
    assert collected == []
    assert len(alive) == 100_000
