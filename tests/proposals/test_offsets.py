"""The property every caller relies on: each proposal's quote is the source's text at its offsets, on every corpus."""

import pytest

from proposals import propose
from proposals.evaluate import TODAY, spans_of
from proposals.gold import CORPORA, UNSEEN, SourceGold, load

SOURCES = [gold for corpus in (*CORPORA, *UNSEEN) for gold in load(corpus)]


@pytest.mark.parametrize("gold", SOURCES, ids=[gold.source_id for gold in SOURCES])
def test_every_quote_is_the_text_at_its_offsets(gold: SourceGold) -> None:
    proposals = propose(gold.text, gold.date, gold.gazetteer, today=TODAY)
    assert proposals
    for proposal in proposals:
        for quote, start, end in spans_of(proposal):
            assert 0 <= start <= end <= len(gold.text)
            assert gold.text[start:end] == quote


def test_proposals_are_the_same_on_a_second_run() -> None:
    gold = SOURCES[0]
    assert propose(gold.text, gold.date, gold.gazetteer, today=TODAY) == propose(
        gold.text, gold.date, gold.gazetteer, today=TODAY
    )
