"""The database as JSON-LD in which every citation is a W3C Web Annotation (one `@graph`, streamed).

- A fact row is a node (`citegraph:Casualty:total-killed`, typed `cg:Casualty`); each of its cited fields is a node
  of its own (`...#count`, a `cg:CitedValue` holding `rdf:value` or the field's columns), which annotations name as
  their body. A relation cited as a whole (a membership, a participation) is its own body.
- A citation is an `oa:Annotation` (`citegraph:Citation:...`): its target is a `SpecificResource` of the source with
  a `TextQuoteSelector` (exact, prefix, suffix) and a `TextPositionSelector` (character offsets into the source's
  text, `cg:text` of the source); its bodies are the values it supports. Motivation `oa:describing` (the value
  describes what the passage states), or for an INFERRED citation `cg:inferring` (an `oa:Motivation` narrower than
  describing), with the reasoning as a `TextualBody` whose purpose is `commenting`.
- Who said it: the target `prov:wasAttributedTo` the speaker (PROV's attribution: the statement is ascribed to
  the agent responsible for it). Through whom: the target `prov:wasDerivedFrom` a `prov:Entity`, the
  intermediary's report, which is `prov:wasAttributedTo` the intermediary (AFP). So the intermediary answers for
  the report the passage was taken from, never for the statement.
- The vocabularies' terms (the codes kinds and categories hold) are `skos:Concept`s with `skos:notation` (the code),
  `skos:prefLabel`, `skos:definition`, `skos:broader` and `cg:references` (ACLED, CAMEO).
- Rival values (`cg:Alternative`, `cg:alternativeOf` the field's node) and values corrections closed
  (`cg:FormerValue`, `cg:formerValueOf`) are nodes with their own annotations; a disputed field says
  `cg:disputed true`.
"""

from collections.abc import AsyncIterator, Mapping
from typing import Any

import orjson
from sqlalchemy import Column, Date, DateTime
from sqlalchemy.ext.asyncio import AsyncConnection

from db.base import FactTable
from db.dump import base_type
from db.enums import CitationKind, ValueStatus
from db.export_rows import CitationRow, FactRow, citation_rows, fact_rows, other_values, sources, terms
from db.tables import FACT_TABLES, FactValue, Source, Term
from db.values import stated_value
from exports.chunks import Chunk
from exports.fields import CitedField, cited_field, cited_fields, column_label, exported, field_value, plain_columns
from exports.ids import TYPE_NAMES, field_iri, global_id
from exports.jsonld_context import CONTEXT

FILE = "citegraph.jsonld"
AGENTS = frozenset({"person", "organization"})
INFERRING = {
    "id": "cg:inferring",
    "type": "Motivation",
    "skos:broader": {"id": "oa:describing"},
    "label": "inferring",
    "skos:definition": "The body is a value the annotator inferred from the target; a TextualBody gives the reasoning.",
}
"""The motivation of INFERRED citations, declared as the Web Annotation model asks of new motivations."""


def iri(table: str, key: Any) -> str:
    return f"citegraph:{global_id(table, key)}"


def _dumps(value: object) -> str:
    return orjson.dumps(value).decode()


def _nodes(nodes: list[dict[str, Any]]) -> str:
    return "".join(",\n" + _dumps(node) for node in nodes)


async def jsonld(conn: AsyncConnection) -> AsyncIterator[Chunk]:
    """The JSON-LD document, in chunks of a batch of rows."""
    yield Chunk(FILE, '{"@context": ' + _dumps(CONTEXT) + ',\n"@graph": [\n' + _dumps(INFERRING), 0)
    async for found in sources(conn, text=True):
        yield Chunk(FILE, _nodes([source_node(source) for source in found]), len(found))
    for name, table in FACT_TABLES.items():
        async for batch in fact_rows(conn, table):
            yield Chunk(FILE, _nodes([row_node(name, table, row) for row in batch]), len(batch))
    async for values in other_values(conn):
        nodes = [node for node in (value_node(other.value) for other in values) if node is not None]
        yield Chunk(FILE, _nodes(nodes), len(values))
    async for citations in citation_rows(conn):
        yield Chunk(FILE, _nodes([annotation(found) for found in citations]), len(citations))
    async for vocabulary in terms(conn):
        yield Chunk(FILE, _nodes([term_node(term) for term in vocabulary]), len(vocabulary))
    yield Chunk(FILE, "\n]}\n", 0)


def literal(column: Column[Any], value: object) -> object:
    """A column's value in JSON-LD: a reference as a node, a date or a moment typed, others as JSON literals."""
    value = exported(column, value)
    if value is None:
        return None
    if column.foreign_keys:
        return {"id": f"citegraph:{value}"}
    kind = base_type(column)
    if isinstance(kind, DateTime):
        return {"@value": value, "@type": "xsd:dateTime"}
    if isinstance(kind, Date):
        return {"@value": value, "@type": "xsd:date"}
    return value


def value_properties(field: CitedField, values: Mapping[str, Any]) -> dict[str, Any]:
    """The properties stating a field's value: `rdf:value` for a field of one column (or a reference), else one
    `cg:<column>` per column stated."""
    if field.reference:
        stated = field_value(field, values)
        return {"value": {"id": f"citegraph:{stated[field.name]}"}} if stated else {}
    found = {column.name: literal(column, values.get(column.name)) for column in field.columns}
    if len(field.columns) == 1:
        return {"value": found[field.columns[0].name]}
    return {f"cg:{name}": value for name, value in found.items() if value is not None}


