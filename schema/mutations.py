"""Writes: add a source, ingest a fact document. Each needs an editor's token and is one transaction."""

import datetime as dt
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Annotated, Any, TypeVar

import strawberry
from sqlalchemy.ext.asyncio import AsyncEngine
from strawberry.scalars import JSON
from strawberry.types import Info

from db import tables
from db.access import Actor, TokenError, actor_of, revoke_token
from db.enums import Rank, Role, Verdict
from db.merging import JudgementRefused, Pair, UnknownRecord, judge, retract_judgement
from db.ranking import NotRankable, rank_value
from db.terms import TermRefused, add_term, update_term
from db.withdrawals import retract_source
from db.writes import DatabaseFull
from resolvers.context import Context
from resolvers.proposals import (
    Accepted,
    FieldEdit,
    ProposalRefused,
    WithdrawnSource,
    accept_proposal,
    propose_source,
    reject_proposal,
)
from schema.enums import SourceKind
from schema.errors import (
    NotFound,
    Rejected,
    SourceWithdrawn,
    Unauthorized,
    ValidationError,
    rejected,
    storage_full,
)
from schema.evidence import Source
from schema.fact_inputs import SECTIONS, SINGULAR, FactsInput, SourcesInput, plain
from schema.ingested import Ingested
from schema.node import Node, key_of
from schema.proposals import (
    AcceptProposalResult,
    FactEdit,
    Proposal,
    ProposalAccepted,
    ProposalRejected,
    Proposed,
    ProposeResult,
    RejectProposalResult,
    source_key,
)
from schema.resolution import Judged, Judgement, JudgementRetracted, Left, Reason, Right, judged_table, record
from schema.terms import AddTermInput, Term, TermAdded, TermUpdated, UpdateTermInput
from seeds.errors import SeedLoadError
from seeds.loader import add_source, correct_document, ingest_document, parse_source
from seeds.writer import WriteSummary

Ctx = Info[Context, None]
log = logging.getLogger("citegraph")
T = TypeVar("T")


@strawberry.input(description="A source document, with its full text, so that quotes from it can be checked.")
class AddSourceInput:
    text: str = strawberry.field(description="The full text; stored as given, with its SHA-256.")
    kind: SourceKind = strawberry.field(description="What kind of document it is.")
    id: str | None = strawberry.field(
        default=None, description="The id cites use to name it; default `src-` and the start of its SHA-256."
    )
    title: str | None = strawberry.field(default=None, description="Title or headline.")
    publisher: str | None = strawberry.field(default=None, description="Who published it.")
    author: str | None = strawberry.field(default=None, description="Who wrote it.")
    url: str | None = strawberry.field(default=None, description="Where it was published.")
    language: str | None = strawberry.field(default=None, description="BCP 47 language tag (`en`).")
    published_on: dt.date | None = strawberry.field(default=None, description="Publication date.")
    retrieved_on: dt.date | None = strawberry.field(default=None, description="When it was retrieved.")


@strawberry.type(description="The source is stored; `created` is false when the same text was already stored.")
class SourceAdded:
    source: Source = strawberry.field(description="The stored source (the existing one for a known text).")
    created: bool = strawberry.field(description="Whether this call stored it.")


@strawberry.type(description="The source is marked withdrawn; values citing only it now say `unsupported`.")
class SourceRetracted:
    source: Source = strawberry.field(description="The source, with its `withdrawal`.")


@strawberry.type(description="The token no longer authorizes anything.")
class TokenRevoked:
    name: str = strawberry.field(description="The token's name.")
    revoked_at: dt.datetime = strawberry.field(description="When it was revoked (UTC).")


@strawberry.type(description="The value is ranked; a PREFERRED one is now what reads return for its fact.")
class ValueRanked:
    node: Node | None = strawberry.field(description="The object whose fact it is; read it again to see the change.")


