"""Charges ("charged with murder", "four counts of manslaughter", "charges including drug trafficking") and pleas
("pleaded not guilty", "entered no plea"), each plea with the defendants named before it in its sentence."""

import re

from proposals.numbers import NUMBER, value
from proposals.records import ChargeProposal, EntityMention, EntityType, PleaProposal, PleaValue
from proposals.sentences import sentences

_NOT_OFFENCE = (
    r"(?:and|in|at|on|after|before|during|over|for|but|while|when|which|that|to|worth|totalling|totaling|amounting|"
    r"more|than|from|between|since|until|who|whose|where|was|were|is|are|had|has|have|will|would|said|told)\b"
)
_NOT_LISTED = (
    r"(?:sentenced|jailed|given|fined|ordered|received|released|remanded|acquitted|cleared|was|were|is|are|has|had|"
    r"have|faces|faced|later|then|also|the|a|an|his|her|their|its|will|would|could|may|might|must|should|can|to|be|"
    r"being|not)\b"
)
"""Words after "and" that end a list of offences rather than name one ("convicted of bribery and sentenced")."""
_OFFENCE_WORDS = rf"[a-z][\w'’-]*(?:\s+(?!{_NOT_OFFENCE})[a-z][\w'’-]*){{0,5}}"
_OFFENCE = rf"(?P<offence>{_OFFENCE_WORDS})"
_CHARGES = (
    re.compile(rf"\b(?P<number>{NUMBER}) counts? of {_OFFENCE}", re.IGNORECASE),
    re.compile(rf"\bcharges? (?:including|of|that include) {_OFFENCE}"),
)
_LISTED = re.compile(
    r"\b(?:(?:convicted|charged|indicted)\s+(?:him|her|them|[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*(?:,\s+\d{1,3},)?)"
    r"\s+(?:of|with)|convicted\s+of|(?:found\s+(?:\w+\s+)?)?guilty\s+of|(?:charged|indicted|accused)\s+(?:with|of))"
    r"\s+(?:one count of |a count of )?(?=[a-z])"
)
"""What opens a list of offences: "convicted Viktor Hanak, 61, of", "found him guilty of", "charged with"."""
_ITEM = re.compile(rf"(?!{_NOT_LISTED}){_OFFENCE_WORDS}")
_SEPARATOR = re.compile(r",\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
_PLEAS = (
    (re.compile(r"\b(?:pleaded|pleads|pled|plead) not guilty\b|\bentered (?:a plea of |pleas of )?not guilty\b", re.I),
     PleaValue.NOT_GUILTY),
    (re.compile(r"\b(?:pleaded|pleads|pled|plead) no contest\b|\bentered (?:a plea of )?no contest\b", re.I),
     PleaValue.NO_CONTEST),
    (re.compile(r"\b(?:pleaded|pleads|pled|plead) guilty\b|\bentered (?:a plea of |pleas of )?guilty\b", re.I),
     PleaValue.GUILTY),
    (re.compile(r"\b(?:denied|denies|deny) (?:the |all |both )?(?:\w+ )?(?:charges?|counts?)\b", re.I),
     PleaValue.NOT_GUILTY),
    (re.compile(r"\bentered no pleas?\b|\b(?:did not|didn't) enter (?:a )?pleas?\b|\bno pleas? (?:was|were) entered\b",
                re.I), PleaValue.NONE_ENTERED),
)  # fmt: skip


def find_charges(text: str) -> list[ChargeProposal]:
    """Every charge the text names, with its number of counts where it gives one."""
    found: dict[tuple[int, int], ChargeProposal] = {}
    for pattern in _CHARGES:
        for match in pattern.finditer(text):
            offence = match.group("offence")
            counts = value(match.group("number")) if "number" in match.groupdict() and match.group("number") else None
            span = (match.start(), match.end())
            if not any(s < span[1] and span[0] < e for s, e in found):
                found[span] = ChargeProposal(" ".join(offence.split()), counts, match.group(0), *span,
                                             0.7 if counts is None else 0.8)  # fmt: skip
    for lead in _LISTED.finditer(text):
        for index, (start, end) in enumerate(_listed(text, lead.end())):
            span = (lead.start() if index == 0 else start, end)
            if not any(s < span[1] and span[0] < e for s, e in found):
                found[span] = ChargeProposal(" ".join(text[start:end].split()), None, text[span[0] : end], *span, 0.7)
    return sorted(found.values(), key=lambda charge: charge.start)


def _listed(text: str, at: int) -> list[tuple[int, int]]:
    """The offences of a list from `at` ("bribery, money laundering and abuse of office"): a list goes on past a
    comma only to an item after "and" or "or" ("of fraud, ending the trial" gives fraud alone), and ", and" after
    one item joins a clause ("charged with murder, and police said")."""
    items: list[tuple[int, int]] = []
    closed = 1
    item = _ITEM.match(text, at)
    while item:
        items.append((item.start(), item.end()))
        separator = _SEPARATOR.match(text, item.end())
        if separator is None:
            break
        if separator.group(0).startswith(",") and len(items) == 1 and re.search(r"\b(?:and|or)\b", separator.group(0)):
            break
        item = _ITEM.match(text, separator.end())
        if item and re.search(r"\b(?:and|or)\b", separator.group(0)):
            closed = len(items) + 1
    return items[:closed]


def find_pleas(text: str, mentions: list[EntityMention]) -> list[PleaProposal]:
    """Every plea, spanning from its first defendant (a person or organization named before it in the sentence)."""
    found: list[PleaProposal] = []
    bounds = sentences(text)
    for pattern, plea in _PLEAS:
        for match in pattern.finditer(text):
            sentence_start = next((s for s, e in bounds if s <= match.start() < e), 0)
            subject = text[sentence_start : match.start()]
            clause = sentence_start + max(subject.rfind(","), subject.rfind(";"), -1) + 1
            defendants = [
                m for m in mentions if clause <= m.start and m.end <= match.start() and m.type != EntityType.PLACE
            ]
            pronoun = re.search(r"\b(?:he|she|they)\s+$", subject, re.IGNORECASE)
            if not defendants and pronoun:
                earlier = [m for m in mentions if m.end <= match.start() and m.type == EntityType.PERSON]
                defendants = earlier[-1:]
            start = defendants[0].start if defendants and defendants[0].start >= clause else match.start()
            names = tuple(dict.fromkeys(m.text for m in defendants))
            found.append(PleaProposal(plea, names, text[start : match.end()], start, match.end(), 0.8))
    return sorted(found, key=lambda p: p.start)
