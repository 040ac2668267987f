"""What persons, organizations and places share as records that SAME judgements can merge: their other names
(`aliases`) and the ids merged into them."""

from typing import Any, ClassVar

import strawberry
from strawberry.types import Info

from db import tables
from db.actors import ALIAS_OWNERS
from db.base import RECORD
from db.derived import fold
from resolvers.context import Context
from resolvers.loaders import EVIDENCE_ORDER
from resolvers.merges import Member
from schema.cited import CitedString
from schema.evidence import Citation, citations
from schema.node import global_id
from schema.resolution import Judgement, judgements_of


@strawberry.type(description="Base of the records SAME judgements can merge: their aliases and merged ids.")
class Mergeable:
    TABLE: ClassVar[str]
    merged: strawberry.Private[tuple[Member, ...]] = ()
    """The rows merged into this one, with their evidence (none for a record that stands alone)."""

    def ids(self) -> list[str]:
        """This record's id and the ids merged into it: where relations pointing at it are found."""
        return [self._row().id, *(row.id for row, _ in self.merged)]

    def _row(self) -> Any:
        return getattr(self, "row")  # noqa: B009

    @strawberry.field(
        description="The ids SAME judgements merged into this record (`judge`): `node(id:)` of each answers this "
        "record, whose `id` is the canonical one. Empty for a record that stands alone."
    )
    def merged_ids(self) -> list[strawberry.ID]:
        return [global_id(type(self).__name__, row.id) for row, _ in self.merged]

    @strawberry.field(
        description="Other names the sources give it, each with its citations: the aliases written for it and, once "
        "records are merged, the names and aliases of the records merged into it. Names equal to `name` (ignoring "
        "case and accents) are not repeated; equal aliases are listed once with the citations of each."
    )
    async def aliases(self, info: Info[Context, None]) -> list[CitedString]:
        loaders = info.context.loaders
        found = await loaders.by_column(tables.Alias, ALIAS_OWNERS[self.TABLE]).load_many(self.ids())
        rows = [row for owned in found for row in owned]
        evidence = await loaders.citations_by_entity.load_many([("alias", row.id) for row in rows])
        named: list[tuple[str, list[Citation]]] = [
            (row.name, citations(ev, RECORD)) for row, ev in zip(rows, evidence, strict=True)
        ]
        named += [(row.name, citations(ev, "name")) for row, ev in self.merged]
        name = fold(self._row().name)
        by_name: dict[str, CitedString] = {}
        for value, cited in sorted(named, key=lambda item: fold(item[0])):
            key = fold(value)
            if key == name:
                continue
            if key in by_name:
                by_name[key].citations.extend(cited)
                by_name[key].citations.sort(key=lambda citation: EVIDENCE_ORDER(citation.evidence))
            else:
                by_name[key] = CitedString(value=value, citations=cited)
        return list(by_name.values())

    @strawberry.field(
        description="Every judgement of this record and of the records merged into it (`judge`), open and closed, "
        "oldest first."
    )
    async def judgements(self, info: Info[Context, None]) -> list[Judgement]:
        return await judgements_of(info, self.TABLE, self.ids())