RankValueResult = Annotated[
    ValueRanked | Rejected | Unauthorized, strawberry.union("RankValueResult", description="What `rankValue` did.")
]
RetractSourceResult = Annotated[
    SourceRetracted | Rejected | Unauthorized,
    strawberry.union("RetractSourceResult", description="What `retractSource` did."),
]
RevokeTokenResult = Annotated[
    TokenRevoked | Rejected | Unauthorized,
    strawberry.union("RevokeTokenResult", description="What `revokeToken` did."),
]


@strawberry.type(description="The corrections are stored; each former value is in its object's `history`.")
class Corrected:
    corrected: int = strawberry.field(description="Facts given a new value (their former values closed).")
    filled: int = strawberry.field(description="Facts that had no value and now hold the document's.")
    added: int = strawberry.field(description="Rows added (new facts, citations, links, closed values).")
    unchanged: int = strawberry.field(description="Rows the document gives exactly as already stored.")


AddTermResult = Annotated[
    TermAdded | Rejected | Unauthorized, strawberry.union("AddTermResult", description="What `addTerm` did.")
]
UpdateTermResult = Annotated[
    TermUpdated | Rejected | Unauthorized, strawberry.union("UpdateTermResult", description="What `updateTerm` did.")
]
JudgeResult = Annotated[
    Judged | Rejected | Unauthorized, strawberry.union("JudgeResult", description="What `judge` did.")
]
RetractJudgementResult = Annotated[
    JudgementRetracted | Rejected | Unauthorized,
    strawberry.union("RetractJudgementResult", description="What `retractJudgement` did."),
]
CorrectResult = Annotated[
    Corrected | Rejected | Unauthorized, strawberry.union("CorrectResult", description="What `correct` did.")
]
AddSourceResult = Annotated[
    SourceAdded | Rejected | Unauthorized, strawberry.union("AddSourceResult", description="What `addSource` did.")
]
IngestResult = Annotated[
    Ingested | Rejected | Unauthorized, strawberry.union("IngestResult", description="What `ingest` did.")
]


async def authorize(info: Ctx, role: Role) -> Actor | Unauthorized:
    """The actor of the request's bearer token, if it holds `role` (admins hold every role)."""
    token = info.context.bearer_token
    if token is None:
        return Unauthorized(message="writes need an `Authorization: Bearer <token>` header")
    actor = await actor_of(info.context.engine, token)
    if actor is None:
        return Unauthorized(message="the token is unknown or revoked")
    if role == Role.ADMIN and actor.role != Role.ADMIN:
        return Unauthorized(message=f"token {actor.name!r} is an editor's; this needs an admin's")
    return actor


DocumentArg = Annotated[
    str | None, strawberry.argument(description="The fact document as text (YAML or JSON); or give `facts` or `input`.")
]
FactsArg = Annotated[
    JSON | None, strawberry.argument(description="The fact document as a JSON object; or give `document` or `input`.")
]
InputArg = Annotated[
    FactsInput | None, strawberry.argument(description="The fact document, typed; or give `document` or `facts`.")
]


@dataclass(frozen=True)
class Given:
    """A fact document as a mutation was given it: exactly one of the three forms."""

    document: str | None = None
    facts: object = None
    input: object = None


def _document(given: Given) -> str | dict[str, Any] | Rejected:
    """The fact document of a mutation, from exactly one of `document` (text), `facts` (object), `input`."""
    forms = [form for form in (given.document, given.facts, given.input) if form is not None]
    if len(forms) != 1:
        message = "give the fact document as exactly one of `document` (text), `facts` (a JSON object) or `input`"
        return Rejected(errors=[ValidationError(message=message, entity=None, field="document", code="INVALID")])
    if given.document is not None:
        return given.document
    if given.input is not None:
        document: dict[str, Any] = plain(given.input)
        return document
    facts = given.facts
    if not isinstance(facts, dict):
        message = "`facts` must be a JSON object of sections (sources, persons, events, ...)"
        return Rejected(errors=[ValidationError(message=message, entity=None, field="facts", code="INVALID")])
    return facts


DocumentWrite = Callable[[AsyncEngine, str | dict[str, Any], str], Awaitable[WriteSummary]]
"""A write of a fact document (engine, document, actor): `ingest_document`, or `correct_document` with
its reason bound."""


