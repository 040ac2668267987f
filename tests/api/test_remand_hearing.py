"""A court story after the factory fire: the plant's manager arrested, charged, his pleas at a remand hearing before
a magistrate, remanded in custody, the next hearing set (the Aldern Courier's report), and a shorter wire report that
gives another date for the next hearing; both ingested through the API, and what a court reporter asks of them."""

import datetime as dt
from typing import Any

import pytest

from tests.conftest import FACTORY_FIRE, GraphQLClient, Tokens, api_document

INGEST = """mutation ($facts: JSON) { ingest(facts: $facts) {
  __typename ... on Ingested { added disputed filled corroborated }
  ... on Rejected { errors { __typename message entity field } } } }"""

CASE = """query ($at: DateTime) {
  legalProceeding(id: "LegalProceeding:ekberg-case", asOf: $at) {
    title { value }
    court { value { name { value } } }
    chargesComplete { value citations { quote } }
    charges { value { id offence { value citations { quote } } counts { value sources citations { quote } } } }
    defendants {
      person { name { value } }
      custody { value sources citations { quote source { id } } }
      custodyDate { value precision citations { quote kind } }
      pleas { plea { value sources citations { quote } } charge { value { offence { value } } }
              hearing { value { id } } }
    }
    hearings { value {
      id kind { value }
      status { value citations { quote } }
      date { value disputed contested sources citations { quote source { id } }
             alternatives { value citations { quote source { id } } } range { start end } }
      time { value zone precision citations { quote kind note } }
      judges { role person { name { value } } citations { quote } }
      pleas { value { plea { value } charge { value { offence { value } } } } citations { quote } }
    } }
    judges { role hearing { id } person { name { value } } }
  }
}"""


def moment() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


class Reports:
    """The case once both reports are in: each ingest's summary, and a moment between them."""

    def __init__(self, courier: dict[str, Any], wire: dict[str, Any], between: str) -> None:
        self.courier = courier
        self.wire = wire
        self.between = between


async def ingest(gql: GraphQLClient, name: str, token: str) -> dict[str, Any]:
    result: dict[str, Any] = (await gql.data(INGEST, {"facts": api_document(FACTORY_FIRE / name)}, token))["ingest"]
    assert result["__typename"] == "Ingested", result
    return result


@pytest.fixture
async def reports(gql: GraphQLClient, tokens: Tokens) -> Reports:
    await ingest(gql, "gazette.yaml", tokens.editor)
    courier = await ingest(gql, "remand-hearing.yaml", tokens.editor)
    between = moment()
    wire = await ingest(gql, "remand-wire.yaml", tokens.editor)
    return Reports(courier, wire, between)


async def case(gql: GraphQLClient, at: str | None = None) -> dict[str, Any]:
    found: dict[str, Any] = (await gql.data(CASE, {"at": at}))["legalProceeding"]
    return found


def hearing(found: dict[str, Any], local_id: str) -> dict[str, Any]:
    [match] = [h["value"] for h in found["hearings"] if h["value"]["id"] == f"Hearing:ekberg-case.{local_id}"]
    return match


async def test_the_wire_disputes_one_fact_and_corroborates_the_rest(reports: Reports) -> None:
    """Corroborated: the defendant, the custody, the counts, and the plea's value, charge and hearing; disputed: the
    next hearing's date."""
    assert (reports.wire["disputed"], reports.wire["corroborated"]) == (1, 6)


async def test_the_charges_and_how_many_counts_each_with_its_quote(gql: GraphQLClient, reports: Reports) -> None:
    charges = {c["value"]["offence"]["value"]: c["value"]["counts"] for c in (await case(gql))["charges"]}
    assert charges == {
        "gross negligence manslaughter": {
            "value": 4,
            "sources": 2,
            "citations": [
                {"quote": "four counts of gross\nnegligence manslaughter"},
                {"quote": "four manslaughter charges"},
            ],
        },
        "breaching fire-safety regulations": {
            "value": 1,
            "sources": 1,
            "citations": [{"quote": "one count of breaching fire-safety\nregulations"}],
        },
    }


async def test_the_charges_named_may_not_be_all(gql: GraphQLClient, reports: Reports) -> None:
    found = (await case(gql))["chargesComplete"]
    assert found == {"value": False, "citations": [{"quote": "Prosecutors said further charges could follow."}]}


