"""Event proposals use the base vocabulary's event kinds, and are scored against the fact files' events."""

from db.enums import Vocabulary
from db.terms import base_terms
from proposals.evaluate import same_kind
from proposals.event_gold import gold_events
from proposals.events import TRIGGERS
from proposals.gold import CORPORA, load


def test_every_trigger_names_a_term_of_the_base_event_kinds() -> None:
    codes = {row["code"] for row in base_terms() if row["vocabulary"] == Vocabulary.EVENT_KIND}
    assert {kind for _, kind in TRIGGERS} <= codes


def test_a_narrower_kind_matches_its_broader_gold_kind_and_a_sibling_does_not() -> None:
    assert same_kind("ARREST", "DETENTION")
    assert same_kind("DETENTION", "ARREST")
    assert not same_kind("ARREST", "CAPTURE")


def test_an_event_several_fact_files_extend_is_one_gold_event() -> None:
    [corpus] = [c for c in CORPORA if c.name == "factory-fire"]
    events = gold_events(corpus, {g.source_id: g.text for g in load(corpus)})
    assert events is not None
    assert [e.event_id for e in events["health-office-statement"]] == ["plant-fire"]
    assert {e.kind for e in events["health-office-statement"]} == {"FIRE"}


def test_a_corpus_that_records_no_events_is_not_scored_on_events() -> None:
    [corpus] = [c for c in CORPORA if c.name == "resignation"]
    assert gold_events(corpus, {g.source_id: g.text for g in load(corpus)}) is None
