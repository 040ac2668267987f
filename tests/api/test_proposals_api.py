"""The desk's proposals through GraphQL: `propose` on a stored source, `proposals`, and an editor's decision
(`acceptProposal`, written as `ingest` writes; `rejectProposal`, never proposed again), in the change feed; the
proposals as they stood at a past moment (`asOf`), and a withdrawn source's, which no longer stand."""

import datetime as dt
from typing import Any

from seeds import SEEDS_DIR
from tests.api.test_as_of import moment
from tests.api.test_judgements import NEWER, OLDER, SAME_WHY, judge
from tests.api.test_retractions import retract
from tests.conftest import GraphQLClient, Tokens

ARTICLE = "maduro-raid-article"
PROPOSAL_FIELDS = "id kind status confidence quote start end summary facts source { id } decidedBy reason"
PROPOSE = f"""mutation ($source: ID!) {{ propose(source: $source) {{
  __typename
  ... on Proposed {{ created proposals {{ {PROPOSAL_FIELDS} }} }}
  ... on Rejected {{ errors {{ __typename message field ... on SourceWithdrawn {{ sourceId withdrawnAt }} }} }}
  ... on Unauthorized {{ message }} }} }}"""
ACCEPT = f"""mutation ($id: ID!, $facts: JSON) {{ acceptProposal(id: $id, facts: $facts) {{
  __typename
  ... on ProposalAccepted {{ proposal {{ {PROPOSAL_FIELDS} }} ingested {{ added corroborated }} }}
  ... on Rejected {{ errors {{ __typename message field entity ... on ValidationError {{ code }}
    ... on SourceWithdrawn {{ sourceId }} }} }}
  ... on Unauthorized {{ message }} }} }}"""
REJECT = f"""mutation ($id: ID!, $reason: String) {{ rejectProposal(id: $id, reason: $reason) {{
  __typename
  ... on ProposalRejected {{ proposal {{ {PROPOSAL_FIELDS} }} }}
  ... on Rejected {{ errors {{ __typename message ... on ValidationError {{ code }} }} }}
  ... on Unauthorized {{ message }} }} }}"""
PROPOSALS = """query ($source: ID!, $status: ProposalStatus, $first: Int, $after: String, $at: DateTime) {
  proposals(source: $source, status: $status, first: $first, after: $after, asOf: $at) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id quote start end status } } } }"""
ADD_SOURCE = """mutation ($input: AddSourceInput!) { addSource(input: $input) {
  ... on SourceAdded { source { id } } } }"""
CITED_NAME = """query ($id: ID!) { node(id: $id) { ... on Person {
  name { value citations { quote start end source { id } } }
  aliases { value citations { quote start end } } } } }"""
NEW_TEXT = "PORT ALDERN, March 13, 2026 — Judge Anna Kowalski opened the inquiry on Friday, the court said."


def article_text() -> str:
    return (SEEDS_DIR / "sources" / f"{ARTICLE}.txt").read_text(encoding="utf-8")


async def propose(gql: GraphQLClient, token: str | None, source: str = ARTICLE) -> dict[str, Any]:
    result: dict[str, Any] = (await gql.data(PROPOSE, {"source": source}, token))["propose"]
    return result


async def accept(gql: GraphQLClient, token: str, id: str, facts: Any = None) -> dict[str, Any]:
    result: dict[str, Any] = (await gql.data(ACCEPT, {"id": id, "facts": facts}, token))["acceptProposal"]
    return result


def find(proposals: list[dict[str, Any]], quote: str, kind: str, start: int | None = None) -> dict[str, Any]:
    return next(p for p in proposals if p["quote"] == quote and p["kind"] == kind and start in (None, p["start"]))


async def listed(gql: GraphQLClient, status: str = "PROPOSED", at: str | None = None) -> list[str]:
    """The ids of the article's proposals with `status`, at the moment `at` (now when None)."""
    variables = {"source": ARTICLE, "status": status, "first": 100, "at": at}
    return [e["node"]["id"] for e in (await gql.data(PROPOSALS, variables))["proposals"]["edges"]]


