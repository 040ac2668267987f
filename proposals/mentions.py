"""Mentions of persons, organizations and places: the gazetteer's names and aliases first, then capitalized names
classified by their last word, a title before them, a country or region name, or the preposition before them."""

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise

import pycountry

from proposals.records import EntityMention, EntityType, KnownEntity


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ORGANIZATION_HEADS = _words(
    """
    ministry office agency federation union textiles press court assembly brigade party police army navy forces
    council government company group bank university commission department committee association courier gazette
    herald times news post tribune journal service services institute foundation corporation corp inc ltd plc
    authority board parliament congress senate club league network embassy ferries airlines alliance coalition
    movement front society organisation organization trust fund
    airways holdings industries motors partners shipping logistics
    construction engineering energy systems technologies technology pharmaceuticals solutions enterprises
    consulting contractors builders developers petroleum mining chemicals electric telecom communications insurance
    unit lines coal steel oil gas metals minerals cement foods
    democrats republicans socialists conservatives liberals greens nationalists communists
    """
)
CLUB_HEADS = _words("rovers rangers wanderers united athletic albion hotspur fc afc")
"""Last words of a sports club's name ("Orlen Rovers", "Dorne United"): an organization, with a name before it."""
SPORTS_BODY_HEADS = CLUB_HEADS | _words("federation league association club")
TITLES = _words(
    """
    president minister secretary chief judge general colonel captain sergeant mr mrs ms dr senator deputy
    governor mayor king queen prince princess pope sheriff prosecutor attorney chancellor premier ambassador
    spokesman spokeswoman spokesperson commander lieutenant major superintendent inspector constable detective
    commissioner chairman chairwoman director professor bishop archbishop justice
    """
)
TITLE_MODIFIERS = _words(
    """
    former interim acting vice prime foreign defence defense interior finance
    """
)
PORTFOLIO = _words("minister secretary")
"""Titles a capitalized portfolio comes before ("Mines Minister Oleg Ranta"): the portfolio goes with the title."""
DEMONYM = r"[a-z]*(?:an|ese|ish|ian)"
PLACE_PREFIXES = _words(
    """
    port mount lake river gulf isle cape fort saint san santa st. new north south east west
    """
)
PLACE_PREPOSITIONS = re.compile(
    r"\b(?:in|to|from|near|into|across|outside|inside|across|towards?)\s+$"
    r"|\b(?:mayor|governor|people|city|town|village|province|region|capital|outskirts|residents|citizens) of\s+$"
    r"|\b(?:capital|city|town|village|port|island|province|region),\s+$"
)
FUNCTION_WORDS = _words(
    """
    the a an in on at for but and or after before hours all both this that these those his her its their our
    according following when while as if it he she they we i by with from of to during since however meanwhile
    statement several many some most few another each every other such only also
    """
)
COMMON_ORGANIZATIONS = re.compile(
    r"(?:\b[Tt]he\s+|\b[Aa]n?\s+)?(?:\b(?:regional|national|local|state|city|federal)\s+)?"
    r"\b(?:fire brigade|fire service|police force|coast guard)\b"
    r"|\b[\w]+s['’] union\b"
    r"|\b(?:trade|labour|labor) union\b"
    r"|\bparliament\b"
    r"|\b(?:security forces|paramilitary groups|armed forces|interior ministry|special forces)\b"
    r"|\b[A-Z]\w+['’]s (?:military|army|navy|government|police)\b"
    r"|\b(?:[Aa]uthorities|[Pp]olice|[Oo]fficials) in [A-Z]\w+"
    r"|\b[Pp]olice(?= (?:said|say|says|arrested|reported|told|confirmed|have|has|had|were|was|are|is|added|found|"
    r"shot|detained|raided|charged|spokes\w+)\b|[,.;])"
    r"|\b(?:regional|national|local|state|federal|city|county|provincial)(?: [a-z]+){0,3} "
    r"(?:agency|authority|council|service|department|office)\b",
)
COMMON_PLACES = re.compile(r"\b[A-Z]\w+(?:an|ian|ese|ish) (?:border|coast|capital|frontier)\b")
NAMED_ORGANIZATIONS = re.compile(
    r"\b(?:[A-Z][\w'’-]+ )+(?:special |armed |security )?"
    r"(?:court|forces|military|police|army|government|union|ministry)\b"
)
PLACE_HEADS = _words(
    """
    valley river lake lakes mountain mountains bay island islands isle point hill hills bridge street road avenue
    square province district coast beach harbour harbor forest desert sea ocean gulf strait canal park airport
    station peninsula plain plains delta falls school church hotel tower stadium arena market cathedral mosque
    temple prison terminal colliery mine shipyard refinery dam tunnel highway motorway railway camp
    """
)
NOT_NAMES = _words(
    """
    january february march april may june july august september october november december monday tuesday
    wednesday thursday friday saturday sunday
    """
)
APPOSED_ORGANIZATION = re.compile(
    r"\b(?:owner|company|firm|operator|employer|maker|manufacturer|retailer|insurer|carrier|developer|contractor|"
    r"supplier|publisher|broadcaster),\s*$"
)
"""A name in apposition to one of these ("The shipyard's owner, Nordhavn Marine") is an organization."""
NAMED_AFTER_ORGANIZATION = re.compile(
    r"\b(?:(?:companies|firms|lines|carriers|operators|airlines|banks|insurers|lenders|retailers|manufacturers|"
    r"makers|suppliers|contractors|developers|publishers|broadcasters|newspapers)(?:,| such as| including)|"
    r"(?:the|a) (?:newspaper|daily|weekly|tabloid|magazine|broadcaster|news agency|company|firm|carrier|airline))\s*$"
)
"""A name after one of these ("Two shipping lines, Maersk and", "the newspaper Salven Daily") is an organization."""
NAMED_AFTER_COMMON = re.compile(
    r",?\s(?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2})"
    r"(?=\s*[,.;]|\s(?:said|says|has|had|is|was|which|who|told|called|warned|urged)\b)"
)
"""The name of an organization right after its common noun: the organization is that name, and set off by no comma
one name with its noun ("the miners' union Rudar said"; "The players' union, Fairplay, said")."""
SPEAKING_INSTITUTION = re.compile(r"\s+(?:said|says|reported|told|confirmed|added|stated|announced)\b")
"""A hospital or school that speaks ("St Luke's University Hospital said") is the institution, not the building."""
INSTITUTION_HEADS = _words("hospital clinic infirmary school university")
HOSPITAL_HEADS = _words("hospital clinic infirmary")
"""A named hospital is an institution wherever it is named ("taken to St Anne's Hospital"), as the fact files
record it."""
REGION_HEADS = _words("valley region province district hills mountains coast plain plains delta basin")
BYLINE = re.compile(r"^By (?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,3})(?=,|[ \t]*$)", re.MULTILINE)
"""A byline ("By Lena Moravec, courts correspondent"): its name is a person, though the line reads as a headline."""
VESSEL_PREFIXES = _words("mv ms ss hms uss rv")
NOT_ORGANIZATIONS = _words("gmt utc bst cet cest est edt pst pdt ceo cfo gdp tv dna")
"""Upper-case words that are no organization: time zones and common abbreviations."""
SITE_HEADS = r"colliery|mine|pit|quarry|shipyard|refinery|terminal|dam|bridge|river|tunnel|camp|prison|stadium"
SITE = re.compile(
    rf"(?: (?:coal|copper|gold|silver|iron|tin|zinc|salt|lignite|uranium|diamond|potash|nickel|lithium|oil|gas))?"
    rf" (?:{SITE_HEADS})\b"
)
"""A lower-case head right after a name makes a site of it: "the Kestrel Deep colliery", "the Tess bridge", "the
Velka coal mine"."""
ABBREVIATED_TITLE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sgt|Capt|Maj|Gov|Sen|Rep|Insp|Supt)\.\s+"
    r"(?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*)"
)
DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z .'’-]+[A-Z])(?:,[^\n(—]{0,40}?)?\s*(?P<outlet>\([^)\n]{1,60}\))?\s*(?:[—–]|-\s)"
)
"""A wire dateline: "PORT ALDERN, March 13, 2026 (Aldern Courier) —"; its place is a mention, its outlet is not."""
_TITLE_WORDS = "|".join(sorted(w.capitalize() for w in TITLES | TITLE_MODIFIERS))
"""Title words as they open a name ("Britain's Foreign Secretary" is Britain's, not a name of its own)."""
_TOKEN = r"[A-ZÀ-ÖØ-Þ][\w'’-]*"
_CHUNK = re.compile(rf"{_TOKEN}(?: (?:(?:of|de|del|da|la|van|von|der) (?:the )?)?{_TOKEN})*")


