"""The evidence types: sources and the citations into them. These are the only uncited types."""

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from db import tables
from resolvers.context import Context
from resolvers.evidence import Evidence, FieldEvidence, RowEvidence
from schema.citation_format import CitationStyle, CslItem, citation_line, csl_item
from schema.enums import CitationKind, SourceKind
from schema.node import Node, global_id

if TYPE_CHECKING:
    from schema.actors import Agent
    from schema.provenance import Support, SupportConnection


@strawberry.type(description="When, by whom and why a source was retracted.")
class Withdrawal:
    at: dt.datetime = strawberry.field(description="When (UTC).")
    by: str = strawberry.field(description="The name of the admin token that retracted it.")
    reason: str = strawberry.field(description="Why, as the admin gave it.")


@strawberry.type(description="A document we hold in full, so that every quote from it can be checked.")
class Source(Node):
    row: strawberry.Private[tables.Source]

    @classmethod
    def of(cls, row: tables.Source) -> "Source":
        return cls(id=global_id("Source", row.id), row=row)

    @staticmethod
    def memo_key(source: "Source") -> str:
        """Sources recur in every citation: the compiled executor builds each once per selection."""
        return source.row.id

    @strawberry.field(description="What kind of document this is.")
    def kind(self) -> SourceKind:
        return self.row.kind

    @strawberry.field(description="Title or headline; null when the source does not give one.")
    def title(self) -> str | None:
        return self.row.title

    @strawberry.field(description="Who published the document; null when not known.")
    def publisher(self) -> str | None:
        return self.row.publisher

    @strawberry.field(description="Who wrote the document; null when not known.")
    def author(self) -> str | None:
        return self.row.author

    @strawberry.field(description="Where the document was published; null when not known.")
    def url(self) -> str | None:
        return self.row.url

    @strawberry.field(description="Language of the text (BCP 47 tag such as `en`); null when not known.")
    def language(self) -> str | None:
        return self.row.language

    @strawberry.field(description="Publication date; null when not known.")
    def published_on(self) -> dt.date | None:
        return self.row.published_on

    @strawberry.field(description="When we retrieved the document; null when not known.")
    def retrieved_on(self) -> dt.date | None:
        return self.row.retrieved_on

    @strawberry.field(description="The full text; citation offsets index into it (Unicode code points).")
    async def text(self, info: Info[Context, None]) -> str:
        full = await info.context.loaders.by_id(tables.Source).load(self.row.id)
        if full is None:
            raise LookupError(f"source {self.row.id!r} vanished")
        return full.text

    @strawberry.field(description="Set when the source was retracted; its citations then support nothing alone.")
    def withdrawal(self) -> "Withdrawal | None":
        row = self.row
        if row.withdrawn_at is None:
            return None
        return Withdrawal(at=row.withdrawn_at, by=row.withdrawn_by or "", reason=row.withdrawn_reason or "")

    @strawberry.field(description="SHA-256 of the UTF-8 text, hex encoded, to detect any change to it.")
    def sha256(self) -> str:
        return self.row.sha256

    @strawberry.field(description="Every cited value resting on this source: what breaks if the source is withdrawn.")
    async def supports(
        self,
        info: Info[Context, None],
        first: Annotated[int | None, strawberry.argument(description="Items from the start (default 20).")] = None,
        after: Annotated[str | None, strawberry.argument(description="A cursor: return items after it.")] = None,
    ) -> Annotated["SupportConnection", strawberry.lazy("schema.provenance")]:
        from resolvers.pagination import PageRequest
        from resolvers.provenance import SUPPORT_ORDERING, supports_of_source
        from schema.connection import paginate
        from schema.provenance import Support, SupportConnection

        async def build(rows: Sequence[tables.FactCitation]) -> list[Support]:
            return [Support(link=row) for row in rows]

        query = supports_of_source(self.row.id)
        page = await paginate(info, build, query, SUPPORT_ORDERING, PageRequest(first=first, after=after))
        return SupportConnection(edges=page.edges, page_info=page.page_info, counter=page.counter)

    @strawberry.field(description="Every citation that quotes this source, in text order.")
    async def citations(self, info: Info[Context, None]) -> list["Citation"]:
        loaders = info.context.loaders
        rows = await loaders.by_column(tables.Citation, "source_id").load(self.row.id)
        rows = sorted(rows, key=lambda c: (c.start_offset, c.id))
        return [Citation.of(e) for e in await loaders.evidence(rows)]


_new = object.__new__