Refusals = Mapping[type[Exception], Callable[[Any], Rejected]]
"""The refusal each exception a write raises stands for (an instance of a subclass finds its class's)."""


async def _write(
    info: Ctx,
    role: Role,
    write: Callable[[Actor], Awaitable[T | Rejected | None]],
    refusals: Refusals | None = None,
    missing: Callable[[], Rejected] | None = None,
    notify: bool = True,
) -> T | Rejected | Unauthorized:
    """The shape of every write: `write(actor)` if the token holds `role`; an exception of `refusals` answered as
    it maps, a full database as StorageFull, nothing found (None) as `missing()`; a Rejected `write` returns (its
    own check of the input) as is. Only after a write that succeeded are `factChanged` subscribers woken."""
    actor = await authorize(info, role)
    if isinstance(actor, Unauthorized):
        return actor
    refusals = refusals or {}
    try:
        result = await write(actor)
    except DatabaseFull as exc:
        return _no_room(exc)
    except tuple(refusals) as exc:
        return next(refuse for kind, refuse in refusals.items() if isinstance(exc, kind))(exc)
    if result is None:
        if missing is None:
            raise LookupError("the write found nothing, and says no refusal for it")
        return missing()
    if notify and not isinstance(result, Rejected):
        _notify(info)
    return result


SEED_REFUSALS: Refusals = {SeedLoadError: lambda exc: rejected(exc.problems)}


async def _write_document(info: Ctx, given: Given, write: DocumentWrite) -> WriteSummary | Rejected | Unauthorized:
    """An editor's write of the fact document `given`: its summary, or why not."""

    async def run(actor: Actor) -> WriteSummary | Rejected:
        document = _document(given)
        if isinstance(document, Rejected):
            return document
        return await write(info.context.engine, document, actor.name)

    return await _write(info, Role.EDITOR, run, SEED_REFUSALS)


def _no_room(error: DatabaseFull) -> Rejected:
    """A write the database had no room for: refused to the client as StorageFull, logged in full for the operator,
    who has to make room."""
    log.error("write refused: %s", error, exc_info=error)
    return storage_full()


async def _source(info: Ctx, source_id: str) -> Source:
    """A source just written, as the API shows it."""
    row = await info.context.loaders.source_by_id.load(source_id)
    if row is None:
        raise LookupError(f"source {source_id!r} vanished after it was written")
    return Source.of(row)


def _not_found(message: str, argument: str, value: str) -> Rejected:
    """The refusal of a mutation whose `argument` names nothing stored."""
    return Rejected(errors=[NotFound(message=message, entity=None, field=argument, id=value)])


def _notify(info: Ctx) -> None:
    """Wake this process's `factChanged` subscribers: the write has committed."""
    if info.context.notifier is not None:
        info.context.notifier.notify()


async def _ingest(info: Ctx, given: Given) -> IngestResult:
    summary = await _write_document(info, given, ingest_document)
    if not isinstance(summary, WriteSummary):
        return summary
    return Ingested.of(summary)


DefaultSourceArg = Annotated[
    str | None,
    strawberry.argument(description="The id of the source quotes come from unless a citation names another."),
]
SourcesArg = Annotated[
    SourcesInput | None, strawberry.argument(description="Sources given in full, to be stored with the facts.")
]


def _adder(section: str, item: str) -> Any:
    """The mutation adding (or extending) one object of a fact document's `section`: an `ingest` of it."""

    async def add(
        info: Ctx, input: Any, default_source: DefaultSourceArg = None, sources: SourcesArg = None
    ) -> IngestResult:
        document = {"sources": plain(sources or []), "default_source": default_source, section: [plain(input)]}
        return await _ingest(info, Given(facts={k: v for k, v in document.items() if v is not None}))

    what = item.replace("_", " ")
    described = strawberry.argument(description=f"The {what}, every fact field with its citations.")
    add.__annotations__["input"] = Annotated[SECTIONS[section], described]
    article = "an" if what[0] in "aeiou" else "a"
    return strawberry.mutation(
        resolver=add,
        description=f"Add {article} {what} with every fact cited, or extend a stored one (`ingest` for one object: "
        "fields left out stay as stored, the stored value given again adds its citations, an empty field is filled, "
        "another value is a dispute). Quotes are located and verified; if anything is refused, nothing is written.",
    )


