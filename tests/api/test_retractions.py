"""Admins retract sources (values resting only on them become unsupported) and revoke tokens."""

import datetime as dt
import json

from tests.api.test_writes import envoy_document, ingest
from tests.conftest import GraphQLClient, Tokens

RETRACT = """mutation ($id: ID!, $reason: String!) { retractSource(id: $id, reason: $reason) {
  __typename
  ... on SourceRetracted { source { id withdrawal { by reason at } } }
  ... on Unauthorized { message }
  ... on Rejected { errors { __typename message ... on NotFound { id } } } } }"""

REVOKE = """mutation ($name: String!) { revokeToken(name: $name) {
  __typename ... on TokenRevoked { name revokedAt } ... on Unauthorized { message }
  ... on Rejected { errors { __typename message } } } }"""

ENVOY_NAME = '{ node(id: "Person:envoy") { ... on Person { name { unsupported citations { source { id } } } } } }'
SECOND = "A second wire also saw the envoy arrive."


async def retract(gql: GraphQLClient, token: str, source: str = "Source:wire-1") -> dict[str, object]:
    return (await gql.data(RETRACT, {"id": source, "reason": "the agency withdrew the story"}, token))["retractSource"]


async def test_retracting_a_source_leaves_the_values_citing_only_it_unsupported(
    gql: GraphQLClient, tokens: Tokens
) -> None:
    await ingest(gql, envoy_document(), tokens.editor)
    assert (await gql.data(ENVOY_NAME))["node"]["name"]["unsupported"] is False
    result = await retract(gql, tokens.admin)
    assert result["__typename"] == "SourceRetracted"
    withdrawal = result["source"]["withdrawal"]  # type: ignore[index]
    assert withdrawal["by"] == "chief" and withdrawal["reason"] == "the agency withdrew the story"
    assert (await gql.data(ENVOY_NAME))["node"]["name"]["unsupported"] is True


async def test_a_value_another_source_supports_stays_supported(gql: GraphQLClient, tokens: Tokens) -> None:
    await ingest(gql, envoy_document(), tokens.editor)
    second = f"""
sources:
  - {{id: wire-2, kind: WIRE_REPORT, text: {json.dumps(SECOND)}}}
persons:
  - id: envoy
    name: {{value: The envoy, cite: {{quote: the envoy, source: wire-2}}}}
"""
    assert (await ingest(gql, second, tokens.editor))["__typename"] == "Ingested"
    await retract(gql, tokens.admin)
    name = (await gql.data(ENVOY_NAME))["node"]["name"]
    assert name["unsupported"] is False
    assert [c["source"]["id"] for c in name["citations"]] == ["Source:wire-1", "Source:wire-2"]


async def test_only_admins_retract_and_nothing_changes_otherwise(gql: GraphQLClient, tokens: Tokens) -> None:
    await ingest(gql, envoy_document(), tokens.editor)
    result = await retract(gql, tokens.editor)
    assert result == {
        "__typename": "Unauthorized",
        "message": "token 'desk-editor' is an editor's; this needs an admin's",
    }
    data = await gql.data('{ node(id: "Source:wire-1") { ... on Source { withdrawal { at } } } }')
    assert data["node"]["withdrawal"] is None


async def test_retracting_an_unknown_source_is_not_found(gql: GraphQLClient, tokens: Tokens) -> None:
    result = await retract(gql, tokens.admin, "Source:nope")
    assert result["errors"] == [{"__typename": "NotFound", "message": "no source 'Source:nope'", "id": "Source:nope"}]


async def test_a_retraction_is_in_the_change_feed(gql: GraphQLClient, tokens: Tokens) -> None:
    await ingest(gql, envoy_document(), tokens.editor)
    since = dt.datetime.now(dt.UTC).isoformat()
    await retract(gql, tokens.admin)
    feed = await gql.data(
        "query ($since: DateTime) { changes(since: $since) { edges { node { kind actor entityType entityId "
        "node { id } } } } }",
        {"since": since},
    )
    assert [e["node"] for e in feed["changes"]["edges"]] == [
        {
            "kind": "RETRACTED",
            "actor": "chief",
            "entityType": "source",
            "entityId": "wire-1",
            "node": {"id": "Source:wire-1"},
        }
    ]


async def test_an_admin_revokes_a_token_and_it_stops_working(gql: GraphQLClient, tokens: Tokens) -> None:
    result = (await gql.data(REVOKE, {"name": "desk-editor"}, tokens.admin))["revokeToken"]
    assert result["__typename"] == "TokenRevoked" and result["name"] == "desk-editor"
    assert (await ingest(gql, envoy_document(), tokens.editor))["__typename"] == "Unauthorized"


async def test_editors_cannot_revoke_tokens(gql: GraphQLClient, tokens: Tokens) -> None:
    result = (await gql.data(REVOKE, {"name": "chief"}, tokens.editor))["revokeToken"]
    assert result["__typename"] == "Unauthorized"
    assert (await gql.data(RETRACT, {"id": "Source:x", "reason": "r"}, tokens.admin))["retractSource"][
        "__typename"
    ] == "Rejected"
