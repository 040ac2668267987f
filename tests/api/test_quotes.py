"""Quotes are located in their source ignoring whitespace and the shape of quote marks, and stored as the
source's exact span."""

import json
from typing import Any

from tests.api.test_writes import ingest
from tests.conftest import GraphQLClient, Tokens

BULLETIN = (
    "The mayor\u2019s office said the\nfire   at the depot was \u201cunder control\u201d\r\nby midnight.\n"
    "Crews stayed on site. The fire at the depot had burned for\n\nfive hours."
)
"""A source as wires send them: hard line breaks (one of them CRLF, one a blank line), a run of spaces,
a typographic apostrophe and typographic double quotes."""


def bulletin_document(quote: str, occurrence: int | None = None) -> str:
    cite: dict[str, Any] = {"quote": quote}
    if occurrence is not None:
        cite["occurrence"] = occurrence
    return json.dumps(
        {
            "sources": [{"id": "bulletin", "kind": "WIRE_REPORT", "text": BULLETIN}],
            "default_source": "bulletin",
            "events": [
                {
                    "id": "depot-fire",
                    "title": {"value": "Depot fire", "cite": "at the depot was"},
                    "kind": {"value": "OTHER", "cite": "Crews stayed on site"},
                    "description": {"value": "The fire was brought under control by midnight.", "cite": cite},
                }
            ],
        }
    )


DESCRIPTION = """{ node(id: "Event:depot-fire") { ... on Event { description { value citations {
  quote start end source { text } } } } } }"""


async def description_citation(gql: GraphQLClient) -> dict[str, Any]:
    [citation] = (await gql.data(DESCRIPTION))["node"]["description"]["citations"]
    return dict(citation)


async def test_a_quote_spanning_a_line_break_is_found_and_stored_as_the_source_has_it(
    gql: GraphQLClient, tokens: Tokens
) -> None:
    document = bulletin_document('the fire at the depot was "under control" by midnight')
    result = await ingest(gql, document, tokens.editor)
    assert result["__typename"] == "Ingested", result
    citation = await description_citation(gql)
    assert citation["quote"] == "the\nfire   at the depot was \u201cunder control\u201d\r\nby midnight"
    assert citation["source"]["text"][citation["start"] : citation["end"]] == citation["quote"]


async def test_straight_quote_marks_in_the_source_match_typographic_ones_in_the_quote(
    gql: GraphQLClient, tokens: Tokens
) -> None:
    result = await ingest(gql, bulletin_document("The mayor's office said"), tokens.editor)
    assert result["__typename"] == "Ingested", result
    citation = await description_citation(gql)
    assert citation["quote"] == "The mayor\u2019s office said"
    assert (citation["start"], citation["end"]) == (0, len("The mayor\u2019s office said"))


async def test_a_run_of_whitespace_in_the_quote_matches_one_space_in_the_source(
    gql: GraphQLClient, tokens: Tokens
) -> None:
    result = await ingest(gql, bulletin_document("Crews  stayed\non site."), tokens.editor)
    assert result["__typename"] == "Ingested", result
    assert (await description_citation(gql))["quote"] == "Crews stayed on site."


async def test_a_quote_found_twice_once_its_whitespace_is_ignored_is_ambiguous(
    gql: GraphQLClient, tokens: Tokens
) -> None:
    result = await ingest(gql, bulletin_document("fire at the depot"), tokens.editor)
    [error] = result["errors"]
    assert (error["__typename"], error["occurrences"], error["field"]) == ("AmbiguousQuote", 2, "description")


async def test_occurrence_picks_among_quotes_that_differ_only_in_whitespace(gql: GraphQLClient, tokens: Tokens) -> None:
    result = await ingest(gql, bulletin_document("fire\nat the depot", occurrence=2), tokens.editor)
    assert result["__typename"] == "Ingested", result
    citation = await description_citation(gql)
    assert citation["quote"] == "fire at the depot"
    assert citation["start"] == BULLETIN.index("The fire at the depot") + len("The ")


async def test_a_quote_with_other_words_is_still_not_found(gql: GraphQLClient, tokens: Tokens) -> None:
    result = await ingest(gql, bulletin_document("the fire at the warehouse"), tokens.editor)
    [error] = result["errors"]
    assert error["__typename"] == "QuoteNotFound" and error["quote"] == "the fire at the warehouse"
