"""Turns validated fact files into table rows, locating every quote and checking every reference.

Nothing here touches the database: the planner gets the ids and source texts already stored, and returns
the rows to write, or every problem it found.
"""

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from sqlalchemy.orm import Session
from sqlmodel import SQLModel, col, select

from db.actors import ALIAS_OWNERS
from db.base import RECORD, FactTable, content_id
from db.enums import CitationKind, DatePrecision
from db.tables import (
    FACT_TABLES,
    Alias,
    Casualty,
    CasualtyAffiliation,
    CasualtyCategoryLink,
    CasualtyComponent,
    CasualtyRank,
    Charge,
    Citation,
    Defendant,
    Demand,
    DemandTerm,
    Event,
    EventParticipant,
    FactCitation,
    Hearing,
    Judge,
    LegalProceeding,
    Membership,
    Organization,
    OrganizationRelationship,
    Person,
    PersonRelationship,
    Place,
    PleaEntry,
    Source,
)
from seeds.errors import ProblemCode, SeedProblem
from seeds.format import Cited, CitedDateSpec, CitedTimeSpec, Cites, CiteSpec, FactFile, SourceSpec
from seeds.quotes import locate, occurrences

AGENT = ("person", "organization")


@dataclass(frozen=True)
class Where:
    """The file and entity a row comes from, for error messages."""

    file: str
    entity: str


class Stored:
    """What the database already holds that fact files may refer to, looked up as the planner asks (one
    query per id, remembered): a write reads the rows it names, never the whole database."""

    def __init__(self, session: Session | None = None) -> None:
        self.session = session
        self._rows: dict[tuple[str, str], bool] = {}
        self._texts: dict[str, str | None] = {}

    def has(self, table: str, key: str) -> bool:
        """Whether a row of `table` (a fact table or `source`) has id `key`."""
        if self.session is None:
            return False
        if (table, key) not in self._rows:
            model: Any = Source if table == "source" else FACT_TABLES[table]
            found = self.session.scalar(select(model.id).where(model.id == key))
            self._rows[(table, key)] = found is not None
        return self._rows[(table, key)]

    def text(self, source_id: str) -> str | None:
        """The stored text of a source; None when there is no such source."""
        if self.session is None:
            return None
        if source_id not in self._texts:
            self._texts[source_id] = self.session.scalar(select(Source.text).where(col(Source.id) == source_id))
        return self._texts[source_id]


@dataclass
class Plan:
    """The rows to write, in an order the database accepts. A fact row given twice (by two files, or twice in one)
    is there twice, each as its document gave it: the writer merges each with what is stored by then."""

    rows: list[SQLModel]
    problems: list[SeedProblem]
    omitted: dict[int, frozenset[str]] = field(default_factory=dict)
    """The cited fields each planned fact row (by `id()` of the row) leaves out: they stay as stored."""
    owners: dict[str, SQLModel] = field(default_factory=dict)
    """The planned fact row each citation link (by id) was given with, whose value it supports."""


def _date(spec: CitedDateSpec | None) -> tuple[dt.date | None, DatePrecision | None]:
    return (spec.value, spec.precision) if spec else (None, None)


def _time_columns(spec: CitedTimeSpec | None) -> dict[str, Any]:
    """The columns of a time of day (`db.events.Event.time_of_day`: `HH:MM` text)."""
    if spec is None:
        return {"time_of_day": None, "time_zone": None, "time_precision": None}
    return {"time_of_day": f"{spec.value:%H:%M}", "time_zone": spec.zone, "time_precision": spec.precision}


T = TypeVar("T")
R = TypeVar("R", bound=SQLModel)


def _value(spec: Cited[T] | None) -> T | None:
    return spec.value if spec else None


def _required(value: T | None) -> T:
    """A value of a column no stored row lacks, None when the document omits its field: the planned row then
    extends the stored one (`seeds.merge`), and `Planner.result` refuses it when there is no stored one."""
    return cast(T, value)


