"""Who said what: "X said (that) ...", "..., X said", "..., said X", "according to X", "as reported by X" (via), and
a statement's heading ("Statement of the Port Aldern Health Office") as the speaker of every sentence after it."""

import re

from proposals.mentions import TITLE_MODIFIERS, TITLES, fold
from proposals.records import Attribution, EntityMention, EntityType
from proposals.sentences import sentences

CUES = (
    "said|says|say|stated|states|told|tells|reported|reports|confirmed|confirms|indicated|indicates|announced|"
    "announces|added|adds|warned|warns|claimed|claims|denied|denies|insisted|argued|noted|wrote|writes|declared|"
    "explained|acknowledged|admitted|estimated|estimates"
)
_CUE = re.compile(rf"\b(?:{CUES})\b")
_VIA = re.compile(r",?\s*\b(?:according to|as reported by|citing)\s+", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(?:he|she|they)\s*$", re.IGNORECASE)
_HEADING = re.compile(r"^\s*(?:Statement|Press release|Communiqué)\s+(?:of|by|from)\s+", re.IGNORECASE)


def _mention_ending(mentions: list[EntityMention], at: int, text: str) -> EntityMention | None:
    """The longest mention ending at `at` (whitespace aside), or before a comma-enclosed aside that ends there."""
    head = text[:at].rstrip().rstrip(",")
    head = re.sub(r"\s(?:spokes\w+|officials?|sources?|representatives?)$", "", head)
    aside = re.search(r",[^,]{1,80},\s*$", text[:at])
    for end in (len(head), aside.start() if aside else -1):
        ending = [m for m in mentions if m.end == end]
        if ending:
            return max(ending, key=lambda m: m.end - m.start)
    return None


def _mention_starting(mentions: list[EntityMention], at: int, text: str) -> EntityMention | None:
    start = at + len(text[at:]) - len(text[at:].lstrip())
    starting = [m for m in mentions if m.start == start]
    return max(starting, key=lambda m: m.end - m.start) if starting else None


def _span(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    left = len(piece) - len(piece.lstrip(' ,"“”‘’\n'))
    right = len(piece.rstrip(' ,."“”‘’\n'))
    return start + left, start + max(right, left)


def find_attributions(text: str, mentions: list[EntityMention]) -> list[Attribution]:
    """Attributions whose speaker is one of `mentions` (a pronoun stands for the person mentioned last before it)."""
    found: list[Attribution] = []
    heading = _HEADING.match(text)
    heading_speaker = None
    if heading:
        after = heading.end() + (4 if text[heading.end() : heading.end() + 4].lower() == "the " else 0)
        heading_speaker = _mention_starting(mentions, after, text)
    for start, end in sentences(text):
        attribution = _in_sentence(text, start, end, mentions)
        if attribution is None and heading and heading_speaker is not None and start > heading_speaker.end:
            content = _span(text, start, end)
            cue = heading.group(0).split()[0]
            cue_start = heading.start() + heading.group(0).index(cue)
            attribution = Attribution(heading_speaker, cue, cue_start, cue_start + len(cue), None,
                                      text[content[0] : content[1]], *content, 0.5)  # fmt: skip
        if attribution is not None:
            found.append(attribution)
    return found


def _past_titles(text: str, at: int) -> int:
    """Where the name after `at` starts, past "the" and title words ("according to Superintendent Clara Renwick")."""
    while word := re.match(r"(\w+)\s+", text[at:]):
        if fold(word.group(1)) not in TITLES | TITLE_MODIFIERS | {"the"}:
            break
        at += word.end()
    return at


def _untitled(lead: str) -> str:
    """`lead` without the title words and article that end it (", Judge" before "Alan Price said", ", a" before
    "police spokesman said")."""
    while True:
        last = re.search(r"\s(\w+)$", lead)
        if not last or fold(last.group(1)) not in TITLES | TITLE_MODIFIERS | {"a", "an", "the"}:
            return lead
        lead = lead[: last.start()].rstrip()


def _before(text: str, start: int, lead_end: int) -> tuple[int, int]:
    """The content before a trailing speaker: the quotation if the sentence opens with one, else up to the comma."""
    lead = text[start:lead_end].rstrip()
    quoted = re.match(r"\s*[\"“](.+?)[,.]?[\"”]", lead)
    if quoted:
        return _span(text, start + quoted.start(1), start + quoted.end(1))
    dateline = re.match(r"[^\n]{0,100}?\s[—–-]\s", lead) if start == 0 else None
    return _span(text, start + (dateline.end() if dateline else 0), start + len(lead) - 1)


def _in_sentence(text: str, start: int, end: int, mentions: list[EntityMention]) -> Attribution | None:
    inside = [m for m in mentions if start <= m.start and m.end <= end]
    via_match = _VIA.search(text, start, end)
    via = None
    if via_match:
        via = _mention_starting(inside, _past_titles(text, via_match.end()), text)
    stop = via_match.start() if via_match and via else end
    for cue in _CUE.finditer(text, start, stop):
        if re.match(r"\s+(?:the |all |both )?(?:\w+ )?(?:charges?|counts?|allegations?)\b", text[cue.end() : stop]):
            continue
        if re.search(r"\b(?:as|was|were|been|be|is|are)\s+$", text[max(start, cue.start() - 6) : cue.start()]):
            continue
        speaker = _mention_ending(inside, cue.start(), text)
        subject_start = speaker.start if speaker else cue.start()
        confidence = 0.8
        pronoun = _PRONOUN.search(text, start, cue.start()) if speaker is None else None
        if pronoun:
            earlier = [m for m in mentions if m.end <= pronoun.start() and m.type == EntityType.PERSON]
            speaker = earlier[-1] if earlier else None
            subject_start, confidence = pronoun.start(), 0.5
        tail = text[cue.end() : stop].strip(" .\n")
        if speaker is not None:
            lead = _untitled(text[start:subject_start].rstrip())
            if re.search(r",[\"”’]?$", lead) and len(tail) <= 25 and not tail.startswith("that"):
                content = _before(text, start, subject_start)
            else:
                content = _span(text, cue.end(), stop)
                if text[content[0] : content[0] + 5] == "that ":
                    content = (content[0] + 5, content[1])
        else:
            speaker = _mention_starting(inside, cue.end(), text)
            if speaker is None or not re.search(r",[\"”’]?$", text[start : cue.start()].rstrip()):
                continue
            content = _before(text, start, cue.start())
        if content[1] <= content[0]:
            continue
        if via is None and cue.group(0) in ("told", "tells"):
            told = re.match(r"\s+(?:the\s+)?", text[cue.end() :])
            outlet = _mention_starting(inside, cue.end() + (told.end() if told else 0), text)
            via = outlet if outlet is not None and outlet.type == EntityType.ORGANIZATION else None
        return Attribution(speaker, cue.group(0), cue.start(), cue.end(), via, text[content[0] : content[1]], *content,
                           confidence)  # fmt: skip
    if via_match and via is not None:
        content = _span(text, start, via_match.start()) if via_match.start() > start else _span(text, via.end, end)
        if content[1] > content[0]:
            cue_start, cue_end = _span(text, via_match.start(), via_match.end())
            return Attribution(via, text[cue_start:cue_end], cue_start, cue_end, None,
                               text[content[0] : content[1]], *content, 0.6)  # fmt: skip
    return None
