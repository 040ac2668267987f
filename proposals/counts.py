"""Counts of people as the text words them: "at least 55", "between 30 and 40", "two colonels", "41 injured"."""

import re

from proposals.numbers import DOZENS, NUMBER, value
from proposals.records import CountProposal, Outcome, Wording
from proposals.sentences import sentence_at, sentences

QUALIFIERS: dict[str, Wording] = {
    "at least": Wording.AT_LEAST,
    "no fewer than": Wording.AT_LEAST,
    "more than": Wording.AT_LEAST,
    "over": Wording.AT_LEAST,
    "at most": Wording.AT_MOST,
    "up to": Wording.AT_MOST,
    "no more than": Wording.AT_MOST,
    "fewer than": Wording.AT_MOST,
    "about": Wording.ABOUT,
    "around": Wording.ABOUT,
    "some": Wording.ABOUT,
    "nearly": Wording.ABOUT,
    "almost": Wording.ABOUT,
    "approximately": Wording.ABOUT,
    "roughly": Wording.ABOUT,
    "an estimated": Wording.ABOUT,
}

OUTCOMES: tuple[tuple[str, Outcome], ...] = (
    (
        r"killed|killing|dead|died|lost their lives|perished|slain|drowned|(?:claimed|cost|took) the lives of",
        Outcome.KILLED,
    ),
    (
        r"injured|injuring|wounded|wounding|hurt|treated|hospitali[sz]ed|injuries|[Hh]ospital|burns unit|"
        r"in (?:a )?(?:critical|serious) condition",
        Outcome.INJURED,
    ),
    (r"missing|unaccounted for", Outcome.MISSING),
    (r"detained|arrested|held|captured|seized", Outcome.DETAINED),
    (r"released|freed", Outcome.RELEASED),
)

RANKS = r"(?:lieutenant |major |brigadier |staff )?(?:colonels?|generals?|majors?|captains?|lieutenants?|sergeants?)"
NOT_COUNTED = re.compile(
    r"(?:hours?|days?|weeks?|months?|years?|minutes?|seconds?|decades?|percent|per cent|times|p\.m\.|a\.m\.|"
    r"o'clock|charges?|counts?|miles?|kilometres?|kilometers?|metres?|meters?|dollars?|euros?|pounds?|"
    r"of them|of us)\b",
    re.IGNORECASE,
)
MONTHS = r"January|February|March|April|May|June|July|August|September|October|November|December"

