"""Citation lines in each style, and CSL fields, from one piece of evidence."""

import datetime as dt

from db.enums import CitationKind, SourceKind
from db.tables import Source
from resolvers.evidence import AgentRef, CitationRecord, Evidence
from schema.citation_format import CitationStyle, citation_line, csl_item

SOURCE = Source(
    id="afp-1",
    kind=SourceKind.WIRE_REPORT,
    title="Cuba & Venezuela <confirm> deaths",
    publisher="AFP",
    url="https://example.org/a?b=1&c=2",
    published_on=dt.date(2026, 1, 6),
    text="x",
    sha256="0" * 64,
)
CITATION = CitationRecord(
    id="c1", source_id="afp-1", quote="32 died", start_offset=10, end_offset=17, kind=CitationKind.QUOTED, note=None
)
EVIDENCE = Evidence(
    citation=CITATION,
    source=SOURCE,
    speaker=AgentRef("organization", "cuba", "Cuba's government"),
    via=AgentRef("organization", "afp", "AFP"),
)


def test_plain_line_names_speaker_intermediary_source_date_and_quote() -> None:
    assert citation_line(EVIDENCE) == (
        'Cuba\'s government, as reported by AFP, in Cuba & Venezuela <confirm> deaths, AFP (2026-01-06): "32 died"'
    )


def test_markdown_line_links_the_title() -> None:
    assert citation_line(EVIDENCE, CitationStyle.MARKDOWN).startswith(
        "Cuba's government, as reported by AFP, in [*Cuba & Venezuela <confirm> deaths*](https://example.org/a?b=1&c=2)"
    )


def test_html_line_escapes_every_value() -> None:
    line = citation_line(EVIDENCE, CitationStyle.HTML)
    assert (
        '<a href="https://example.org/a?b=1&amp;c=2"><cite>Cuba &amp; Venezuela &lt;confirm&gt; deaths</cite></a>'
        in line
    )
    assert line.endswith("<q>32 died</q>")
    assert "Cuba&#x27;s government" in line


def test_inferred_citation_line_carries_its_reasoning() -> None:
    inferred = CITATION._replace(kind=CitationKind.INFERRED, note="23 + 32 = 55")
    line = citation_line(Evidence(citation=inferred, source=SOURCE, speaker=None, via=None))
    assert line.startswith("In Cuba & Venezuela") and line.endswith('"32 died" (inferred: 23 + 32 = 55)')


def test_csl_item_has_the_source_metadata_and_the_locator() -> None:
    item = csl_item(EVIDENCE)
    assert (item.type, item.container_title, item.locator) == ("article-newspaper", "AFP", "characters 10-17")
    assert item.issued is not None and item.issued.date_parts == [[2026, 1, 6]]
    assert (item.speaker, item.via) == ("Cuba's government", "AFP")
