"""Proposals as fact-document fragments: `as_document` for `citegraph propose` to print, `as_facts` for the desk
to store and, once an editor accepts it, to ingest. Both start from `as_item`, the one conversion of a proposal."""

import itertools
import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from proposals.records import (
    Attribution,
    ChargeProposal,
    CountProposal,
    DateKind,
    DateProposal,
    EntityMention,
    EntityType,
    PleaValue,
    Proposal,
)
from seeds.quotes import occurrences

GROUPS = ("persons", "organizations", "places", "counts", "dates", "attributions", "charges", "pleas")
ENTITY_GROUPS = {EntityType.PERSON: "persons", EntityType.ORGANIZATION: "organizations", EntityType.PLACE: "places"}


def as_item(p: Proposal) -> tuple[str, dict[str, Any]]:
    """The group of `p` in `as_document` and its entry there: the value as worded, its cite, offsets, confidence."""
    at = {"start": p.start, "end": p.end, "confidence": p.confidence}
    if isinstance(p, EntityMention):
        return ENTITY_GROUPS[p.type], {"name": p.text, "id": p.entity_id, **at}
    if isinstance(p, CountProposal):
        count = {"low": p.low, "high": p.high, "wording": p.wording.value, "cite": p.text}
        hints = {"counted": p.counted, "outcome": p.outcome.value if p.outcome else None}
        return "counts", {**count, **hints, **at}
    if isinstance(p, DateProposal):
        cite: dict[str, str] = {"quote": p.text, **({"inferred": p.note} if p.note else {})}
        return "dates", {"value": p.value, "precision": p.precision.value, "cite": cite, **at}
    if isinstance(p, Attribution):
        said = {"quote": p.text, "by": p.speaker.text, **({"via": p.via.text} if p.via else {})}
        return "attributions", {"cue": p.cue, "cite": said, **at}
    if isinstance(p, ChargeProposal):
        return "charges", {"offence": p.offence, "counts": p.counts, "cite": p.text, **at}
    plea = {"plea": p.plea.value, "defendants": list(p.defendants), "cite": p.text}
    return "pleas", {**plea, **at}


def as_document(proposals: Sequence[Proposal]) -> dict[str, list[dict[str, Any]]]:
    """The proposals grouped as a fact file groups facts, each with its quote, offsets and confidence."""
    groups: dict[str, list[dict[str, Any]]] = {name: [] for name in GROUPS}
    for p in proposals:
        group, item = as_item(p)
        groups[group].append(item)
    return {name: items for name, items in groups.items() if items}


def slug(name: str) -> str:
    """A stable id from a name: ASCII, lower case, words joined by hyphens (`Nicolás Maduro` → `nicolas-maduro`)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "entity"


def free_slug(name: str, taken: Mapping[str, str]) -> str:
    """`slug(name)`, or with `-2`, `-3`... the first that no stored entity has: a new entity never lands on
    another's record (where its name would be a rival of the stored one)."""
    base = slug(name)
    candidates = itertools.chain([base], (f"{base}-{n}" for n in itertools.count(2)))
    return next(candidate for candidate in candidates if candidate not in taken)


def _cite(p: Proposal | EntityMention, text: str, source: str) -> dict[str, Any]:
    """A citation of exactly `p`'s span: `occurrence` picks it when its quote occurs more than once."""
    spans = occurrences(text, p.text)
    cite: dict[str, Any] = {"quote": p.text, "source": source}
    if len(spans) > 1 and (p.start, p.end) in spans:
        cite["occurrence"] = spans.index((p.start, p.end)) + 1
    return cite


def _speaker(mention: EntityMention) -> str:
    return mention.entity_id or slug(mention.text)


def as_facts(p: Proposal, text: str, source: str, names: Mapping[str, str]) -> dict[str, Any]:
    """The fact document accepting `p` ingests, citing its span of `source` (whose text is `text`). `names` maps
    each stored entity id to its name. A null (`"id": None`) marks what the text cannot give and an editor must."""
    cite = _cite(p, text, source)
    if isinstance(p, EntityMention):
        group = ENTITY_GROUPS[p.type]
        if p.entity_id is None:
            return {group: [{"id": free_slug(p.text, names), "name": {"value": p.text, "cite": cite}}]}
        if names.get(p.entity_id) == p.text:
            return {group: [{"id": p.entity_id, "name": {"value": p.text, "cite": cite}}]}
        return {group: [{"id": p.entity_id, "aliases": [{"value": p.text, "cite": cite}]}]}
    if isinstance(p, CountProposal):
        count = {"low": p.low, "high": p.high, "wording": p.wording.value, "cite": cite}
        outcome = {"outcome": {"value": p.outcome.value, "cite": cite}} if p.outcome else {}
        return {"casualties": [{"id": None, "count": count, **outcome}]}
    if isinstance(p, DateProposal):
        dated = {**cite, "inferred": p.note} if p.kind == DateKind.INFERRED and p.note else cite
        return {
            "events": [
                {"id": None, "date": {"value": p.value.isoformat(), "precision": p.precision.value, "cite": dated}}
            ]
        }
    if isinstance(p, Attribution):
        said = {**cite, "by": _speaker(p.speaker), **({"via": _speaker(p.via)} if p.via else {})}
        return {"events": [{"id": None, "description": {"value": p.text, "cite": said}}]}
    if isinstance(p, ChargeProposal):
        counts = {"counts": {"value": p.counts, "cite": cite}} if p.counts else {}
        charge = {"id": slug(p.offence), "offence": {"value": p.offence, "cite": cite}, **counts}
        return {"legal_proceedings": [{"id": None, "charges": [charge]}]}
    plea = None if p.plea == PleaValue.NONE_ENTERED else {"value": p.plea.value, "cite": cite}
    defendant = slug(p.defendants[0]) if len(p.defendants) == 1 else None
    return {"legal_proceedings": [{"id": None, "pleas": [{"defendant": defendant, "plea": plea}]}]}


def missing(facts: object, path: str = "") -> list[str]:
    """Where `facts` holds a null: what an editor must fill in before it can be ingested (`casualties[0].id`)."""
    if facts is None:
        return [path]
    if isinstance(facts, dict):
        return [gap for key, value in facts.items() for gap in missing(value, f"{path}.{key}" if path else key)]
    if isinstance(facts, list):
        return [gap for at, value in enumerate(facts) for gap in missing(value, f"{path}[{at}]")]
    return []


def summary(p: Proposal) -> str:
    """One line for a reviewer: what is proposed, as worded."""
    if isinstance(p, EntityMention):
        known = f"stored {p.entity_id}" if p.entity_id else f"new: {slug(p.text)}"
        return f"{p.type.value.capitalize()} “{p.text}” ({known})"
    if isinstance(p, CountProposal):
        bounds = "–".join(str(b) for b in dict.fromkeys((p.low, p.high)) if b is not None) or "?"
        what = " ".join(w for w in (p.counted, p.outcome.value.lower() if p.outcome else None) if w)
        return f"Count {p.wording.value} {bounds}" + (f" ({what})" if what else "")
    if isinstance(p, DateProposal):
        return f"Date {p.value.isoformat()} ({p.precision.value}, {p.kind.value})"
    if isinstance(p, Attribution):
        return f"{p.speaker.text} {p.cue}" + (f", via {p.via.text}" if p.via else "") + f": “{p.text}”"
    if isinstance(p, ChargeProposal):
        return f"Charge: {p.offence}" + (f" ({p.counts} counts)" if p.counts else "")
    by = ", ".join(p.defendants) or "no defendant named"
    return f"Plea {p.plea.value} ({by})"