_QUALIFIER = "|".join(sorted(QUALIFIERS, key=len, reverse=True))
_NOUN = r"[A-Za-z][\w'’-]*"
_COUNT = re.compile(
    rf"(?:(?P<qualifier>{_QUALIFIER})\s+)?(?:(?P<between>between)\s+)?(?P<low>{DOZENS}|{NUMBER})"
    rf"(?:\s+(?:and|to)\s+(?P<high>{NUMBER}))?",
    re.IGNORECASE,
)
_FOLLOWING = re.compile(rf"(?:\s+of\s+(?:its|the|their|his|her|our))?(?:\s+{_NOUN}){{0,10}}")
_STOP = re.compile(
    r"\s+(?:were|was|are|is|have|has|had|who|which|that|when|while|in|during|at|on|after|before|from|by|"
    r"near|since|with|to|for|lost|died|killed|injured|wounded|perished|said|told|says|and\s+(?:a|an|\d|one|two|three|four|five|six|seven|eight|nine|ten)\w*)\b",
    re.IGNORECASE,
)
_MOST = re.compile(r",\s+most of whom", re.IGNORECASE)
_MANY = re.compile(
    r"\b(?:many|most|several|dozens|hundreds|scores) of the (?:[A-Z]\w+ )?(?:\w+ )?"
    r"(?:casualties|dead|victims|wounded|injured)\b",
    re.IGNORECASE,
)
_UNKNOWN = re.compile(
    r"\b(?:has|have|had) not (?:yet )?(?:provided|given|released|published) an? (?:official )?"
    r"(?:count|toll|figure|number) of(?: \w+){1,2}",
    re.IGNORECASE,
)
_DEATH_NOUNS = frozenset({"bodies", "deaths", "fatalities", "corpses"})
"""Nouns that count the dead though they name no person: "recovered 14 bodies", "confirmed 11 deaths"."""
_TOLL = re.compile(
    r"\b(?:(?:death )?toll|number of (?:the )?(?P<what>dead|deaths|fatalities|victims|injured|wounded|missing|"
    r"people (?:killed|dead|injured|wounded|missing)))\b"
    rf"[^.;:!?\"“”\d]{{0,80}}?\b(?:at|to|of|was|is|reached|hit)\s+"
    rf"(?=(?:(?:{_QUALIFIER})\s+)?(?:between\s+)?{NUMBER}\b)",
    re.IGNORECASE,
)
"""A toll up to the word before its figure: "put the death toll at", "the toll stands at", "put the number of dead
at"; a toll counts the killed unless it is a number of the injured or the missing."""
_TOLL_OUTCOMES = {"injured": Outcome.INJURED, "wounded": Outcome.INJURED, "missing": Outcome.MISSING}
_LIVES = re.compile(r"\b(?:claimed|cost|took)\s+$", re.IGNORECASE)
"""The verb before a count of lives lost: "has claimed 14 lives", "cost 30 lives"."""
_AUXILIARY_GAP = re.compile(
    r"\s+(?:(?:more|others|were|was|are|is|have|has|had|been|being|remain|remained|still|now|later)\s+){1,4}"
    r"(?:(?:flown|taken|airlifted|rushed|transferred|moved)\s+to\s+(?:an?\s+|the\s+)?)?"
    r"(?:" + "|".join(p for p, _ in OUTCOMES) + r")",
    re.IGNORECASE,
)
"""What may stand between a count with no noun and its outcome: "30 remain unaccounted for", "seven are in critical
condition", "Nine more were flown to a burns unit"."""
_CAPACITY = re.compile(
    r"\b(?:stands?|stadium|arena|hall|venue|ground|terrace|room|building|ship|ferry|vessel|boat|bus|train|plane|"
    r"aircraft|theatre|theater|church|it|which)\s+(?:can\s+|could\s+|would\s+|once\s+)?(?:held|holds|hold)\s+$",
    re.IGNORECASE,
)
"""A place's or a vehicle's capacity before a number ("the stand held 24,000 people"): no count of the detained."""
_VAGUE = re.compile(
    r"\b(?:dozens|scores|hundreds|thousands)(?:\s+(?:more|others|of\s+(?:other\s+)?(?P<noun>[A-Za-z][\w'’-]*)))?\b",
    re.IGNORECASE,
)
"""An uncounted many ("dozens of survivors", "hundreds were injured"): a MANY count where it has an outcome."""
_PART = re.compile(
    rf"\b(?:(?P<qualifier>{_QUALIFIER})\s+)?(?P<low>{DOZENS}|{NUMBER})\s+of\s+(?:them|whom)\b", re.IGNORECASE
)
"""A part of a count just given: "six of them in intensive care", "two of whom died"."""
_ANY_OUTCOME = re.compile(r"\b(?:" + "|".join(p for p, _ in OUTCOMES) + r")\b", re.IGNORECASE)
_RANK = re.compile(rf"\b(?:a|an) {RANKS}\b", re.IGNORECASE)
_PEOPLE = {"people", "personnel", "police", "staff", "children", "men", "women", "crew", "civilians", "dead"}
_PERSON_NOUNS = """
    people persons person men women children adults boys girls babies infants teenagers youths family families
    relatives sons daughters brothers sisters parents fathers mothers wives husbands siblings
    workers employees staff crew personnel members officials officers police soldiers troops servicemen marines
    sailors seamen pilots guards firefighters rescuers medics paramedics doctors nurses patients miners
    passengers drivers motorists pedestrians cyclists commuters travellers travelers tourists visitors pilgrims
    residents villagers inhabitants locals citizens nationals civilians migrants refugees settlers
    protesters demonstrators marchers rioters activists strikers pickets
    journalists reporters photographers students pupils teachers worshippers spectators fans players athletes
    prisoners inmates detainees suspects defendants hostages captives victims survivors casualties dead injured
    wounded missing militants fighters rebels insurgents gunmen attackers combatants recruits volunteers
    farmers fishermen engineers managers executives deputies lawmakers ministers agents
"""
PERSON_NOUNS = frozenset(_PERSON_NOUNS.split())
"""Nouns for people or groups of people: the head of a count an editor may accept as a casualty count."""
_PERSON_SUFFIXES = ("workers", "men", "women", "people", "ists", "ians", "ans")


