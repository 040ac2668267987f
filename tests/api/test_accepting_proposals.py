"""What accepting a proposal writes, through GraphQL: an event with its kind, title, place, date, participants and
casualties from one sentence, as one record; a count or a date in an event's sentence carries its event; a charge
or plea its proceeding; a gap filled by an edit of that one field."""

from typing import Any

from tests.api.test_proposals_api import ADD_SOURCE, accept, find, propose
from tests.conftest import GraphQLClient, Tokens

WAREHOUSE_FIRE = (
    "HOLMBURY, June 9, 2026 (Valley Herald) — A fire at a warehouse in Holmbury killed at least four workers on "
    "Monday, the Holmbury Fire Service said.\n\n"
    "Firefighters fought the blaze for six hours. The fire injured 11 more people, according to the county health "
    "office.\n\n"
    "Police arrested the warehouse owner, Karl Dent, on Tuesday."
)
EVENT = """query ($id: ID!) { node(id: $id) { ... on Event {
  title { value citations { quote } }
  kind { value citations { quote } }
  date { value precision citations { quote kind note } }
  place { value { id name { value } } citations { quote } }
  participants { role participant { __typename ... on Person { id } ... on Organization { id } } }
  casualties { value { id outcome { value } count { low high wording citations { quote } } } }
} } }"""


async def fire_proposals(gql: GraphQLClient, tokens: Tokens) -> list[dict[str, Any]]:
    variables = {"input": {"text": WAREHOUSE_FIRE, "kind": "NEWS_ARTICLE", "id": "holmbury-fire"}}
    await gql.data(ADD_SOURCE, variables, tokens.editor)
    proposed: list[dict[str, Any]] = (await propose(gql, tokens.editor, "holmbury-fire"))["proposals"]
    return proposed


async def event(gql: GraphQLClient, key: str) -> dict[str, Any]:
    found: dict[str, Any] = (await gql.data(EVENT, {"id": f"Event:{key}"}))["node"]
    return found


async def test_a_sentence_naming_an_event_proposes_it_with_kind_place_date_and_casualties(
    gql: GraphQLClient, tokens: Tokens
) -> None:
    proposed = await fire_proposals(gql, tokens)
    events = [p for p in proposed if p["kind"] == "EVENT"]
    assert [e["facts"]["events"][0]["kind"]["value"] for e in events] == ["FIRE", "ARREST"]
    fire = events[0]["facts"]
    assert fire["events"][0]["id"] == "fire-holmbury"
    assert fire["events"][0]["date"]["value"] == "2026-06-08"
    assert fire["places"][0]["name"]["value"] == "Holmbury"
    assert [c["count"]["low"] for c in fire["casualties"]] == [4]


async def test_accepting_an_event_writes_it_whole_with_every_field_cited(gql: GraphQLClient, tokens: Tokens) -> None:
    proposed = await fire_proposals(gql, tokens)
    fire = next(p for p in proposed if p["kind"] == "EVENT")
    accepted = await accept(gql, tokens.editor, fire["id"])
    assert accepted["__typename"] == "ProposalAccepted", accepted
    stored = await event(gql, "fire-holmbury")
    assert stored["kind"] == {"value": "FIRE", "citations": [{"quote": "fire"}]}
    assert stored["title"]["citations"][0]["quote"].startswith("A fire at a warehouse in Holmbury killed")
    assert (stored["date"]["value"], stored["date"]["precision"]) == ("2026-06-08", "DAY")
    assert stored["date"]["citations"][0]["kind"] == "INFERRED"
    assert stored["place"]["value"]["name"]["value"] == "Holmbury"
    assert stored["place"]["citations"] == [{"quote": "in Holmbury"}]
    [killed] = stored["casualties"]
    assert killed["value"]["outcome"]["value"] == "KILLED"
    assert (killed["value"]["count"]["low"], killed["value"]["count"]["wording"]) == (4, "AT_LEAST")


