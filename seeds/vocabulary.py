"""Checking a fact document's term codes (kinds, categories) against the stored vocabularies, before any SQL
writes: a code no term of its field's vocabulary has is refused, naming the field."""

from collections.abc import Iterator, Sequence
from pathlib import Path

from sqlalchemy.orm import Session

from db.enums import Vocabulary
from db.terms import stored_ids, term_id
from seeds.errors import SeedProblem
from seeds.format import EventSpec, FactFile, OrganizationSpec, PlaceSpec


def _codes(facts: FactFile) -> Iterator[tuple[Vocabulary, str, int, str, str, str]]:
    """Each code the document gives: (vocabulary, section, index, id, field, code)."""
    kinds: list[tuple[Vocabulary, str, Sequence[EventSpec | OrganizationSpec | PlaceSpec]]] = [
        (Vocabulary.EVENT_KIND, "events", facts.events),
        (Vocabulary.ORGANIZATION_KIND, "organizations", facts.organizations),
        (Vocabulary.PLACE_KIND, "places", facts.places),
    ]
    for vocabulary, section, items in kinds:
        for index, item in enumerate(items):
            if item.kind is not None:
                yield vocabulary, section, index, item.id, "kind.value", item.kind.value
    for index, casualty in enumerate(facts.casualties):
        for at, category in enumerate(casualty.categories):
            field = f"categories.{at}.category"
            yield Vocabulary.CASUALTY_CATEGORY, "casualties", index, casualty.id, field, category.category


def unknown_terms(session: Session, files: list[tuple[Path, FactFile]]) -> list[SeedProblem]:
    """A problem for each code of `files` that its vocabulary lacks (one read, of the terms named)."""
    given = [(path, *found) for path, facts in files for found in _codes(facts)]
    known = stored_ids(session, (term_id(found[1], found[-1]) for found in given))
    return [
        SeedProblem(
            str(path),
            f"{code!r} is no term of {vocabulary} (see `terms(vocabulary: {vocabulary})`; an admin may add it)",
            f"{section}[{index}] {ident!r}",
            field,
        )
        for path, vocabulary, section, index, ident, field, code in given
        if term_id(vocabulary, code) not in known
    ]
