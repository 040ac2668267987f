"""`search(text:)`: fact values, citations and sources matching words, each with a highlighted snippet."""

import asyncio
from typing import Annotated

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from db import tables
from db.tables import FACT_TABLES
from resolvers.context import Context
from resolvers.search import Hit, SearchRefused, SearchUnavailable, search_index, search_terms
from schema.arguments import ArgumentError
from schema.evidence import Citation, Source
from schema.node import Node

Ctx = Info[Context, None]
SNIPPET = "The matching passage, matched words wrapped in <mark>…</mark>."


@strawberry.type(description="A fact value matching the search: the object, the field, and a snippet.")
class ValueMatch:
    hit: strawberry.Private[Hit]

    @strawberry.field(description="The GraphQL field of `node` whose value matched (`aliases` for another name).")
    def field(self) -> str:
        if self.hit.entity_type == "alias":
            return "aliases"
        return "citations" if self.hit.field == "record" else self.hit.field

    @strawberry.field(description=SNIPPET)
    def snippet(self) -> str:
        return self.hit.snippet

    @strawberry.field(description="The object holding the value; its fields carry the citations.")
    async def node(self, info: Ctx) -> Annotated["Node", strawberry.lazy("schema.node")] | None:
        from schema.registry import node_of_row

        return await node_of_row(info, self.hit.entity_type, self.hit.entity_id)


@strawberry.type(description="A citation whose quote matches the search.")
class CitationMatch:
    citation: Citation = strawberry.field(description="The citation.")
    snippet: str = strawberry.field(description=SNIPPET)


@strawberry.type(description="A source whose text matches the search.")
class SourceMatch:
    source: Source = strawberry.field(description="The source.")
    snippet: str = strawberry.field(description=SNIPPET)


@strawberry.type(description="What matched a search, best matches first in each list.")
class SearchResults:
    values: list[ValueMatch] = strawberry.field(description="Fact values (names, titles, descriptions, ...).")
    quotes: list[CitationMatch] = strawberry.field(description="Citations whose quote matches.")
    sources: list[SourceMatch] = strawberry.field(description="Sources whose text matches.")


async def _standing(info: Ctx, hits: list[Hit]) -> list[Hit]:
    """The hits whose row exists (the index holds today's rows; an `asOf` read may predate some)."""
    by_table: dict[str, list[str]] = {}
    for hit in hits:
        by_table.setdefault(hit.entity_type, []).append(hit.entity_id)
    found: set[tuple[str, str]] = set()
    for table, ids in by_table.items():
        rows = await info.context.loaders.by_id(FACT_TABLES[table]).load_many(ids)
        found.update((table, i) for i, row in zip(ids, rows, strict=True) if row is not None)
    return [hit for hit in hits if (hit.entity_type, hit.entity_id) in found]


async def search(info: Ctx, text: str, first: int) -> SearchResults:
    ctx = info.context
    if not 0 <= first <= ctx.max_page_size:
        message = f"first must be between 0 and {ctx.max_page_size} (the maximum page size), got {first}"
        raise ArgumentError(message, limit=ctx.max_page_size)
    try:
        terms = search_terms(text, ctx.search_limits)
        values, quotes, texts = await asyncio.gather(
            *(search_index(ctx.reads, terms, kind, first) for kind in ("value", "citation", "source"))
        )
    except SearchRefused as exc:
        raise ArgumentError(str(exc), exc.code, exc.limit) from exc
    except SearchUnavailable as exc:
        raise GraphQLError(str(exc)) from exc
    loaders = ctx.loaders
    values = await _standing(info, values)
    citation_rows = await loaders.by_id(tables.Citation).load_many([h.entity_id for h in quotes])
    evidence = await loaders.evidence([row for row in citation_rows if row is not None])
    by_id = {e.citation.id: e for e in evidence}
    sources = await loaders.source_by_id.load_many([h.entity_id for h in texts])
    return SearchResults(
        values=[ValueMatch(hit=h) for h in values],
        quotes=[
            CitationMatch(citation=Citation.of(by_id[h.entity_id]), snippet=h.snippet)
            for h in quotes
            if h.entity_id in by_id
        ],
        sources=[SourceMatch(source=Source.of(s), snippet=h.snippet) for h, s in zip(texts, sources, strict=True) if s],
    )