def _counted(following: str) -> str | None:
    """The counted noun phrase: `following` cut at the first verb or preposition, if it names something countable."""
    phrase = following.strip()
    stop = _STOP.search(" " + phrase)
    if stop:
        phrase = phrase[: max(stop.start() - 1, 0)].strip()
    phrase = str(re.split(r"[,.;:!?\"“”()]", phrase)[0]).strip()
    if not phrase or NOT_COUNTED.match(phrase):
        return None
    words = phrase.split()
    for last in range(len(words), 0, -1):
        head = words[last - 1].lower().rstrip("'’")
        if head in ("of", "its", "the", "their", "his", "her", "our"):
            continue
        if head in _PEOPLE or (head.endswith("s") and not head.endswith("ss")) or re.fullmatch(RANKS, head):
            return " ".join(words[:last]) if " ".join(words[:last]) in phrase else None
    return None


def counts_people(counted: str) -> bool:
    """Whether the counted phrase's head word ("of the seven miners", "military personnel") names people."""
    head = counted.split()[-1].lower().rstrip("'’") if counted.split() else ""
    return head in PERSON_NOUNS or head.endswith(_PERSON_SUFFIXES) or re.fullmatch(RANKS, head) is not None


def _casualty_like(text: str, at: int, counted: str) -> bool:
    """Whether a count with no outcome of its own may still count casualties: people, in a sentence naming an
    outcome, or ranks."""
    return counts_people(counted) and (_names_outcome(text, at) or re.fullmatch(RANKS, counted) is not None)


def _names_outcome(text: str, at: int) -> bool:
    """Whether the sentence holding `at` names an outcome anywhere: a count of people in a sentence naming none
    ("at least 31 people were aboard") counts no casualty."""
    start, end = sentence_at(text, at) or (0, len(text))
    return _ANY_OUTCOME.search(text, start, end) is not None


def _outcome(text: str, start: int, end: int) -> tuple[Outcome | None, int]:
    """The outcome named just after the count (in its clause) or by the verb just before it, and where it ends."""
    named = re.search(r"\b(" + "|".join(p for p, _ in OUTCOMES) + r")$", text[start:end])
    if named:
        return next(o for p, o in OUTCOMES if re.fullmatch(p, named.group(1), re.IGNORECASE)), end
    after = re.match(r"[^.;]{0,80}?\b(" + "|".join(p for p, _ in OUTCOMES) + r")\b", text[end:])
    if after and not re.search(r",\s|\band\s+\d|\band\s+$", after.group(0)[: after.start(1)]):
        for pattern, outcome in OUTCOMES:
            if re.fullmatch(pattern, after.group(1), re.IGNORECASE):
                return outcome, end + after.end(1)
    before = re.search(r"\b(" + "|".join(p for p, _ in OUTCOMES) + r")\s+$", text[max(0, start - 30) : start])
    if before:
        for pattern, outcome in OUTCOMES:
            if re.fullmatch(pattern, before.group(1), re.IGNORECASE):
                return outcome, end
    return None, end


def _excluded(text: str, start: int, end: int, number: str) -> bool:
    """Numbers that are not counts: years, days of a month, ages and ranges of them, the "one" of "no one"."""
    before, after = text[max(0, start - 12) : start], text[end : end + 12]
    if re.search(rf"(?:{MONTHS})\s*$", before) or re.match(rf"\s*(?:{MONTHS})\b", after):
        return True
    if number.isdigit() and len(number) == 4 and 1800 <= int(number) <= 2100:
        return True
    if re.search(r"\b(?:from|aged|age|ages|every|No\.)\s*$", before, re.IGNORECASE):
        return True
    if number.lower() == "one" and re.search(r"\b(?:no|any|every|some)\s*$", before, re.IGNORECASE):
        return True
    return bool(re.match(r"\s*(?:p\.m\.|a\.m\.|:\d\d|%|th\b|st\b|nd\b|rd\b)", after))


