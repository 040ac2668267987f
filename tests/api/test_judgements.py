"""`judge`: merging and splitting records as editors' judgements, kept and never overwritten, undone by a later
one or a retraction, visible in `asOf` and the change feed."""

import datetime as dt
from typing import Any

from tests.conftest import GraphQLClient, Tokens

JUDGE = """mutation ($left: ID!, $right: ID!, $judgement: Verdict!, $reason: String!) {
  judge(left: $left, right: $right, judgement: $judgement, reason: $reason) {
    __typename
    ... on Judged { judgement { id verdict } node { id } }
    ... on Rejected { errors { __typename message ... on ValidationError { code } ... on NotFound { id } } }
    ... on Unauthorized { message } } }"""
RETRACT = """mutation ($left: ID!, $right: ID!, $reason: String!) {
  retractJudgement(left: $left, right: $right, reason: $reason) {
    __typename ... on JudgementRetracted { judgement { id closedReason closedBy } }
    ... on Rejected { errors { __typename message } } } }"""
MINISTER = """query ($id: ID!, $at: DateTime) { node(id: $id, asOf: $at) { id ... on Person {
  name { value citations { source { id } } } mergedIds
  aliases { value citations { quote source { id } } }
  memberships { role person { id } citations { source { id } } } } } }"""
JUDGEMENTS = """query ($id: ID!) { node(id: $id) { ... on Person { judgements {
  leftId rightId verdict reason judgedBy judgedAt closedAt closedBy closedReason } } } }"""

OLDER, NEWER = "Person:ana-maria-ruiz", "Person:ana-maria-ruiz-soto"
SAME_WHY = "The Courier's minister is the Herald's: same post, same day"


async def judge(gql: GraphQLClient, token: str, left: str, right: str, verdict: str, reason: str) -> Any:
    variables = {"left": left, "right": right, "judgement": verdict, "reason": reason}
    return (await gql.data(JUDGE, variables, token))["judge"]


async def minister(gql: GraphQLClient, node_id: str, at: str | None = None) -> Any:
    return (await gql.data(MINISTER, {"id": node_id, "at": at}))["node"]


def moment() -> str:
    """Now, as a client would send it: after every write so far, before every write to come."""
    return dt.datetime.now(dt.UTC).isoformat()


async def test_same_makes_the_newer_id_answer_the_older_record(resignation: GraphQLClient, tokens: Tokens) -> None:
    judged = await judge(resignation, tokens.editor, NEWER, OLDER, "SAME", SAME_WHY)
    assert judged["__typename"] == "Judged" and judged["node"] == {"id": OLDER}
    found = await minister(resignation, NEWER)
    assert found["id"] == OLDER and found["mergedIds"] == [NEWER]
    assert found["name"]["value"] == "Ana María Ruiz"


async def test_after_same_the_facts_come_from_both_articles(resignation: GraphQLClient, tokens: Tokens) -> None:
    await judge(resignation, tokens.editor, OLDER, NEWER, "SAME", SAME_WHY)
    found = await minister(resignation, OLDER)
    assert found["aliases"] == [
        {
            "value": "Ana Maria Ruiz-Soto",
            "citations": [{"quote": "Ana Maria Ruiz-Soto", "source": {"id": "Source:courier-resignation"}}],
        }
    ]
    posts = {(m["role"], m["person"]["id"], m["citations"][0]["source"]["id"]) for m in found["memberships"]}
    assert posts == {
        ("interior minister", OLDER, "Source:herald-resignation"),
        ("interior minister", OLDER, "Source:courier-resignation"),
    }


async def test_a_reference_to_the_merged_id_reads_as_the_canonical_record(
    resignation: GraphQLClient, tokens: Tokens
) -> None:
    await judge(resignation, tokens.editor, OLDER, NEWER, "SAME", SAME_WHY)
    query = '{ organization(id: "Organization:interior-ministry") { members { person { id } } } }'
    members = (await resignation.data(query))["organization"]["members"]
    assert [m["person"]["id"] for m in members] == [OLDER, OLDER]


async def test_lists_and_filters_show_a_merged_record_once(resignation: GraphQLClient, tokens: Tokens) -> None:
    await judge(resignation, tokens.editor, OLDER, NEWER, "SAME", SAME_WHY)
    query = '{ persons(filter: {name: "ruiz-soto"}) { edges { node { id } } } }'
    found = [edge["node"]["id"] for edge in (await resignation.data(query))["persons"]["edges"]]
    assert found == [OLDER, "Person:lucia-ruiz-soto", "Person:deputy-luis-ruiz-soto", "Person:luis-ruiz-soto"]


async def test_a_filter_by_a_merged_id_finds_what_either_record_had(resignation: GraphQLClient, tokens: Tokens) -> None:
    await judge(resignation, tokens.editor, "Organization:parliament", "Organization:national-assembly", "SAME", "One")
    query = '{ persons(filter: {organization: "Organization:parliament"}) { edges { node { id } } } }'
    found = {edge["node"]["id"] for edge in (await resignation.data(query))["persons"]["edges"]}
    assert found == {"Person:lucia-ruiz-soto", "Person:luis-ruiz-soto", "Person:deputy-luis-ruiz-soto"}