async def new_source(gql: GraphQLClient, token: str) -> str:
    variables = {"input": {"text": NEW_TEXT, "kind": "NEWS_ARTICLE", "id": "aldern-inquiry"}}
    source_id: str = (await gql.data(ADD_SOURCE, variables, token))["addSource"]["source"]["id"]
    return source_id


async def test_propose_finds_proposals_at_exact_offsets_and_twice_creates_nothing(
    gql: GraphQLClient, tokens: Tokens
) -> None:
    text = article_text()
    first = await propose(gql, tokens.editor)
    assert first["__typename"] == "Proposed"
    found = first["proposals"]
    assert first["created"] == len(found) > 10
    assert all(text[p["start"] : p["end"]] == p["quote"] for p in found)
    assert {p["kind"] for p in found} >= {"ENTITY", "COUNT", "DATE", "ATTRIBUTION"}
    assert all(p["status"] == "PROPOSED" and p["source"]["id"] == f"Source:{ARTICLE}" for p in found)
    maduro = find(found, "Nicolás Maduro", "ENTITY")
    assert maduro["facts"]["persons"][0]["id"] == "nicolas-maduro"

    again = await propose(gql, tokens.editor, f"Source:{ARTICLE}")
    assert again["created"] == 0
    assert sorted(p["id"] for p in again["proposals"]) == sorted(p["id"] for p in found)

    listed = (await gql.data(PROPOSALS, {"source": ARTICLE, "status": None, "first": 5}))["proposals"]
    assert listed["totalCount"] == len(found)
    assert [e["node"]["start"] for e in listed["edges"]] == sorted(p["start"] for p in found)[:5]
    assert listed["pageInfo"]["hasNextPage"]
    rest = await gql.data(PROPOSALS, {"source": ARTICLE, "after": listed["pageInfo"]["endCursor"], "first": 100})
    assert len(rest["proposals"]["edges"]) == len(found) - 5


async def test_accepting_a_linked_mention_cites_the_stored_person_at_its_span(
    gql: GraphQLClient, tokens: Tokens
) -> None:
    found = (await propose(gql, tokens.editor))["proposals"]
    mention = find(found, "Nicolás Maduro", "ENTITY")
    accepted = await accept(gql, tokens.editor, mention["id"])
    assert accepted["__typename"] == "ProposalAccepted", accepted
    assert accepted["proposal"]["status"] == "ACCEPTED"
    assert accepted["proposal"]["decidedBy"] == "desk-editor"
    assert accepted["ingested"]["corroborated"] >= 1
    person = (await gql.data(CITED_NAME, {"id": "Person:nicolas-maduro"}))["node"]
    spans = [(c["start"], c["end"]) for c in person["name"]["citations"]]
    assert (mention["start"], mention["end"]) in spans

    again = await propose(gql, tokens.editor)
    assert mention["id"] not in {p["id"] for p in again["proposals"]}
    decided = await accept(gql, tokens.editor, mention["id"])
    assert decided["__typename"] == "Rejected"
    assert decided["errors"][0]["code"] == "CONFLICT"


async def test_accepting_a_surname_cites_it_as_an_alias_of_the_stored_person(
    gql: GraphQLClient, tokens: Tokens
) -> None:
    found = (await propose(gql, tokens.editor))["proposals"]
    surname = find(found, "Maduro", "ENTITY")
    assert surname["facts"]["persons"][0]["id"] == "nicolas-maduro"
    assert surname["facts"]["persons"][0]["aliases"][0]["value"] == "Maduro"
    assert (await accept(gql, tokens.editor, surname["id"]))["__typename"] == "ProposalAccepted"
    person = (await gql.data(CITED_NAME, {"id": "Person:nicolas-maduro"}))["node"]
    [alias] = [a for a in person["aliases"] if a["value"] == "Maduro"]
    assert (surname["start"], surname["end"]) in [(c["start"], c["end"]) for c in alias["citations"]]


