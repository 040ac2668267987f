"""The hand-made events of a corpus as gold for event proposals: each event of a fact file at the spans of its
quoted (not inferred) title, kind and description citations in each source, and of the quotes by which other facts
name it (a casualty's `event` in a second report of the fire), and its kind."""

from dataclasses import dataclass

from proposals.gold import Corpus, Span, walk
from seeds.format import Cited, CiteSpec, EventSpec, FactFile
from seeds.loader import parse_fact_file
from seeds.quotes import locate

FIELDS = ("title", "kind", "description")
"""The cited fields that say what the event was; a date's or place's quote need not name the event."""


@dataclass(frozen=True)
class GoldEvent:
    event_id: str
    kind: str
    spans: tuple[Span, ...]


def _cites(event: EventSpec, facts: FactFile, other: FactFile) -> list[tuple[CiteSpec, str | None]]:
    """The citations that say what `event` (of `facts`) was, or name it from a fact of `other` (`facts` too), each
    with its file's default source."""
    own = [cite for name in FIELDS if (cited := getattr(event, name)) is not None for cite in cited.cite]
    items = walk(other)
    naming = [cite for item in items if isinstance(item, Cited) and item.value == event.id for cite in item.cite]
    return [(cite, facts.default_source) for cite in own if other is facts] + [
        (cite, other.default_source) for cite in naming
    ]


def _spans(cites: list[tuple[CiteSpec, str | None]], source_id: str, text: str) -> list[Span]:
    spans: list[Span] = []
    for cite, default in cites:
        if cite.inferred or (cite.source or default) != source_id:
            continue
        span = locate(text, cite.quote, cite.occurrence)
        if isinstance(span, tuple):
            spans.append(span)
    return spans


def gold_events(corpus: Corpus, texts: dict[str, str]) -> dict[str, list[GoldEvent]] | None:
    """Per source id of `texts` (id to text), the corpus's events quoted in it: one per event id, however many fact
    files extend it. None when the corpus records no events at all (its gold says nothing of them)."""
    parsed = [facts for path in corpus.files if isinstance(facts := parse_fact_file(path), FactFile)]
    kinds: dict[str, str] = {}
    cites: dict[str, list[tuple[CiteSpec, str | None]]] = {}
    for facts in parsed:
        for event in facts.events:
            if event.kind is not None:
                kinds.setdefault(event.id, event.kind.value)
            cites.setdefault(event.id, []).extend(cite for other in parsed for cite in _cites(event, facts, other))
    if not cites:
        return None
    found: dict[str, list[GoldEvent]] = {source_id: [] for source_id in texts}
    for event_id, cited in cites.items():
        for source_id, text in texts.items():
            spans = sorted(set(_spans(cited, source_id, text)))
            if spans:
                found[source_id].append(GoldEvent(event_id, kinds.get(event_id, ""), tuple(spans)))
    return found