class Planner:
    """Rows and problems for fact files; `files_allowed=False` (documents sent to the API) refuses sources
    that name a file, which would be read from the server's disk."""

    def __init__(self, stored: Stored, files_allowed: bool = True) -> None:
        self.files_allowed = files_allowed
        self.stored = stored
        self.declared: dict[str, set[str]] = {}
        """Ids the files being planned declare, by table."""
        self.texts: dict[str, str] = {}
        """Texts of the sources the files declare."""
        self.rows: dict[str, dict[str, SQLModel]] = {}
        """Evidence rows (sources, citations, links) by table and id."""
        self.facts: dict[str, list[SQLModel]] = {}
        """Fact rows by table, every one planned, in the order given (an id may occur more than once)."""
        self.omitted: dict[int, frozenset[str]] = {}
        self.owners: dict[str, SQLModel] = {}
        self.wheres: dict[int, Where] = {}
        self.problems: list[SeedProblem] = []
        self.default_source: str | None = None

    # -- collecting ids first, so references resolve whatever the order of entities and files ------------

    def declare(self, path: Path, facts: FactFile) -> None:
        for source in facts.sources:
            self._declare_source(path, source)
        for table, specs in (
            ("place", facts.places),
            ("person", facts.persons),
            ("organization", facts.organizations),
            ("event", facts.events),
            ("casualty", facts.casualties),
            ("legal_proceeding", facts.legal_proceedings),
            ("demand", facts.demands),
        ):
            self.declared.setdefault(table, set()).update(spec.id for spec in specs)
        persons, organizations = self.declared.get("person", set()), self.declared.get("organization", set())
        clash = {i for i in persons if i in organizations or self.stored.has("organization", i)}
        clash |= {i for i in organizations if self.stored.has("person", i)}
        for agent_id in sorted(clash):
            self._problem(Where(str(path), f"id {agent_id!r}"), "used for both a person and an organization")

    def _declare_source(self, path: Path, spec: SourceSpec) -> None:
        where = Where(str(path), f"source {spec.id!r}")
        if not spec.id:
            self._problem(where, "a source needs an `id` that cites can name", "id")
            return
        if spec.text is not None:
            text = spec.text
        elif not self.files_allowed:
            self._problem(where, "sources sent to the API carry their `text`; `file` is for fact files on disk", "file")
            return
        else:
            try:
                text = (path.parent / str(spec.file)).read_bytes().decode("utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                self._problem(where, f"cannot read source text {spec.file!r}: {exc}", "file")
                return
        known = self._text(spec.id)
        if known is not None and known != text:
            self._problem(where, "a source with this id already holds a different text", "file")
            return
        self.texts[spec.id] = text
        self.declared.setdefault("source", set()).add(spec.id)
        metadata = spec.model_dump(exclude={"file", "text"})
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        self._add(Source(**metadata, text=text, sha256=sha))

    # -- building rows ------------------------------------------------------------------------------------

    def plan(self, path: Path, facts: FactFile) -> None:
        self.file = str(path)
        self.default_source = facts.default_source
        if facts.default_source and self._text(facts.default_source) is None:
            self._problem(Where(self.file, "default_source"), f"unknown source {facts.default_source!r}")
        for place in facts.places:
            w = self._where("place", place.id)
            row = self._add(
                Place(
                    id=place.id,
                    name=_required(_value(place.name)),
                    kind=_value(place.kind),
                    within_id=self._ref(w, "within", ("place",), place.within),
                )
            )
            self._cite_fields(w, row, name=place.name, kind=place.kind, within=place.within)
            self._plan_aliases(w, "place", place.id, place.aliases)
        for person in facts.persons:
            w = self._where("person", person.id)
            person_row = self._add(Person(id=person.id, name=_required(_value(person.name))))
            self._cite_fields(w, person_row, name=person.name)
            self._plan_aliases(w, "person", person.id, person.aliases)
        for org in facts.organizations:
            w = self._where("organization", org.id)
            org_row = self._add(
                Organization(
                    id=org.id,
                    name=_required(_value(org.name)),
                    kind=_value(org.kind),
                    country_id=self._ref(w, "country", ("place",), org.country),
                    parent_id=self._ref(w, "parent", ("organization",), org.parent),
                )
            )
            self._cite_fields(w, org_row, name=org.name, kind=org.kind, country=org.country, parent=org.parent)
            self._plan_aliases(w, "organization", org.id, org.aliases)
        self._plan_relations(facts)
        self._plan_events(facts)
        self._plan_casualties(facts)
        self._plan_legal(facts)
        self._plan_demands(facts)

    def _plan_aliases(self, where: Where, table: str, owner: str, aliases: list[Cited[str]]) -> None:
        """One `alias` row per other name, cited as a whole; its id derives from the owner and the name."""
        for alias in aliases:
            alias_id = content_id("alias", table, owner, alias.value)
            row = self._add(Alias(id=alias_id, name=alias.value, **{ALIAS_OWNERS[table]: owner}))
            self._cite(Where(where.file, f"{where.entity} alias {alias.value!r}"), row, RECORD, alias.cite)

    def _plan_relations(self, facts: FactFile) -> None:
        for m in facts.memberships:
            w = self._where("membership", f"{m.person} in {m.organization}")
            start, start_precision = _date(m.start)
            end, end_precision = _date(m.end)
            row = self._add(
                Membership(
                    id=content_id("membership", m.person, m.organization, m.role),
                    person_id=self._require(w, "person", ("person",), m.person),
                    organization_id=self._require(w, "organization", ("organization",), m.organization),
                    role=m.role,
                    status=_value(m.status),
                    start_date=start,
                    start_precision=start_precision,
                    end_date=end,
                    end_precision=end_precision,
                )
            )
            self._cite(w, row, RECORD, m.cite)
            self._cite_fields(w, row, status=m.status, start=m.start, end=m.end)
        for r in facts.person_relationships:
            w = self._where("person_relationship", f"{r.person} {r.kind.value} {r.related_person}")
            relation = self._add(
                PersonRelationship(
                    id=content_id("person_relationship", r.person, r.related_person, r.kind.value),
                    person_id=self._require(w, "person", ("person",), r.person),
                    related_person_id=self._require(w, "related_person", ("person",), r.related_person),
                    kind=r.kind,
                )
            )
            self._cite(w, relation, RECORD, r.cite)
        for o in facts.organization_relationships:
            w = self._where("organization_relationship", f"{o.subject} {o.kind.value} {o.object}")
            org_relation = self._add(
                OrganizationRelationship(
                    id=content_id("organization_relationship", o.subject, o.object, o.kind.value),
                    subject_id=self._require(w, "subject", ("organization",), o.subject),
                    object_id=self._require(w, "object", ("organization",), o.object),
                    kind=o.kind,
                )
            )
            self._cite(w, org_relation, RECORD, o.cite)

    def _plan_events(self, facts: FactFile) -> None:
        for e in facts.events:
            w = self._where("event", e.id)
            row = self._add(
                Event(
                    id=e.id,
                    title=_required(_value(e.title)),
                    kind=_required(_value(e.kind)),
                    description=_value(e.description),
                    date_start=e.date.value if e.date else None,
                    date_end=e.date.end if e.date else None,
                    date_precision=e.date.precision if e.date else None,
                    date_open_ended=e.date.open_ended if e.date else False,
                    place_id=self._ref(w, "place", ("place",), e.place),
                    parent_id=self._ref(w, "parent", ("event",), e.parent),
                    **_time_columns(e.time),
                )
            )
            self._cite_fields(
                w, row, title=e.title, kind=e.kind, description=e.description, date=e.date,
                place=e.place, parent=e.parent, time=e.time,
            )  # fmt: skip
            for p in e.participants:
                pw = Where(w.file, f"{w.entity} participant {p.who!r}")
                agent = self._agent(pw, "who", p.who)
                participant = self._add(
                    EventParticipant(
                        id=content_id("event_participant", e.id, p.who, p.role),
                        event_id=e.id,
                        person_id=p.who if agent == "person" else None,
                        organization_id=p.who if agent == "organization" else None,
                        role=p.role,
                    )
                )
                self._cite(pw, participant, RECORD, p.cite)

    def _plan_casualties(self, facts: FactFile) -> None:
        for c in facts.casualties:
            w = self._where("casualty", c.id)
            reporter = self._agent(w, "reported_by", c.reported_by.value) if c.reported_by else None
            reported_on, reported_on_precision = _date(c.reported_on)
            row = self._add(
                Casualty(
                    id=c.id,
                    event_id=self._ref(w, "event", ("event",), c.event),
                    description=_required(_value(c.description)),
                    outcome=_required(_value(c.outcome)),
                    count_low=c.count.low if c.count else None,
                    count_high=c.count.high if c.count else None,
                    count_wording=_required(c.count.wording if c.count else None),
                    reported_by_person_id=_value(c.reported_by) if reporter == "person" else None,
                    reported_by_organization_id=_value(c.reported_by) if reporter == "organization" else None,
                    reported_on=reported_on,
                    reported_on_precision=reported_on_precision,
                    caused_by_organization_id=self._ref(w, "caused_by", ("organization",), c.caused_by),
                    age_min=c.age_range.min if c.age_range else None,
                    age_max=c.age_range.max if c.age_range else None,
                    ranks_complete=_value(c.ranks_complete),
                )
            )
            self._cite_fields(
                w, row, event=c.event, description=c.description, outcome=c.outcome, count=c.count,
                reportedBy=c.reported_by, reportedOn=c.reported_on, causedBy=c.caused_by,
                ageRange=c.age_range, ranksComplete=c.ranks_complete,
            )  # fmt: skip
            for a in c.affiliations:
                target = a.organization or a.country
                aw = Where(w.file, f"{w.entity} affiliation {target!r}")
                affiliation = self._add(
                    CasualtyAffiliation(
                        id=content_id("casualty_affiliation", c.id, a.organization, a.country),
                        casualty_id=c.id,
                        organization_id=self._check(aw, "organization", ("organization",), a.organization),
                        country_id=self._check(aw, "country", ("place",), a.country),
                    )
                )
                self._cite(aw, affiliation, RECORD, a.cite)
            for cat in c.categories:
                link = self._add(
                    CasualtyCategoryLink(
                        id=content_id("casualty_category", c.id, cat.category),
                        casualty_id=c.id,
                        category=cat.category,
                    )
                )
                self._cite(Where(w.file, f"{w.entity} category {cat.category}"), link, RECORD, cat.cite)
            for r in c.ranks:
                rank = self._add(
                    CasualtyRank(
                        id=content_id("casualty_rank", c.id, r.rank),
                        casualty_id=c.id,
                        rank=r.rank,
                        count=r.count,
                    )
                )
                self._cite(Where(w.file, f"{w.entity} rank {r.rank!r}"), rank, RECORD, r.cite)
            for part in c.parts:
                pw = Where(w.file, f"{w.entity} part {part.part!r}")
                component = self._add(
                    CasualtyComponent(
                        id=content_id("casualty_component", c.id, part.part),
                        total_id=c.id,
                        part_id=self._require(pw, "part", ("casualty",), part.part),
                    )
                )
                self._cite(pw, component, RECORD, part.cite)

    def _plan_legal(self, facts: FactFile) -> None:
        for lp in facts.legal_proceedings:
            w = self._where("legal_proceeding", lp.id)
            row = self._add(
                LegalProceeding(
                    id=lp.id,
                    title=_required(_value(lp.title)),
                    court_id=self._ref(w, "court", ("organization",), lp.court),
                    jurisdiction_id=self._ref(w, "jurisdiction", ("place",), lp.jurisdiction),
                    charges_complete=_value(lp.charges_complete),
                )
            )
            self._cite_fields(
                w, row, title=lp.title, court=lp.court, jurisdiction=lp.jurisdiction,
                chargesComplete=lp.charges_complete,
            )  # fmt: skip
            defendants: dict[str, str] = {}
            for d in lp.defendants:
                dw = Where(w.file, f"{w.entity} defendant {d.person!r}")
                custody_date, custody_precision = _date(d.custody_date)
                defendant = self._add(
                    Defendant(
                        id=content_id("defendant", lp.id, d.person),
                        proceeding_id=lp.id,
                        person_id=self._require(dw, "person", ("person",), d.person),
                        custody=_value(d.custody),
                        custody_date=custody_date,
                        custody_date_precision=custody_precision,
                    )
                )
                defendants[d.person] = defendant.id
                self._cite(dw, defendant, RECORD, d.cite)
                self._cite_fields(dw, defendant, custody=d.custody, custodyDate=d.custody_date)
            charges = {c.id: f"{lp.id}.{c.id}" for c in lp.charges}
            hearings = {h.id: f"{lp.id}.{h.id}" for h in lp.hearings}
            for c in lp.charges:
                cw = Where(w.file, f"{w.entity} charge {c.id!r}")
                charge = self._add(
                    Charge(
                        id=charges[c.id],
                        proceeding_id=lp.id,
                        offence=_required(_value(c.offence)),
                        defendant_id=self._local(cw, "defendant", defendants, c.defendant, lp.id),
                        counts=c.counts.value if c.counts else None,
                    )
                )
                self._cite_fields(cw, charge, offence=c.offence, defendant=c.defendant, counts=c.counts)
            for h in lp.hearings:
                hw = Where(w.file, f"{w.entity} hearing {h.id!r}")
                date, precision = _date(h.date)
                hearing = self._add(
                    Hearing(
                        id=hearings[h.id],
                        proceeding_id=lp.id,
                        kind=_required(_value(h.kind)),
                        date=date,
                        date_precision=precision,
                        place_id=self._ref(hw, "place", ("place",), h.place),
                        event_id=self._ref(hw, "event", ("event",), h.event),
                        status=_value(h.status),
                        **_time_columns(h.time),
                    )
                )
                self._cite_fields(
                    hw, hearing, kind=h.kind, date=h.date, place=h.place, event=h.event, status=h.status, time=h.time
                )
            for p in lp.pleas:
                pw = Where(w.file, f"{w.entity} plea of {p.defendant!r}")
                if p.defendant not in defendants and self._stored_local("defendant", p.defendant, lp.id) is None:
                    self._problem(pw, f"{p.defendant!r} is not a defendant of this proceeding", "defendant")
                    continue
                defendants.setdefault(p.defendant, content_id("defendant", lp.id, p.defendant))
                date, precision = _date(p.date)
                plea = self._add(
                    PleaEntry(
                        id=content_id(
                            "plea", defendants[p.defendant], p.charge.value if p.charge else None, p.plea.value.value
                        ),
                        defendant_id=defendants[p.defendant],
                        charge_id=self._local(pw, "charge", charges, p.charge, lp.id),
                        hearing_id=self._local(pw, "hearing", hearings, p.hearing, lp.id),
                        plea=p.plea.value,
                        date=date,
                        date_precision=precision,
                    )
                )
                self._cite_fields(pw, plea, plea=p.plea, date=p.date, charge=p.charge, hearing=p.hearing)
            for j in lp.judges:
                jw = Where(w.file, f"{w.entity} judge {j.person!r}")
                hearing_id = None
                if j.hearing is not None:
                    hearing_id = hearings.get(j.hearing) or self._stored_local("hearing", j.hearing, lp.id)
                    if hearing_id is None:
                        self._problem(jw, f"no hearing {j.hearing!r} in this proceeding", "hearing")
                judge = self._add(
                    Judge(
                        id=content_id("judge", lp.id, j.hearing, j.person, j.role),
                        proceeding_id=lp.id,
                        hearing_id=hearing_id,
                        person_id=self._require(jw, "person", ("person",), j.person),
                        role=j.role,
                    )
                )
                self._cite(jw, judge, RECORD, j.cite)

    def _plan_demands(self, facts: FactFile) -> None:
        for d in facts.demands:
            w = self._where("demand", d.id)
            maker = self._agent(w, "made_by", d.made_by.value) if d.made_by else None
            row = self._add(
                Demand(
                    id=d.id,
                    summary=_required(_value(d.summary)),
                    made_by_person_id=_value(d.made_by) if maker == "person" else None,
                    made_by_organization_id=_value(d.made_by) if maker == "organization" else None,
                    addressed_to_person_id=self._ref(w, "addressed_to", ("person",), d.addressed_to),
                    terms_complete=_value(d.terms_complete),
                )
            )
            self._cite_fields(
                w, row, summary=d.summary, madeBy=d.made_by, addressedTo=d.addressed_to,
                termsComplete=d.terms_complete,
            )  # fmt: skip
            for t in d.terms:
                term = self._add(DemandTerm(id=content_id("demand_term", d.id, t.term), demand_id=d.id, term=t.term))
                self._cite(Where(w.file, f"{w.entity} term {t.term!r}"), term, RECORD, t.cite)

    # -- references -------------------------------------------------------------------------------------

    def _check(self, where: Where, field: str, tables: Iterable[str], ref: str | None) -> str | None:
        """Returns `ref` if it names a row of one of `tables` (or is None); records a problem otherwise."""
        return None if ref is None else self._require(where, field, tables, ref)

    def _require(self, where: Where, field: str, tables: Iterable[str], ref: str) -> str:
        """Returns `ref`, recording a problem (so nothing will be written) unless it names a known row."""
        if not any(self._known(t, ref) for t in tables):
            self._problem(
                where, f"unknown {' or '.join(tables)} {ref!r}", field, code=ProblemCode.NOT_FOUND, reference=ref
            )
        return ref

    def _ref(self, where: Where, field: str, tables: tuple[str, ...], spec: Cited[str] | None) -> str | None:
        return self._check(where, field, tables, _value(spec))

    def _agent(self, where: Where, field: str, ref: str) -> str | None:
        """Which table a speaker or actor id belongs to: "person" or "organization"."""
        for table in AGENT:
            if self._known(table, ref):
                return table
        self._problem(
            where, f"unknown person or organization {ref!r}", field, code=ProblemCode.NOT_FOUND, reference=ref
        )
        return None

    def _local(
        self, where: Where, field: str, ids: dict[str, str], spec: Cited[str] | None, proceeding: str
    ) -> str | None:
        """Resolves a reference to a defendant, charge or hearing of the same proceeding: given in the same
        document (`ids`), or stored with it by an earlier one."""
        if spec is None:
            return None
        found = ids.get(spec.value) or self._stored_local(field, spec.value, proceeding)
        if found is None:
            self._problem(where, f"no {field} {spec.value!r} in this proceeding", field)
        return found

    def _stored_local(self, table: str, local_id: str, proceeding: str) -> str | None:
        """The stored row of `table` (defendant, charge or hearing) a proceeding's document calls `local_id`."""
        row_id = content_id("defendant", proceeding, local_id) if table == "defendant" else f"{proceeding}.{local_id}"
        return row_id if self.stored.has(table, row_id) else None

    # -- citations --------------------------------------------------------------------------------------

    def _cite_fields(self, where: Where, row: FactTable, **fields: object) -> None:
        """Cite each field given (every cited field of the row's table is named, None when the document omits
        it) and remember which are omitted: a stored row keeps them as they are."""
        named = set(type(row).__fact_fields__) - {RECORD}
        assert set(fields) == named, f"{row.__tablename__}: cite fields {sorted(named)}, not {sorted(fields)}"
        self.omitted[id(row)] = frozenset(name for name, spec in fields.items() if spec is None)
        self.wheres[id(row)] = where
        for name, spec in fields.items():
            if spec is not None:
                self._cite(where, row, name, getattr(spec, "cite"))  # noqa: B009

    def _cite(self, where: Where, row: FactTable, field: str, cites: Cites) -> None:
        table = str(row.__tablename__)
        assert field in type(row).__fact_fields__, f"{table} has no cited field {field}"
        row_id = str(getattr(row, "id"))  # noqa: B009
        for spec in cites:
            citation = self._citation(where, field, spec)
            if citation is not None:
                link = self._add(
                    FactCitation(
                        id=content_id(table, row_id, field, citation.id),
                        entity_type=table,
                        entity_id=row_id,
                        field=field,
                        citation_id=citation.id,
                    )
                )
                self.owners.setdefault(link.id, row)

    def _citation(self, where: Where, field: str, spec: CiteSpec) -> Citation | None:
        source_id = spec.source or self.default_source
        text = None if source_id is None else self._text(source_id)
        if source_id is None or text is None:
            reference = None if source_id is None else source_id
            code = ProblemCode.NOT_FOUND if source_id is not None else ProblemCode.INVALID
            self._problem(
                where, f"unknown source {source_id!r} for quote", field, spec.quote, code, reference=reference
            )
            return None
        located = locate(text, spec.quote, spec.occurrence)
        if isinstance(located, str):
            count = len(occurrences(text, spec.quote))
            code = ProblemCode.QUOTE_NOT_FOUND if count == 0 else ProblemCode.AMBIGUOUS_QUOTE
            if count and spec.occurrence is not None:
                code = ProblemCode.INVALID
            self._problem(
                where, f"{located} {source_id!r}", field, spec.quote, code, source_id=source_id, occurrences=count
            )
            return None
        by = self._agent(where, f"{field} citation by", spec.by) if spec.by else None
        via = self._agent(where, f"{field} citation via", spec.via) if spec.via else None
        kind = CitationKind.INFERRED if spec.inferred else CitationKind.QUOTED
        start, end = located
        citation = Citation(
            id=content_id("citation", source_id, start, end, kind.value, spec.inferred, spec.by, spec.via),
            source_id=source_id,
            quote=text[start:end],
            start_offset=start,
            end_offset=end,
            kind=kind,
            note=spec.inferred,
            attributed_person_id=spec.by if by == "person" else None,
            attributed_organization_id=spec.by if by == "organization" else None,
            via_person_id=spec.via if via == "person" else None,
            via_organization_id=spec.via if via == "organization" else None,
        )
        return self._add(citation)

    # -- bookkeeping ------------------------------------------------------------------------------------

    def _known(self, table: str, key: str) -> bool:
        return key in self.declared.get(table, ()) or self.stored.has(table, key)

    def _text(self, source_id: str) -> str | None:
        return self.texts.get(source_id) or self.stored.text(source_id)

    def _where(self, table: str, entity_id: str) -> Where:
        return Where(self.file, f"{table} {entity_id!r}")

    def _add(self, row: R) -> R:
        table = str(row.__tablename__)
        if table in FACT_TABLES:
            self.facts.setdefault(table, []).append(row)
        else:
            self.rows.setdefault(table, {})[str(getattr(row, "id"))] = row  # noqa: B009
        return row

    def _problem(
        self,
        where: Where,
        message: str,
        field: str | None = None,
        quote: str | None = None,
        code: ProblemCode = ProblemCode.INVALID,
        *,
        source_id: str | None = None,
        occurrences: int | None = None,
        reference: str | None = None,
    ) -> None:
        self.problems.append(
            SeedProblem(where.file, message, where.entity, field, quote, code, source_id, occurrences, reference)
        )

    def result(self) -> Plan:
        """Rows in an order the database accepts: referenced tables first, parents before children."""
        self._check_new_objects()
        ordered: list[SQLModel] = []
        for table in SQLModel.metadata.sorted_tables:
            rows = list(self.rows.get(table.name, {}).values()) + self.facts.get(table.name, [])
            ordered.extend(_parents_first(rows))
        return Plan(rows=ordered, problems=self.problems, omitted=self.omitted, owners=self.owners)

    def _check_new_objects(self) -> None:
        """Refuse an object not stored yet that lacks a field every stored one has (a casualty's `count`):
        a document may leave such a field out only to extend a stored object."""
        for table, rows in self.facts.items():
            model = FACT_TABLES[table]
            required = [name for name, columns in model.__fact_fields__.items() if _not_null(model, columns)]
            given: dict[str, set[str]] = {}
            for row in rows:
                named = set(model.__fact_fields__) - self.omitted.get(id(row), frozenset())
                given.setdefault(str(getattr(row, "id")), set()).update(named)  # noqa: B009
            for row_id, fields in given.items():
                missing = [name for name in required if name not in fields]
                if missing and not self.stored.has(table, row_id):
                    first = next(r for r in rows if str(getattr(r, "id")) == row_id)  # noqa: B009
                    where = self.wheres.get(id(first), Where(self.file, f"{table} {row_id!r}"))
                    for name in missing:
                        message = f"a new {table.replace('_', ' ')} needs `{name}` (only a stored one may omit it)"
                        self._problem(where, message, name)


SELF_REFERENCES = ("within_id", "parent_id")


def _not_null(model: type[FactTable], columns: tuple[str, ...]) -> bool:
    table: Any = getattr(model, "__table__")  # noqa: B009
    return any(not table.c[column].nullable for column in columns)


def _parents_first(rows: list[SQLModel]) -> list[SQLModel]:
    """`rows` with every row after the rows it is within (a place in a place), as any of its plans names them."""
    parents: dict[str, str] = {}
    for row in rows:
        parent = next((getattr(row, a) for a in SELF_REFERENCES if getattr(row, a, None)), None)
        if parent is not None:
            parents.setdefault(str(getattr(row, "id")), parent)  # noqa: B009

    planned = {str(getattr(row, "id")) for row in rows}  # noqa: B009

    def depth(row: SQLModel) -> int:
        seen: set[str] = set()
        level = 0
        parent = parents.get(str(getattr(row, "id")))  # noqa: B009
        while parent in planned and parent not in seen:
            seen.add(parent)
            level += 1
            parent = parents.get(parent)
        return level

    return sorted(rows, key=depth)