async def test_accepting_a_new_person_stores_it_with_its_citation(gql: GraphQLClient, tokens: Tokens) -> None:
    source = await new_source(gql, tokens.editor)
    found = (await propose(gql, tokens.editor, source))["proposals"]
    mention = find(found, "Anna Kowalski", "ENTITY")
    assert NEW_TEXT[mention["start"] : mention["end"]] == "Anna Kowalski"
    assert mention["facts"]["persons"][0]["id"] == "anna-kowalski"

    search = """query { search(text: "Kowalski") { values { __typename } quotes { __typename } } }"""
    assert (await gql.data(search))["search"] == {"values": [], "quotes": []}
    assert (await gql.data(CITED_NAME, {"id": "Person:anna-kowalski"}))["node"] is None
    persons = (await gql.data("{ persons(first: 100) { edges { node { id } } } }"))["persons"]["edges"]
    assert "Person:anna-kowalski" not in {edge["node"]["id"] for edge in persons}

    accepted = await accept(gql, tokens.editor, mention["id"])
    assert accepted["__typename"] == "ProposalAccepted", accepted
    person = (await gql.data(CITED_NAME, {"id": "Person:anna-kowalski"}))["node"]
    assert person["name"]["value"] == "Anna Kowalski"
    [citation] = person["name"]["citations"]
    assert (citation["start"], citation["end"], citation["source"]["id"]) == (
        mention["start"],
        mention["end"],
        "Source:aldern-inquiry",
    )
    again = await propose(gql, tokens.editor, source)
    assert again["created"] == 0
    assert mention["id"] not in {p["id"] for p in again["proposals"]}


async def test_a_count_needs_its_casualty_and_accepts_the_editors_edit(gql: GraphQLClient, tokens: Tokens) -> None:
    found = (await propose(gql, tokens.editor))["proposals"]
    count = find(found, "14 journalists", "COUNT")
    assert count["facts"]["casualties"][0]["id"] is None

    refused = await accept(gql, tokens.editor, count["id"])
    assert refused["__typename"] == "Rejected"
    [error] = refused["errors"]
    assert (error["code"], error["field"]) == ("INVALID", "facts")
    assert "casualties[0].id" in error["message"]

    wrong = {"casualties": [{**count["facts"]["casualties"][0], "id": "no-such-casualty"}]}
    bad = await accept(gql, tokens.editor, count["id"], wrong)
    assert bad["__typename"] == "Rejected"
    listed = (await gql.data(PROPOSALS, {"source": ARTICLE, "first": 100}))["proposals"]["edges"]
    assert count["id"] in {e["node"]["id"] for e in listed}

    edited = {
        "casualties": [{"id": "journalists-detained-parliament", "count": count["facts"]["casualties"][0]["count"]}]
    }
    accepted = await accept(gql, tokens.editor, count["id"], edited)
    assert accepted["__typename"] == "ProposalAccepted", accepted
    assert accepted["proposal"]["facts"] == edited
    casualty = """query { node(id: "Casualty:journalists-detained-parliament") { ... on Casualty {
      count { low wording citations { start end } } } } }"""
    read = (await gql.data(casualty))["node"]["count"]
    assert (read["low"], read["wording"]) == (14, "EXACTLY")
    assert (count["start"], count["end"]) in [(c["start"], c["end"]) for c in read["citations"]]


