"""Event proposals use the base vocabulary's event kinds, and are scored against the fact files' events."""

from db.enums import Vocabulary
from db.terms import base_terms
from proposals.evaluate import same_kind
from proposals.events import TRIGGERS


def test_every_trigger_names_a_term_of_the_base_event_kinds() -> None:
    codes = {row["code"] for row in base_terms() if row["vocabulary"] == Vocabulary.EVENT_KIND}
    assert {kind for _, kind in TRIGGERS} <= codes


def test_a_narrower_kind_matches_its_broader_gold_kind_and_a_sibling_does_not() -> None:
    assert same_kind("ARREST", "DETENTION")
    assert same_kind("DETENTION", "ARREST")
    assert not same_kind("ARREST", "CAPTURE")
