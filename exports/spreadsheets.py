"""CSV files to open in a spreadsheet: one per kind of row (`persons.csv`, `casualties.csv`, ...), plus the sources,
the citations, the other values of disputed or corrected fields, and the vocabularies' terms (`terms.csv`).

UTF-8 with a byte order mark (so that Excel reads it as UTF-8), a header row, RFC 4180 quoting and CRLF line ends.
Each cited field is its value (a column, or one per stored column: `count_low`, `count_high`, `count_wording`) and
`<field>_sources`, `<field>_quotes`, `<field>_citations` (line n of each cell names the same citation) and
`<field>_alternatives` (how many rival values stand beside it: see `other_values.csv`). References are global ids.
"""

import csv
import io
import json
from collections.abc import AsyncIterator, Iterable, Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from db.base import RECORD, FactTable
from db.export_rows import Cite, FactRow, citation_rows, fact_rows, other_values, sources, terms
from db.tables import FACT_TABLES, Citation, Source, Term
from db.values import stated_value
from exports.chunks import Chunk
from exports.fields import (
    cited_as_a_whole,
    cited_field,
    cited_fields,
    column_label,
    exported,
    field_value,
    plain_columns,
)
from exports.ids import global_id

SEPARATOR = "\n"
"""Between the items of one cell (the citations of a field): spreadsheets show each on a line of its own."""
BOM = "\ufeff"

SOURCE_COLUMNS = (
    "kind",
    "title",
    "publisher",
    "author",
    "url",
    "language",
    "published_on",
    "retrieved_on",
    "sha256",
    "withdrawn_at",
    "withdrawn_by",
    "withdrawn_reason",
)
TERM_HEADER = ("id", "vocabulary", "code", "label", "description", "broader", "references")
"""`terms.csv`: every term of the vocabularies (a kind column holds a code); `references` is JSON (ACLED, CAMEO)."""
CITATION_HEADER = ("id", "source", "start", "end", "quote", "kind", "note", "speaker", "via")
OTHER_VALUE_HEADER = (
    "id",
    "of",
    "field",
    "status",
    "rank",
    "value",
    "recorded_at",
    "recorded_by",
    "closed_at",
    "closed_by",
    "reason",
    "sources",
    "quotes",
    "citations",
)


def file_name(table: str) -> str:
    """`casualty` is `casualties.csv`, `person` `persons.csv`, `alias` `aliases.csv`."""
    plural = table[:-1] + "ies" if table.endswith("y") else table + "es" if table.endswith("s") else table + "s"
    return plural + ".csv"


def header(table: type[FactTable]) -> list[str]:
    names = ["id", *(column_label(column) for column in plain_columns(table))]
    if cited_as_a_whole(table):
        names += ["sources", "quotes", "citations"]
    for field in cited_fields(table):
        names += [field.label] if field.reference or len(field.columns) == 1 else [c.name for c in field.columns]
        names += [f"{field.label}_{part}" for part in ("sources", "quotes", "citations", "alternatives")]
    return names


def row_cells(table: type[FactTable], row: FactRow) -> list[object]:
    values = row.values
    name = str(table.__tablename__)
    cells: list[object] = [global_id(name, values["id"])]
    cells += [exported(column, values[column.name]) for column in plain_columns(table)]
    if cited_as_a_whole(table):
        cells += evidence_cells(row.cites.get(RECORD, []))
    for field in cited_fields(table):
        stated = field_value(field, values)
        width = 1 if field.reference or len(field.columns) == 1 else len(field.columns)
        cells += list(stated.values()) if stated else [None] * width
        cells += [*evidence_cells(row.cites.get(field.name, [])), row.alternatives.get(field.name, 0)]
    return cells


def evidence_cells(cites: Sequence[Cite]) -> list[str]:
    """The sources, quotes and citations of a value, one line per citation (a quote's own line breaks as spaces)."""
    return [
        SEPARATOR.join(global_id("source", cite.source_id) for cite in cites),
        SEPARATOR.join(" ".join(cite.quote.splitlines()) for cite in cites),
        SEPARATOR.join(global_id("citation", cite.id) for cite in cites),
    ]


def cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def lines(rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows([cell(value) for value in row] for row in rows)
    return out.getvalue()


async def csv_files(conn: AsyncConnection) -> AsyncIterator[Chunk]:
    """Every CSV file of the export, in chunks of a batch of rows."""
    for name, table in FACT_TABLES.items():
        target = file_name(name)
        yield Chunk(target, BOM + lines([header(table)]), 0)
        async for batch in fact_rows(conn, table):
            yield Chunk(target, lines(row_cells(table, row) for row in batch), len(batch))
    yield Chunk("other_values.csv", BOM + lines([OTHER_VALUE_HEADER]), 0)
    async for values in other_values(conn):
        yield Chunk("other_values.csv", lines(_other_value(other.value, other.cites) for other in values), len(values))
    yield Chunk("citations.csv", BOM + lines([CITATION_HEADER]), 0)
    async for citations in citation_rows(conn):
        yield Chunk("citations.csv", lines(_citation(found.citation) for found in citations), len(citations))
    yield Chunk("sources.csv", BOM + lines([("id", *SOURCE_COLUMNS)]), 0)
    async for found in sources(conn, text=False):
        yield Chunk("sources.csv", lines(_source(source) for source in found), len(found))
    yield Chunk("terms.csv", BOM + lines([TERM_HEADER]), 0)
    async for vocabulary in terms(conn):
        yield Chunk("terms.csv", lines(_term(term) for term in vocabulary), len(vocabulary))


def _other_value(value: Any, cites: Sequence[Cite]) -> list[object]:
    field = cited_field(value.entity_type, value.field)
    stated = stated_value(value.value)
    shown = field_value(field, stated) if field else stated
    return [
        global_id("fact_value", value.id),
        global_id(value.entity_type, value.entity_id),
        value.field,
        value.status.name,
        value.rank.name,
        next(iter(shown.values())) if shown and len(shown) == 1 else json.dumps(shown, ensure_ascii=False),
        value.recorded_at.isoformat(),
        value.recorded_by,
        value.closed_at.isoformat() if value.closed_at else None,
        value.closed_by,
        value.reason,
        *evidence_cells(cites),
    ]


def _citation(citation: Citation) -> list[object]:
    speaker = citation.attributed_person_id or citation.attributed_organization_id
    via = citation.via_person_id or citation.via_organization_id
    return [
        global_id("citation", citation.id),
        global_id("source", citation.source_id),
        citation.start_offset,
        citation.end_offset,
        citation.quote,
        citation.kind.name,
        citation.note,
        global_id("person" if citation.attributed_person_id else "organization", speaker) if speaker else None,
        global_id("person" if citation.via_person_id else "organization", via) if via else None,
    ]


def _source(source: Source) -> list[object]:
    return [global_id("source", source.id), *(exported_source(source, name) for name in SOURCE_COLUMNS)]


def exported_source(source: Source, name: str) -> object:
    value = getattr(source, name)
    return value.name if name == "kind" else value.isoformat() if hasattr(value, "isoformat") else value


def _term(term: Term) -> list[object]:
    broader = term.broader_id.split(":", 1)[1] if term.broader_id else None
    references = json.dumps(term.term_references, ensure_ascii=False) if term.term_references else None
    return [f"Term:{term.id}", term.vocabulary, term.code, term.label, term.description, broader, references]
