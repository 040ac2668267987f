"""`make eval`: the proposer on every gold source, compared with the hand-made facts, per kind of fact.

A proposal matches a gold fact of its kind when their spans overlap and their values agree:
- entities: a proposed entity is a cluster of mentions (by linked id, else by type and accent- and case-folded text;
  a lone surname joins the full name it ends); it matches a gold entity of the same type if one of its mentions
  overlaps one of the gold entity's spans; a gold entity is found if any mention of its type overlaps it;
- counts: same low, high and wording (a BETWEEN proposal also matches a fact file's ABOUT with both bounds,
  as files written before BETWEEN have it);
- dates: same day and precision;
- attributions: the content overlaps a quote the gold cites `by` the speaker, the speaker is that entity (linked to
  it, overlapping one of its names, or its folded text holding or held by one of them), and, where the gold has a
  `via`, the proposal's via is that entity too;
- charges: the folded offence of one holds the other's; pleas: the same plea. A NONE_ENTERED plea ("entered no
  plea") is left out: the fact-file format has no such plea, so no gold can hold one.
Precision counts proposals that match some gold fact; recall counts gold facts some proposal matches.
"""

import argparse
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from db.enums import Vocabulary
from db.terms import base_terms
from proposals.event_gold import GoldEvent, gold_events
from proposals.gold import CORPORA, FRESH, FRESH_2, FRESH_3, FRESH_4, UNSEEN, Corpus, SourceGold, Span, load, name_spans
from proposals.mentions import fold
from proposals.propose import propose
from proposals.records import (
    Attribution,
    ChargeProposal,
    CountProposal,
    DateProposal,
    EntityMention,
    EntityType,
    EventProposal,
    PleaProposal,
    PleaValue,
    Proposal,
    Wording,
)

KINDS = ("entities", "events", "event kinds", "counts", "dates", "attributions", "charges", "pleas")
TODAY = dt.date(2026, 12, 3)
"""The `today` the evaluation runs with, so that its figures do not drift with the calendar."""


@dataclass
class Tally:
    gold: int = 0
    proposed: int = 0
    matched_proposed: int = 0
    matched_gold: int = 0

    def add(self, other: "Tally") -> None:
        self.gold += other.gold
        self.proposed += other.proposed
        self.matched_proposed += other.matched_proposed
        self.matched_gold += other.matched_gold

    @property
    def precision(self) -> float | None:
        return self.matched_proposed / self.proposed if self.proposed else None

    @property
    def recall(self) -> float | None:
        return self.matched_gold / self.gold if self.gold else None


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _tally(proposals: Sequence[object], golds: Sequence[object], match: "Matcher") -> Tally:
    return Tally(
        len(golds),
        len(proposals),
        sum(1 for p in proposals if any(match(p, g) for g in golds)),
        sum(1 for g in golds if any(match(p, g) for p in proposals)),
    )


class Matcher:
    def __init__(self, function: object) -> None:
        self.function = function

    def __call__(self, proposal: object, gold: object) -> bool:
        return bool(self.function(proposal, gold))  # type: ignore[operator]


def clusters(mentions: Iterable[EntityMention]) -> list[list[EntityMention]]:
    """Mentions grouped into proposed entities, as the evaluation counts them."""
    mentions = list(mentions)
    full_names = {
        fold(m.text.split()[-1]): fold(m.text) for m in mentions if m.type == EntityType.PERSON and " " in m.text
    }
    groups: dict[tuple[str, str], list[EntityMention]] = {}
    for mention in mentions:
        if mention.entity_id is not None:
            key = (mention.type.value, "id:" + mention.entity_id)
        else:
            text = fold(mention.text)
            if mention.type == EntityType.PERSON and " " not in text:
                text = full_names.get(text, text)
            key = (mention.type.value, text)
        groups.setdefault(key, []).append(mention)
    return list(groups.values())


def _is_entity(gold: SourceGold, mention: EntityMention | None, entity_id: str) -> bool:
    if mention is None:
        return False
    if mention.entity_id == entity_id:
        return True
    names = gold.names.get(entity_id, ())
    if any(_overlaps((mention.start, mention.end), span) for name in names for span in name_spans(gold.text, name)):
        return True
    said = fold(mention.text)
    return any(fold(name) in said or said in fold(name) for name in names)


