"""`db.dump`: a JSON Lines dump of the whole database that imports, all or nothing, into an empty database on
either backend and answers every query as the original did."""

import asyncio
import datetime as dt
import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import SQLModel

from citegraph.settings import Settings
from db.access import create_token
from db.dump import FORMAT, DumpError, dumped_tables, export_database, import_database
from db.engine import create_schema, make_engine, session_factory
from db.enums import ChangeKind, Role, Vocabulary
from db.tables import Change, Person, Place, Proposal, Term
from db.terms import add_term, base_terms
from resolvers.proposals import propose_source, reject_proposal
from seeds.loader import load_fact_files
from tests.api.schema_walk import INTROSPECTION, SchemaWalk
from tests.api.test_judgements import judge
from tests.api.test_remand_hearing import ingest as ingest_report
from tests.api.test_retractions import retract
from tests.api.test_writes import CORRECT, NAME, RANK, RIVAL, WHY, envoy_document, ingest
from tests.conftest import GraphQLClient, Tokens, serve

OTHER = {"sqlite": "postgresql", "postgresql": "sqlite"}
JUDGED = ("Person:delcy-rodriguez", "Person:padrino-lopez")
"""Two seed persons judged one, then two (a merge and a split to carry over)."""

THIRD = """
sources:
  - {id: wire-3, kind: WIRE_REPORT, title: Arrival, text: "Witnesses saw the chief envoy land."}
persons:
  - id: envoy
    name: {value: The chief envoy, cite: {quote: the chief envoy, source: wire-3}}
    aliases: [{value: chief envoy, cite: {quote: chief envoy, source: wire-3}}]
"""
ENVOY = """query ($at: DateTime) { node(id: "Person:envoy", asOf: $at) { ... on Person {
  name { value disputed unsupported citations { quote source { id withdrawal { by reason at } } }
         alternatives { id value rank recordedBy recordedAt citations { quote source { id } } } }
  history { field value recordedBy closedBy reason recordedAt closedAt citations { quote source { id } } } } } }"""
FEED = """query ($at: DateTime, $after: String) { changes(first: 100, after: $after, asOf: $at) {
  edges { cursor node { seq at actor kind entityType entityId } } pageInfo { hasNextPage endCursor } } }"""
SOURCES = """query ($at: DateTime) { sources(first: 100, asOf: $at) { totalCount edges { node {
  id kind title publisher author url language publishedOn retrievedOn text sha256 withdrawal { by reason at } } } } }"""
SEARCH = """query ($text: String!) { search(text: $text, first: 50) {
  values { field snippet node { id } } quotes { snippet citation { id } } sources { snippet source { id } } } }"""


async def make_history(gql: GraphQLClient, tokens: Tokens) -> str:
    """Writes that leave history (a dispute, a rank swap, a merge, a correction with an alias, a deprecation, a
    retraction, a split) beside a court case (judges, custody, times of day, a disputed hearing date); the moment
    between the first writes and the rest."""
    for report in ("gazette.yaml", "remand-hearing.yaml", "remand-wire.yaml"):
        await ingest_report(gql, report, tokens.editor)
    assert (await ingest(gql, envoy_document(), tokens.editor))["__typename"] == "Ingested"
    assert (await ingest(gql, RIVAL, tokens.editor))["disputed"] == 1
    [rival] = (await gql.data(NAME))["node"]["name"]["alternatives"]
    assert (await gql.data(RANK, {"id": rival["id"], "rank": "PREFERRED"}, tokens.editor))["rankValue"][
        "__typename"
    ] == "ValueRanked"
    assert (await judge(gql, tokens.editor, *JUDGED, "SAME", "One record"))["__typename"] == "Judged"
    between = dt.datetime.now(dt.UTC).isoformat()
    corrected = await gql.data(CORRECT, {"document": THIRD, "reason": WHY}, tokens.admin)
    assert corrected["correct"]["__typename"] == "Corrected"
    [former] = (await gql.data(NAME))["node"]["name"]["alternatives"]
    assert (await gql.data(RANK, {"id": former["id"], "rank": "DEPRECATED"}, tokens.editor))["rankValue"][
        "__typename"
    ] == "ValueRanked"
    assert (await retract(gql, tokens.admin))["__typename"] == "SourceRetracted"
    assert (await judge(gql, tokens.editor, *JUDGED, "NOT_SAME", "Two after all"))["__typename"] == "Judged"
    return between