async def test_he_pleaded_guilty_to_one_charge_and_entered_no_plea_to_the_other(
    gql: GraphQLClient, reports: Reports
) -> None:
    [defendant] = (await case(gql))["defendants"]
    pleas = {p["charge"]["value"]["offence"]["value"]: p for p in defendant["pleas"]}
    guilty = pleas["breaching fire-safety regulations"]
    assert guilty["plea"]["value"] == "GUILTY"
    assert guilty["plea"]["citations"] == [{"quote": "he pleaded guilty to breaching fire-safety\nregulations"}]
    none = pleas["gross negligence manslaughter"]
    assert (none["plea"]["value"], none["plea"]["sources"]) == ("NONE_ENTERED", 2)
    assert sorted(c["quote"] for c in none["plea"]["citations"]) == [
        "He did not enter a plea to four manslaughter charges",
        "No plea was entered to the manslaughter counts.",
    ]
    assert {p["hearing"]["value"]["id"] for p in defendant["pleas"]} == {"Hearing:ekberg-case.remand"}


async def test_the_hearing_s_outcome_lists_its_pleas(gql: GraphQLClient, reports: Reports) -> None:
    remand = hearing(await case(gql), "remand")
    pleas = [(p["value"]["charge"]["value"]["offence"]["value"], p["value"]["plea"]["value"]) for p in remand["pleas"]]
    assert sorted(pleas) == [
        ("breaching fire-safety regulations", "GUILTY"),
        ("gross negligence manslaughter", "NONE_ENTERED"),
    ]
    assert sorted(c["quote"] for p in remand["pleas"] for c in p["citations"]) == [
        "No plea was entered",
        "Through his lawyer, he pleaded guilty",
        "remanded in custody by magistrates in Port Aldern on Monday",
    ]
    assert remand["status"] == {
        "value": "HELD",
        "citations": [{"quote": "The hearing before District Judge Elin Marsh began"}],
    }


async def test_the_magistrate_of_the_remand_hearing_with_the_quote(gql: GraphQLClient, reports: Reports) -> None:
    found = await case(gql)
    assert hearing(found, "remand")["judges"] == [
        {
            "role": "District Judge",
            "person": {"name": {"value": "Elin Marsh"}},
            "citations": [{"quote": "The hearing before District Judge Elin Marsh"}],
        }
    ]
    assert found["judges"] == [
        {
            "role": "District Judge",
            "hearing": {"id": "Hearing:ekberg-case.remand"},
            "person": {"name": {"value": "Elin Marsh"}},
        }
    ]
    assert hearing(found, "next")["judges"] == []


async def test_a_judge_s_roles_are_read_from_the_person(gql: GraphQLClient, reports: Reports) -> None:
    query = """{ person(id: "Person:elin-marsh") { judicialRoles { role proceeding { title { value } } } } }"""
    assert (await gql.data(query))["person"]["judicialRoles"] == [
        {"role": "District Judge", "proceeding": {"title": {"value": "The Crown against Jonas Ekberg"}}}
    ]


async def test_he_is_remanded_in_custody_by_both_reports(gql: GraphQLClient, reports: Reports) -> None:
    [defendant] = (await case(gql))["defendants"]
    assert defendant["person"] == {"name": {"value": "Jonas Ekberg"}}
    custody = defendant["custody"]
    assert (custody["value"], custody["sources"]) == ("REMANDED_IN_CUSTODY", 2)
    assert sorted((c["source"]["id"], c["quote"]) for c in custody["citations"]) == [
        ("Source:remand-hearing", "refused bail and remanded him in custody"),
        ("Source:remand-wire", "was remanded in custody by magistrates"),
    ]
    assert defendant["custodyDate"] == {
        "value": "2026-03-16",
        "precision": "DAY",
        "citations": [{"quote": "was remanded in custody on Monday", "kind": "INFERRED"}],
    }


