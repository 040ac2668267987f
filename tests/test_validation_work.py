"""Judging a document (parsing, the limits, graphql's validation, the cost) takes work linear in its size,
however its fragments spread: counted in Python calls, not time. Documents are built by hypothesis: fragment
DAGs (each fragment spreading later ones, some twice), long chains, and wide documents."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLSyntaxError,
    InlineFragmentNode,
    NamedTypeNode,
    NameNode,
    parse,
    print_ast,
    specified_rules,
)
from graphql.language import Lexer, Source, TokenKind, Visitor, visit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strawberry.extensions.max_aliases import count_fields_with_alias
from strawberry.extensions.query_depth_limiter import determine_depth

from schema import make_schema
from schema.cost import operation_cost
from schema.extensions import _validate
from schema.limits import QueryLimits, cost_error, with_limits
from schema.shape import measure
from tests.conftest import calls

SCHEMA = make_schema()._schema
LIMITS = QueryLimits(
    max_depth=15, max_aliases=30, max_tokens=10000, max_cost=250000, page_size=20, max_page_size=100, timeout_ms=10000
)
RULES = with_limits(tuple(specified_rules), LIMITS)
CALLS_PER_TOKEN = 500
FIXED_CALLS = 50_000
"""The bound: a valid query costs about 230-300 calls per token (the seed's queries, the whole schema's);
following every spread of 20 fragments that each spread the next twice took tens of millions."""

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@dataclass(frozen=True)
class Fragment:
    on_event: bool
    """On Event (spread inside a page of events) rather than on Query."""
    fields: tuple[str, ...]
    spreads: tuple[tuple[int, int], ...]
    """(a later fragment, how many times it is spread)."""


REPEATS = (2, 1, 3)
"""How often a fragment spreads another, the doubling first (hypothesis prefers early values)."""
QUERY_FIELDS = ("a: __typename", "__typename", "events(first: 3) { totalCount }", "b: sources(first: 2) { totalCount }")
EVENT_FIELDS = ("id", "title { value }", "c: id", "date { value citations { quote } }", "kind { value }")


@st.composite
def fragment_dags(draw: st.DrawFn, max_fragments: int = 30, max_repeat: int = 3) -> str:
    """A query spreading fragment 0, each fragment spreading the next and up to two later ones, each 1 to
    `max_repeat` times (Query fragments spread Event fragments inside a page of events)."""
    count = draw(st.integers(1, max_fragments))
    fragments = []
    for index in range(count):
        on_event = draw(st.booleans()) if index else False
        fields = tuple(draw(st.lists(st.sampled_from(EVENT_FIELDS if on_event else QUERY_FIELDS), max_size=3)))
        later = st.integers(index + 1, count - 1)
        targets = (
            list(dict.fromkeys([index + 1, *draw(st.lists(later, max_size=2, unique=True))]))
            if index + 1 < count
            else []
        )
        spreads = tuple((target, draw(st.sampled_from(REPEATS[:max_repeat]))) for target in targets)
        fragments.append(Fragment(on_event, fields, spreads))
    return render(fragments)


def render(fragments: list[Fragment]) -> str:
    parts = ["{ ...F0 }"]
    for index, fragment in enumerate(fragments):
        selections = list(fragment.fields) or ["__typename"]
        for target, times in fragment.spreads:
            spread = f"...F{target}"
            if fragments[target].on_event and not fragment.on_event:
                spread = f"events(first: 2) {{ edges {{ node {{ ...F{target} }} }} }}"
            elif fragment.on_event and not fragments[target].on_event:
                continue
            selections += [spread] * times
        kind = "Event" if fragment.on_event else "Query"
        parts.append(f"fragment F{index} on {kind} {{ {' '.join(selections)} }}")
    return "\n".join(parts)


def chain(length: int, times: int) -> str:
    spreads = (lambda i: " ".join([f"...F{i + 1}"] * times)) if times else (lambda i: "__typename")
    parts = ["{ ...F0 }", *(f"fragment F{i} on Query {{ {spreads(i)} }}" for i in range(length))]
    return "\n".join([*parts, f"fragment F{length} on Query {{ a: __typename }}"])


def wide(field: str, count: int, aliased: bool) -> str:
    return "{ " + " ".join(f"x{i}: {field}" if aliased else field for i in range(count)) + " }"


def tokens(query: str) -> int:
    lexer, count = Lexer(Source(query)), 0
    while lexer.advance().kind != TokenKind.EOF:
        count += 1
    return count


def judged(query: str) -> str:
    """What the server decides of `query` before running it: a syntax error, a refusal, or that it may run."""
    try:
        document = parse(query, max_tokens=LIMITS.max_tokens)
    except GraphQLSyntaxError:
        return "syntax error"
    errors = _validate(SCHEMA, document, RULES)
    if errors:
        return f"invalid: {errors[0].message}"
    refused = cost_error(LIMITS, SCHEMA, document, None, {})
    return f"refused: {refused.message}" if refused else "runs"


def assert_linear_work(query: str) -> None:
    size = min(tokens(query), LIMITS.max_tokens + 1)
    work = calls(lambda: judged(query))
    assert work <= CALLS_PER_TOKEN * size + FIXED_CALLS, (work, size, judged(query))


@SETTINGS
@given(fragment_dags())
def test_judging_fragment_dags_takes_work_linear_in_the_document(query: str) -> None:
    assert_linear_work(query)


@SETTINGS
@given(st.integers(1, 1200), st.integers(0, 3))
def test_judging_fragment_chains_takes_work_linear_in_the_document(length: int, times: int) -> None:
    assert_linear_work(chain(length, times))


@SETTINGS
@given(
    st.sampled_from(
        ["__typename", "sources { totalCount }", 'node(id: "Event:capture") { id }', "events { totalCount }"]
    ),
    st.integers(1, 3000),
    st.booleans(),
)
def test_judging_wide_documents_takes_work_linear_in_the_document(field: str, count: int, aliased: bool) -> None:
    assert_linear_work(wide(field, count, aliased))


def test_fragments_spreading_the_next_twice_are_refused_at_once() -> None:
    query = chain(21, 2)
    assert judged(query).startswith("invalid: The query uses more than a million aliases")
    assert_linear_work(query)


def test_a_chain_of_a_thousand_fragments_is_refused_naming_the_nesting() -> None:
    assert judged(chain(990, 1)).startswith("invalid: The query nests selection sets, through its fragment spreads")


def test_a_field_repeated_thousands_of_times_is_refused_for_the_work_of_merging() -> None:
    verdict = judged(wide("sources { totalCount }", 2400, aliased=False))
    assert verdict.startswith("invalid: The query takes more work to validate than the limit of 10000 steps")


def operations(document: DocumentNode) -> Iterator[tuple[Any, dict[str, FragmentDefinitionNode]]]:
    """Each operation of `document`, with its fragments by name."""
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    for definition in document.definitions:
        if not isinstance(definition, FragmentDefinitionNode):
            yield definition, fragments


class Reported:
    """Stands in for the validation context Strawberry's depth limiter reports to."""

    def __init__(self) -> None:
        self.errors: list[Any] = []

    def report_error(self, error: Any) -> None:
        self.errors.append(error)