async def test_a_rejected_proposal_is_never_proposed_again(gql: GraphQLClient, tokens: Tokens) -> None:
    found = (await propose(gql, tokens.editor))["proposals"]
    date = next(p for p in found if p["kind"] == "DATE")
    rejected = (await gql.data(REJECT, {"id": date["id"], "reason": "the dateline's day"}, tokens.editor))[
        "rejectProposal"
    ]
    assert rejected["__typename"] == "ProposalRejected"
    assert (rejected["proposal"]["status"], rejected["proposal"]["reason"]) == ("REJECTED", "the dateline's day")

    again = await propose(gql, tokens.editor)
    assert again["created"] == 0
    assert date["id"] not in {p["id"] for p in again["proposals"]}
    listed = (await gql.data(PROPOSALS, {"source": ARTICLE, "status": "REJECTED"}))["proposals"]
    assert [e["node"]["id"] for e in listed["edges"]] == [date["id"]]

    twice = (await gql.data(REJECT, {"id": date["id"]}, tokens.editor))["rejectProposal"]
    assert twice["__typename"] == "Rejected"
    assert twice["errors"][0]["code"] == "CONFLICT"


async def test_writes_need_an_editors_token(gql: GraphQLClient, tokens: Tokens) -> None:
    assert (await propose(gql, None))["__typename"] == "Unauthorized"
    assert (await propose(gql, tokens.revoked))["__typename"] == "Unauthorized"
    found = (await propose(gql, tokens.editor))["proposals"]
    anonymous = (await gql.data(ACCEPT, {"id": found[0]["id"]}))["acceptProposal"]
    assert anonymous["__typename"] == "Unauthorized"
    assert (await gql.data(REJECT, {"id": found[0]["id"]}))["rejectProposal"]["__typename"] == "Unauthorized"
    missing = await propose(gql, tokens.editor, "no-such-source")
    assert missing["__typename"] == "Rejected"
    assert missing["errors"][0]["__typename"] == "NotFound"


async def test_decisions_are_in_the_change_feed_and_proposals_are_nodes(gql: GraphQLClient, tokens: Tokens) -> None:
    since = dt.datetime.now(dt.UTC).isoformat()
    found = (await propose(gql, tokens.editor))["proposals"]
    date = next(p for p in found if p["kind"] == "DATE")
    await gql.data(REJECT, {"id": date["id"]}, tokens.editor)
    mention = find(found, "Nicolás Maduro", "ENTITY")
    await accept(gql, tokens.editor, mention["id"])

    feed = """query ($since: DateTime) { changes(since: $since) { edges { node { kind actor entityType
      node { ... on Proposal { id status } } } } } }"""
    entries = [e["node"] for e in (await gql.data(feed, {"since": since}))["changes"]["edges"]]
    decided = [e for e in entries if e["kind"] == "DECIDED"]
    assert decided == [
        {
            "kind": "DECIDED",
            "actor": "desk-editor",
            "entityType": "proposal",
            "node": {"id": date["id"], "status": "REJECTED"},
        },
        {
            "kind": "DECIDED",
            "actor": "desk-editor",
            "entityType": "proposal",
            "node": {"id": mention["id"], "status": "ACCEPTED"},
        },
    ]
    assert all(e["entityType"] != "proposal" for e in entries if e["kind"] != "DECIDED")
    node = """query ($id: ID!) { node(id: $id) { id ... on Proposal { kind quote } } }"""
    assert (await gql.data(node, {"id": date["id"]}))["node"] == {
        "id": date["id"],
        "kind": "DATE",
        "quote": date["quote"],
    }


async def test_a_merged_records_name_links_to_the_canonical_record(resignation: GraphQLClient, tokens: Tokens) -> None:
    judged = await judge(resignation, tokens.editor, OLDER, NEWER, "SAME", SAME_WHY)
    assert judged["__typename"] == "Judged"
    found = (await propose(resignation, tokens.editor, "courier-resignation"))["proposals"]
    mention = find(found, "Ana Maria Ruiz-Soto", "ENTITY")
    [person] = mention["facts"]["persons"]
    assert (person["id"], [alias["value"] for alias in person["aliases"]]) == (
        "ana-maria-ruiz",
        ["Ana Maria Ruiz-Soto"],
    )


