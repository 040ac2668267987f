"""A root list declared with `RootList` is checked when it is made; its fields take exactly the declared arguments."""

from typing import Any

import pytest
import strawberry

from db import tables
from resolvers import filters as f
from schema.events import Event
from schema.evidence import Source
from schema.filters import EventFilter, EventOrder
from schema.root_fields import RootList, RootListError

BY_DATE = {
    EventOrder.DATE_ASC: f.event_ordering(descending=False),
    EventOrder.DATE_DESC: f.event_ordering(descending=True),
}


def events(**changes: Any) -> RootList:
    declared: dict[str, Any] = {
        "description": "Events.",
        "lookup_description": "One event.",
        "filter": EventFilter,
        "query": f.events_query,
        "order_by": EventOrder.DATE_ASC,
        "ordering": BY_DATE,
    }
    return RootList(Event, **(declared | changes))


@strawberry.input(description="A filter that forgot its criteria.")
class NoCriteria:
    name: str | None = None


def test_a_filter_without_criteria_fails_naming_the_list() -> None:
    with pytest.raises(RootListError, match=r"root list of Event: filter NoCriteria has no criteria\(\)"):
        events(filter=NoCriteria)


@strawberry.input(description="A filter that cannot be built empty.")
class NeedsName:
    name: str

    def criteria(self) -> f.EventCriteria:
        return f.EventCriteria()


def test_a_filter_with_a_required_field_fails_naming_it() -> None:
    with pytest.raises(RootListError, match=r"root list of Event: filter NeedsName requires \['name'\]"):
        events(filter=NeedsName)


def test_a_filter_that_is_no_strawberry_input_fails() -> None:
    with pytest.raises(RootListError, match=r"root list of Event: filter dict is not a Strawberry input"):
        events(filter=dict)


def test_a_query_taking_other_criteria_than_the_filter_gives_fails() -> None:
    with pytest.raises(RootListError, match=r"persons_query takes PersonCriteria, but EventFilter.criteria\(\) gives"):
        events(query=f.persons_query)


def test_a_query_taking_criteria_in_a_list_without_filter_fails() -> None:
    with pytest.raises(RootListError, match=r"root list of Event: events_query takes criteria, but .* no filter"):
        events(filter=None)


def test_an_order_enum_member_without_an_ordering_fails_naming_it() -> None:
    with pytest.raises(RootListError, match=r"orderings do not match EventOrder \(missing \['DATE_DESC'\]"):
        events(ordering={EventOrder.DATE_ASC: BY_DATE[EventOrder.DATE_ASC]})


def test_orderings_by_enum_member_without_a_default_order_fails() -> None:
    with pytest.raises(RootListError, match=r"root list of Event: .* need the default `order_by`"):
        events(order_by=None)


def test_a_default_order_with_a_single_ordering_fails() -> None:
    with pytest.raises(RootListError, match=r"root list of Event: order_by .* given, but one ordering"):
        events(ordering=BY_DATE[EventOrder.DATE_ASC])


def test_a_node_type_not_built_from_a_fact_row_needs_build_and_find() -> None:
    with pytest.raises(RootListError, match=r"root list of Source: .* give `build` and `find`"):
        RootList(
            Source,
            description="Sources.",
            lookup_description="One source.",
            query=f.demands_query,
            ordering=f.id_ordering(tables.Source),
        )


def names(field: Any) -> list[str]:
    return [argument.python_name for argument in field.arguments]


def test_a_list_without_filter_or_order_takes_paging_and_as_of_only() -> None:
    unfiltered = RootList(
        Event,
        description="Events.",
        lookup_description="One event.",
        query=f.demands_query,
        ordering=f.id_ordering(tables.Event),
    )
    assert names(unfiltered.list_field()) == ["first", "after", "last", "before", "as_of"]


def test_a_filtered_ordered_list_takes_filter_and_order_by_before_paging() -> None:
    field = events().list_field()
    assert names(field) == ["filter", "order_by", "first", "after", "last", "before", "as_of"]
    assert field.arguments[1].default == EventOrder.DATE_ASC


def test_a_lookup_takes_a_global_id_and_as_of() -> None:
    assert names(events().lookup_field()) == ["id", "as_of"]
