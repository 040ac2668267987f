"""Events: a sentence whose words name an event ("stormed", "a fire", "resigned", "was charged") proposes one, of
the EVENT_KIND term its trigger names, with the sentence's entities as participants, its place, date and casualty
counts. A later sentence naming the same kind with a definite article ("the fire") reports the earlier event again."""

import re
from collections.abc import Sequence

from proposals.dates import dateline
from proposals.records import (
    Attribution,
    CountProposal,
    DateProposal,
    EntityMention,
    EntityType,
    EventProposal,
    Participant,
)
from proposals.sentences import sentence_at, sentences

TRIGGERS: tuple[tuple[str, str], ...] = (
    (r"state of emergency", "STATE_OF_EMERGENCY"),
    (r"(?:air|drone)\s?strikes?|bombing raids?|bombardments?|bombed|bombing", "AIRSTRIKE"),
    (r"shelling|shelled|missile attacks?|artillery fire|rocket attacks?", "SHELLING"),
    (r"sworn in|inaugurat(?:ed|ion)|took the oath", "INAUGURATION"),
    (r"resign(?:ed|s|ation)?|stepped down|step down|quit", "RESIGNATION"),
    (r"appointed|appointment|named as|nominated", "APPOINTMENT"),
    (r"dismissed|sacked|ousted|removed from (?:office|power)", "DISMISSAL"),
    (r"(?:re-)?elect(?:ed|ion|ions)|polls? closed|voters|ballots?", "ELECTION"),
    (r"ceasefire|truce|agreement|deal was signed|signed a deal|accord", "AGREEMENT"),
    (r"pleaded|pleads|plea", "COURT_APPEARANCE"),
    (r"appeared (?:in|before) (?:a |the )?(?:\w+ )?court|court appearance|arraigned|arraignment", "COURT_APPEARANCE"),
    (r"charged|indicted|indictment|charges? against", "CHARGE"),
    (r"convicted|acquitted|found guilty|found not guilty|verdict", "VERDICT"),
    (r"sentenced|sentencing|jailed", "SENTENCING"),
    (r"trial|tried", "TRIAL"),
    (r"remanded|remand", "REMAND"),
    (r"arrest(?:ed|s)?", "ARREST"),
    (r"captured|capture", "CAPTURE"),
    (r"detained|detention|detaining", "DETENTION"),
    (r"in custody|taken into custody", "CUSTODY"),
    (r"released|freed|release", "RELEASE"),
    (r"kidnapp(?:ed|ing)|abducted|abduction", "KIDNAPPING"),
    (r"murder(?:ed)?|homicide", "HOMICIDE"),
    (r"opened fire|shooting|shot dead|gunmen|gunfire|shot", "SHOOTING"),
    (r"stabbing|stabbed", "STABBING"),
    (r"robbery|robbed", "ROBBERY"),
    (r"arson", "ARSON"),
    (r"fraud|embezzle\w*", "FRAUD"),
    (r"explosions?|blasts?|exploded", "EXPLOSION"),
    (r"rockfalls?|landslides?|mudslides?|avalanches?|gave way|trapped", "COLLAPSE"),
    (r"earthquakes?|quake|tremors?", "DISASTER"),
    (r"(?:industrial|mine|mining|workplace) accident|leak|spill", "INDUSTRIAL_ACCIDENT"),
    (r"collaps(?:e|ed|es)|caved? in|cave-in", "COLLAPSE"),
    (r"flash floods?|flood(?:s|ing|ed)?|floodwaters?", "FLOOD"),
    (r"hurricane|typhoon|cyclone|tornado|storm surge", "STORM"),
    (r"crash(?:ed|es)?|derail(?:ed|ment)|capsized|collision|sank", "TRANSPORT_ACCIDENT"),
    (r"wildfire|blaze|fire(?:s)?|burned|burnt|flames", "FIRE"),
    (r"storm(?:ed|ing)?|raid(?:s|ed)?|assault(?:ed)?|attack(?:s|ed)?", "ASSAULT"),
    (r"(?:military )?operation|offensive", "MILITARY_OPERATION"),
    (r"clash(?:es|ed)?|fighting|battle", "ARMED_CLASH"),
    (r"riot(?:s|ed|ing)?|looting|looted", "RIOT"),
    (r"walkout|went on strike|on strike|strike", "STRIKE"),
    (r"protest(?:s|ed|ers)?|demonstrat(?:ion|ions|ors|ed)|rall(?:y|ies)|marched|march", "PROTEST"),
)
"""Trigger words by EVENT_KIND term, the more specific first: the first that matches a word decides its kind."""