def row_node(name: str, table: type[FactTable], row: FactRow) -> dict[str, Any]:
    key = row.values["id"]
    node: dict[str, Any] = {"id": iri(name, key), "type": [f"cg:{TYPE_NAMES[name]}"]}
    if name in AGENTS:
        node["type"].append("prov:Agent")
    for column in plain_columns(table):
        if (value := literal(column, row.values[column.name])) is not None:
            node[f"cg:{column_label(column)}"] = value
    for field in cited_fields(table):
        if field_value(field, row.values) is None:
            continue
        cited = {"id": field_iri(name, key, field.name), "type": "cg:CitedValue", **value_properties(field, row.values)}
        if row.alternatives.get(field.name):
            cited["cg:disputed"] = True
        node[f"cg:{field.name}"] = cited
    return node


def value_node(value: FactValue) -> dict[str, Any] | None:
    """A rival value or a former one; None for a field the export does not know (none today)."""
    field = cited_field(value.entity_type, value.field)
    if field is None:
        return None
    alternative = value.status == ValueStatus.ALTERNATIVE
    node: dict[str, Any] = {
        "id": iri("fact_value", value.id),
        "type": "cg:Alternative" if alternative else "cg:FormerValue",
        "cg:alternativeOf" if alternative else "cg:formerValueOf": {
            "id": field_iri(value.entity_type, value.entity_id, value.field)
        },
        **value_properties(field, stated_value(value.value)),
        "cg:rank": value.rank.name,
        "cg:recordedAt": {"@value": value.recorded_at.isoformat(), "@type": "xsd:dateTime"},
        "cg:recordedBy": value.recorded_by,
    }
    if value.closed_at is not None:
        node["cg:closedAt"] = {"@value": value.closed_at.isoformat(), "@type": "xsd:dateTime"}
        node["cg:closedBy"] = value.closed_by
        node["cg:reason"] = value.reason
    return node


def source_node(source: Source) -> dict[str, Any]:
    properties = {
        "cg:kind": source.kind.name,
        "dcterms:title": source.title,
        "dcterms:publisher": source.publisher,
        "dcterms:creator": source.author,
        "schema:url": source.url,
        "language": source.language,
        "dcterms:issued": source.published_on and {"@value": source.published_on.isoformat(), "@type": "xsd:date"},
        "cg:retrievedOn": source.retrieved_on and {"@value": source.retrieved_on.isoformat(), "@type": "xsd:date"},
        "cg:sha256": source.sha256,
        "cg:text": source.text,
        "cg:withdrawnAt": source.withdrawn_at and {"@value": source.withdrawn_at.isoformat(), "@type": "xsd:dateTime"},
        "cg:withdrawnBy": source.withdrawn_by,
        "cg:withdrawnReason": source.withdrawn_reason,
    }
    node = {"id": iri("source", source.id), "type": ["Text", "cg:Source"]}
    return node | {name: value for name, value in properties.items() if value is not None}


def term_node(term: Term) -> dict[str, Any]:
    """A term as a SKOS concept of its vocabulary's scheme (`citegraph:Vocabulary:EVENT_KIND`)."""
    node: dict[str, Any] = {
        "id": f"citegraph:Term:{term.id}",
        "type": "skos:Concept",
        "skos:inScheme": {"id": f"citegraph:Vocabulary:{term.vocabulary}"},
        "skos:notation": term.code,
        "skos:prefLabel": term.label,
        "skos:definition": term.description,
    }
    if term.broader_id:
        node["skos:broader"] = {"id": f"citegraph:Term:{term.broader_id}"}
    if term.term_references:
        node["cg:references"] = [{f"cg:{key}": value for key, value in ref.items()} for ref in term.term_references]
    return node


def annotation(found: CitationRow) -> dict[str, Any]:
    citation = found.citation
    bodies: list[Any] = [
        iri("fact_value", link.value_id) if link.value_id else field_iri(link.entity_type, link.entity_id, link.field)
        for link in found.supports
    ]
    inferred = citation.kind == CitationKind.INFERRED
    if inferred:
        bodies.append({"type": "TextualBody", "value": citation.note, "purpose": "commenting"})
    quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": citation.quote}
    if found.prefix:
        quote["prefix"] = found.prefix
    if found.suffix:
        quote["suffix"] = found.suffix
    target: dict[str, Any] = {
        "type": "SpecificResource",
        "source": iri("source", citation.source_id),
        "selector": [
            quote,
            {"type": "TextPositionSelector", "start": citation.start_offset, "end": citation.end_offset},
        ],
    }
    if speaker := _agent(citation.attributed_person_id, citation.attributed_organization_id):
        target["wasAttributedTo"] = speaker
    if via := _agent(citation.via_person_id, citation.via_organization_id):
        target["wasDerivedFrom"] = {"type": "prov:Entity", "wasAttributedTo": via}
    return {
        "id": iri("citation", citation.id),
        "type": "Annotation",
        "motivation": "cg:inferring" if inferred else "describing",
        "body": bodies,
        "target": target,
    }


def _agent(person_id: str | None, organization_id: str | None) -> str | None:
    if person_id:
        return iri("person", person_id)
    return iri("organization", organization_id) if organization_id else None
