"""The proposer: one pure function from a source's text, its date and the known entities to every proposal."""

import datetime as dt
from collections.abc import Iterable

from proposals.attributions import find_attributions
from proposals.counts import find_counts
from proposals.dates import find_dates
from proposals.events import find_events
from proposals.legal import find_charges, find_pleas
from proposals.mentions import find_mentions
from proposals.records import KnownEntity, Proposal


def propose(
    text: str,
    source_date: dt.date | None = None,
    gazetteer: Iterable[KnownEntity] = (),
    today: dt.date | None = None,
) -> list[Proposal]:
    """Every proposal for `text`, in text order. `today` (default: the current date) bounds the years a date with no
    year is looked for in when neither the source nor a dateline dates the text."""
    mentions = find_mentions(text, gazetteer)
    counts = find_counts(text)
    dates = find_dates(text, source_date, today)
    attributions = find_attributions(text, mentions)
    found: list[Proposal] = [
        *mentions,
        *counts,
        *dates,
        *attributions,
        *find_charges(text),
        *find_pleas(text, mentions),
        *find_events(text, mentions, dates, counts, attributions),
    ]
    return sorted(found, key=lambda proposal: (proposal.start, proposal.end, type(proposal).__name__))