_TRIGGER = re.compile(
    r"\b(?:" + "|".join(f"(?P<k{at}>{pattern})" for at, (pattern, _) in enumerate(TRIGGERS)) + r")\b",
    re.IGNORECASE,
)
_NOT_EVENTS = re.compile(
    r"(?:cease|under|open|catch|caught|set on) $|\b(?:fire)(?= (?:brigade|service|station|fighters?|department|"
    r"chief|crews?|engines?|officers?))|(?<=\bfire)(?:fighters?)",
    re.IGNORECASE,
)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be|got)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_DEFINITE = re.compile(r"(?:\b(?:the|this|that|its|his|her|their)|\w['’]s)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_DATELINE_END = re.compile(r"\s*(?:\([^)]{1,60}\))?\s*[—–:-]?\s*")
_AGENT_VERB = re.compile(r"\s*(?:,[^,]{1,60},\s*)?(?:\w+ly\s+)?(?!(?:was|has|is)\b)\w+(?:ed|s)\b", re.IGNORECASE)
"""An active verb just after a mention (an aside between them allowed): the mention is its subject, the agent."""
_PLACE_LEAD = re.compile(r"\b(?:in|at|near|outside|inside|across|on)\s+(?:the\s+)?$", re.IGNORECASE)
_SAID_TAIL = re.compile(
    r",\s+(?:[^,]{2,80}\b(?:said|says|told|reported|confirmed|added|stated)\b[^,]*|according to [^,]{2,80})[.!?]?$"
)
TITLE_LENGTH = 140


def _trigger(text: str, start: int, end: int) -> re.Match[str] | None:
    for match in _TRIGGER.finditer(text, start, end):
        lead = text[max(start, match.start() - 12) : match.start()]
        if _NOT_EVENTS.search(lead) or _NOT_EVENTS.match(text, match.start()):
            continue
        if re.fullmatch(r"(?i)fire", match.group(0)) and re.search(r"(?i)\bopened $", lead):
            continue
        return match
    return None


def _kind(match: re.Match[str]) -> str:
    group = next(name for name, value in match.groupdict().items() if value is not None)
    return TRIGGERS[int(group[1:])][1]