SOURCE_NODES: dict[int, Source] = {}
"""The node of each source row, by the row's identity (checked on use): a request's citations share a few
source rows, and a node per citation cost more than the rest of the source's part of the answer."""
SOURCE_NODES_SIZE = 4096


@strawberry.type(
    description="Evidence for a value: an exact quote at offsets in a source, who said it, and through whom."
)
class Citation(Node):
    evidence: strawberry.Private[Evidence]

    @classmethod
    def of(cls, evidence: Evidence) -> "Citation":
        """Made without the dataclass `__init__` (two plain attributes): an answer makes thousands."""
        citation = _new(cls)
        citation.id = global_id("Citation", evidence.citation.id)
        citation.evidence = evidence
        return citation

    @strawberry.field(description="The document quoted.")
    def source(self) -> Source:
        row = self.evidence.source
        found = SOURCE_NODES.get(id(row))
        if found is None or found.row is not row:
            if len(SOURCE_NODES) > SOURCE_NODES_SIZE:
                SOURCE_NODES.clear()
            found = SOURCE_NODES[id(row)] = Source.of(row)
        return found

    @strawberry.field(description="The exact words quoted: `source.text[start:end] == quote`.")
    def quote(self) -> str:
        return self.evidence.citation.quote

    @strawberry.field(description="Offset of the quote's first character in the source text.")
    def start(self) -> int:
        return self.evidence.citation.start_offset

    @strawberry.field(description="Offset just past the quote's last character in the source text.")
    def end(self) -> int:
        return self.evidence.citation.end_offset

    @strawberry.field(description="Whether the quote states the value or the value is inferred from it.")
    def kind(self) -> CitationKind:
        return self.evidence.citation.kind

    @strawberry.field(description="For INFERRED citations, how the value follows from the quote.")
    def note(self) -> str | None:
        return self.evidence.citation.note

    @strawberry.field(
        description="Who made the statement (a person or organization); null when it is the source's own voice."
    )
    async def attributed_to(
        self, info: Info[Context, None]
    ) -> Annotated["Agent", strawberry.lazy("schema.actors")] | None:
        from schema.actors import agent

        return await agent(info, self.evidence.speaker)

    @strawberry.field(description='Through whom the statement reached the source ("as reported by AFP").')
    async def via(self, info: Info[Context, None]) -> Annotated["Agent", strawberry.lazy("schema.actors")] | None:
        from schema.actors import agent

        return await agent(info, self.evidence.via)

    @strawberry.field(description='A ready-to-print line: `Speaker, as reported by Via, in Title (date): "quote"`.')
    def line(
        self,
        style: Annotated[
            CitationStyle, strawberry.argument(description="PLAIN text, MARKDOWN, or HTML (escaped).")
        ] = CitationStyle.PLAIN,
    ) -> str:
        return citation_line(self.evidence, style)

    @strawberry.field(description="The citation as CSL-JSON item fields, for citation processors.")
    def csl(self) -> CslItem:
        return csl_item(self.evidence)

    @strawberry.field(description="Every cited value this citation supports.")
    async def supports(
        self, info: Info[Context, None]
    ) -> list[Annotated["Support", strawberry.lazy("schema.provenance")]]:
        from schema.provenance import Support

        loader = info.context.loaders.by_column(tables.FactCitation, "citation_id")
        return [Support(link=link) for link in await loader.load(self.evidence.citation.id)]


class CitationList(list[Citation]):
    """The citations of one field of one row, knowing which (`fact`): so that a cited value can find the
    rival values of its fact."""

    __slots__ = ("fact",)
    fact: tuple[str, str, str] | None
    """(table, row id, field) when the row is known."""


def citations(evidence: FieldEvidence, field: str) -> list[Citation]:
    """The citations of one field of a row."""
    found = CitationList([Citation.of(e) for e in evidence.get(field, ())])
    found.fact = (evidence.table, evidence.row_id, field) if isinstance(evidence, RowEvidence) else None
    return found


CITATIONS_OF_LINK = "The evidence for this relation: one or more citations."

UNSUPPORTED = "True when every citation quotes a withdrawn (retracted) source: nothing supports it any more."


def withdrawn_only(cited: list[Citation]) -> bool:
    """Whether every citation quotes a withdrawn source (and there is at least one)."""
    return bool(cited) and all(c.evidence.source.withdrawn_at is not None for c in cited)


def corroboration(cited: list[Citation]) -> int:
    """How many distinct sources, not withdrawn, the citations quote."""
    return len({c.evidence.source.id for c in cited if c.evidence.source.withdrawn_at is None})