def fold(text: str) -> str:
    """`text` lower-cased without accents, one character for one, so offsets carry over."""
    return "".join(unicodedata.normalize("NFD", c)[0] for c in text).lower()


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Folded names of countries and their subdivisions (pycountry); of "Bolivia, Plurinational State of", the first
    part."""
    names: set[str] = set()
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "common_name", None)):
            if name:
                names.add(fold(name.split(",")[0]))
    for subdivision in pycountry.subdivisions:
        name = subdivision.name.split(",")[0].split("(")[0].strip()
        if " " in name or len(name) > 4:
            names.add(fold(name))
    return frozenset(names)


def _occurrences(folded_text: str, folded_name: str) -> Iterable[tuple[int, int]]:
    for match in re.finditer(re.escape(folded_name), folded_text):
        start, end = match.span()
        if (start == 0 or not folded_text[start - 1].isalnum()) and (
            end == len(folded_text) or not folded_text[end].isalnum()
        ):
            yield start, end


def _known_mentions(text: str, gazetteer: Iterable[KnownEntity]) -> list[EntityMention]:
    folded = fold(text)
    found: list[EntityMention] = []
    surnames: dict[str, set[str]] = {}
    for entity in gazetteer:
        for name in entity.names:
            for start, end in _occurrences(folded, fold(name)):
                found.append(EntityMention(entity.type, text[start:end], start, end, entity.id, 0.95))
            parts = name.split()
            if entity.type == EntityType.PERSON and len(parts) > 1 and parts[-1][:1].isupper():
                surnames.setdefault(fold(parts[-1]), set()).add(entity.id)
    for surname, ids in surnames.items():
        if len(ids) == 1:
            for start, end in _occurrences(folded, surname):
                found.append(EntityMention(EntityType.PERSON, text[start:end], start, end, next(iter(ids)), 0.6))
    return found


def _sentence_start(text: str, start: int) -> bool:
    return re.search(r"(?:^|[.!?:\"“”]\s*|\n\s*|—\s*)$", text[max(0, start - 4) : start]) is not None


def _chunks(text: str) -> Iterable[tuple[int, int]]:
    """Capitalized runs, split at "of" unless an organization's head word comes before it, cut at a possessive (before
    a title, what follows it is a run of its own: "Ukraine's | Defence Ministry")."""
    for match in _CHUNK.finditer(text):
        start, end = match.span()
        pieces = [start]
        for connector in re.finditer(r"\s(?:of|de|del|da|la|van|von|der)\s(?:the\s)?", match.group(0)):
            left = match.group(0)[: connector.start()].split()[-1].lower()
            if left not in ORGANIZATION_HEADS:
                pieces.append(start + connector.start())
                pieces.append(start + connector.end())
        pieces.append(end)
        for piece_start, piece_end in zip(pieces[::2], pieces[1::2], strict=True):
            piece = text[piece_start:piece_end]
            possessive = re.search(r"['’]s\b(?! [A-Z])|['’]s(?= (?:[A-Z]\w* )?(?:" + _TITLE_WORDS + r")\b)", piece)
            rest = None
            if possessive:
                if possessive.end() + 1 < len(piece):
                    rest = (piece_start + possessive.end() + 1, piece_end)
                piece_end = piece_start + possessive.start()
            piece = text[piece_start:piece_end].rstrip(".-'’")
            if piece:
                yield piece_start, piece_start + len(piece)
            if rest:
                yield rest


def _trim(text: str, start: int, end: int) -> tuple[int, int, bool]:
    """Leading function words, titles (with the words that qualify them) and a sentence's first common word
    dropped; whether a title was."""
    titled = False
    words = [(m.start() + start, m.group(0)) for m in re.finditer(r"\S+", text[start:end])]
    kept = 0
    for at, (word_start, word) in enumerate(words):
        lower = fold(word)
        following = fold(words[at + 1][1]) if at + 1 < len(words) else ""
        before_title = following in TITLES or following in TITLE_MODIFIERS
        common = _sentence_start(text, word_start) and re.search(rf"(?<![.!?]\s)\b{re.escape(word.lower())}\b", text)
        if lower in TITLES and following:
            titled = True
        elif (
            lower in TITLE_MODIFIERS
            or lower in ("us", "u.s.")
            or re.fullmatch(DEMONYM, lower)
            or following in PORTFOLIO
        ) and before_title:
            pass
        elif lower not in FUNCTION_WORDS and not common:
            break
        kept = at + 1
    if kept == len(words):
        return end, end, titled
    return words[kept][0], end, titled


def _classify(
    text: str,
    start: int,
    end: int,
    titled: bool,
    persons: dict[str, str | None],
    organizations: frozenset[str] = frozenset(),
) -> tuple[EntityType, float] | None:
    name = text[start:end]
    words = name.split()
    if (len(words) == 1 and fold(name) in NOT_NAMES) or fold(words[0]) in VESSEL_PREFIXES:
        return None
    last = fold(words[-1]).rstrip("'’")
    acronym = name.isupper() and 3 <= len(name) <= 6 and " " not in name and fold(name) not in NOT_ORGANIZATIONS
    if last in ORGANIZATION_HEADS or acronym:
        return EntityType.ORGANIZATION, 0.8
    if last in CLUB_HEADS and len(words) > 1:
        return EntityType.ORGANIZATION, 0.75
    if any(fold(w) in ORGANIZATION_HEADS and after == "of" for w, after in pairwise(words)):
        return EntityType.ORGANIZATION, 0.75
    if len(words) == 1 and fold(name) in persons:
        return EntityType.PERSON, 0.6
    if fold(name) in place_names():
        return EntityType.PLACE, 0.85
    speaks = SPEAKING_INSTITUTION.match(text, end) is not None
    if last in INSTITUTION_HEADS and len(words) > 1 and (last in HOSPITAL_HEADS or speaks):
        return EntityType.ORGANIZATION, 0.7
    if re.search(NAMED_AFTER_ORGANIZATION, text[max(0, start - 40) : start]):
        return EntityType.ORGANIZATION, 0.65
    if last in PLACE_HEADS and len(words) > 1:
        return EntityType.PLACE, 0.7
    if fold(words[0]) in PLACE_PREFIXES and len(words) > 1 and not titled:
        return EntityType.PLACE, 0.7
    if titled:
        return EntityType.PERSON, 0.85
    if re.search(APPOSED_ORGANIZATION, text[max(0, start - 30) : start]):
        return EntityType.ORGANIZATION, 0.7
    if PLACE_PREPOSITIONS.search(text[max(0, start - 12) : start]) and fold(name) not in persons:
        return EntityType.PLACE, 0.6
    if fold(name) in organizations:
        return EntityType.ORGANIZATION, 0.6
    if len(words) >= 2 and all(w[:1].isupper() for w in words) and len(words) <= 4:
        return EntityType.PERSON, 0.6
    if fold(name) in persons:
        return EntityType.PERSON, 0.6
    return None


def find_mentions(text: str, gazetteer: Iterable[KnownEntity] = ()) -> list[EntityMention]:
    """Every mention the rules find, linked to a gazetteer entity by name or alias (accents and case aside)."""
    gazetteer = tuple(gazetteer)
    found = _known_mentions(text, gazetteer)
    by_name = {fold(name): entity for entity in gazetteer for name in entity.names}
    candidates: list[tuple[int, int, bool]] = []
    dateline = DATELINE.match(text)
    outlet = dateline.span("outlet") if dateline and dateline.group("outlet") else (0, 0)
    if dateline and _dateline_is_a_place(text, dateline):
        place = dateline.group("place")
        found.append(EntityMention(EntityType.PLACE, place, dateline.start("place"), dateline.end("place"),
                                   by_name[fold(place)].id if fold(place) in by_name else None, 0.7))  # fmt: skip
    for chunk_start, chunk_end in _chunks(text):
        in_dateline = dateline is not None and chunk_start < dateline.end("place")
        if _headline(text, chunk_start) or outlet[0] <= chunk_start < outlet[1] or in_dateline:
            continue
        start, end, titled = _trim(text, chunk_start, chunk_end)
        if start < end and text[start:end].strip():
            candidates.append((start, end, titled))
    candidates = _joined(text, candidates)
    persons: dict[str, str | None] = {}
    for match in BYLINE.finditer(text):
        found.append(EntityMention(EntityType.PERSON, match.group("name"), *match.span("name"), None, 0.85))
        persons[fold(match.group("name").split()[-1])] = None
    organizations: set[str] = set()
    for start, end, titled in candidates:
        kind = _classify(text, start, end, titled, {})
        if kind and kind[0] == EntityType.PERSON and len(text[start:end].split()) > 1:
            persons[fold(text[start:end].split()[-1])] = None
        if kind and kind[0] == EntityType.ORGANIZATION:
            organizations.add(fold(text[start:end]))
    for match in ABBREVIATED_TITLE.finditer(text):
        found.append(EntityMention(EntityType.PERSON, match.group("name"), *match.span("name"), None, 0.8))
        persons[fold(match.group("name").split()[-1])] = None
    typed: dict[int, EntityType] = {}
    unknown: list[tuple[int, int]] = []
    for start, end, titled in candidates:
        kind = _classify(text, start, end, titled, persons, frozenset(organizations))
        site = SITE.match(text, end)
        if site and not titled and (kind is None or kind[0] != EntityType.ORGANIZATION):
            kind, end = (EntityType.PLACE, 0.65), site.end()
        if kind is None:
            unknown.append((start, end))
            continue
        known = by_name.get(fold(text[start:end]))
        entity_id = known.id if known and known.type == kind[0] else None
        found.append(EntityMention(kind[0], text[start:end], start, end, entity_id, kind[1]))
        typed[end] = kind[0]
    found.extend(_coordinated(text, unknown, typed))
    for match in COMMON_ORGANIZATIONS.finditer(text):
        named = NAMED_AFTER_COMMON.match(text, match.end())
        if named and re.search(r"(?:union|agency|authority|council|service|department|office)$", match.group(0)):
            start = named.start("name") if named.group(0).startswith(",") else match.start()
            end = named.end("name")
            found.append(EntityMention(EntityType.ORGANIZATION, text[start:end], start, end, None, 0.7))
            continue
        known = by_name.get(fold(match.group(0)))
        entity_id = known.id if known else None
        found.append(EntityMention(EntityType.ORGANIZATION, match.group(0), match.start(), match.end(), entity_id, 0.6))
    for match in COMMON_PLACES.finditer(text):
        found.append(EntityMention(EntityType.PLACE, match.group(0), match.start(), match.end(), None, 0.6))
    for match in NAMED_ORGANIZATIONS.finditer(text):
        start, end, _ = _trim(text, match.start(), match.end())
        if start < end and " " in text[start:end]:
            found.append(EntityMention(EntityType.ORGANIZATION, text[start:end], start, end, None, 0.6))
    return _resolved(_repeated(text, _resolved(found)))


def _dateline_is_a_place(text: str, dateline: re.Match[str]) -> bool:
    """Whether the dateline's place is one of the story's: not when the text names it again only as the first word of
    a region ("HASK" and "the Hask Valley") or of a sports club or body ("ORLEN" and "Orlen Rovers")."""
    place = fold(dateline.group("place"))
    names: list[list[str]] = []
    for start, _ in _occurrences(fold(text), place):
        if start < dateline.end("place"):
            continue
        run = _CHUNK.match(text, start)
        names.append([fold(word) for word in (run.group(0) if run else place).split()[len(place.split()) :]])
    return not names or any(
        not rest or (rest[0] not in REGION_HEADS and rest[-1] not in SPORTS_BODY_HEADS) for rest in names
    )


def _joined(text: str, candidates: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """Two runs joined by "and" into one organization's name where only the second ends in an organization's head
    ("Salven Fire and Rescue Service"); not after a title, nor a place's name before "and"."""
    joined: list[tuple[int, int, bool]] = []
    for start, end, titled in sorted(candidates):
        if joined:
            left_start, left_end, left_titled = joined[-1]
            left = text[left_start:left_end]
            if (
                text[left_end:start] == " and "
                and fold(text[start:end].split()[-1]) in ORGANIZATION_HEADS
                and fold(left.split()[-1]) not in ORGANIZATION_HEADS
                and not left_titled
                and fold(left) not in place_names()
            ):
                joined[-1] = (left_start, end, False)
                continue
        joined.append((start, end, titled))
    return joined


