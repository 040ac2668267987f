"""The desk's proposals: running the proposer on a stored source and storing what it finds, listing them (now or as
they stood at a past moment), and an editor's decision on one. Accepting ingests the proposal's facts in the
transaction that marks it accepted. A withdrawn source's proposals are left as they are: they are no longer listed as
PROPOSED, and neither proposing on the source nor accepting one of them is allowed (`WithdrawnSource`)."""

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, literal, or_
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import Session
from sqlmodel import col, select

from db.access import now
from db.base import content_id
from db.change_feed import announce_changes
from db.enums import ChangeKind, ProposalKind, ProposalStatus
from db.tables import (
    Alias,
    Casualty,
    Change,
    Citation,
    Event,
    FactCitation,
    LegalProceeding,
    Organization,
    Person,
    Place,
    Proposal,
    Redirect,
    Source,
)
from db.writes import write_session
from proposals import EntityMention, EntityType, EventProposal, KnownEntity, KnownRecord, propose
from proposals import Proposal as Found
from proposals.document import Context, as_facts, as_item, edited, missing, summary
from resolvers.pagination import Ordering, SortKey
from resolvers.reads import Reads
from seeds.loader import ingest_in
from seeds.writer import WriteSummary

KINDS = {
    "persons": ProposalKind.ENTITY,
    "organizations": ProposalKind.ENTITY,
    "places": ProposalKind.ENTITY,
    "events": ProposalKind.EVENT,
    "counts": ProposalKind.COUNT,
    "dates": ProposalKind.DATE,
    "attributions": ProposalKind.ATTRIBUTION,
    "charges": ProposalKind.CHARGE,
    "pleas": ProposalKind.PLEA,
}
"""The stored kind of each group of `proposals.document.as_item`."""
ENTITY_TABLES = ((Person, EntityType.PERSON), (Organization, EntityType.ORGANIZATION), (Place, EntityType.PLACE))
OWNERS = {EntityType.PERSON: "person_id", EntityType.ORGANIZATION: "organization_id", EntityType.PLACE: "place_id"}

PROPOSAL_ORDERING = Ordering(
    (
        SortKey(col(Proposal.start_offset), lambda row: row.start_offset, "int"),
        SortKey(col(Proposal.id), lambda row: row.id, "str"),
    )
)
"""Text order: a reviewer reads proposals as the source runs."""


