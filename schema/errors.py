"""Why a write was refused, as typed results: a refused write has written nothing."""

import datetime as dt

import strawberry

from seeds.errors import ProblemCode, SeedProblem


@strawberry.interface(description="One reason a write was refused; `entity` and `field` say where in the input.")
class WriteError:
    message: str = strawberry.field(description="What is wrong, in words.")
    entity: str | None = strawberry.field(description="The input entity at fault (`event 'raid'`); null for all.")
    field: str | None = strawberry.field(description="The field of that entity (fact-file name); null when whole.")


@strawberry.type(description="A quote that does not occur in its source text.")
class QuoteNotFound(WriteError):
    source_id: str | None = strawberry.field(description="The source searched (its fact-file id).")
    quote: str = strawberry.field(description="The quote, as given.")


@strawberry.type(description="A quote that occurs several times in its source: say which with `occurrence`.")
class AmbiguousQuote(WriteError):
    source_id: str | None = strawberry.field(description="The source searched (its fact-file id).")
    quote: str = strawberry.field(description="The quote, as given.")
    occurrences: int = strawberry.field(description="How many times the quote occurs in the source.")


@strawberry.type(description="A fact value given without any citation: every value needs one.")
class MissingCitation(WriteError):
    pass


@strawberry.type(description="A reference to an id that names no stored or given row.")
class NotFound(WriteError):
    id: str = strawberry.field(description="The id that names nothing (a fact-file id such as `maduro`).")


@strawberry.type(description="Input that breaks the format or the stored facts; `code` says which rule.")
class ValidationError(WriteError):
    code: str = strawberry.field(
        description="INVALID: a missing, malformed or unknown value, or one breaking a rule of its kind (a count's "
        "`low` above its `high`, bounds its `wording` does not have, a range ending before it starts, a relation of "
        "a thing to itself, a new object without a field it needs). CONFLICT: the input gives another value to a "
        "stored column that is no cited field and so cannot hold a rival (a casualty rank's `count`, an event's "
        "`openEnded` beside the same date, a source's metadata): give the stored value or leave it out."
    )


@strawberry.type(
    description="The write needs a source that was withdrawn (`retractSource`): a withdrawn source's text yields no "
    "new facts (no `propose` on it, no `acceptProposal` of its proposals)."
)
class SourceWithdrawn(WriteError):
    source_id: str = strawberry.field(description="The withdrawn source (its fact-file id).")
    withdrawn_at: dt.datetime = strawberry.field(description="When it was withdrawn (UTC).")


@strawberry.type(
    description="The write was not stored: the database's storage is full (its disk, or a size limit set on it). "
    "Nothing of it was written; send it again once the server has room."
)
class StorageFull(WriteError):
    pass


STORAGE_FULL = (
    "The write was not stored: the database's storage is full. Nothing of it was written; send it again once the "
    "server has room."
)


@strawberry.type(description="The write was refused and nothing was written; `errors` lists every reason found.")
class Rejected:
    errors: list[WriteError] = strawberry.field(description="Every problem found, in input order.")


@strawberry.type(
    description="No valid token: writes need `Authorization: Bearer <token>` (see `citegraph token create`)."
)
class Unauthorized:
    message: str = strawberry.field(description="Why: no token, an unknown or revoked one, or a role too low.")


def write_error(problem: SeedProblem) -> WriteError:
    """The typed error for one problem the planner or loader found."""
    message, entity, field, quote = problem.message, problem.entity, problem.field, problem.quote or ""
    if problem.code == ProblemCode.QUOTE_NOT_FOUND:
        return QuoteNotFound(message=message, entity=entity, field=field, source_id=problem.source_id, quote=quote)
    if problem.code == ProblemCode.AMBIGUOUS_QUOTE:
        return AmbiguousQuote(
            message=message,
            entity=entity,
            field=field,
            source_id=problem.source_id,
            quote=quote,
            occurrences=problem.occurrences or 0,
        )
    if problem.code == ProblemCode.MISSING_CITATION:
        return MissingCitation(message=message, entity=entity, field=field)
    if problem.code == ProblemCode.NOT_FOUND:
        return NotFound(message=message, entity=entity, field=field, id=problem.reference or "")
    return ValidationError(message=message, entity=entity, field=field, code=problem.code.value)


def rejected(problems: list[SeedProblem]) -> Rejected:
    return Rejected(errors=[write_error(p) for p in problems])


def storage_full() -> Rejected:
    """The refusal of a write the database had no room for (`db.writes.DatabaseFull`)."""
    return Rejected(errors=[StorageFull(message=STORAGE_FULL, entity=None, field=None)])


WRITE_ERRORS: list[type] = [
    QuoteNotFound,
    AmbiguousQuote,
    MissingCitation,
    NotFound,
    ValidationError,
    SourceWithdrawn,
    StorageFull,
]
"""The concrete `WriteError` types, registered with the schema (no field names them directly)."""
