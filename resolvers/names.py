"""How alike two names are, for proposing records that may be one: names are normalised (case, accents,
punctuation, possessives, "Surname, Given" order, leading articles) and compared by rapidfuzz's token ratios, so
word order does not count and a name whose words are all in the other ("Ana Maria Ruiz" in "Ana María Ruiz-Soto") scores
0.9. Initials stand for any word they begin ("A. M. Ruiz"). Two persons' names whose first given names differ
("Ana Ruiz", "Carlos Ruiz") are not alike, whatever else they share."""

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from db.derived import fold

WORD = re.compile(r"\w+")
POSSESSIVE = re.compile(r"['\u2019]s\b")
"""An English possessive ("Cuba's armed forces"): dropped, so that its "s" is not taken for an initial."""
ARTICLES = frozenset({"the", "el", "la", "los", "las", "le", "les", "l"})
"""Leading words dropped from names of organizations and places ("the National Assembly")."""
SUBSET = 0.9
"""The similarity of a name whose words are all among the other's: likely the same, yet not the same name."""
GIVEN_NAMES_ALIKE = 80
"""rapidfuzz ratio from which two first given names are spellings of one ("Tomas", "Thomas"), out of 100."""


@dataclass(frozen=True)
class NameMatch:
    """The most alike names of two records, and how alike (0 to 1)."""

    left: str
    right: str
    similarity: float


def words(name: str, person: bool) -> list[str]:
    """The words of a name as compared: folded, without punctuation; a person's "Surname, Given" turned round; a
    leading article dropped from other names."""
    if person and name.count(",") == 1:
        surname, given = name.split(",")
        name = f"{given} {surname}"
    found = WORD.findall(POSSESSIVE.sub("", fold(name)))
    if not person and len(found) > 1 and found[0] in ARTICLES:
        found = found[1:]
    return found


def _expand_initials(one: list[str], other: list[str]) -> list[str]:
    """`one` with each initial replaced by a word of `other` it begins, where there is one not yet taken."""
    free = [w for w in other if len(w) > 1 and w not in one]
    expanded = []
    for word in one:
        if len(word) == 1:
            found = next((w for w in free if w.startswith(word)), None)
            if found is not None:
                free.remove(found)
                word = found
        expanded.append(word)
    return expanded


def similarity(left: str, right: str, person: bool) -> float:
    """How alike two names are, from 0 to 1."""
    one, other = words(left, person), words(right, person)
    if not one or not other:
        return 0.0
    one, other = _expand_initials(one, other), _expand_initials(other, one)
    if person and len(one) > 1 and len(other) > 1 and fuzz.ratio(one[0], other[0]) < GIVEN_NAMES_ALIKE:
        return 0.0
    a, b = " ".join(one), " ".join(other)
    return max(fuzz.token_sort_ratio(a, b), SUBSET * fuzz.token_set_ratio(a, b)) / 100


def best_match(left: list[str], right: list[str], person: bool) -> NameMatch:
    """The most alike pair among two records' names (each record's name and aliases)."""
    best = NameMatch("", "", 0.0)
    for one in left:
        for other in right:
            found = similarity(one, other, person)
            if found > best.similarity:
                best = NameMatch(one, other, found)
    return best


def blocking_keys(name: str, person: bool) -> set[str]:
    """The words by which records whose names might be alike are brought together for comparison (names sharing
    none are never compared): every word of two letters or more."""
    return {word for word in words(name, person) if len(word) > 1}
