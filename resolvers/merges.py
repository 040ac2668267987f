"""Merged records as one request reads them (at its `asOf` moment): which ids SAME judgements redirect to which
canonical ids, and one record's row and evidence made from the rows merged into it."""

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from sqlmodel import col, select

from db.base import RECORD, FactTable
from db.derived import fold
from db.tables import Redirect
from resolvers.evidence import FieldEvidence, RowEvidence
from resolvers.loaders import EVIDENCE_ORDER
from resolvers.reads import Reads

STANDING = select(col(Redirect.entity_type), col(Redirect.merged_id), col(Redirect.canonical_id)).where(
    col(Redirect.closed_at).is_(None)
)
"""Every open redirect (an `asOf` read's view holds those standing at its moment, as open)."""


@dataclass(frozen=True)
class Merges:
    """The open redirects: by (table, merged id) the canonical id, and by (table, canonical id) the merged ids."""

    canonical: dict[tuple[str, str], str] = field(default_factory=dict)
    merged: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)

    def canonical_of(self, table: str, key: str) -> str:
        """The id `key` reads as: its canonical id, or itself when it was not merged."""
        return self.canonical.get((table, key), key)

    def merged_into(self, table: str, key: str) -> tuple[str, ...]:
        """The ids merged into the canonical `key`, in id order (none for a record that stands alone)."""
        return self.merged.get((table, key), ())


async def read_merges(reads: Reads) -> Merges:
    """The request's merges, in one statement."""
    async with reads.connection() as connection:
        rows: list[Any] = list((await connection.execute(STANDING)).all())
    canonical = {(str(row[0]), str(row[1])): str(row[2]) for row in rows}
    merged: dict[tuple[str, str], list[str]] = {}
    for (table, key), into in sorted(canonical.items()):
        merged.setdefault((table, into), []).append(key)
    return Merges(canonical, {key: tuple(ids) for key, ids in merged.items()})


Member = tuple[Any, FieldEvidence]
"""A row merged into a canonical one, with its evidence."""


def combined(table: type[FactTable], canonical: Member, members: list[Member]) -> tuple[Any, RowEvidence]:
    """The canonical row and evidence with what the merged `members` add: a field the canonical row leaves empty
    takes the first member's value, and each field's citations gain those of every member stating the same value
    (names compared ignoring case and accents). A member's other values are not shown here (its other names are
    the canonical record's aliases)."""
    row, evidence = canonical
    values = row._asdict()
    for name, columns in table.__fact_fields__.items():
        if name == RECORD or any(values[c] is not None for c in columns):
            continue
        donor = next((m for m, _ in members if any(getattr(m, c) is not None for c in columns)), None)
        if donor is not None:
            values.update((c, getattr(donor, c)) for c in columns)
    merged = RowEvidence(str(table.__tablename__), str(values["id"]))
    for name, found in evidence.items():
        merged[name] = list(found)
    for member, member_evidence in members:
        for name, columns in table.__fact_fields__.items():
            if name != RECORD and member_evidence.get(name) and _same(values, member, columns):
                merged.setdefault(name, []).extend(member_evidence[name])
    for items in merged.values():
        items.sort(key=EVIDENCE_ORDER)
    return SimpleNamespace(**values), merged


def _same(values: dict[str, Any], member: Any, columns: tuple[str, ...]) -> bool:
    return all(_comparable(values[c]) == _comparable(getattr(member, c)) for c in columns)


def _comparable(value: object) -> object:
    return fold(value) if isinstance(value, str) else value
