"""GET /export/citegraph.jsonld: every citation a W3C Web Annotation with PROV attribution, read as RDF by pyld
(contexts from the local copies, never the web), on the seed corpus and the factory fire."""

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from pyld import jsonld

from exports.jsonld_context import ANNOTATION_CONTEXT, CONTEXT, local_document

OA = "http://www.w3.org/ns/oa#"
PROV = "http://www.w3.org/ns/prov#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
CG = "urn:citegraph:vocab:"
ID = "urn:citegraph:"


def local_contexts(url: str, options: Any = None) -> dict[str, Any]:
    """pyld's document loader: the local copy of a context, and a KeyError for any other URL (nothing is fetched)."""
    return {"contextUrl": None, "documentUrl": url, "document": local_document(url)}


class Graph:
    """The export's RDF triples (IRIs and blank nodes as their names, literals as their lexical values)."""

    def __init__(self, document: dict[str, Any]) -> None:
        dataset = jsonld.to_rdf(document, {"documentLoader": local_contexts})
        self.triples = [
            (t["subject"]["value"], t["predicate"]["value"], t["object"]["value"]) for t in dataset["@default"]
        ]

    def objects(self, subject: str, predicate: str) -> list[str]:
        return [o for s, p, o in self.triples if s == subject and p == predicate]

    def subjects(self, predicate: str, value: str) -> list[str]:
        return [s for s, p, o in self.triples if p == predicate and o == value]

    def one(self, subject: str, predicate: str) -> str:
        found = self.objects(subject, predicate)
        assert len(found) == 1, (subject, predicate, found)
        return found[0]

    def annotations_of(self, body: str) -> list[str]:
        return self.subjects(OA + "hasBody", body)

    def quote_selector(self, annotation: str) -> str:
        target = self.one(annotation, OA + "hasTarget")
        return next(s for s in self.objects(target, OA + "hasSelector") if self.objects(s, OA + "exact"))

    def annotation_quoting(self, exact: str) -> str:
        (selector,) = self.subjects(OA + "exact", exact)
        (target,) = self.subjects(OA + "hasSelector", selector)
        (annotation,) = self.subjects(OA + "hasTarget", target)
        return annotation


async def download(http: httpx.AsyncClient) -> dict[str, Any]:
    response = await http.get("/export/citegraph.jsonld")
    assert response.status_code == 200, response.text
    document: dict[str, Any] = response.json()
    return document


@pytest.fixture
async def seed_graph(http: httpx.AsyncClient) -> Graph:
    return Graph(await download(http))


@pytest.fixture
async def fire_graph(factory_fire: httpx.AsyncClient) -> Graph:
    return Graph(await download(factory_fire))


async def test_the_download_is_json_ld_to_save_as_a_file(http: httpx.AsyncClient) -> None:
    response = await http.get("/export/citegraph.jsonld")
    assert response.headers["content-type"] == "application/ld+json"
    assert response.headers["content-disposition"] == 'attachment; filename="citegraph.jsonld"'
    assert response.json()["@context"] == CONTEXT


async def test_the_quote_killed_at_least_55_annotates_the_total_casualty_count(seed_graph: Graph) -> None:
    annotation = seed_graph.annotation_quoting("killed at least 55")
    count = seed_graph.one(ID + "Casualty:total-killed", CG + "count")
    assert count in seed_graph.objects(annotation, OA + "hasBody")
    assert seed_graph.one(count, CG + "count_low") == "55"
    assert seed_graph.one(count, CG + "count_wording") == "AT_LEAST"
    assert OA + "Annotation" in seed_graph.objects(annotation, RDF + "type")


async def test_the_venezuelan_figure_is_attributed_to_its_military_and_came_via_afp(seed_graph: Graph) -> None:
    (annotation,) = seed_graph.annotations_of(ID + "Casualty:venezuela-military-killed#count")
    target = seed_graph.one(annotation, OA + "hasTarget")
    assert seed_graph.objects(target, PROV + "wasAttributedTo") == [ID + "Organization:venezuela-military"]
    report = seed_graph.one(target, PROV + "wasDerivedFrom")
    assert seed_graph.objects(report, PROV + "wasAttributedTo") == [ID + "Organization:afp"]
    assert seed_graph.one(target, OA + "hasSource") == ID + "Source:maduro-raid-article"


def selections(graph: Graph) -> Iterator[tuple[str, str, str, str, int, int]]:
    """(source text, exact, prefix, suffix, start, end) of every annotation."""
    for annotation in graph.subjects(RDF + "type", OA + "Annotation"):
        target = graph.one(annotation, OA + "hasTarget")
        text = graph.one(graph.one(target, OA + "hasSource"), CG + "text")
        selectors = graph.objects(target, OA + "hasSelector")
        (quote,) = [s for s in selectors if OA + "TextQuoteSelector" in graph.objects(s, RDF + "type")]
        (position,) = [s for s in selectors if OA + "TextPositionSelector" in graph.objects(s, RDF + "type")]
        yield (
            text,
            graph.one(quote, OA + "exact"),
            "".join(graph.objects(quote, OA + "prefix")),
            "".join(graph.objects(quote, OA + "suffix")),
            int(graph.one(position, OA + "start")),
            int(graph.one(position, OA + "end")),
        )