async def test_the_next_hearing_is_scheduled_and_its_date_disputed(gql: GraphQLClient, reports: Reports) -> None:
    next_hearing = hearing(await case(gql), "next")
    assert next_hearing["status"]["value"] == "SCHEDULED"
    date = next_hearing["date"]
    assert (date["value"], date["disputed"], date["contested"]) == ("2026-04-13", True, True)
    assert date["citations"] == [
        {"quote": "appear at Aldern Crown Court on April 13", "source": {"id": "Source:remand-hearing"}}
    ]
    [alternative] = date["alternatives"]
    assert alternative["value"] == {"date": "2026-04-20", "date_precision": "DAY"}
    assert alternative["citations"] == [
        {"quote": "next due in court on April 20", "source": {"id": "Source:remand-wire"}}
    ]
    assert date["range"] == {"start": "2026-04-13", "end": "2026-04-20"}


async def test_before_the_wire_the_next_hearing_was_not_disputed(gql: GraphQLClient, reports: Reports) -> None:
    date = hearing(await case(gql, reports.between), "next")["date"]
    assert (date["value"], date["disputed"], date["alternatives"]) == ("2026-04-13", False, [])


async def test_the_hearing_began_at_a_time_in_a_zone_inferred_from_gmt(gql: GraphQLClient, reports: Reports) -> None:
    time = hearing(await case(gql), "remand")["time"]
    assert (time["value"], time["zone"], time["precision"]) == ("10:30:00", "+01:00", "MINUTE")
    assert [(c["quote"], c["kind"]) for c in time["citations"]] == [
        ("began at 10.30 a.m.", "QUOTED"),
        ("(09.30 GMT)", "INFERRED"),
    ]


async def test_the_fire_s_time_is_approximate_and_has_no_zone(gql: GraphQLClient, reports: Reports) -> None:
    query = """{ event(id: "Event:plant-fire") { time { value zone precision citations { quote } } } }"""
    assert (await gql.data(query))["event"]["time"] == {
        "value": "22:00:00",
        "zone": None,
        "precision": "APPROXIMATE",
        "citations": [{"quote": "broke out shortly after\n10 p.m."}],
    }


async def test_the_arrest_is_an_event_within_the_fire(gql: GraphQLClient, reports: Reports) -> None:
    query = """{ event(id: "Event:manager-arrest") {
      kind { value } date { value } parent { value { id } }
      participants { role participant { ... on Person { name { value } } ... on Organization { name { value } } } }
    } }"""
    arrest = (await gql.data(query))["event"]
    assert (arrest["kind"]["value"], arrest["date"]["value"]) == ("DETENTION", "2026-03-14")
    assert arrest["parent"]["value"]["id"] == "Event:plant-fire"
    assert sorted((p["role"], p["participant"]["name"]["value"]) for p in arrest["participants"]) == [
        ("arrested", "Jonas Ekberg"),
        ("arresting force", "Port Aldern police"),
    ]


async def test_a_correction_of_the_hearing_s_time_keeps_the_old_one_in_history(
    gql: GraphQLClient, tokens: Tokens, reports: Reports
) -> None:
    correction = {
        "default_source": "remand-hearing",
        "legal_proceedings": [
            {
                "id": "ekberg-case",
                "hearings": [
                    {
                        "id": "remand",
                        "time": {
                            "value": "10:30",
                            "zone": "Europe/Stockholm",
                            "precision": "MINUTE",
                            "cite": {
                                "quote": "(09.30 GMT)",
                                "inferred": "The desk confirmed the court sits on Stockholm time (UTC+1 in March).",
                            },
                        },
                    }
                ],
            }
        ],
    }
    mutation = (
        """mutation ($facts: JSON, $reason: String!) { correct(facts: $facts, reason: $reason) { __typename } }"""
    )
    before = moment()
    result = await gql.data(mutation, {"facts": correction, "reason": "The zone by name."}, tokens.admin)
    assert result["correct"]["__typename"] == "Corrected", result
    query = (
        """{ node(id: "Hearing:ekberg-case.remand") { ... on Hearing { time { zone } history { field value } } } }"""
    )
    found = (await gql.data(query))["node"]
    assert found["time"] == {"zone": "Europe/Stockholm"}
    assert found["history"] == [
        {"field": "time", "value": {"time_of_day": "10:30", "time_zone": "+01:00", "time_precision": "MINUTE"}}
    ]
    then = hearing(await case(gql, before), "remand")["time"]
    assert (then["value"], then["zone"], then["precision"]) == ("10:30:00", "+01:00", "MINUTE")