async def test_not_same_undoes_same_and_both_judgements_are_kept(resignation: GraphQLClient, tokens: Tokens) -> None:
    await judge(resignation, tokens.editor, OLDER, NEWER, "SAME", SAME_WHY)
    await judge(resignation, tokens.admin, NEWER, OLDER, "NOT_SAME", "The Courier corrected its name")
    assert (await minister(resignation, NEWER))["id"] == NEWER
    assert (await minister(resignation, OLDER))["mergedIds"] == []
    first, second = (await resignation.data(JUDGEMENTS, {"id": OLDER}))["node"]["judgements"]
    assert (first["verdict"], first["reason"], first["judgedBy"]) == ("SAME", SAME_WHY, "desk-editor")
    assert first["closedAt"] == second["judgedAt"] and first["closedBy"] == "chief"
    assert (second["verdict"], second["closedAt"], second["leftId"], second["rightId"]) == (
        "NOT_SAME",
        None,
        OLDER,
        NEWER,
    )


async def test_a_retraction_undoes_same_and_keeps_the_judgement(resignation: GraphQLClient, tokens: Tokens) -> None:
    await judge(resignation, tokens.editor, OLDER, NEWER, "SAME", SAME_WHY)
    variables = {"left": OLDER, "right": NEWER, "reason": "Judged too soon"}
    retracted = (await resignation.data(RETRACT, variables, tokens.editor))["retractJudgement"]
    assert retracted["judgement"]["closedReason"] == "Judged too soon"
    assert (await minister(resignation, NEWER))["id"] == NEWER
    [kept] = (await resignation.data(JUDGEMENTS, {"id": NEWER}))["node"]["judgements"]
    assert (kept["verdict"], kept["closedReason"]) == ("SAME", "Judged too soon")


async def test_as_of_before_the_merge_both_records_stand_apart(resignation: GraphQLClient, tokens: Tokens) -> None:
    before = moment()
    await judge(resignation, tokens.editor, OLDER, NEWER, "SAME", SAME_WHY)
    between = moment()
    await judge(resignation, tokens.editor, OLDER, NEWER, "NOT_SAME", "Split again")
    then = await minister(resignation, NEWER, before)
    assert (then["id"], then["mergedIds"], then["aliases"]) == (NEWER, [], [])
    merged = await minister(resignation, NEWER, between)
    assert (merged["id"], merged["mergedIds"]) == (OLDER, [NEWER])
    assert len(merged["memberships"]) == 2
    assert (await minister(resignation, NEWER))["id"] == NEWER


async def test_each_judgement_is_in_the_change_feed(resignation: GraphQLClient, tokens: Tokens) -> None:
    since = moment()
    await judge(resignation, tokens.editor, OLDER, NEWER, "SAME", SAME_WHY)
    await judge(resignation, tokens.editor, OLDER, NEWER, "UNSURE", "Not so sure")
    query = """query ($since: DateTime) { changes(since: $since) { edges { node { kind actor entityType
      node { ... on Judgement { verdict } } } } } }"""
    edges = (await resignation.data(query, {"since": since}))["changes"]["edges"]
    assert [edge["node"] for edge in edges] == [
        {"kind": "JUDGED", "actor": "desk-editor", "entityType": "judgement", "node": {"verdict": "SAME"}},
        {"kind": "JUDGED", "actor": "desk-editor", "entityType": "judgement", "node": {"verdict": "UNSURE"}},
    ]


async def test_siblings_cited_as_related_cannot_be_judged_the_same(resignation: GraphQLClient, tokens: Tokens) -> None:
    judged = await judge(resignation, tokens.editor, "Person:lucia-ruiz-soto", "Person:luis-ruiz-soto", "SAME", "?")
    assert judged["__typename"] == "Rejected"
    [error] = judged["errors"]
    assert error["code"] == "CONFLICT" and "lucia-ruiz-soto and luis-ruiz-soto" in error["message"]


async def test_same_joining_records_judged_not_same_is_refused(resignation: GraphQLClient, tokens: Tokens) -> None:
    luis, deputy = "Person:luis-ruiz-soto", "Person:deputy-luis-ruiz-soto"
    await judge(resignation, tokens.editor, luis, deputy, "NOT_SAME", "Two deputies of one name")
    await judge(resignation, tokens.editor, OLDER, luis, "UNSURE", "Looked")
    judged = await judge(resignation, tokens.editor, deputy, luis, "SAME", "After all")
    assert judged["__typename"] == "Judged"
    await judge(resignation, tokens.editor, luis, "Person:lucia-ruiz-soto", "NOT_SAME", "Siblings")
    refused = await judge(resignation, tokens.editor, "Person:lucia-ruiz-soto", deputy, "SAME", "Typo")
    assert refused["errors"][0]["code"] == "CONFLICT"


async def test_judging_needs_an_editors_token(resignation: GraphQLClient, tokens: Tokens) -> None:
    judged = await judge(resignation, tokens.revoked, OLDER, NEWER, "SAME", SAME_WHY)
    assert judged["__typename"] == "Unauthorized"
    assert (await minister(resignation, NEWER))["id"] == NEWER


async def test_a_pair_of_two_types_or_an_unknown_record_is_refused(resignation: GraphQLClient, tokens: Tokens) -> None:
    mixed = await judge(resignation, tokens.editor, OLDER, "Organization:parliament", "SAME", "?")
    assert mixed["errors"][0]["code"] == "INVALID"
    unknown = await judge(resignation, tokens.editor, OLDER, "Person:nobody", "SAME", "?")
    assert unknown["errors"] == [
        {"__typename": "NotFound", "message": "no record 'Person:nobody'", "id": "Person:nobody"}
    ]