def _coordinated(text: str, unknown: list[tuple[int, int]], typed: dict[int, EntityType]) -> list[EntityMention]:
    """A one-word name joined by "and" or "or" to a name typed before it is of that type ("in Lyon and Marseille")."""
    found = []
    for start, end in unknown:
        joined = re.search(r"(?:,? and|,? or|,) $", text[max(0, start - 6) : start])
        word = text[start:end]
        if joined is None or " " in word or fold(word) in TITLES or fold(word) in NOT_NAMES:
            continue
        kind = typed.get(start - len(joined.group(0)))
        if kind is not None:
            found.append(EntityMention(kind, text[start:end], start, end, None, 0.5))
    return found


def _repeated(text: str, mentions: list[EntityMention]) -> list[EntityMention]:
    """The mentions, and every other occurrence of a name one of them has (accents and case aside), typed alike."""
    folded = fold(text)
    found = list(mentions)
    for mention in mentions:
        if len(mention.text) < 4 or not mention.text[:1].isupper():
            continue
        for start, end in _occurrences(folded, fold(mention.text)):
            if not any(m.start <= start and end <= m.end and m.type == mention.type for m in found):
                found.append(
                    EntityMention(
                        mention.type, text[start:end], start, end, mention.entity_id, mention.confidence - 0.1
                    )
                )
    return found


def _headline(text: str, at: int) -> bool:
    """Whether `at` is on a line in title case with no full stop (a headline or a crosshead)."""
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    words = line.split()
    capitalized = sum(1 for w in words if w[:1].isupper())
    return len(words) >= 3 and capitalized / len(words) >= 0.6 and not re.search(r"[.!?]\W*$", line)


def _resolved(found: list[EntityMention]) -> list[EntityMention]:
    """One mention per span and type (the most confident, a linked one first); a mention inside another of the same
    type dropped."""
    best: dict[tuple[int, int, EntityType], EntityMention] = {}
    for mention in found:
        key = (mention.start, mention.end, mention.type)
        held = best.get(key)
        if held is None or (mention.entity_id is not None, mention.confidence) > (
            held.entity_id is not None,
            held.confidence,
        ):
            best[key] = mention
    kept = [
        m
        for m in best.values()
        if not any(
            o is not m
            and o.type == m.type
            and o.start <= m.start
            and m.end <= o.end
            and (o.end - o.start) > (m.end - m.start)
            for o in best.values()
        )
    ]
    return sorted(kept, key=lambda m: (m.start, m.end, m.type))
