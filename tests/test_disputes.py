"""The rules that say what rival values of one fact amount to: their range, and who contradicts whom."""

import datetime as dt

from db.enums import CitationKind, DatePrecision, SourceKind
from db.tables import Source
from resolvers.disputes import Claim, contested, date_claims, span
from resolvers.evidence import AgentRef, CitationRecord, Evidence

UNION = AgentRef("organization", "union", "The union")
BRIGADE = AgentRef("organization", "brigade", "The brigade")


def said(source: str, speaker: AgentRef | None = None, withdrawn: bool = False) -> Evidence:
    row = Source(id=source, kind=SourceKind.OTHER, text="x", sha256="0" * 64)
    row.withdrawn_at = dt.datetime(2026, 3, 7, tzinfo=dt.UTC) if withdrawn else None
    citation = CitationRecord(f"{source}-{speaker}", source, "x", 0, 1, CitationKind.QUOTED, None)
    return Evidence(citation, row, speaker, None)


def claim(low: int | None, high: int | None, *evidence: Evidence) -> Claim[int]:
    return Claim(low, high, evidence)


def test_a_range_takes_the_lowest_low_and_the_highest_high_and_who_gives_each() -> None:
    twelve, fifteen = claim(12, 12, said("gazette")), claim(15, 15, said("office"))
    found = span([fifteen, twelve])
    assert found is not None and (found.low, found.high) == (12, 15)
    assert found.low_from == [twelve] and found.high_from == [fifteen]


def test_a_value_without_an_upper_bound_leaves_the_range_open() -> None:
    found = span([claim(12, 12, said("gazette")), claim(14, None, said("union"))])
    assert found is not None and (found.low, found.high) == (12, None)


def test_rival_values_from_two_sources_that_do_not_overlap_are_contested() -> None:
    assert contested([claim(12, 12, said("gazette")), claim(14, None, said("union"))])


def test_rival_values_that_overlap_are_not_contested() -> None:
    assert not contested([claim(30, 30, said("gazette")), claim(30, 40, said("office"))])


def test_two_citations_of_one_source_and_speaker_are_one_voice_that_never_contradicts_itself() -> None:
    lede, later = said("gazette", BRIGADE), said("gazette", BRIGADE)
    assert not contested([claim(12, 12, lede), claim(15, 15, later)])


def test_two_speakers_quoted_by_one_source_are_two_voices() -> None:
    assert contested([claim(12, 12, said("gazette", BRIGADE)), claim(15, 15, said("gazette", UNION))])


def test_a_voice_that_gives_several_values_spans_them_all() -> None:
    both = said("gazette", BRIGADE)
    assert not contested([claim(12, 12, both), claim(15, 15, both), claim(13, 13, said("office"))])


def test_a_withdrawn_source_is_no_voice() -> None:
    assert not contested([claim(12, 12, said("gazette")), claim(15, 15, said("wire", withdrawn=True))])


def test_a_date_at_month_precision_can_fall_on_any_day_of_its_month() -> None:
    columns = ("date_start", "date_end", "date_precision")
    held = {"date_start": dt.date(2026, 2, 1), "date_end": None, "date_precision": DatePrecision.MONTH}
    [february] = date_claims(columns, held, False, [said("gazette")], [])
    assert (february.low, february.high) == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))


def test_an_open_ended_date_has_no_last_day() -> None:
    held = {"start_date": dt.date(2026, 1, 5), "start_precision": DatePrecision.DAY}
    [since] = date_claims(("start_date", "start_precision"), held, True, [said("gazette")], [])
    assert (since.low, since.high) == (dt.date(2026, 1, 5), None)