async def test_every_position_selector_gives_the_quote_s_offsets_in_the_source_text(fire_graph: Graph) -> None:
    found = list(selections(fire_graph))
    assert len(found) > 200
    for text, exact, prefix, suffix, start, end in found:
        assert text[start:end] == exact
        assert text[:start].endswith(prefix) and text[end:].startswith(suffix)
        assert prefix or start == 0
        assert suffix or end == len(text)


async def test_an_inferred_citation_is_motivated_by_inferring_and_gives_its_reasoning(fire_graph: Graph) -> None:
    (annotation,) = fire_graph.annotations_of(ID + "Place:port-aldern#kind")
    assert fire_graph.objects(annotation, OA + "motivatedBy") == [CG + "inferring"]
    bodies = fire_graph.objects(annotation, OA + "hasBody")
    (note,) = [b for b in bodies if OA + "TextualBody" in fire_graph.objects(b, RDF + "type")]
    assert fire_graph.one(note, RDF + "value").startswith("A town with a textile plant")
    assert fire_graph.one(note, OA + "hasPurpose") == OA + "commenting"
    assert fire_graph.objects(CG + "inferring", "http://www.w3.org/2004/02/skos/core#broader") == [OA + "describing"]
    quoted = fire_graph.annotation_quoting("Fire tore through")
    assert fire_graph.objects(quoted, OA + "motivatedBy") == [OA + "describing"]


async def test_the_brigade_s_toll_is_attributed_to_the_brigade_via_the_news_agency(fire_graph: Graph) -> None:
    (annotation,) = fire_graph.annotations_of(ID + "Casualty:fire-dead#count")
    target = fire_graph.one(annotation, OA + "hasTarget")
    assert fire_graph.objects(target, PROV + "wasAttributedTo") == [ID + "Organization:fire-brigade"]
    report = fire_graph.one(target, PROV + "wasDerivedFrom")
    assert fire_graph.objects(report, PROV + "wasAttributedTo") == [ID + "Organization:meridian-press"]
    assert fire_graph.one(ID + "Casualty:fire-dead#count", CG + "count_low") == "12"


async def test_the_union_s_rival_toll_is_an_alternative_with_its_own_annotation(fire_graph: Graph) -> None:
    count = ID + "Casualty:fire-dead#count"
    assert fire_graph.objects(count, CG + "disputed") == ["true"]
    (rival,) = fire_graph.subjects(CG + "alternativeOf", count)
    assert fire_graph.one(rival, CG + "count_low") == "14"
    assert fire_graph.one(rival, CG + "count_wording") == "AT_LEAST"
    (annotation,) = fire_graph.annotations_of(rival)
    assert annotation == fire_graph.annotation_quoting("at least 14 workers died")
    target = fire_graph.one(annotation, OA + "hasTarget")
    assert fire_graph.objects(target, PROV + "wasAttributedTo") == [ID + "Organization:workers-federation"]
    assert fire_graph.objects(target, PROV + "wasDerivedFrom") == []


async def test_a_corrected_title_is_a_former_value_with_who_closed_it_and_why(fire_graph: Graph) -> None:
    title = ID + "Event:plant-fire#title"
    assert fire_graph.one(title, RDF + "value") == "Fire at the Lindqvist textile plant"
    (former,) = fire_graph.subjects(CG + "formerValueOf", title)
    assert fire_graph.one(former, RDF + "value") == "Fire at the Lindqvist plant"
    assert fire_graph.one(former, CG + "closedBy") == "chief"
    assert fire_graph.one(former, CG + "reason") == "The Gazette calls it a textile plant."
    assert fire_graph.annotations_of(former)


async def test_a_relation_cited_as_a_whole_is_its_own_body(fire_graph: Graph) -> None:
    annotation = fire_graph.annotation_quoting("the federation's secretary, Marta Olsen")
    (membership,) = fire_graph.objects(annotation, OA + "hasBody")
    assert fire_graph.one(membership, CG + "person") == ID + "Person:marta-olsen"
    assert fire_graph.one(membership, CG + "role") == "secretary"
    assert CG + "Membership" in fire_graph.objects(membership, RDF + "type")


def keys(value: object) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from keys(item)


async def test_every_key_is_a_term_or_a_compact_iri_of_the_context(http: httpx.AsyncClient) -> None:
    """JSON-LD drops a key it cannot expand without a word: none may be left to that."""
    document = await download(http)
    terms = {**local_document(ANNOTATION_CONTEXT)["@context"], **CONTEXT[1]}
    for key in set(keys(document["@graph"])):
        assert key.startswith("@") or key in terms or key.partition(":")[0] in terms, key
