"""Mentions: the gazetteer's names and aliases, linked; capitalized names typed by their words and context."""

from proposals.mentions import find_mentions
from proposals.records import EntityType, KnownEntity

ASSEMBLY = KnownEntity("national-assembly", EntityType.ORGANIZATION, ("National Assembly", "parliament"))
RUIZ = KnownEntity("ana-maria-ruiz", EntityType.PERSON, ("Ana María Ruiz",))


def test_an_alias_links_the_mention_to_its_entity() -> None:
    mentions = find_mentions("The speaker read her letter to parliament on Monday.", [ASSEMBLY])
    assert [(m.text, m.type, m.entity_id) for m in mentions] == [
        ("parliament", EntityType.ORGANIZATION, "national-assembly")
    ]


def test_a_name_links_whatever_its_accents_and_a_surname_alone_links_too() -> None:
    mentions = find_mentions("Ana Maria Ruiz stepped down. Ruiz had led the ministry.", [RUIZ])
    linked = [(m.text, m.entity_id) for m in mentions if m.entity_id]
    assert linked == [("Ana Maria Ruiz", "ana-maria-ruiz"), ("Ruiz", "ana-maria-ruiz")]


def test_a_title_before_a_name_makes_it_a_person_and_is_left_out() -> None:
    mentions = find_mentions("Venezuelan Defence Minister Vladimir Padrino Lopez indicated that many died.")
    assert [(m.text, m.type) for m in mentions] == [("Vladimir Padrino Lopez", EntityType.PERSON)]


def test_an_organization_is_typed_by_its_last_word_and_a_country_by_its_name() -> None:
    mentions = find_mentions("The Garment Workers' Federation says workers died in Venezuela.")
    assert [(m.text, m.type) for m in mentions] == [
        ("Garment Workers' Federation", EntityType.ORGANIZATION),
        ("Venezuela", EntityType.PLACE),
    ]


def test_a_common_noun_organization_is_a_mention() -> None:
    mentions = find_mentions("A journalists' union reported that 14 journalists were detained.")
    assert [(m.text, m.type) for m in mentions] == [("journalists' union", EntityType.ORGANIZATION)]


def test_a_datelines_place_is_a_mention_and_its_outlet_is_not() -> None:
    mentions = find_mentions("KELLSMOUTH, November 20, 2026 (Northern Ledger) — The court sat on Thursday.")
    assert [(m.text, m.type) for m in mentions] == [("KELLSMOUTH", EntityType.PLACE)]
