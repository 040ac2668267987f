"""Ready-to-print citation lines in a few styles, and CSL-JSON-like fields for citation processors."""

import datetime as dt
import html
from enum import Enum

import strawberry

from db.enums import SourceKind
from resolvers.evidence import Evidence


@strawberry.enum(description="How `Citation.line` is written.")
class CitationStyle(Enum):
    PLAIN = strawberry.enum_value(
        "PLAIN", description='Plain text: `Speaker, as reported by Via, in Title (date): "quote"`.'
    )
    MARKDOWN = strawberry.enum_value(
        "MARKDOWN", description="Markdown: the title in italics, linked to the source's `url` when it is known."
    )
    HTML = strawberry.enum_value(
        "HTML",
        description="HTML, every value escaped: the title in `<cite>` (linked to the source's `url` when it is known), "
        "the quote in `<q>`.",
    )


CSL_TYPES = {
    SourceKind.NEWS_ARTICLE: "article-newspaper",
    SourceKind.WIRE_REPORT: "article-newspaper",
    SourceKind.GOVERNMENT_STATEMENT: "document",
    SourceKind.COURT_RECORD: "legal_case",
    SourceKind.PRESS_RELEASE: "document",
    SourceKind.SOCIAL_MEDIA_POST: "post",
    SourceKind.OTHER: "document",
}


def citation_line(evidence: Evidence, style: CitationStyle = CitationStyle.PLAIN) -> str:
    """`Speaker, as reported by Via, in Title, Publisher (date): "quote"`, with the inference if any."""
    source, citation = evidence.source, evidence.citation
    escape = html.escape if style == CitationStyle.HTML else str
    title = escape(source.title) if source.title else None
    if title and style == CitationStyle.MARKDOWN:
        title = f"[*{title}*]({source.url})" if source.url else f"*{title}*"
    elif title and style == CitationStyle.HTML:
        cited = f"<cite>{title}</cite>"
        title = f'<a href="{escape(source.url)}">{cited}</a>' if source.url else cited
    where = title or f"an untitled {source.kind.value.lower().replace('_', ' ')} ({escape(source.id)})"
    if source.publisher:
        where += f", {escape(source.publisher)}"
    if source.published_on:
        where += f" ({source.published_on.isoformat()})"
    parts = [escape(evidence.speaker.name)] if evidence.speaker else []
    if evidence.via:
        parts.append(f"as reported by {escape(evidence.via.name)}")
    parts.append(f"in {where}")
    head = ", ".join(parts)
    quote = escape(citation.quote)
    quote = f"<q>{quote}</q>" if style == CitationStyle.HTML else f'"{quote}"'
    line = f"{head[0].upper()}{head[1:]}: {quote}"
    if citation.note:
        line += f" (inferred: {escape(citation.note)})"
    return line


@strawberry.type(description="A name as CSL-JSON writes it (`literal` for organizations).")
class CslName:
    literal: str = strawberry.field(description="The full name.")


@strawberry.type(description="A date as CSL-JSON writes it: `[[year, month, day]]`.")
class CslDate:
    date_parts: list[list[int]] = strawberry.field(description="`[[year, month, day]]`.")


def csl_date(value: dt.date | None) -> CslDate | None:
    return CslDate(date_parts=[[value.year, value.month, value.day]]) if value else None


@strawberry.type(
    description="The citation as CSL-JSON item fields (camelCased), for citeproc-style formatting; the extra "
    "fields say what was quoted and who said it."
)
class CslItem:
    id: str = strawberry.field(description="The source's id.")
    type: str = strawberry.field(description='The CSL item type ("article-newspaper", "legal_case", ...).')
    title: str | None = strawberry.field(description="The source's title.")
    container_title: str | None = strawberry.field(description="The publisher (CSL `container-title`).")
    author: list[CslName] = strawberry.field(description="The source's author, when known.")
    issued: CslDate | None = strawberry.field(description="Publication date.")
    accessed: CslDate | None = strawberry.field(description="Retrieval date.")
    url: str | None = strawberry.field(description="The source's URL (CSL `URL`).")
    language: str | None = strawberry.field(description="The source's language.")
    locator: str = strawberry.field(description='Where the quote stands: "characters START-END".')
    quote: str = strawberry.field(description="The exact words quoted.")
    speaker: str | None = strawberry.field(description="Who made the statement.")
    via: str | None = strawberry.field(description="Through whom the statement reached the source.")


def csl_item(evidence: Evidence) -> CslItem:
    source, citation = evidence.source, evidence.citation
    return CslItem(
        id=source.id,
        type=CSL_TYPES[source.kind],
        title=source.title,
        container_title=source.publisher,
        author=[CslName(literal=source.author)] if source.author else [],
        issued=csl_date(source.published_on),
        accessed=csl_date(source.retrieved_on),
        url=source.url,
        language=source.language,
        locator=f"characters {citation.start_offset}-{citation.end_offset}",
        quote=citation.quote,
        speaker=evidence.speaker.name if evidence.speaker else None,
        via=evidence.via.name if evidence.via else None,
    )