async def answers(gql: GraphQLClient, between: str) -> dict[str, Any]:
    """What the API answers now and at `between`: every entity with every field, the envoy with its
    history, the sources, the whole change feed, and the hits of searches (as sets: hits of equal rank come
    in the order of the index, which is derived and rebuilt by an import)."""
    walk = SchemaWalk((await gql.data(INTROSPECTION))["__schema"])
    found: dict[str, Any] = {}
    for label, at in (("now", None), ("then", between)):
        found[f"everything {label}"] = await gql.data(walk.everything_query(as_of=at))
        found[f"envoy {label}"] = await gql.data(ENVOY, {"at": at})
        found[f"sources {label}"] = await gql.data(SOURCES, {"at": at})
        found[f"feed {label}"] = await feed(gql, at)
    for text in ("envoy", "Rodriguez", "helicopter"):
        results = (await gql.data(SEARCH, {"text": text}))["search"]
        found[f"search {text}"] = {kind: sorted(hits, key=json.dumps) for kind, hits in results.items()}
    return found


async def feed(gql: GraphQLClient, at: str | None) -> list[Any]:
    edges: list[Any] = []
    after = None
    while True:
        page = (await gql.data(FEED, {"at": at, "after": after}))["changes"]
        edges += page["edges"]
        if not page["pageInfo"]["hasNextPage"]:
            return edges
        after = page["pageInfo"]["endCursor"]


async def export_text(url: str) -> str:
    engine = make_engine(url)
    try:
        out = io.StringIO()
        await export_database(engine, out)
        return out.getvalue()
    finally:
        await engine.dispose()


async def import_text(url: str, dump: str) -> dict[str, int]:
    engine = make_engine(url)
    try:
        return await import_database(engine, io.StringIO(dump))
    finally:
        await engine.dispose()


async def answers_of(url: str, between: str) -> dict[str, Any]:
    async with serve(Settings(database_url=url, seed_on_start=False)) as client:
        return await answers(GraphQLClient(client), between)


def without_search(found: dict[str, Any]) -> dict[str, Any]:
    """The answers both backends give alike: search ranks and highlights matches each its own way."""
    return {label: answer for label, answer in found.items() if not label.startswith("search")}


def rows(dump: str) -> list[str]:
    """The dump's lines after its header."""
    return dump.splitlines()[1:]


async def test_a_round_trip_through_the_other_backend_answers_every_query_as_before(
    gql: GraphQLClient, tokens: Tokens, database_url: str, backend: str, empty_database: Callable[[str], str]
) -> None:
    between = await make_history(gql, tokens)
    before = await answers(gql, between)
    first = await export_text(database_url)
    assert {"alias", "judgement", "redirect", "judge"} <= {json.loads(line)["table"] for line in rows(first)}
    other, back = empty_database(OTHER[backend]), empty_database(backend)
    await import_text(other, first)
    assert without_search(await answers_of(other, between)) == without_search(before)
    await import_text(back, await export_text(other))
    assert await answers_of(back, between) == before
    assert rows(await export_text(back)) == rows(first)