Additions = strawberry.type(
    type("Additions", (), {f"add_{item}": _adder(section, item) for section, item in SINGULAR.items()}),
    description="One mutation per kind of object.",
)


SOURCE_FIELDS = ("text", "kind", "title", "publisher", "author", "url", "language", "published_on", "retrieved_on")


@strawberry.type(description="Write cited facts. Every write needs an editor's token and is all or nothing.")
class Mutation(Additions):  # type: ignore[valid-type,misc]
    @strawberry.mutation(description="Store a source document; the same text twice returns the stored source.")
    async def add_source(
        self,
        info: Ctx,
        input: Annotated[AddSourceInput, strawberry.argument(description="The text and what is known about it.")],
    ) -> AddSourceResult:
        fields = {name: getattr(input, name) for name in SOURCE_FIELDS}

        async def run(actor: Actor) -> tuple[str, bool]:
            spec = parse_source({**fields, "id": input.id or ""})
            return await add_source(info.context.engine, spec, actor.name)

        done = await _write(info, Role.EDITOR, run, SEED_REFUSALS)
        if isinstance(done, Rejected | Unauthorized):
            return done
        source_id, created = done
        return SourceAdded(source=await _source(info, source_id), created=created)

    @strawberry.mutation(
        description="Store the facts of one fact document (the seed files' format, as YAML or JSON text; sources "
        "inline with `text`, or named by the id of a stored source). Every quote is located and verified. For a "
        "stored object: a field the document leaves out is untouched; the stored value given again gains the "
        "citations (corroboration); an empty field is filled (its `history` shows when and by whom); another "
        "value is kept beside the stored one as an alternative (a dispute). Only `correct` replaces a value."
    )
    async def ingest(
        self, info: Ctx, document: DocumentArg = None, facts: FactsArg = None, input: InputArg = None
    ) -> IngestResult:
        return await _ingest(info, Given(document, facts, input))

    @strawberry.mutation(
        description="Correct stored facts: a fact document (as for `ingest`) whose values replace the stored ones; "
        "fields it leaves out are untouched. Corrections never overwrite: each former value is closed (when, by "
        "whom, `reason`) and kept, with its citations, in its object's `history`."
    )
    async def correct(
        self,
        info: Ctx,
        reason: Annotated[str, strawberry.argument(description="Why (kept with every value it closes).")],
        document: DocumentArg = None,
        facts: FactsArg = None,
        input: InputArg = None,
    ) -> CorrectResult:
        summary = await _write_document(info, Given(document, facts, input), partial(correct_document, reason=reason))
        if not isinstance(summary, WriteSummary):
            return summary
        return Corrected(
            corrected=summary.corrected, filled=summary.filled, added=summary.added, unchanged=summary.unchanged
        )

    @strawberry.mutation(
        description="Withdraw a source (admins only): it stays stored and checkable, marked with who, when and why; "
        "every value citing only it reports `unsupported: true`."
    )
    async def retract_source(
        self,
        info: Ctx,
        id: Annotated[strawberry.ID, strawberry.argument(description="The source's global id (`Source:...`).")],
        reason: Annotated[str, strawberry.argument(description="Why it is withdrawn (shown with it).")],
    ) -> RetractSourceResult:
        key = key_of(str(id), ("Source",))

        async def run(actor: Actor) -> tables.Source | None:
            return None if key is None else await retract_source(info.context.engine, key, actor.name, reason)

        source = await _write(
            info, Role.ADMIN, run, missing=lambda: _not_found(f"no source {str(id)!r}", "id", str(id))
        )
        if isinstance(source, Rejected | Unauthorized):
            return source
        return SourceRetracted(source=await _source(info, source.id))

    @strawberry.mutation(
        description="Add a term to a vocabulary (admins only), without a schema change: facts may then use its code, "
        "and filters on its broader terms match it. Refused, writing nothing, for a code taken in the vocabulary "
        "(CONFLICT), a malformed code or empty text (INVALID), or a broader term the vocabulary lacks (NotFound)."
    )
    async def add_term(
        self, info: Ctx, input: Annotated[AddTermInput, strawberry.argument(description="The term.")]
    ) -> AddTermResult:
        row = await _write(
            info,
            Role.ADMIN,
            lambda actor: add_term(
                info.context.engine,
                input.vocabulary,
                input.code,
                input.label,
                input.description,
                input.broader,
                actor.name,
            ),
            _term_refusals(input.vocabulary.value, input.code, input.broader),
        )
        return row if isinstance(row, Rejected | Unauthorized) else TermAdded(term=Term(row=row))

    @strawberry.mutation(
        description="Change a term's label, description or broader term (admins only); its code stays. Refused for a "
        "broader term the vocabulary lacks (NotFound) or one that would make a cycle (CONFLICT)."
    )
    async def update_term(
        self, info: Ctx, input: Annotated[UpdateTermInput, strawberry.argument(description="The changes.")]
    ) -> UpdateTermResult:
        row = await _write(
            info,
            Role.ADMIN,
            lambda actor: update_term(
                info.context.engine,
                input.vocabulary,
                input.code,
                actor.name,
                label=input.label,
                description=input.description,
                broader=input.broader,
            ),
            _term_refusals(input.vocabulary.value, input.code, input.broader),
            lambda: _not_found(f"{input.vocabulary.value} has no term {input.code}", "code", input.code),
        )
        return row if isinstance(row, Rejected | Unauthorized) else TermUpdated(term=Term(row=row))

    @strawberry.mutation(description="Revoke a write token by name (admins only); revoking twice changes nothing.")
    async def revoke_token(
        self, info: Ctx, name: Annotated[str, strawberry.argument(description="The token's name.")]
    ) -> RevokeTokenResult:
        token = await _write(
            info,
            Role.ADMIN,
            lambda _actor: revoke_token(info.context.engine, name),
            {TokenError: lambda exc: _not_found(str(exc), "name", name)},
            notify=False,
        )
        if isinstance(token, Rejected | Unauthorized):
            return token
        return TokenRevoked(name=token.name, revoked_at=token.revoked_at or token.created_at)

    @strawberry.mutation(
        description="Rank a rival value (from `alternatives`): PREFERRED makes it the value reads return and keeps "
        "the one it replaces as an alternative, each with its citations; NORMAL or DEPRECATED only rank it."
    )
    async def rank_value(
        self,
        info: Ctx,
        id: Annotated[strawberry.ID, strawberry.argument(description="The alternative's id (`Value:...`).")],
        rank: Annotated[Rank, strawberry.argument(description="The rank to give it.")],
    ) -> RankValueResult:
        key = key_of(str(id), ("Value",))

        async def run(actor: Actor) -> tables.FactValue | None:
            return None if key is None else await rank_value(info.context.engine, key, rank, actor.name)

        value = await _write(
            info,
            Role.EDITOR,
            run,
            {
                NotRankable: lambda exc: Rejected(
                    errors=[ValidationError(message=str(exc), entity=None, field="id", code="INVALID")]
                )
            },
            lambda: _not_found(f"no value {str(id)!r}", "id", str(id)),
        )
        if isinstance(value, Rejected | Unauthorized):
            return value
        from schema.registry import node_of_row

        return ValueRanked(node=await node_of_row(info, value.entity_type, value.entity_id))

    @strawberry.mutation(
        description="Judge whether two persons, organizations or places are one (editors). SAME merges them: the "
        "older record's id becomes the canonical one, `node(id:)` of the other answers it, and its fields, aliases "
        "and relations gather both records' citations. NOT_SAME keeps them apart and stops `candidates` proposing "
        "them; UNSURE records a look without a decision. A judgement closes the pair's earlier one (both kept, with "
        "who, when and why), so a later NOT_SAME or UNSURE undoes a SAME. A judgement contradicting others (merging "
        "records judged NOT_SAME or cited as related) is refused as CONFLICT."
    )
    async def judge(
        self,
        info: Ctx,
        left: Left,
        right: Right,
        judgement: Annotated[Verdict, strawberry.argument(description="SAME, NOT_SAME or UNSURE.")],
        reason: Reason,
    ) -> JudgeResult:
        pair = _pair(left, right)

        async def run(actor: Actor) -> tuple[tables.Judgement, Pair] | Rejected:
            if isinstance(pair, Rejected):
                return pair
            return await judge(info.context.engine, pair, judgement, reason, actor.name), pair

        def unknown(error: UnknownRecord) -> Rejected:
            named = str(left) if str(left).endswith(f":{error.key}") else str(right)
            return _not_found(f"no record {named!r}", "left" if named == str(left) else "right", named)

        refusals: Refusals = {UnknownRecord: unknown, JudgementRefused: lambda exc: _refused(str(exc), exc.code)}
        done = await _write(info, Role.EDITOR, run, refusals)
        if isinstance(done, Rejected | Unauthorized):
            return done
        row, judged = done
        return Judged(judgement=Judgement.of(row), node=await record(info, judged.table, judged.left))

    @strawberry.mutation(
        description="Retract the open judgement of two records (editors): it is closed with the reason and kept; "
        "merges it made are undone, and the pair may be proposed again."
    )
    async def retract_judgement(self, info: Ctx, left: Left, right: Right, reason: Reason) -> RetractJudgementResult:
        pair = _pair(left, right)

        async def run(actor: Actor) -> tables.Judgement | Rejected | None:
            if isinstance(pair, Rejected):
                return pair
            return await retract_judgement(info.context.engine, pair, reason, actor.name)

        row = await _write(
            info,
            Role.EDITOR,
            run,
            missing=lambda: _not_found(f"no open judgement of {str(left)!r} and {str(right)!r}", "left", str(left)),
        )
        return row if isinstance(row, Rejected | Unauthorized) else JudgementRetracted(judgement=Judgement.of(row))

    @strawberry.mutation(
        description="Run the proposer on a stored source (editors): candidate facts, each at its exact offsets, "
        "stored as PROPOSED for review. Known entities are the stored persons, organizations and places, by name "
        "and alias; dates are read against the source's `publishedOn`. Proposing again stores nothing twice, and "
        "never proposes again what was accepted or rejected. Proposals are no facts: no read of facts shows them. "
        "A withdrawn source is refused (SourceWithdrawn)."
    )
    async def propose(
        self,
        info: Ctx,
        source: Annotated[
            strawberry.ID, strawberry.argument(description="The source: its global id (`Source:...`) or its id.")
        ],
    ) -> ProposeResult:
        found = await _write(
            info,
            Role.EDITOR,
            lambda actor: propose_source(info.context.engine, source_key(str(source)), actor.name),
            _withdrawn("source"),
            missing=lambda: _not_found(f"no source {str(source)!r}", "source", str(source)),
            notify=False,
        )
        if isinstance(found, Rejected | Unauthorized):
            return found
        return Proposed(proposals=[Proposal.of(row) for row in found.proposals], created=found.created)

    @strawberry.mutation(
        description="Accept a proposal (editors): its facts, or `facts` in their place, with `edits` applied, are "
        "written as `ingest` "
        "writes them, as the editor, and the proposal marked ACCEPTED, in one transaction. Refused, writing nothing "
        "and leaving it PROPOSED: an ingest refused (its errors), facts left null for an editor to give "
        "(INVALID, naming them), a proposal already decided (CONFLICT), a proposal of a withdrawn source "
        "(SourceWithdrawn)."
    )
    async def accept_proposal(
        self,
        info: Ctx,
        id: Annotated[strawberry.ID, strawberry.argument(description="The proposal's id (`Proposal:...`).")],
        facts: Annotated[
            JSON | None,
            strawberry.argument(
                description="The fact document to write instead of the proposal's `facts` (an editor's edit)."
            ),
        ] = None,
        edits: Annotated[
            list[FactEdit] | None,
            strawberry.argument(
                description="Values for single fields of the facts (the proposal's, or `facts`), applied in order: "
                "fill each of its `gaps`, or change a value, without sending the whole document."
            ),
        ] = None,
    ) -> AcceptProposalResult:
        key = key_of(str(id), ("Proposal",))
        changes = [FieldEdit(edit.path, edit.value) for edit in edits or []]

        async def run(actor: Actor) -> Accepted | Rejected | None:
            if facts is not None and not isinstance(facts, dict):
                return _refused("`facts` must be a JSON object of sections (persons, events, ...)", "INVALID")
            if key is None:
                return None
            return await accept_proposal(info.context.engine, key, facts, actor.name, changes)

        accepted = await _write(
            info,
            Role.EDITOR,
            run,
            {**_proposal_refusals(str(id)), **_withdrawn("id"), **SEED_REFUSALS},
            lambda: _not_found(f"no proposal {str(id)!r}", "id", str(id)),
        )
        if isinstance(accepted, Rejected | Unauthorized):
            return accepted
        return ProposalAccepted(proposal=Proposal.of(accepted.proposal), ingested=Ingested.of(accepted.summary))

    @strawberry.mutation(
        description="Reject a proposal (editors): it is marked REJECTED, with the reason, and never proposed again. "
        "A proposal already decided is refused (CONFLICT)."
    )
    async def reject_proposal(
        self,
        info: Ctx,
        id: Annotated[strawberry.ID, strawberry.argument(description="The proposal's id (`Proposal:...`).")],
        reason: Annotated[str | None, strawberry.argument(description="Why (shown with it).")] = None,
    ) -> RejectProposalResult:
        key = key_of(str(id), ("Proposal",))

        async def run(actor: Actor) -> tables.Proposal | None:
            return None if key is None else await reject_proposal(info.context.engine, key, reason, actor.name)

        row = await _write(
            info,
            Role.EDITOR,
            run,
            _proposal_refusals(str(id)),
            lambda: _not_found(f"no proposal {str(id)!r}", "id", str(id)),
        )
        return row if isinstance(row, Rejected | Unauthorized) else ProposalRejected(proposal=Proposal.of(row))


