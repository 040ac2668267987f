"""Proposals as fact-document fragments: `as_document` for `citegraph propose` to print, `as_facts` for the desk
to store and, once an editor accepts it, to ingest. Both start from `as_item`, the one conversion of a proposal."""

import itertools
import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from proposals.events import event_of
from proposals.records import (
    Attribution,
    ChargeProposal,
    CountProposal,
    DateKind,
    DateProposal,
    EntityMention,
    EntityType,
    EventProposal,
    KnownRecord,
    PleaProposal,
    Proposal,
)
from proposals.sentences import sentence_at
from seeds.quotes import occurrences

GROUPS = ("persons", "organizations", "places", "events", "counts", "dates", "attributions", "charges", "pleas")
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
    if isinstance(p, EventProposal):
        who = [{"who": part.mention.text, "role": part.role} for part in p.participants]
        where = {"place": p.place.text} if p.place else {}
        when = {"date": p.date.value} if p.date else {}
        event = {"kind": p.kind, "title": p.title, "trigger": p.trigger, "participants": who, **where, **when}
        return "events", {**event, "cite": p.text, **at}
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


def _cite_span(text: str, source: str, start: int, end: int) -> dict[str, Any]:
    """A citation of exactly `text[start:end]`: `occurrence` picks it when its quote occurs more than once."""
    quote = text[start:end]
    spans = occurrences(text, quote)
    cite: dict[str, Any] = {"quote": quote, "source": source}
    if len(spans) > 1 and (start, end) in spans:
        cite["occurrence"] = spans.index((start, end)) + 1
    return cite


def _speaker(mention: EntityMention) -> str:
    return mention.entity_id or slug(mention.text)


@dataclass
class Context:
    """What turning a proposal into facts needs besides the proposal: the source (`text`, id `source`), each stored
    entity's name by id (`names`), the stored event ids, the source's event proposals (a count or date in an
    event's sentence belongs to that event), and the events and casualties the source already has cited."""

    text: str
    source: str
    names: Mapping[str, str]
    event_ids: frozenset[str] = frozenset()
    events: Sequence[EventProposal] = ()
    known_events: Sequence[KnownRecord] = ()
    known_casualties: Sequence[KnownRecord] = ()
    mentions: Sequence[EntityMention] = ()
    known_proceedings: Sequence[KnownRecord] = ()
    proceeding_ids: frozenset[str] = frozenset()
    _ids: dict[int, str] = field(default_factory=dict)
    _casualties: dict[tuple[str, int], str] = field(default_factory=dict)

    def cite(self, start: int, end: int) -> dict[str, Any]:
        return _cite_span(self.text, self.source, start, end)

    def stored_event(self, event: EventProposal) -> str | None:
        """The stored event of the same kind the source already cites in the event's sentence."""
        return next(
            (k.id for k in self.known_events if k.kind == event.kind and k.cited_within(event.start, event.end)), None
        )

    def stored_casualty(self, count: CountProposal) -> str | None:
        outcome = count.outcome.value if count.outcome else None
        return next(
            (k.id for k in self.known_casualties if k.kind == outcome and k.cited_within(count.start, count.end)), None
        )

    def event_id(self, event: EventProposal) -> str:
        """The stored event the proposal names again, or a new event's id from its kind and place (or first
        participant), free among stored events and the source's other event proposals."""
        if event.start not in self._ids:
            stored = self.stored_event(event)
            if stored is not None:
                self._ids[event.start] = stored
                return stored
            taken = {**dict.fromkeys(self.event_ids, ""), **{key: "" for key in self._ids.values()}}
            about = event.place or next((part.mention for part in event.participants), None)
            self._ids[event.start] = free_slug(f"{event.kind} {about.text if about else ''}", taken)
        return self._ids[event.start]

    def persons_in_sentence(self, at: int, names: Sequence[str] | None = None) -> list[EntityMention]:
        """The persons named in the sentence at `at` (only those called one of `names`, if given; a name the
        sentence lacks, as for a pronoun, is its last mention before `at`)."""
        begin, end = sentence_at(self.text, at) or (at, at)
        persons = [m for m in self.mentions if m.type == EntityType.PERSON]
        inside = [m for m in persons if begin <= m.start and m.end <= end]
        if names is None:
            return inside
        named = [m for m in inside if m.text in names]
        missing = [name for name in names if name not in {m.text for m in named}]
        earlier = [next((m for m in reversed(persons) if m.text == name and m.end <= at), None) for name in missing]
        return named + [m for m in earlier if m is not None]

    def proceeding_id(self, defendants: Sequence[EntityMention]) -> tuple[str, bool]:
        """The one proceeding the source already cites (True), or a new one's id from its first defendant."""
        if len(self.known_proceedings) == 1:
            return self.known_proceedings[0].id, True
        about = defendants[0].text if defendants else ""
        return free_slug(f"case {about}", dict.fromkeys(self.proceeding_ids, "")), False

    def casualty_id(self, event_id: str, count: CountProposal) -> str:
        """`<event>-<outcome>`, numbered from the second on, in the order counts are asked for (text order)."""
        key = (event_id, count.start)
        if key not in self._casualties:
            base = f"{event_id}-{count.outcome.value.lower() if count.outcome else 'count'}"
            taken = set(self._casualties.values())
            self._casualties[key] = next(
                c for c in itertools.chain([base], (f"{base}-{n}" for n in itertools.count(2))) if c not in taken
            )
        return self._casualties[key]