def find_counts(text: str) -> list[CountProposal]:
    """Every count of people or things the text words, with its outcome where the clause names one."""
    found: list[CountProposal] = []
    for match in _COUNT.finditer(text):
        low_text = match.group("low")
        if match.start("low") > 0 and re.match(r"\w", text[match.start("low") - 1]):
            continue
        low = value(low_text)
        if low is None or _excluded(text, match.start("low"), match.end("low"), low_text):
            continue
        if _CAPACITY.search(text, max(0, match.start() - 40), match.start()):
            continue
        high = value(match.group("high")) if match.group("high") else None
        following = _FOLLOWING.match(text, match.end())
        words = following.group(0) if following else ""
        counted = _counted(words)
        end = match.end() + words.find(counted) + len(counted) if counted else 0
        if not counted:
            end = match.end("high") if high is not None else match.end("low")
        outcome, outcome_end = _outcome(text, match.start(), end)
        if counted is not None and counted.split()[-1].lower() in _DEATH_NOUNS:
            outcome = Outcome.KILLED
        if counted == "lives" and _LIVES.search(text, max(0, match.start() - 30), match.start()):
            outcome = Outcome.KILLED
        if outcome is None and counted is not None and not _casualty_like(text, match.start(), counted):
            continue
        if counted is None:
            bare = outcome is not None and outcome_end == end and re.match(r"[,.;]|\s+and\b|$", text[end : end + 5])
            if not bare and (
                outcome is None or not re.match(r"\s+(?:were|was|have been|had been)?\s*\w+", text[end:outcome_end])
            ):
                continue
            if outcome_end - end > 20 and not _AUXILIARY_GAP.fullmatch(text[end:outcome_end]):
                continue
            end = outcome_end
        qualifier = (match.group("qualifier") or "").lower()
        if match.group("between") or (high is not None and not qualifier):
            if high is None or high < low:
                continue
            wording = Wording.BETWEEN
            bounds: tuple[int | None, int | None] = (low, high)
        else:
            wording = _round(QUALIFIERS.get(qualifier, Wording.EXACTLY), low_text)
            bounds = _bounds(wording, low, qualifier)
        start = match.start()
        confidence = 0.9 if outcome else 0.6
        found.append(CountProposal(*bounds, wording, counted, outcome, text[start:end], start, end, confidence))
        most = _MOST.match(text, end)
        if most and wording == Wording.EXACTLY:
            found.append(
                CountProposal(low // 2 + 1, low, Wording.MOST, counted, outcome, text[start : most.end()], start,
                              most.end(), 0.7)
            )  # fmt: skip
    tolls = _tolls(text)
    found = [c for c in found if not any(c.start < t.end and t.start < c.end for t in tolls)] + tolls
    found.extend(_parts(text, sorted(found, key=lambda count: count.start)))
    for match in _RANK.finditer(text):
        found.append(CountProposal(1, 1, Wording.EXACTLY, match.group(0)[2:].strip(), None, match.group(0),
                                   match.start(), match.end(), 0.5))  # fmt: skip
    for match in _MANY.finditer(text):
        found.append(
            CountProposal(None, None, Wording.MANY, None, None, match.group(0), match.start(), match.end(), 0.6)
        )
    found.extend(c for c in _vague(text) if not any(c.start < f.end and f.start < c.end for f in found))
    for match in _UNKNOWN.finditer(text):
        found.append(
            CountProposal(None, None, Wording.UNKNOWN, None, None, match.group(0), match.start(), match.end(), 0.6)
        )
    return sorted(found, key=lambda count: (count.start, count.end))