async def test_a_count_in_a_later_sentence_about_the_event_is_a_casualty_of_that_event(
    gql: GraphQLClient, tokens: Tokens
) -> None:
    proposed = await fire_proposals(gql, tokens)
    injured = find(proposed, "11 more people", "COUNT")
    assert injured["facts"]["casualties"][0]["event"]["value"] == "fire-holmbury"
    assert (await accept(gql, tokens.editor, injured["id"]))["__typename"] == "ProposalAccepted"
    stored = await event(gql, "fire-holmbury")
    assert [c["value"]["outcome"]["value"] for c in stored["casualties"]] == ["INJURED"]


async def test_accepting_the_event_after_its_count_only_cites_the_same_values_again(
    gql: GraphQLClient, tokens: Tokens
) -> None:
    proposed = await fire_proposals(gql, tokens)
    count = next(p for p in proposed if p["kind"] == "COUNT" and p["quote"].startswith("at least four"))
    fire = next(p for p in proposed if p["kind"] == "EVENT")
    first = await accept(gql, tokens.editor, count["id"])
    assert first["__typename"] == "ProposalAccepted", first
    again = await accept(gql, tokens.editor, fire["id"])
    assert again["__typename"] == "ProposalAccepted", again
    stored = await event(gql, "fire-holmbury")
    assert len(stored["casualties"]) == 1
    assert len(stored["kind"]["citations"]) == 1


async def test_an_arrest_names_the_police_as_agent_and_the_person_arrested_as_affected(
    gql: GraphQLClient, tokens: Tokens
) -> None:
    proposed = await fire_proposals(gql, tokens)
    arrest = next(p for p in proposed if p["kind"] == "EVENT" and "arrested" in p["quote"])
    assert (await accept(gql, tokens.editor, arrest["id"]))["__typename"] == "ProposalAccepted"
    [key] = [e["id"] for e in arrest["facts"]["events"]]
    stored = await event(gql, key)
    roles = {p["participant"]["id"].split(":")[1]: p["role"] for p in stored["participants"]}
    assert roles == {"police": "agent", "karl-dent": "affected"}
    assert stored["date"]["value"] == "2026-06-09"


async def test_a_count_the_source_already_cites_names_its_stored_casualty_and_event(
    gql: GraphQLClient, tokens: Tokens
) -> None:
    found = (await propose(gql, tokens.editor))["proposals"]
    count = find(found, "at least 55 Venezuelan and Cuban military and security personnel", "COUNT")
    assert [e["id"] for e in count["facts"]["events"]] == ["operation"]
    assert [(c["id"], c["count"]["low"]) for c in count["facts"]["casualties"]] == [("total-killed", 55)]
    accepted = await accept(gql, tokens.editor, count["id"])
    assert accepted["__typename"] == "ProposalAccepted", accepted
    assert accepted["ingested"]["corroborated"] >= 2
    stored = await event(gql, "operation")
    assert [c["value"]["id"] for c in stored["casualties"]].count("Casualty:total-killed") == 1


FRAUD_HEARING = (
    "DUNMORE, April 2, 2026 (Dunmore Echo) — A former council treasurer, Maria Voss, was charged with fraud on "
    "Wednesday.\n\n"
    "Voss pleaded not guilty at Dunmore Magistrates' Court and was released on bail."
)
PROCEEDING = """query ($id: ID!) { node(id: $id) { ... on LegalProceeding {
  title { value }
  defendants { person { id } pleas { plea { value } } }
  charges { value { offence { value citations { quote } } } }
} } }"""


async def hearing_proposals(gql: GraphQLClient, tokens: Tokens) -> list[dict[str, Any]]:
    variables = {"input": {"text": FRAUD_HEARING, "kind": "NEWS_ARTICLE", "id": "dunmore-fraud"}}
    await gql.data(ADD_SOURCE, variables, tokens.editor)
    proposed: list[dict[str, Any]] = (await propose(gql, tokens.editor, "dunmore-fraud"))["proposals"]
    return proposed


