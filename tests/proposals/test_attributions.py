"""Attributions: speaker, cue and content, and the outlet a statement came through."""

from proposals.attributions import find_attributions
from proposals.mentions import find_mentions
from proposals.records import Attribution


def attributions(text: str) -> list[Attribution]:
    return find_attributions(text, find_mentions(text))


def test_according_to_after_a_speaker_is_the_via() -> None:
    text = "The regional fire brigade said twelve workers were killed, according to the Meridian Press Agency."
    [found] = attributions(text)
    assert (found.speaker.text, found.cue, found.text) == (
        "The regional fire brigade",
        "said",
        "twelve workers were killed",
    )
    assert found.via is not None and found.via.text == "Meridian Press Agency"


def test_according_to_alone_is_the_speaker() -> None:
    [found] = attributions("According to AFP, these conditions include access to oil reserves.")
    assert (found.speaker.text, found.via, found.text) == (
        "AFP",
        None,
        "these conditions include access to oil reserves",
    )


def test_a_speaker_after_the_content_says_the_content_before_the_comma() -> None:
    [found] = attributions("Twelve workers were killed in the fire, the regional fire brigade said on Friday.")
    assert (found.speaker.text, found.text) == ("the regional fire brigade", "Twelve workers were killed in the fire")


def test_a_pronoun_speaker_is_the_person_named_before() -> None:
    text = 'The blaze began in the dyeing hall, said Henrik Sandell. "The roof was alight," he said.'
    found = attributions(text)
    assert [(a.speaker.text, a.text) for a in found] == [
        ("Henrik Sandell", "The blaze began in the dyeing hall"),
        ("Henrik Sandell", "The roof was alight"),
    ]


def test_a_statement_heading_speaks_every_sentence_after_it() -> None:
    text = "Statement of the Port Aldern Health Office, 13 March 2026. Fifteen people lost their lives."
    [found] = attributions(text)
    assert (found.speaker.text, found.cue, found.text) == (
        "Port Aldern Health Office",
        "Statement",
        "Fifteen people lost their lives",
    )


def test_a_spokesman_of_an_organization_speaks_for_it() -> None:
    [found] = attributions("Police arrested 27 people on Saturday, a police spokesman said.")
    assert (found.speaker.text, found.text) == ("police", "Police arrested 27 people on Saturday")


def test_according_to_a_titled_person_names_the_person() -> None:
    [found] = attributions("Six officers were hurt, according to Superintendent Clara Renwick.")
    assert (found.speaker.text, found.text) == ("Clara Renwick", "Six officers were hurt")


def test_a_dateline_ending_in_a_hyphen_is_no_part_of_the_content() -> None:
    [found] = attributions("BRENNHAVEN, May 4 (Harrow Wire) - Police arrested 27 people, a police spokesman said.")
    assert found.text == "Police arrested 27 people"