async def test_as_of_a_moment_before_proposing_no_proposal_exists(gql: GraphQLClient, tokens: Tokens) -> None:
    before = moment()
    assert (await propose(gql, tokens.editor))["created"] > 0
    assert await listed(gql, "PROPOSED", before) == []
    assert len(await listed(gql, "PROPOSED", moment())) > 0


async def test_as_of_a_moment_before_its_decision_a_proposal_is_proposed(gql: GraphQLClient, tokens: Tokens) -> None:
    found = (await propose(gql, tokens.editor))["proposals"]
    before = moment()
    rejected = (await gql.data(REJECT, {"id": found[0]["id"], "reason": "not news"}, tokens.editor))["rejectProposal"]
    assert rejected["proposal"]["status"] == "REJECTED"
    assert found[0]["id"] in await listed(gql, "PROPOSED", before)
    assert await listed(gql, "REJECTED", before) == []
    assert await listed(gql, "REJECTED", moment()) == [found[0]["id"]]


async def test_a_proposal_read_as_a_node_as_of_before_its_decision_is_undecided(
    gql: GraphQLClient, tokens: Tokens
) -> None:
    mention = find((await propose(gql, tokens.editor))["proposals"], "Nicolás Maduro", "ENTITY")
    before = moment()
    await accept(gql, tokens.editor, mention["id"])
    node = """query ($id: ID!, $at: DateTime) { node(id: $id, asOf: $at) { ... on Proposal { status decidedBy } } }"""
    assert (await gql.data(node, {"id": mention["id"], "at": before}))["node"] == {
        "status": "PROPOSED",
        "decidedBy": None,
    }
    assert (await gql.data(node, {"id": mention["id"]}))["node"] == {"status": "ACCEPTED", "decidedBy": "desk-editor"}


async def test_a_withdrawn_sources_proposals_are_not_listed_as_proposed(gql: GraphQLClient, tokens: Tokens) -> None:
    found = (await propose(gql, tokens.editor))["proposals"]
    before = moment()
    assert (await retract(gql, tokens.admin, f"Source:{ARTICLE}"))["__typename"] == "SourceRetracted"
    assert await listed(gql) == []
    assert set(await listed(gql, "PROPOSED", before)) == {p["id"] for p in found}


async def test_a_withdrawn_sources_decided_proposals_stay_listed(gql: GraphQLClient, tokens: Tokens) -> None:
    found = (await propose(gql, tokens.editor))["proposals"]
    await gql.data(REJECT, {"id": found[0]["id"]}, tokens.editor)
    await retract(gql, tokens.admin, f"Source:{ARTICLE}")
    assert await listed(gql, "REJECTED") == [found[0]["id"]]


async def test_accepting_a_proposal_of_a_withdrawn_source_is_refused_naming_it(
    gql: GraphQLClient, tokens: Tokens
) -> None:
    mention = find((await propose(gql, tokens.editor))["proposals"], "Nicolás Maduro", "ENTITY")
    await retract(gql, tokens.admin, f"Source:{ARTICLE}")
    refused = await accept(gql, tokens.editor, mention["id"])
    assert refused["__typename"] == "Rejected"
    [error] = refused["errors"]
    assert (error["__typename"], error["sourceId"], error["field"]) == ("SourceWithdrawn", ARTICLE, "id")
    assert ARTICLE in error["message"] and "the agency withdrew the story" in error["message"]
    node = """query ($id: ID!) { node(id: $id) { ... on Proposal { status } } }"""
    assert (await gql.data(node, {"id": mention["id"]}))["node"] == {"status": "PROPOSED"}


async def test_proposing_on_a_withdrawn_source_is_refused_naming_it(gql: GraphQLClient, tokens: Tokens) -> None:
    await retract(gql, tokens.admin, f"Source:{ARTICLE}")
    refused = await propose(gql, tokens.editor)
    assert refused["__typename"] == "Rejected"
    [error] = refused["errors"]
    assert (error["__typename"], error["sourceId"], error["field"]) == ("SourceWithdrawn", ARTICLE, "source")
    assert error["withdrawnAt"]