async def test_a_charge_is_proposed_in_a_new_proceeding_against_the_person_its_sentence_names(
    gql: GraphQLClient, tokens: Tokens
) -> None:
    charge = next(p for p in await hearing_proposals(gql, tokens) if p["kind"] == "CHARGE")
    accepted = await accept(gql, tokens.editor, charge["id"])
    assert accepted["__typename"] == "ProposalAccepted", accepted
    stored = (await gql.data(PROCEEDING, {"id": "LegalProceeding:case-maria-voss"}))["node"]
    assert stored["title"]["value"] == "Case against Maria Voss"
    assert [d["person"]["id"] for d in stored["defendants"]] == ["Person:maria-voss"]
    assert [c["value"]["offence"]["value"] for c in stored["charges"]] == ["fraud"]


async def test_a_plea_after_its_charge_is_accepted_joins_the_same_proceeding(
    gql: GraphQLClient, tokens: Tokens
) -> None:
    proposed = await hearing_proposals(gql, tokens)
    charge = next(p for p in proposed if p["kind"] == "CHARGE")
    assert (await accept(gql, tokens.editor, charge["id"]))["__typename"] == "ProposalAccepted"
    plea = next(p for p in (await propose(gql, tokens.editor, "dunmore-fraud"))["proposals"] if p["kind"] == "PLEA")
    assert plea["facts"]["legal_proceedings"][0]["id"] == "case-maria-voss"
    accepted = await accept(gql, tokens.editor, plea["id"])
    assert accepted["__typename"] == "ProposalAccepted", accepted
    stored = (await gql.data(PROCEEDING, {"id": "LegalProceeding:case-maria-voss"}))["node"]
    [defendant] = stored["defendants"]
    assert defendant == {"person": {"id": "Person:maria-voss"}, "pleas": [{"plea": {"value": "NOT_GUILTY"}}]}


ACCEPT_EDITED = """mutation ($id: ID!, $edits: [FactEdit!]) { acceptProposal(id: $id, edits: $edits) {
  __typename
  ... on ProposalAccepted { proposal { facts gaps } }
  ... on Rejected { errors { message field ... on ValidationError { code } } } } }"""


async def test_a_gap_is_filled_by_an_edit_of_that_one_field(gql: GraphQLClient, tokens: Tokens) -> None:
    found = (await propose(gql, tokens.editor))["proposals"]
    count = find(found, "14 journalists", "COUNT")
    listed = await gql.data("query ($id: ID!) { node(id: $id) { ... on Proposal { gaps } } }", {"id": count["id"]})
    assert listed["node"]["gaps"] == ["casualties[0].id"]
    edits = [{"path": "casualties[0].id", "value": "journalists-detained-parliament"}]
    accepted = (await gql.data(ACCEPT_EDITED, {"id": count["id"], "edits": edits}, tokens.editor))["acceptProposal"]
    assert accepted["__typename"] == "ProposalAccepted", accepted
    assert accepted["proposal"]["gaps"] == []
    assert accepted["proposal"]["facts"]["casualties"][0]["id"] == "journalists-detained-parliament"


async def test_an_edit_at_a_path_the_facts_lack_is_refused_naming_it(gql: GraphQLClient, tokens: Tokens) -> None:
    found = (await propose(gql, tokens.editor))["proposals"]
    count = find(found, "14 journalists", "COUNT")
    edits = [{"path": "casualties[3].id", "value": "journalists-detained-parliament"}]
    refused = (await gql.data(ACCEPT_EDITED, {"id": count["id"], "edits": edits}, tokens.editor))["acceptProposal"]
    assert refused["__typename"] == "Rejected"
    [error] = refused["errors"]
    assert (error["code"], error["field"]) == ("INVALID", "edits")
    assert "'casualties[3].id': no 3 in casualties" in error["message"]