def evaluate_source(gold: SourceGold, proposals: Sequence[Proposal]) -> dict[str, Tally]:
    """The tallies of one source's proposals against its gold, per kind."""
    mentions = [p for p in proposals if isinstance(p, EntityMention)]
    groups = clusters(mentions)
    entity = Tally(
        len(gold.entities),
        len(groups),
        sum(
            1
            for group in groups
            if any(
                m.type == g.type and any(_overlaps((m.start, m.end), s) for s in g.spans)
                for m in group
                for g in gold.entities
            )
        ),
        sum(
            1
            for g in gold.entities
            if any(m.type == g.type and any(_overlaps((m.start, m.end), s) for s in g.spans) for m in mentions)
        ),
    )

    def count_matches(p: CountProposal, g: object) -> bool:
        wordings = {p.wording.value, Wording.ABOUT.value} if p.wording == Wording.BETWEEN else {p.wording.value}
        return (
            _overlaps((p.start, p.end), g.span)  # type: ignore[attr-defined]
            and (p.low, p.high) == (g.low, g.high)  # type: ignore[attr-defined]
            and g.wording in wordings  # type: ignore[attr-defined]
        )

    def date_matches(p: DateProposal, g: object) -> bool:
        return (
            _overlaps((p.start, p.end), g.span)  # type: ignore[attr-defined]
            and (p.value, p.precision.value) == (g.value, g.precision)  # type: ignore[attr-defined]
        )

    def attribution_matches(p: Attribution, g: object) -> bool:
        return (
            any(_overlaps((p.start, p.end), span) for span in g.spans)  # type: ignore[attr-defined]
            and _is_entity(gold, p.speaker, g.by)  # type: ignore[attr-defined]
            and (g.via is None or _is_entity(gold, p.via, g.via))  # type: ignore[attr-defined]
        )

    def charge_matches(p: ChargeProposal, g: object) -> bool:
        mine, theirs = fold(p.offence), fold(g.offence)  # type: ignore[attr-defined]
        return _overlaps((p.start, p.end), g.span) and (mine in theirs or theirs in mine)  # type: ignore[attr-defined]

    def plea_matches(p: PleaProposal, g: object) -> bool:
        return _overlaps((p.start, p.end), g.span) and p.plea.value == g.plea  # type: ignore[attr-defined]

    def of(kind: type) -> list[Proposal]:
        return [p for p in proposals if isinstance(p, kind)]

    return {
        "entities": entity,
        "counts": _tally(of(CountProposal), gold.counts, Matcher(count_matches)),
        "dates": _tally(of(DateProposal), gold.dates, Matcher(date_matches)),
        "attributions": _tally(of(Attribution), gold.attributions, Matcher(attribution_matches)),
        "charges": _tally(of(ChargeProposal), gold.charges, Matcher(charge_matches)),
        "pleas": _tally(
            [p for p in of(PleaProposal) if isinstance(p, PleaProposal) and p.plea != PleaValue.NONE_ENTERED],
            gold.pleas,
            Matcher(plea_matches),
        ),
    }


@cache
def _broader() -> dict[str, str]:
    """Each event kind's broader term in the base vocabulary."""
    prefix = f"{Vocabulary.EVENT_KIND}:"
    return {
        row["code"]: row["broader_id"].removeprefix(prefix)
        for row in base_terms()
        if row["vocabulary"] == Vocabulary.EVENT_KIND and row["broader_id"]
    }


def _lineage(code: str) -> set[str]:
    found = {code}
    while code in _broader():
        code = _broader()[code]
        found.add(code)
    return found


def same_kind(proposed: str, gold: str) -> bool:
    """The same term, or one narrower than the other (ARREST for a gold DETENTION: right, only more precise)."""
    return proposed in _lineage(gold) or gold in _lineage(proposed)