@pytest.fixture(scope="module")
def seed_dump(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A dump of the seed corpus (made once, on SQLite)."""

    async def dump() -> str:
        url = f"sqlite:///{tmp_path_factory.mktemp('seed') / 'seed.db'}"
        engine = make_engine(url)
        await create_schema(engine)
        await load_fact_files(engine)
        await engine.dispose()
        return await export_text(url)

    return asyncio.run(dump())


async def counts(engine: AsyncEngine) -> dict[str, int]:
    async with engine.connect() as conn:
        return {
            table.name: int((await conn.execute(select(func.count()).select_from(table))).scalar_one())
            for table in dumped_tables()
        }


async def nothing_written(engine: AsyncEngine) -> bool:
    """Whether the database holds only what its schema starts with: no rows but the base vocabulary's terms."""
    found = await counts(engine)
    return found.pop("term") == len(base_terms()) and set(found.values()) == {0}


async def test_the_header_names_the_format_and_counts_the_rows_of_each_table(seed_dump: str) -> None:
    header = json.loads(seed_dump.splitlines()[0])
    assert header["format"] == FORMAT and header["version"] == 1
    assert header["tables"] == [table.name for table in dumped_tables()]
    lines = [json.loads(line)["table"] for line in rows(seed_dump)]
    assert header["counts"] == {name: lines.count(name) for name in header["tables"]}
    assert header["counts"]["person"] > 0 and header["counts"]["change"] > 0


async def test_an_import_holds_every_row_of_the_dump(engine: AsyncEngine, seed_dump: str) -> None:
    loaded = await import_database(engine, io.StringIO(seed_dump))
    assert loaded == json.loads(seed_dump.splitlines()[0])["counts"] == await counts(engine)


async def test_a_term_an_admin_added_comes_back_from_a_dump_on_the_other_backend(
    engine: AsyncEngine, backend: str, empty_database: Callable[[str], str]
) -> None:
    await add_term(engine, Vocabulary.EVENT_KIND, "WILDFIRE", "Wildfire", "A fire in open country.", "FIRE", "chief")
    other = empty_database(OTHER[backend])
    await import_text(other, await export_text(engine.url.render_as_string(hide_password=False)))
    imported = make_engine(other)
    try:
        async with session_factory(imported)() as session:
            term = await session.get(Term, "EVENT_KIND:WILDFIRE")
            logged = (await session.scalars(select(Change).where(Change.entity_type == "term"))).one()
    finally:
        await imported.dispose()
    assert term is not None and (term.label, term.broader_id) == ("Wildfire", "EVENT_KIND:FIRE")
    assert (logged.kind, logged.actor, logged.entity_id) == (ChangeKind.ADDED, "chief", "EVENT_KIND:WILDFIRE")
    assert (await counts(engine))["term"] == len(base_terms()) + 1


async def proposal_rows(engine: AsyncEngine) -> dict[str, dict[str, Any]]:
    async with session_factory(engine)() as session:
        return {row.id: row.model_dump() for row in await session.scalars(select(Proposal))}


async def test_proposals_and_their_decisions_come_back_from_a_dump_on_the_other_backend(
    seeded: AsyncEngine, backend: str, empty_database: Callable[[str], str]
) -> None:
    found = await propose_source(seeded, "maduro-raid-article", "desk-editor")
    assert found is not None
    await reject_proposal(seeded, found.proposals[0].id, "not a fact", "desk-editor")
    other = empty_database(OTHER[backend])
    await import_text(other, await export_text(seeded.url.render_as_string(hide_password=False)))
    imported = make_engine(other)
    try:
        rows = await proposal_rows(imported)
    finally:
        await imported.dispose()
    assert rows == await proposal_rows(seeded)
    assert len(rows) == found.created
    assert (rows[found.proposals[0].id]["status"], rows[found.proposals[0].id]["reason"]) == ("REJECTED", "not a fact")


async def test_tokens_are_not_exported(engine: AsyncEngine) -> None:
    await create_token(engine, "desk-editor", Role.EDITOR)
    out = io.StringIO()
    await export_database(engine, out)
    assert "api_token" not in out.getvalue() and "desk-editor" not in out.getvalue()


async def test_import_refuses_a_database_that_has_rows_and_names_the_table(engine: AsyncEngine, seed_dump: str) -> None:
    async with session_factory(engine)() as session, session.begin():
        session.add(Person(id="someone", name="Someone"))
    with pytest.raises(DumpError, match="not empty: table person has rows"):
        await import_database(engine, io.StringIO(seed_dump))


async def test_import_refuses_rows_even_in_a_table_the_dump_leaves_out(engine: AsyncEngine) -> None:
    async with session_factory(engine)() as session, session.begin():
        session.add(Person(id="someone", name="Someone"))
    with pytest.raises(DumpError, match="not empty: table person has rows"):
        await import_database(engine, handwritten(place("b-country", None)))


def corrupt(dump: str, table: str, change: Callable[[dict[str, Any]], object]) -> tuple[str, int]:
    """The dump with the last row of `table` changed by `change` (given the line's object), and its line."""
    lines = dump.splitlines()
    number = max(at for at, line in enumerate(lines, start=1) if json.loads(line).get("table") == table)
    line = json.loads(lines[number - 1])
    replaced = change(line)
    lines[number - 1] = replaced if isinstance(replaced, str) else json.dumps(line)
    return "\n".join(lines) + "\n", number


def set_value(column: str, value: object) -> Callable[[dict[str, Any]], None]:
    return lambda line: line["row"].__setitem__(column, value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (set_value("added_at", "yesterday"), "fact_citation.added_at: Invalid isoformat string: 'yesterday'"),
        (set_value("added_at", "2026-01-06T10:00:00"), "fact_citation.added_at: '2026-01-06T10:00:00' has no UTC"),
        (set_value("field", None), "fact_citation.field: may not be null"),
        (set_value("colour", "red"), "table fact_citation has no column colour"),
        (lambda line: line.__setitem__("table", "facts"), "unknown table 'facts'"),
        (lambda line: '{"table": "fact_citation", "row": {', "not JSON"),
    ],
    ids=["bad datetime", "datetime without offset", "null", "unknown column", "unknown table", "not JSON"],
)
async def test_a_bad_line_is_refused_naming_it_and_nothing_is_written(
    engine: AsyncEngine, seed_dump: str, change: Callable[[dict[str, Any]], object], message: str
) -> None:
    dump, number = corrupt(seed_dump, "fact_citation", change)
    assert number > 1000, "the bad line comes after rows already inserted"
    with pytest.raises(DumpError, match=f"^line {number}: .*{message}"):
        await import_database(engine, io.StringIO(dump))
    assert await nothing_written(engine)