def _withdrawn(argument: str) -> Refusals:
    """The refusal of a proposal write on a withdrawn source, at the mutation's `argument`."""

    def refused(error: WithdrawnSource) -> Rejected:
        withdrawn = SourceWithdrawn(
            message=str(error),
            entity=f"source {error.source_id!r}",
            field=argument,
            source_id=error.source_id,
            withdrawn_at=error.withdrawn_at,
        )
        return Rejected(errors=[withdrawn])

    return {WithdrawnSource: refused}


def _proposal_refusals(proposal: str) -> Refusals:
    def refused(error: ProposalRefused) -> Rejected:
        entity = f"proposal {proposal!r}"
        return Rejected(errors=[ValidationError(message=str(error), entity=entity, field=error.field, code=error.code)])

    return {ProposalRefused: refused}


def _term_refusals(vocabulary: str, code: str, broader: str | None) -> Refusals:
    """A term write's refusal: NotFound for a broader term the vocabulary lacks, else a ValidationError."""

    def refused(error: TermRefused) -> Rejected:
        entity = f"term {vocabulary}:{code}"
        if error.code == "NOT_FOUND":
            return Rejected(errors=[NotFound(message=str(error), entity=entity, field=error.field, id=broader or "")])
        return Rejected(errors=[ValidationError(message=str(error), entity=entity, field=error.field, code=error.code)])

    return {TermRefused: refused}


def _pair(left: strawberry.ID, right: strawberry.ID) -> Pair | Rejected:
    """The pair two global ids name, or the refusal saying why they are none."""
    found = judged_table(left, right)
    if isinstance(found, str):
        return _refused(found, "INVALID")
    try:
        return Pair.of(*found)
    except JudgementRefused as exc:
        return _refused(str(exc), exc.code)


def _refused(message: str, code: str) -> Rejected:
    return Rejected(errors=[ValidationError(message=message, entity=None, field=None, code=code)])
