"""What an ingest of a fact document wrote: shared by `ingest` and the mutations that ingest for an editor."""

import strawberry

from seeds.writer import WriteSummary


@strawberry.type(description="The document's facts are stored; counts are of rows (facts, citations, links).")
class Ingested:
    added: int = strawberry.field(description="Rows added.")
    unchanged: int = strawberry.field(description="Rows the document gives exactly as already stored.")
    disputed: int = strawberry.field(
        description="Facts the document gave another value than the stored one: both are kept (see `alternatives`)."
    )
    filled: int = strawberry.field(
        description="Facts of stored objects that had no value and now hold the document's (their `history` shows "
        "them empty until this write)."
    )
    corroborated: int = strawberry.field(
        description="Values already stored (held, or standing alternatives) that the document gave again, citing "
        "what they had not cited yet (see `sources`)."
    )

    @classmethod
    def of(cls, summary: WriteSummary) -> "Ingested":
        return cls(
            added=summary.added,
            unchanged=summary.unchanged,
            disputed=summary.disputed,
            filled=summary.filled,
            corroborated=summary.corroborated,
        )