class ProposalRefused(ValueError):
    """A decision that cannot be made: `code` is CONFLICT (already decided) or INVALID (facts missing)."""

    def __init__(self, message: str, code: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code, self.field = code, field


class WithdrawnSource(Exception):
    """A proposal write on a source that was withdrawn (`retractSource`): nothing is written."""

    def __init__(self, source: Source) -> None:
        self.source_id = source.id
        self.withdrawn_at = source.withdrawn_at or now()
        withdrawal = f"by {source.withdrawn_by} at {self.withdrawn_at:%Y-%m-%d %H:%M}: {source.withdrawn_reason}"
        super().__init__(f"source {source.id!r} was withdrawn {withdrawal}; its text can no longer yield facts")


def _standing(source: Source | None) -> Source | None:
    """`source`, unless it was withdrawn (WithdrawnSource)."""
    if source is not None and source.withdrawn_at is not None:
        raise WithdrawnSource(source)
    return source


@dataclass(frozen=True)
class Proposed:
    proposals: list[Proposal]
    created: int


@dataclass(frozen=True)
class Accepted:
    proposal: Proposal
    summary: WriteSummary


def utc(moment: dt.datetime) -> dt.datetime:
    """`moment` in UTC; a naive one (as SQLite gives stored times back, and as `asOf` may be given) is UTC."""
    return moment.astimezone(dt.UTC) if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def proposals_query(source_id: str, status: ProposalStatus, moment: dt.datetime | None = None) -> Select[Any]:
    """The source's proposals with `status`, at `moment` (now when None): one proposed after it does not exist, one
    decided after it was PROPOSED. PROPOSED ones are listed only while their source stands (is not withdrawn); a
    read at a moment sees `source` as it stood then (`db.asof`)."""
    query = select(Proposal).where(col(Proposal.source_id) == source_id)
    if moment is not None:
        at = utc(moment)
        query = query.where(col(Proposal.proposed_at) <= at)
        undecided = or_(col(Proposal.decided_at).is_(None), col(Proposal.decided_at) > at)
    else:
        undecided = col(Proposal.status) == ProposalStatus.PROPOSED
    if status != ProposalStatus.PROPOSED:
        return query.where(col(Proposal.status) == status, ~undecided)
    standing = select(Source.id).where(col(Source.id) == source_id, col(Source.withdrawn_at).is_(None))
    return query.where(undecided, col(Proposal.source_id).in_(standing))


def as_it_stood(row: Proposal, moment: dt.datetime | None) -> Proposal | None:
    """The proposal as it stood at `moment` (None: now): None before it was proposed, else `undecided_then`."""
    if moment is not None and utc(row.proposed_at) > utc(moment):
        return None
    return undecided_then(row, moment)


def undecided_then(row: Proposal, moment: dt.datetime | None) -> Proposal:
    """The proposal PROPOSED (undecided) if it was decided after `moment` (None: now). Its `facts` and `summary` are
    the stored ones (an editor's edit at accepting included: the former ones are not kept)."""
    if moment is None or row.decided_at is None or utc(row.decided_at) <= utc(moment):
        return row
    undecided = {"status": ProposalStatus.PROPOSED, "decided_at": None, "decided_by": None, "reason": None}
    return Proposal.model_validate({**row.model_dump(), **undecided})


async def proposal_by_id(reads: Reads, key: str) -> Proposal | None:
    """One proposal, as it stood at the request's moment, read with the request's reads (not a row loader: their
    compiled statements cannot read a float column on asyncpg)."""
    async with reads.connection() as connection:
        found = (await connection.execute(select(Proposal).where(col(Proposal.id) == key))).first()
    return None if found is None else as_it_stood(Proposal.model_validate(dict(found._mapping)), reads.moment)


def gazetteer(session: Session) -> tuple[list[KnownEntity], dict[str, str]]:
    """The stored persons, organizations and places as the proposer's known entities, and each one's name by id.
    A record merged into another (an open SAME) lends its names to the canonical one."""
    open_redirects = select(col(Redirect.merged_id), col(Redirect.canonical_id)).where(
        col(Redirect.closed_at).is_(None)
    )
    merged = {key: canonical for key, canonical in session.execute(open_redirects)}
    known: dict[str, KnownEntity] = {}
    names: dict[str, str] = {}
    for table, kind in ENTITY_TABLES:
        owner = getattr(Alias, OWNERS[kind])
        aliases: dict[str, list[str]] = {}
        for key, alias in session.execute(select(owner, col(Alias.name)).where(owner.is_not(None))):
            aliases.setdefault(key, []).append(alias)
        for key, name in session.execute(select(table.id, table.name)):
            names[key] = name
            canonical = merged.get(key, key)
            before = known.get(canonical, KnownEntity(canonical, kind, ())).names
            known[canonical] = KnownEntity(canonical, kind, (*before, name, *aliases.get(key, ())))
    return list(known.values()), names


def cited_records(
    session: Session, source_id: str, table: type[Event] | type[Casualty] | type[LegalProceeding]
) -> list[KnownRecord]:
    """The stored events, casualties or proceedings with a field cited in `source_id`: their kind (an outcome;
    none) and cited spans; for a casualty only its count's citations, where a proposed count would stand."""
    kind = col(Event.kind) if table is Event else col(Casualty.outcome) if table is Casualty else literal("")
    query = (
        select(table.id, kind, col(Citation.start_offset), col(Citation.end_offset))
        .join(
            FactCitation,
            (col(FactCitation.entity_id) == table.id) & (col(FactCitation.entity_type) == table.__tablename__),
        )
        .join(Citation, col(Citation.id) == col(FactCitation.citation_id))
        .where(col(Citation.source_id) == source_id)
    )
    if table is Casualty:
        query = query.where(col(FactCitation.field) == "count")
    spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for key, value, start, end in session.execute(query):
        spans.setdefault((key, str(value)), []).append((start, end))
    return [KnownRecord(key, value, tuple(found)) for (key, value), found in spans.items()]


def fingerprint(source_id: str, found: Found) -> str:
    """The id of a proposal: its source, kind (an entity's type), span and value as worded; an entity's link is
    left out, so that a mention accepted as a new entity is not proposed again once it is stored."""
    group, item = as_item(found)
    value = {k: v for k, v in item.items() if k not in ("start", "end", "confidence", "id")}
    worded = json.dumps(value, sort_keys=True, default=str)
    return content_id("proposal", source_id, group, found.start, found.end, worded)


def _propose(session: Session, source_id: str, actor: str, today: dt.date | None) -> Proposed | None:
    source = _standing(session.get(Source, source_id))
    if source is None:
        return None
    known, names = gazetteer(session)
    at, created, listed = now(), 0, dict[str, Proposal]()
    found_all = propose(source.text, source.published_on, known, today)
    events = [found for found in found_all if isinstance(found, EventProposal)]
    event_ids = frozenset(session.execute(select(col(Event.id))).scalars())
    context = Context(
        source.text,
        source.id,
        names,
        event_ids,
        events,
        cited_records(session, source_id, Event),
        cited_records(session, source_id, Casualty),
        [found for found in found_all if isinstance(found, EntityMention)],
        cited_records(session, source_id, LegalProceeding),
        frozenset(session.execute(select(col(LegalProceeding.id))).scalars()),
    )
    for found in found_all:
        key = fingerprint(source.id, found)
        facts = as_facts(found, context)
        row = session.get(Proposal, key)
        if row is None:
            row = Proposal(
                id=key,
                source_id=source.id,
                kind=KINDS[as_item(found)[0]],
                status=ProposalStatus.PROPOSED,
                confidence=found.confidence,
                start_offset=found.start,
                end_offset=found.end,
                quote=found.text,
                summary=summary(found),
                facts=facts,
                proposed_at=at,
                proposed_by=actor,
            )
            session.add(row)
            created += 1
        elif row.status == ProposalStatus.PROPOSED:
            row.facts, row.summary, row.confidence = facts, summary(found), found.confidence
        if row.status == ProposalStatus.PROPOSED:
            listed[key] = row
    session.flush()
    return Proposed(list(listed.values()), created)


async def propose_source(
    engine: AsyncEngine, source_id: str, actor: str, today: dt.date | None = None
) -> Proposed | None:
    """Run the proposer on a stored source and store what is new: every proposal still PROPOSED that it found,
    and how many it stored anew (None: no such source). Rejected and accepted ones are not proposed again. Raises
    WithdrawnSource for a withdrawn source."""
    async with write_session(engine) as session:
        return await session.run_sync(_propose, source_id, actor, today)


def _open(session: Session, key: str) -> Proposal | None:
    row = session.get(Proposal, key)
    if row is not None and row.status != ProposalStatus.PROPOSED:
        decided = f"{row.status.value.lower()} by {row.decided_by} at {row.decided_at:%Y-%m-%d %H:%M}"
        raise ProposalRefused(f"proposal {key!r} was already decided: {decided}", "CONFLICT", "id")
    return row


def _decide(session: Session, row: Proposal, status: ProposalStatus, actor: str, reason: str | None) -> None:
    row.status, row.decided_at, row.decided_by, row.reason = status, now(), actor, reason
    session.add(row)
    session.add(
        Change(at=row.decided_at, actor=actor, kind=ChangeKind.DECIDED, entity_type="proposal", entity_id=row.id)
    )
    session.flush()
    announce_changes(session)


def gaps(row: Proposal) -> list[str]:
    """Where the proposal's facts hold a null an editor must fill before accepting (`casualties[0].id`)."""
    return missing(row.facts)


@dataclass(frozen=True)
class FieldEdit:
    """An editor's value for one field of a proposal's facts, at a path such as `casualties[0].id`."""

    path: str
    value: object


def _edited(row: Proposal, facts: Mapping[str, Any] | None, edits: Sequence[FieldEdit]) -> dict[str, Any]:
    """The facts accepting `row` writes: the editor's `facts` or the proposal's, with each of `edits` applied."""
    result = dict(facts if facts is not None else row.facts)
    for edit in edits:
        try:
            result = edited(result, edit.path, edit.value)
        except ValueError as error:
            raise ProposalRefused(f"edit {error}", "INVALID", "edits") from error
    if gaps := missing(result):
        raise ProposalRefused(
            f"this {row.kind.value} proposal's facts lack what the text does not give: {', '.join(gaps)}; accept "
            "it with `edits` filling them (a stored object's id) or `facts` naming them",
            "INVALID",
            "edits" if edits else "facts",
        )
    return result


def _accept(
    session: Session, key: str, facts: Mapping[str, Any] | None, edits: Sequence[FieldEdit], actor: str
) -> Accepted | None:
    row = _open(session, key)
    if row is None:
        return None
    _standing(session.get(Source, row.source_id))
    written_facts = _edited(row, facts, edits)
    written = ingest_in(session, written_facts, actor)
    if written_facts != row.facts:
        row.facts = written_facts
    _decide(session, row, ProposalStatus.ACCEPTED, actor, None)
    return Accepted(row, written)


async def accept_proposal(
    engine: AsyncEngine, key: str, facts: Mapping[str, Any] | None, actor: str, edits: Sequence[FieldEdit] = ()
) -> Accepted | None:
    """Ingest the proposal's facts (or the editor's `facts` in their place), each of `edits` applied, then stored as
    its facts, and mark it ACCEPTED, in one transaction (None: no such proposal). Raises ProposalRefused,
    WithdrawnSource when its source was withdrawn, or SeedLoadError for a refused ingest; any way nothing is
    written and the proposal stays PROPOSED."""
    async with write_session(engine) as session:
        return await session.run_sync(_accept, key, facts, edits, actor)


def _reject(session: Session, key: str, reason: str | None, actor: str) -> Proposal | None:
    row = _open(session, key)
    if row is not None:
        _decide(session, row, ProposalStatus.REJECTED, actor, reason)
    return row


async def reject_proposal(engine: AsyncEngine, key: str, reason: str | None, actor: str) -> Proposal | None:
    """Mark the proposal REJECTED (None: no such proposal); it is never proposed again. Raises ProposalRefused."""
    async with write_session(engine) as session:
        return await session.run_sync(_reject, key, reason, actor)