def _title(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The sentence without a closing attribution ("..., police said.") and its span; the title is cut at a word
    within TITLE_LENGTH (its citation quotes the whole span)."""
    sentence = text[start:end]
    said = _SAID_TAIL.search(sentence)
    stop = start + (said.start() if said else len(sentence.rstrip('.!?"”')))
    piece = text[start:stop]
    begin = start + len(piece) - len(piece.lstrip(' "“‘'))
    stop = begin + len(text[begin:stop].rstrip(' "”’,'))
    title = " ".join(text[begin:stop].split())
    if len(title) > TITLE_LENGTH:
        title = title[:TITLE_LENGTH].rsplit(" ", 1)[0].rstrip(",;: ") + "…"
    return title, begin, stop


def _participants(
    text: str, trigger: re.Match[str], mentions: Sequence[EntityMention], speaker: EntityMention | None
) -> tuple[Participant, ...]:
    """Persons and organizations of the sentence, not its speaker, a possessive ("Maduro's deputy") or a setting
    ("in a New York court"). The subject of an active verb, or a mention before an active trigger, or "by X" after
    a passive one is the agent; the others are affected."""
    passive = bool(_PASSIVE.search(text[max(0, trigger.start() - 30) : trigger.start()]))
    found: list[Participant] = []
    for mention in mentions:
        if mention.type == EntityType.PLACE or (
            speaker and (mention.start, mention.end) == (speaker.start, speaker.end)
        ):
            continue
        if re.match(r"['’]s\b", text[mention.end : mention.end + 2]) or _PLACE_LEAD.search(
            re.sub(r"\b(?:a|an)\s+(?:\w+\s+)?$", "", text[max(0, mention.start - 20) : mention.start])
        ):
            continue
        before = mention.end <= trigger.start()
        by = re.search(r"\bby\s+(?:the\s+)?$", text[max(0, mention.start - 12) : mention.start], re.IGNORECASE)
        agent = bool(by) and not before if passive else before or bool(_AGENT_VERB.match(text, mention.end))
        found.append(Participant(mention, "agent" if agent else "affected"))
    return tuple(found)


def _place(text: str, mentions: Sequence[EntityMention]) -> tuple[EntityMention | None, int]:
    for mention in mentions:
        lead = _PLACE_LEAD.search(text[max(0, mention.start - 16) : mention.start])
        if mention.type == EntityType.PLACE and lead:
            return mention, mention.start - (len(lead.group(0)))
    return None, 0


def _same(earlier: EventProposal, place: EntityMention | None, date: DateProposal | None) -> bool:
    """Whether a sentence naming the kind of `earlier` again reports it: nothing it says of place or date differs."""
    other_place = place and earlier.place and place.text != earlier.place.text
    other_date = date and earlier.date and date.value != earlier.date.value
    return not (other_place or other_date)


def find_events(
    text: str,
    mentions: Sequence[EntityMention],
    dates: Sequence[DateProposal],
    counts: Sequence[CountProposal],
    attributions: Sequence[Attribution],
) -> list[EventProposal]:
    """One event per sentence that names one (headlines aside, the dateline left out), unless it reports an earlier
    one again: the same kind named with "the" ("the fire", "Maduro's capture"), or with no other place or date."""
    found: list[EventProposal] = []
    line = dateline(text)
    for start, end in sentences(text):
        if not re.search(r"[.!?][\"”’]?$", text[start:end]):
            continue
        if line and start <= line[1] < end:
            start = _DATELINE_END.match(text, line[2]).end()  # type: ignore[union-attr]
        trigger = _trigger(text, start, end)
        if trigger is None:
            continue
        kind = _kind(trigger)
        inside = [m for m in mentions if start <= m.start and m.end <= end]
        place, place_start = _place(text, inside)
        date = next((d for d in dates if start <= d.start and d.end <= end), None)
        earlier = next((e for e in reversed(found) if e.kind == kind), None)
        if earlier and (
            _DEFINITE.search(text[max(start, trigger.start() - 40) : trigger.start()]) or _same(earlier, place, date)
        ):
            continue
        said = next((a for a in attributions if start <= a.cue_start < end), None)
        speaker = said.speaker if said else None
        title, title_start, title_end = _title(text, start, end)
        participants = _participants(text, trigger, inside, speaker)
        casualties = tuple(c for c in counts if start <= c.start and c.end <= end and c.outcome is not None)
        confidence = round(0.5 + 0.1 * bool(participants) + 0.1 * bool(date) + 0.1 * bool(place), 2)
        found.append(
            EventProposal(kind, title, title_start, title_end, trigger.group(0), trigger.start(), trigger.end(),
                          participants, place, place_start, date, casualties, text[start:end], start, end, confidence)
        )  # fmt: skip
    return found


def event_of(events: Sequence[EventProposal], text: str, start: int) -> EventProposal | None:
    """The event a fact at `start` belongs to: the event of its sentence, or the earlier event its sentence names
    again ("the fire killed two more")."""
    sentence = sentence_at(text, start)
    if sentence is None:
        return None
    begin, end = sentence
    own = next((e for e in events if begin <= e.start < end), None)
    if own is not None:
        return own
    trigger = _trigger(text, begin, end)
    if trigger is None:
        return None
    kind = _kind(trigger)
    return next((e for e in reversed(events) if e.kind == kind and e.start < begin), None)