@pytest.mark.parametrize(
    ("value", "message"),
    [(True, "expected a whole number, got true"), ("KIA", "expected one of ADDED, RETRACTED, RANKED, CORRECTED")],
    ids=["bool for int", "unknown enum name"],
)
async def test_a_value_of_the_wrong_type_is_refused(
    engine: AsyncEngine, seed_dump: str, value: object, message: str
) -> None:
    column = "seq" if value is True else "kind"
    dump, number = corrupt(seed_dump, "change", set_value(column, value))
    with pytest.raises(DumpError, match=f"^line {number}: change.{column}: {message}"):
        await import_database(engine, io.StringIO(dump))


async def test_a_dump_missing_rows_is_refused_by_its_header_counts(engine: AsyncEngine, seed_dump: str) -> None:
    truncated = "\n".join(seed_dump.splitlines()[:-1]) + "\n"
    last = json.loads(seed_dump.splitlines()[-1])["table"]
    with pytest.raises(DumpError, match=f"table {last}: the header counts .* but the dump holds"):
        await import_database(engine, io.StringIO(truncated))
    assert await nothing_written(engine)


async def test_another_format_or_version_is_refused(engine: AsyncEngine, seed_dump: str) -> None:
    header, *rest = seed_dump.splitlines()
    newer = json.dumps({**json.loads(header), "version": 2})
    with pytest.raises(DumpError, match="line 1: dump format version 2 is not supported"):
        await import_database(engine, io.StringIO("\n".join([newer, *rest])))
    with pytest.raises(DumpError, match="line 1: not a citegraph dump header"):
        await import_database(engine, io.StringIO('{"table": "person", "row": {}}\n'))


def handwritten(*lines: dict[str, Any]) -> io.StringIO:
    """A dump of `lines` (row lines) with its header."""
    names = [table.name for table in SQLModel.metadata.sorted_tables if table.name in {"place", "change"}]
    tally = {name: sum(1 for line in lines if line["table"] == name) for name in names}
    header = {"format": FORMAT, "version": 1, "tables": names, "counts": tally}
    return io.StringIO("".join(json.dumps(line) + "\n" for line in [header, *lines]))


def place(key: str, within: str | None) -> dict[str, Any]:
    return {"table": "place", "row": {"id": key, "name": key, "name_folded": key, "kind": None, "within_id": within}}


async def test_rows_may_refer_to_rows_of_their_table_further_down(engine: AsyncEngine) -> None:
    await import_database(engine, handwritten(place("a-city", "b-country"), place("b-country", None)))
    async with session_factory(engine)() as session:
        city = await session.get(Place, "a-city")
    assert city is not None and city.within_id == "b-country"


async def test_a_reference_to_no_row_is_refused(engine: AsyncEngine) -> None:
    with pytest.raises(DumpError, match="table place: a within_id names no row of it"):
        await import_database(engine, handwritten(place("a-city", "nowhere")))


async def test_writes_after_an_import_continue_the_change_sequence(engine: AsyncEngine) -> None:
    row = {"seq": 41, "at": "2026-01-06T10:00:00+00:00", "actor": "seed", "kind": "ADDED"}
    logged = {"table": "change", "row": row | {"entity_type": "place", "entity_id": "b-country"}}
    await import_database(engine, handwritten(logged, place("b-country", None)))
    async with session_factory(engine)() as session, session.begin():
        later = Change(at=dt.datetime.now(dt.UTC), actor="desk", kind=ChangeKind.ADDED, entity_type="x", entity_id="y")
        session.add(later)
    assert later.seq == 42
