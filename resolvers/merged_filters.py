"""Filter conditions that see merged records as one (`db.merging`): lists hold canonical records only, a name
filter finds a record by its aliases and by the names of the records merged into it, and an id in a filter stands
for every id merged with it. Each reads the open redirects in SQL, so an `asOf` read sees the merges of its moment."""

from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, CompoundSelect, func, literal, or_, select, union
from sqlmodel import col

from db.actors import ALIAS_OWNERS
from db.tables import Alias, Redirect

Match = Callable[[Any], ColumnElement[bool]]
"""A condition on a folded name column (`resolvers.filters`' substring match)."""


def _open(table: str) -> ColumnElement[bool]:
    return (col(Redirect.entity_type) == table) & col(Redirect.closed_at).is_(None)


def standing(model: Any) -> ColumnElement[bool]:
    """Rows of `model` no SAME judgement merged into another."""
    table = str(model.__tablename__)
    return col(model.id).not_in(select(col(Redirect.merged_id)).where(_open(table)))


def named(model: Any, match: Match) -> ColumnElement[bool]:
    """Rows of `model` whose name or an alias matches, or into which a record so named was merged."""
    table = str(model.__tablename__)
    owner = getattr(Alias, ALIAS_OWNERS[table])
    matching = union(
        select(col(model.id)).where(match(col(model.name_folded))),
        select(owner).where(owner.is_not(None), match(col(Alias.name_folded))),
    ).subquery()
    merged = select(col(Redirect.canonical_id)).where(_open(table), col(Redirect.merged_id).in_(select(matching.c[0])))
    return or_(col(model.id).in_(select(matching.c[0])), col(model.id).in_(merged))


def same_as(key: str, *tables: str) -> CompoundSelect[Any]:
    """The ids that stand for the record `key` of one of `tables` (person, organization, place): its canonical id
    and every id merged into that."""
    standing = col(Redirect.entity_type).in_(tables) & col(Redirect.closed_at).is_(None)
    found = select(col(Redirect.canonical_id)).where(standing, col(Redirect.merged_id) == key).limit(1)
    canonical = func.coalesce(found.scalar_subquery(), literal(key))
    merged = select(col(Redirect.merged_id)).where(standing, col(Redirect.canonical_id) == canonical)
    return union(select(canonical), merged)
