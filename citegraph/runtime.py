"""Process-wide tuning applied once the app has started: when the cycle collector runs."""

import asyncio
import gc

GC_THRESHOLDS = (500_000, 20, 10)
"""A request allocates tens of thousands of objects that live until it ends (about 60,000 for 500 events with
their casualties and citations), and a young collection traverses every one alive: collecting during a request
cost a large answer a tenth of its time (bench/). So the first threshold is only a safety net (for work outside
HTTP requests); young garbage is collected between requests (`collect_between_requests`)."""

YOUNG_BETWEEN_REQUESTS = 25_000
"""Objects allocated since the last collection (net of those freed) above which the turn after a response
collects: often enough that garbage (a request leaves a few dozen objects in reference cycles) stays small and the
memory it occupies stays in cache (collected only at a first threshold of 100,000, light requests lost 4 % of their
throughput)."""


def tune_gc() -> None:
    """Freeze what start-up allocated (it lives as long as the process) and set the GC thresholds."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def collect_between_requests() -> None:
    """Collect the young generation, and the older ones when their turn has come (their thresholds, as CPython
    counts them), once YOUNG_BETWEEN_REQUESTS objects are pending. Called after a response is sent: the request's
    objects are freed by then, so what a collection traverses is garbage and the live objects of requests still
    running."""
    young, middle, old = gc.get_count()
    if young < YOUNG_BETWEEN_REQUESTS:
        return
    generation = 0
    if middle > GC_THRESHOLDS[1]:
        generation = 2 if old > GC_THRESHOLDS[2] else 1
    gc.collect(generation)


def collect_after_answer() -> None:
    """`collect_between_requests` at the event loop's next turn: called once an answer (an HTTP response, a
    WebSocket operation's last message) is on its way, after its context has scheduled its own release."""
    asyncio.get_running_loop().call_soon(collect_between_requests)
