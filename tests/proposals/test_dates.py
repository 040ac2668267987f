"""Dates resolved against the source's date, a dateline, or (with neither) the weekday the text gives."""

import datetime as dt

from proposals.dates import find_dates
from proposals.records import DateKind, Precision

TODAY = dt.date(2026, 12, 3)


def test_a_weekday_and_month_with_no_year_take_the_year_in_which_they_match() -> None:
    [date] = find_dates("The figures were confirmed on Tuesday, January 6, as reported by AFP.", None, TODAY)
    assert (date.value, date.precision, date.kind) == (dt.date(2026, 1, 6), Precision.DAY, DateKind.INFERRED)
    assert date.text == "Tuesday, January 6"
    assert date.note == "The article gives no year; January 6 fell on a Tuesday in 2026."


def test_a_weekday_alone_is_the_latest_such_day_before_the_source_date() -> None:
    [date] = find_dates("Fire tore through the plant late on Thursday.", dt.date(2026, 3, 13), TODAY)
    assert (date.value, date.kind, date.text) == (dt.date(2026, 3, 12), DateKind.INFERRED, "Thursday")
    assert date.note == "The source is dated March 13, 2026; the Thursday before it was March 12, 2026."


def test_a_weekday_alone_with_no_source_date_counts_back_from_the_latest_date_given() -> None:
    text = "The attacks on Saturday were confirmed on Tuesday, January 6."
    saturday = find_dates(text, None, TODAY)[0]
    assert (saturday.text, saturday.value) == ("Saturday", dt.date(2026, 1, 3))


def test_the_dateline_dates_the_text_and_is_no_proposal_itself() -> None:
    text = "PORT ALDERN, March 13, 2026 (Aldern Courier) — The brigade said on Friday that the fire began on Thursday."
    dates = find_dates(text, None, TODAY)
    assert [(d.text, d.value) for d in dates] == [("Friday", dt.date(2026, 3, 13)), ("Thursday", dt.date(2026, 3, 12))]
    assert dates[0].note is not None and "March 13, 2026" in dates[0].note


def test_a_full_date_is_quoted() -> None:
    [date] = find_dates("The statement is dated 13 March 2026 and nothing else.", None, TODAY)
    assert (date.value, date.kind, date.note) == (dt.date(2026, 3, 13), DateKind.QUOTED, None)


def test_a_month_and_year_is_a_month_date() -> None:
    [date] = find_dates("The trial is set to open in March 2027.", dt.date(2026, 11, 20), TODAY)
    assert (date.value, date.precision) == (dt.date(2027, 3, 1), Precision.MONTH)


def test_an_abbreviated_month_in_a_dateline_dates_the_text() -> None:
    text = "TARNOW RIDGE, Oct. 21, 2026 (Meridian Wire) — The fall happened on Monday."
    [date] = find_dates(text, None, TODAY)
    assert (date.text, date.value) == ("Monday", dt.date(2026, 10, 19))


def test_a_month_alone_is_the_latest_such_month_up_to_the_source_date() -> None:
    [date] = find_dates("Inspectors ordered the section closed in August.", dt.date(2026, 10, 21), TODAY)
    assert (date.text, date.value, date.precision, date.kind) == (
        "August",
        dt.date(2026, 8, 1),
        Precision.MONTH,
        DateKind.INFERRED,
    )


def test_a_lowercase_may_is_no_month() -> None:
    assert find_dates("They may 12 times ask for it.", dt.date(2026, 10, 21), TODAY) == []


def test_every_saturday_is_no_date() -> None:
    assert find_dates("We will march every Saturday until they listen.", dt.date(2026, 5, 4), TODAY) == []


def test_a_wire_dateline_with_no_year_is_no_proposal_and_dates_the_text() -> None:
    text = "LISBON, March 4 (Harrow Wire) - The strike began on Monday."
    [date] = find_dates(text, None, TODAY)
    assert (date.text, date.value) == ("Monday", dt.date(2026, 3, 2))


def test_a_publication_line_is_no_proposal_and_dates_the_text() -> None:
    text = "Ferry owner charged\n\nBy A. Writer\nPublished 12 May 2025\n\nThe owner was charged on Friday."
    [date] = find_dates(text, None, TODAY)
    assert (date.text, date.value) == ("Friday", dt.date(2025, 5, 9))


def test_a_day_and_month_a_clause_looks_ahead_to_is_in_the_next_year() -> None:
    [date] = find_dates("He is next due in court on January 14.", dt.date(2026, 11, 20), TODAY)
    assert date.value == dt.date(2027, 1, 14)


def test_a_day_and_month_a_clause_looks_ahead_to_is_not_pushed_back_a_year() -> None:
    [date] = find_dates("He is next due in court on April 20.", dt.date(2026, 3, 16), TODAY)
    assert date.value == dt.date(2026, 4, 20)


def test_a_month_of_last_year_is_that_month_of_the_year_before_the_source() -> None:
    [date] = find_dates("The trial opened in July last year.", dt.date(2026, 9, 24))
    assert (date.value, date.precision, date.text) == (dt.date(2025, 7, 1), Precision.MONTH, "in July last year")


def test_a_month_of_this_year_is_in_the_sources_year() -> None:
    [date] = find_dates("It passed its last inspection in March this year.", dt.date(2026, 11, 14))
    assert (date.value, date.precision) == (dt.date(2026, 3, 1), Precision.MONTH)


def test_a_range_of_years_is_dated_by_its_first_year() -> None:
    [date] = find_dates("Twelve companies paid him between 2019 and 2023.", dt.date(2026, 9, 24))
    assert (date.value, date.precision, date.text) == (dt.date(2019, 1, 1), Precision.YEAR, "between 2019 and 2023")


def test_a_weekday_a_decision_takes_effect_from_is_the_next_one() -> None:
    [date] = find_dates("The mayor declared three days of mourning from Wednesday.", dt.date(2026, 6, 9))
    assert date.value == dt.date(2026, 6, 10)


def test_a_weekday_a_past_span_ran_from_is_the_last_one() -> None:
    dates = find_dates("The strike ran from Wednesday to Friday.", dt.date(2026, 6, 9))
    assert [d.value for d in dates] == [dt.date(2026, 6, 3), dt.date(2026, 6, 5)]