@settings(max_examples=60, deadline=None)
@given(fragment_dags(max_fragments=8, max_repeat=2))
def test_the_measure_counts_depth_and_aliases_as_strawberrys_limiters_do(query: str) -> None:
    document = parse(query)
    shape = measure(document)
    for operation, fragments in operations(document):
        depth = determine_depth(operation, fragments, 0, 10**6, Reported(), "q", None)  # type: ignore[arg-type]
        assert shape.depth == depth
        assert shape.aliases == count_fields_with_alias(operation, fragments)


def naive_cost(document: DocumentNode) -> int:
    """The cost counted by inlining every spread: the reference the memoised count must equal."""
    inlined = parse(query_inlined(document))
    cost = operation_cost(SCHEMA, inlined, None, {}, LIMITS.page_size, LIMITS.max_page_size, LIMITS.max_list_items)
    assert cost is not None
    return cost


def query_inlined(document: DocumentNode) -> str:
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}

    class Inline(Visitor):
        def enter_fragment_spread(self, node: FragmentSpreadNode, *_: Any) -> InlineFragmentNode:
            fragment = fragments[node.name.value]
            inline = InlineFragmentNode(
                type_condition=NamedTypeNode(name=NameNode(value=fragment.type_condition.name.value)),
                directives=(),
                selection_set=fragment.selection_set,
            )
            return visit(inline, Inline())  # type: ignore[no-any-return]

    operation = next(d for d in document.definitions if not isinstance(d, FragmentDefinitionNode))
    return print_ast(visit(operation, Inline()))


@settings(max_examples=60, deadline=None)
@given(fragment_dags(max_fragments=6, max_repeat=2))
def test_the_memoised_cost_equals_the_cost_of_the_query_with_its_fragments_inlined(query: str) -> None:
    document = parse(query)
    cost = operation_cost(SCHEMA, document, None, {}, LIMITS.page_size, LIMITS.max_page_size, LIMITS.max_list_items)
    assert cost == naive_cost(document)


@pytest.mark.parametrize("length", [1, 50, 198])
def test_a_chain_within_the_nesting_limit_runs(length: int) -> None:
    assert judged(chain(length, 1)) == "runs"