def _entity_id(mention: EntityMention, ctx: Context) -> str:
    return mention.entity_id or free_slug(mention.text, ctx.names)


def _entity_facts(mention: EntityMention, ctx: Context) -> dict[str, Any]:
    """The fact document naming `mention`: a new entity, a stored one's name again, or a stored one's new alias."""
    group = ENTITY_GROUPS[mention.type]
    cite = ctx.cite(mention.start, mention.end)
    if mention.entity_id is None:
        return {group: [{"id": _entity_id(mention, ctx), "name": {"value": mention.text, "cite": cite}}]}
    if ctx.names.get(mention.entity_id) == mention.text:
        return {group: [{"id": mention.entity_id, "name": {"value": mention.text, "cite": cite}}]}
    return {group: [{"id": mention.entity_id, "aliases": [{"value": mention.text, "cite": cite}]}]}


def _merged(*documents: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """Fact documents as one, each group's entries in order, an entity named twice written once."""
    merged: dict[str, list[dict[str, Any]]] = {}
    for document in documents:
        for group, items in document.items():
            listed = merged.setdefault(group, [])
            listed.extend(item for item in items if not (group in ENTITY_GROUPS.values() and item in listed))
    return merged


def _new_entities(mentions: Sequence[EntityMention], ctx: Context) -> dict[str, list[dict[str, Any]]]:
    """The entities an event names that are not stored yet, so that the event can refer to them."""
    return _merged(*(_entity_facts(mention, ctx) for mention in mentions if mention.entity_id is None))


def _casualty(count: CountProposal, event_id: str, trigger: dict[str, Any], ctx: Context) -> dict[str, Any]:
    """A casualty of the event `event_id` (`count` has an outcome), or the count of the stored casualty it cites."""
    cite = ctx.cite(count.start, count.end)
    stored = ctx.stored_casualty(count)
    if stored is not None:
        return {"id": stored, "count": _count(count, cite)}
    return {
        "id": ctx.casualty_id(event_id, count),
        "description": {"value": count.text, "cite": cite},
        "outcome": {"value": count.outcome.value if count.outcome else None, "cite": cite},
        "count": _count(count, cite),
        "event": {"value": event_id, "cite": trigger},
    }


def _count(p: CountProposal, cite: dict[str, Any]) -> dict[str, Any]:
    """The count as the fact file words it: a bound the wording leaves open is left out, not null (a null marks
    what the editor must fill in)."""
    bounds = {name: bound for name, bound in (("low", p.low), ("high", p.high)) if bound is not None}
    return {**bounds, "wording": p.wording.value, "cite": cite}


def _date(p: DateProposal, ctx: Context) -> dict[str, Any]:
    cite = ctx.cite(p.start, p.end)
    dated = {**cite, "inferred": p.note} if p.kind == DateKind.INFERRED and p.note else cite
    return {"value": p.value.isoformat(), "precision": p.precision.value, "cite": dated}


def _event_facts(e: EventProposal, ctx: Context, counts: Sequence[CountProposal] | None = None) -> dict[str, Any]:
    """The event `e` with its new participants and place, and its casualties (`counts`, by default all of them).
    An event the source already has cited gets only its kind and date cited again (a rival date is a dispute)."""
    key = ctx.event_id(e)
    trigger = ctx.cite(e.trigger_start, e.trigger_end)
    listed = e.casualties if counts is None else counts
    casualties = {"casualties": [_casualty(count, key, trigger, ctx) for count in listed]} if listed else {}
    event: dict[str, Any] = {"id": key, "kind": {"value": e.kind, "cite": trigger}}
    if e.date:
        event["date"] = _date(e.date, ctx)
    if ctx.stored_event(e) is not None:
        return _merged({"events": [event]}, casualties)
    event["title"] = {"value": e.title, "cite": ctx.cite(e.title_start, e.title_end)}
    if e.place:
        event["place"] = {"value": _entity_id(e.place, ctx), "cite": ctx.cite(e.place_start, e.place.end)}
    if e.participants:
        event["participants"] = [
            {
                "who": _entity_id(part.mention, ctx),
                "role": part.role,
                "cite": ctx.cite(min(part.mention.start, e.trigger_start), max(part.mention.end, e.trigger_end)),
            }
            for part in e.participants
        ]
    named = [part.mention for part in e.participants] + ([e.place] if e.place else [])
    return _merged(_new_entities(named, ctx), {"events": [event]}, casualties)


def _proceeding(p: ChargeProposal | PleaProposal, ctx: Context, cite: dict[str, Any]) -> dict[str, Any]:
    """A charge or plea (cited by `cite`) in its proceeding: the one this source already cites, or a new
    one titled after its first defendant; the persons the sentence names are its defendants."""
    names = p.defendants if isinstance(p, PleaProposal) else None
    persons = ctx.persons_in_sentence(p.start, names)
    key, stored = ctx.proceeding_id(persons)
    proceeding: dict[str, Any] = {"id": key}
    if not stored:
        who = " and ".join(dict.fromkeys(m.text for m in persons)) or "an unnamed defendant"
        proceeding["title"] = {"value": f"Case against {who}", "cite": ctx.cite(p.start, p.end)}
    if persons:
        proceeding["defendants"] = [
            {"person": _entity_id(m, ctx), "cite": ctx.cite(min(m.start, p.start), max(m.end, p.end))}
            for m in dict.fromkeys(persons)
        ]
    if isinstance(p, ChargeProposal):
        charge_id = slug(p.offence) if stored else f"{key}-{slug(p.offence)}"
        counts = {"counts": {"value": p.counts, "cite": cite}} if p.counts else {}
        proceeding["charges"] = [{"id": charge_id, "offence": {"value": p.offence, "cite": cite}, **counts}]
    else:
        plea = {"value": p.plea.value, "cite": cite}
        defendants: list[str | None] = [_entity_id(m, ctx) for m in persons] or [None]
        proceeding["pleas"] = [{"defendant": who, "plea": plea} for who in dict.fromkeys(defendants)]
    return _merged(_new_entities(persons, ctx), {"legal_proceedings": [proceeding]})


def as_facts(p: Proposal, ctx: Context) -> dict[str, Any]:
    """The fact document accepting `p` ingests, citing its span of the source. A count, date or attribution in an
    event's sentence carries that event (new, with its participants): accepting it alone writes a whole record,
    and accepting the event too only cites the same values again. A null (`"id": None`) marks what the text
    cannot give and an editor must."""
    cite = ctx.cite(p.start, p.end)
    event = None if isinstance(p, EntityMention | EventProposal) else event_of(ctx.events, ctx.text, p.start)
    if isinstance(p, EntityMention):
        return _entity_facts(p, ctx)
    if isinstance(p, EventProposal):
        return _event_facts(p, ctx)
    if isinstance(p, CountProposal):
        if event is not None and p.outcome is not None:
            if p in event.casualties:
                return _event_facts(event, ctx, [p])
            trigger = ctx.cite(event.trigger_start, event.trigger_end)
            casualty = _casualty(p, ctx.event_id(event), trigger, ctx)
            return _merged(_event_facts(event, ctx, []), {"casualties": [casualty]})
        outcome = {"outcome": {"value": p.outcome.value, "cite": cite}} if p.outcome else {}
        return {"casualties": [{"id": None, "count": _count(p, cite), **outcome}]}
    if isinstance(p, DateProposal):
        if event is not None and event.date == p:
            return _event_facts(event, ctx, [])
        return {"events": [{"id": None, "date": _date(p, ctx)}]}
    if isinstance(p, Attribution):
        said = {**cite, "by": _speaker(p.speaker), **({"via": _speaker(p.via)} if p.via else {})}
        speakers = _new_entities([m for m in (p.speaker, p.via) if m is not None], ctx)
        if event is not None:
            core = _event_facts(event, ctx, [])
            core["events"][0]["description"] = {"value": p.text, "cite": said}
            return _merged(speakers, core)
        return _merged(speakers, {"events": [{"id": None, "description": {"value": p.text, "cite": said}}]})
    return _proceeding(p, ctx, cite)


def missing(facts: object, path: str = "") -> list[str]:
    """Where `facts` holds a null: what an editor must fill in before it can be ingested (`casualties[0].id`)."""
    if facts is None:
        return [path]
    if isinstance(facts, dict):
        return [gap for key, value in facts.items() for gap in missing(value, f"{path}.{key}" if path else key)]
    if isinstance(facts, list):
        return [gap for at, value in enumerate(facts) for gap in missing(value, f"{path}[{at}]")]
    return []


_STEP = re.compile(r"(?:^|\.)(?P<key>[A-Za-z_]\w*)|\[(?P<index>\d+)\]")


def edited(facts: Mapping[str, Any], path: str, value: object) -> dict[str, Any]:
    """`facts` with `value` at `path` (the notation `missing` gives: `casualties[0].id`), a copy. Raises ValueError
    naming the step that does not exist; the last step may name a new key of an object, not a new list item."""
    steps: list[str | int] = []
    ends: list[int] = []
    at = 0
    for match in _STEP.finditer(path):
        if match.start() != at:
            break
        steps.append(match.group("key") if match.group("key") is not None else int(match.group("index")))
        at = match.end()
        ends.append(at)
    if not steps or at != len(path) or not isinstance(steps[0], str):
        raise ValueError(f"{path!r} is no path such as `casualties[0].id`")
    copy: dict[str, Any] = json.loads(json.dumps(facts, default=str))
    node: Any = copy
    for depth, step in enumerate(steps):
        last = depth == len(steps) - 1
        where = path[: ends[depth - 1]] if depth else "the facts"
        if isinstance(step, str) and isinstance(node, dict) and (last or step in node):
            if last:
                node[step] = value
            node = node.get(step)
        elif isinstance(step, int) and isinstance(node, list) and step < len(node):
            if last:
                node[step] = value
            node = node[step]
        else:
            raise ValueError(f"{path!r}: no {step!r} in {where}")
    return copy


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
    if isinstance(p, EventProposal):
        who = ", ".join(f"{part.mention.text} ({part.role})" for part in p.participants)
        when = f" on {p.date.value.isoformat()}" if p.date else ""
        where = f" in {p.place.text}" if p.place else ""
        return f"Event {p.kind}{when}{where}: “{p.title}”" + (f"; {who}" if who else "")
    by = ", ".join(p.defendants) or "no defendant named"
    return f"Plea {p.plea.value} ({by})"
