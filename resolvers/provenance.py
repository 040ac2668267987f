"""Reverse provenance: which cited values rest on a source or on one citation."""

from typing import Any

from sqlalchemy import Select, select
from sqlmodel import col

from db.tables import Citation, FactCitation
from resolvers.pagination import Ordering, SortKey


def supports_of_source(source_id: str) -> Select[Any]:
    """Every link from a fact field to a citation quoting the source."""
    return (
        select(FactCitation)
        .join(Citation, col(Citation.id) == col(FactCitation.citation_id))
        .where(col(Citation.source_id) == source_id)
    )


SUPPORT_ORDERING = Ordering((SortKey(col(FactCitation.id), lambda row: row.id, "str"),))
