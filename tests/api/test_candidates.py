"""`candidates`: records that may be one, proposed with a score and why; never merged by a score."""

from typing import Any

from tests.api.test_judgements import judge
from tests.conftest import GraphQLClient, Tokens

CANDIDATES = """query ($type: CandidateType!, $of: ID) { candidates(type: $type, of: $of) {
  left { id } right { id } score names { left right similarity } parts { name score }
  shared { id } unsure { verdict reason } } }"""

MINISTER = ("Person:ana-maria-ruiz", "Person:ana-maria-ruiz-soto")
SIBLINGS = {"Person:lucia-ruiz-soto", "Person:luis-ruiz-soto", "Person:deputy-luis-ruiz-soto"}


async def candidates(gql: GraphQLClient, kind: str, of: str | None = None) -> list[Any]:
    found: list[Any] = (await gql.data(CANDIDATES, {"type": kind, "of": of}))["candidates"]
    return found


def pair(candidate: Any) -> tuple[str, str]:
    return candidate["left"]["id"], candidate["right"]["id"]


async def test_the_minister_spelled_two_ways_is_proposed_with_why(resignation: GraphQLClient) -> None:
    found = [c for c in await candidates(resignation, "PERSON") if pair(c) == MINISTER]
    assert found == [
        {
            "left": {"id": "Person:ana-maria-ruiz"},
            "right": {"id": "Person:ana-maria-ruiz-soto"},
            "score": 0.82,
            "names": {"left": "Ana María Ruiz", "right": "Ana Maria Ruiz-Soto", "similarity": 0.9},
            "parts": [{"name": "name", "score": 0.72}, {"name": "shared", "score": 0.1}],
            "shared": [{"id": "Organization:interior-ministry"}],
            "unsure": None,
        }
    ]


async def test_the_national_assembly_is_proposed_for_parliament_by_its_alias(resignation: GraphQLClient) -> None:
    found = await candidates(resignation, "ORGANIZATION", "Organization:parliament")
    assert [(pair(c), c["names"], c["score"]) for c in found] == [
        (
            ("Organization:national-assembly", "Organization:parliament"),
            {"left": "parliament", "right": "parliament", "similarity": 1.0},
            0.8,
        ),
        (
            ("Organization:parliament", "Organization:venezuela-parliament"),
            {"left": "parliament", "right": "parliament", "similarity": 1.0},
            0.8,
        ),
    ]


async def test_two_siblings_with_one_surname_and_one_assembly_are_never_proposed(resignation: GraphQLClient) -> None:
    found = [pair(c) for c in await candidates(resignation, "PERSON")]
    assert ("Person:deputy-luis-ruiz-soto", "Person:luis-ruiz-soto") in found
    assert not [
        p for p in found if set(p) <= SIBLINGS and set(p) != {"Person:deputy-luis-ruiz-soto", "Person:luis-ruiz-soto"}
    ]
    assert not [p for p in found if set(p) & SIBLINGS and set(p) & set(MINISTER)]


async def test_best_candidates_come_first(resignation: GraphQLClient) -> None:
    scores = [c["score"] for c in await candidates(resignation, "PERSON")]
    assert scores == sorted(scores, reverse=True)


async def test_a_not_same_judgement_stops_the_pair_being_proposed(resignation: GraphQLClient, tokens: Tokens) -> None:
    await judge(resignation, tokens.editor, *MINISTER, "NOT_SAME", "Different ministers, checked with both desks")
    assert MINISTER not in [pair(c) for c in await candidates(resignation, "PERSON")]


async def test_an_unsure_pair_is_still_proposed_with_its_judgement(resignation: GraphQLClient, tokens: Tokens) -> None:
    await judge(resignation, tokens.editor, *MINISTER, "UNSURE", "Ask the Courier")
    [found] = [c for c in await candidates(resignation, "PERSON") if pair(c) == MINISTER]
    assert found["unsure"] == {"verdict": "UNSURE", "reason": "Ask the Courier"}


async def test_merged_records_are_proposed_no_more_and_share_what_each_had(
    resignation: GraphQLClient, tokens: Tokens
) -> None:
    await judge(resignation, tokens.editor, "Organization:national-assembly", "Organization:parliament", "SAME", "One")
    organizations = await candidates(resignation, "ORGANIZATION", "Organization:parliament")
    assert [pair(c) for c in organizations] == [("Organization:national-assembly", "Organization:venezuela-parliament")]
    [luis] = [c for c in await candidates(resignation, "PERSON") if "Person:luis-ruiz-soto" in pair(c)]
    assert luis["shared"] == [{"id": "Organization:national-assembly"}]
    assert luis["score"] == 0.9


async def test_candidates_of_a_record_of_another_type_are_refused(resignation: GraphQLClient) -> None:
    body = await resignation.post(CANDIDATES, {"type": "PERSON", "of": "Organization:parliament"})
    assert body["errors"][0]["message"] == "of: 'Organization:parliament' is not the id of a Person"