def evaluate_events(golds: Sequence[GoldEvent], proposals: Sequence[Proposal]) -> dict[str, Tally]:
    """Events matched by span (the proposal's sentence holds a quote of the gold event), and by span and kind."""
    events = [p for p in proposals if isinstance(p, EventProposal)]

    def at(p: EventProposal, g: GoldEvent) -> bool:
        return any(_overlaps((p.start, p.end), span) for span in g.spans)

    return {
        "events": _tally(events, golds, Matcher(at)),
        "event kinds": _tally(events, golds, Matcher(lambda p, g: at(p, g) and same_kind(p.kind, g.kind))),
    }


def spans_of(proposal: Proposal) -> Iterable[tuple[str, int, int]]:
    """Every (quote, start, end) a proposal holds: its own, and its speaker's and via's for an attribution."""
    yield proposal.text, proposal.start, proposal.end
    if isinstance(proposal, Attribution):
        yield proposal.speaker.text, proposal.speaker.start, proposal.speaker.end
        yield proposal.cue, proposal.cue_start, proposal.cue_end
        if proposal.via is not None:
            yield proposal.via.text, proposal.via.start, proposal.via.end


def _format(value: float | None) -> str:
    return "   -" if value is None else f"{value:4.2f}"


def _rows(name: str, tallies: dict[str, Tally]) -> list[str]:
    return [
        f"{name:<26} {kind:<13} {t.gold:>4} {t.proposed:>5} {t.matched_proposed:>5} {t.matched_gold:>5}"
        f"  {_format(t.precision)}  {_format(t.recall)}"
        for kind, t in tallies.items()
    ]


def run(corpora: Sequence[Corpus], title: str, min_confidence: float = 0.0) -> tuple[list[str], dict[str, Tally]]:
    """The table's lines for `corpora`, and their totals per kind, counting proposals of `min_confidence` or more."""
    lines = [title, f"{'source':<26} {'kind':<13} {'gold':>4} {'prop.':>5} {'m.pr':>5} {'m.gd':>5}  {'P':>4}  {'R':>4}"]
    total = {kind: Tally() for kind in KINDS}
    undated = 0
    for corpus in corpora:
        golds = load(corpus)
        events = gold_events(corpus, {gold.source_id: gold.text for gold in golds})
        for gold in golds:
            proposals = propose(gold.text, gold.date, gold.gazetteer, today=TODAY)
            proposals = [p for p in proposals if p.confidence >= min_confidence]
            for proposal in proposals:
                for quote, start, end in spans_of(proposal):
                    if gold.text[start:end] != quote:
                        raise AssertionError(f"{gold.source_id}: {quote!r} is not at {start}:{end}")
            scored = {} if events is None else evaluate_events(events[gold.source_id], proposals)
            tallies = {**evaluate_source(gold, proposals), **scored}
            tallies = {kind: tallies[kind] for kind in KINDS if kind in tallies}
            for kind, tally in tallies.items():
                total[kind].add(tally)
            lines.extend(_rows(f"{corpus.name}/{gold.source_id}"[:26], tallies))
            undated += gold.undated_date_cites
    lines.extend(_rows("OVERALL", total))
    lines.append(f"(gold date quotes with no date expression, left out of `dates`: {undated})")
    return lines, total


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m proposals.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="print only the overall rows")
    parser.add_argument(
        "--min-confidence", type=float, default=0.0, metavar="C", help="count only proposals of this confidence or more"
    )
    args = parser.parse_args(argv)
    for corpora, title in (
        (CORPORA, "Corpora the proposer was written against"),
        (UNSEEN, "Articles written after it"),
        (FRESH, "Of those, tests/fixtures/unseen (rules fixed from its first run's misses since)"),
        (FRESH_2, "And tests/fixtures/unseen-2 (rules fixed from its first run's misses since)"),
        (FRESH_3, "And tests/fixtures/unseen-3 (rules fixed from its first run's misses since)"),
        (FRESH_4, "And tests/fixtures/unseen-4 (first run in its first-run.txt; no rule fixed from it)"),
    ):
        lines, _ = run(corpora, title, args.min_confidence)
        print(
            "\n".join(
                line for line in lines if not args.quiet or not line.startswith(tuple(f"{c.name}/" for c in corpora))
            )
        )
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
