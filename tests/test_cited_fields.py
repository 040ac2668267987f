"""A cited field declared with `CitedFields` is checked against its table when its module is imported."""

import pytest

from db import tables
from schema.actors import CitedPlace, Place
from schema.cited import CitedString
from schema.cited_fields import CitedFields, FactFieldError

EVENT_FACTS = CitedFields(tables.Event, __name__)


def test_a_misspelt_fact_fails_naming_it_and_the_known_facts() -> None:
    with pytest.raises(FactFieldError, match=r"'titel' of Event .*no such fact field .*title"):
        EVENT_FACTS.value("titel", CitedString, description="A title.")


def test_a_value_field_over_several_columns_fails() -> None:
    with pytest.raises(FactFieldError, match=r"'date' of Event .*not one"):
        EVENT_FACTS.value("date", CitedString, description="A date.")


def test_a_date_missing_one_of_its_columns_fails() -> None:
    with pytest.raises(FactFieldError, match=r"do not cover the fact's \['date_end', 'date_precision', 'date_start'\]"):
        EVENT_FACTS.date("date", start="date_start", precision="date_precision", description="A date.")


def test_a_date_may_add_a_column_it_is_stated_with() -> None:
    EVENT_FACTS.date(
        "date",
        start="date_start",
        precision="date_precision",
        end="date_end",
        open_ended="date_open_ended",
        description="A date.",
    )


def test_a_time_naming_a_column_of_another_fact_fails() -> None:
    with pytest.raises(FactFieldError, match=r"'time' of Event .*do not cover"):
        EVENT_FACTS.time("time", value="time_of_day", zone="title", precision="time_precision", description="A time.")


def test_a_reference_to_a_node_of_another_table_fails() -> None:
    with pytest.raises(FactFieldError, match=r"parent_id points at event, not place"):
        EVENT_FACTS.reference("parent", CitedPlace, Place, description="A parent.")