def _worded(match: re.Match[str]) -> tuple[tuple[int | None, int | None], Wording] | None:
    """The bounds and wording of a `_COUNT` (or `_PART`) match of one number or a range."""
    low = value(match.group("low"))
    if low is None:
        return None
    high = value(match.group("high")) if "high" in match.groupdict() and match.group("high") else None
    qualifier = (match.group("qualifier") or "").lower()
    between = "between" in match.groupdict() and match.group("between")
    if between or (high is not None and not qualifier):
        return ((low, high), Wording.BETWEEN) if high is not None and high >= low else None
    wording = _round(QUALIFIERS.get(qualifier, Wording.EXACTLY), match.group("low"))
    return _bounds(wording, low, qualifier), wording


def _round(wording: Wording, number: str) -> Wording:
    """A number of dozens worded with no qualifier is a round figure: "a dozen people" is about 12."""
    return Wording.ABOUT if wording == Wording.EXACTLY and "dozen" in number.lower() else wording


def _vague(text: str) -> list[CountProposal]:
    """Uncounted manies of people with an outcome ("scores of passengers were hurt", "killing dozens")."""
    found: list[CountProposal] = []
    for match in _VAGUE.finditer(text):
        noun = match.group("noun")
        if noun is not None and not counts_people(noun):
            continue
        outcome, outcome_end = _outcome(text, match.start(), match.end())
        if outcome is None or outcome_end - match.end() > 40:
            continue
        start, end = match.start(), max(match.end(), outcome_end)
        found.append(CountProposal(None, None, Wording.MANY, noun, outcome, text[start:end], start, end, 0.6))
    return found


def _tolls(text: str) -> list[CountProposal]:
    """Tolls with their figure ("put the death toll at 11", "the number of injured stood at 150"): counts from
    the toll's first word on."""
    found: list[CountProposal] = []
    for lead in _TOLL.finditer(text):
        match = _COUNT.match(text, lead.end())
        if match is None or _excluded(text, match.start("low"), match.end("low"), match.group("low")):
            continue
        if NOT_COUNTED.match(text, match.end() + 1) or re.match(r"[\w%]", text[match.end() : match.end() + 1]):
            continue
        worded = _worded(match)
        if worded is not None:
            (low, high), wording = worded
            start, end = lead.start(), match.end()
            what = (lead.group("what") or "dead").split()[-1].lower()
            outcome = _TOLL_OUTCOMES.get(what, Outcome.KILLED)
            counted = what if outcome != Outcome.KILLED else "dead"
            found.append(CountProposal(low, high, wording, counted, outcome, text[start:end], start, end, 0.9))
    return found


def _parts(text: str, counts: list[CountProposal]) -> list[CountProposal]:
    """Parts of the latest count at least as large in the same or the sentence before ("23 of the injured, six of
    them in intensive care"): what it counts, and its outcome unless the part's clause names its own."""
    found: list[CountProposal] = []
    spans = sentences(text)
    for match in _PART.finditer(text):
        if _excluded(text, match.start("low"), match.end("low"), match.group("low")) or re.search(
            r"\beach\s*$", text[max(0, match.start() - 6) : match.start()], re.IGNORECASE
        ):
            continue
        here = next((i for i, (s, e) in enumerate(spans) if s <= match.start() < e), 0)
        since = spans[max(here - 1, 0)][0] if spans else 0
        worded = _worded(match)
        if worded is None or worded[0][0] is None:
            continue
        (low, high), wording = worded
        wholes = [c for c in counts if since <= c.start and c.end <= match.start() and (c.low or 0) >= (low or 0)]
        if not wholes:
            continue
        whole = wholes[-1]
        outcome, _ = _outcome(text, match.start(), match.end())
        start, end = match.start(), match.end()
        found.append(
            CountProposal(low, high, wording, whole.counted, outcome or whole.outcome, text[start:end], start, end,
                          0.8)
        )  # fmt: skip
    return found


def _bounds(wording: Wording, number: int, qualifier: str) -> tuple[int | None, int | None]:
    if wording == Wording.AT_LEAST:
        return (number + 1 if qualifier in ("more than", "over") else number), None
    if wording == Wording.AT_MOST:
        return None, (number - 1 if qualifier == "fewer than" else number)
    return number, number
