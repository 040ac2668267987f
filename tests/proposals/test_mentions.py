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


def named(text: str) -> list[tuple[str, EntityType]]:
    return [(m.text, m.type) for m in find_mentions(text)]


def test_an_organizations_head_before_of_types_the_whole_name() -> None:
    assert named("The inquiry was opened by the Ministry of Defence.") == [
        ("Ministry of Defence", EntityType.ORGANIZATION)
    ]


def test_a_lower_case_site_after_a_name_makes_a_place_of_both() -> None:
    assert named("Rescuers reached the Amber Hollow colliery at dawn.") == [("Amber Hollow colliery", EntityType.PLACE)]


def test_an_abbreviated_title_before_a_name_makes_it_a_person() -> None:
    assert named("Officers questioned Mr. Novak at length.") == [("Novak", EntityType.PERSON)]


def test_a_quantifier_beginning_a_sentence_is_no_name() -> None:
    assert named("Several Hungarian tourists were among them.") == []


def test_a_word_joined_by_and_to_a_place_is_a_place() -> None:
    assert named("Thousands marched in Lyon and Marseille.") == [
        ("Lyon", EntityType.PLACE),
        ("Marseille", EntityType.PLACE),
    ]


def test_a_time_zone_is_no_organization() -> None:
    assert named("The hearing began at 10.30 a.m. (09.30 GMT).") == []


def test_a_dateline_ending_in_a_hyphen_leaves_its_outlet_out() -> None:
    assert named("BRENNHAVEN, May 4 (Harrow Wire) - The march ended.") == [("BRENNHAVEN", EntityType.PLACE)]


def test_a_hotel_is_a_place() -> None:
    assert named("The blast damaged the Grand Hotel overnight.") == [("Grand Hotel", EntityType.PLACE)]


def test_a_possessive_before_a_title_ends_the_name_and_the_title_is_no_name() -> None:
    assert named("Poland's Foreign Minister, Jan Nowak, spoke first.") == [
        ("Poland", EntityType.PLACE),
        ("Jan Nowak", EntityType.PERSON),
    ]


def test_a_possessive_before_a_title_leaves_the_organization_after_it() -> None:
    assert named("Ukraine's Defence Ministry confirmed it.") == [
        ("Ukraine", EntityType.PLACE),
        ("Defence Ministry", EntityType.ORGANIZATION),
    ]


def test_the_name_after_mayor_of_is_a_place() -> None:
    assert named("The mayor of Kessel visited the site.") == [("Kessel", EntityType.PLACE)]


def test_a_party_named_by_its_members_is_an_organization() -> None:
    assert named("Voters backed the Social Democrats.") == [("Social Democrats", EntityType.ORGANIZATION)]


def typed(text: str) -> list[tuple[str, EntityType]]:
    return [(m.text, m.type) for m in find_mentions(text)]


def test_a_name_split_at_and_is_one_organization_where_the_second_part_ends_in_its_head() -> None:
    text = "Andrei Bursuc, head of the Salven Fire and Rescue Service, spoke."
    assert ("Salven Fire and Rescue Service", EntityType.ORGANIZATION) in typed(text)


def test_two_places_joined_by_and_stay_two() -> None:
    assert typed("Ships went to Gdansk and Hamburg.") == [("Gdansk", EntityType.PLACE), ("Hamburg", EntityType.PLACE)]


def test_a_company_named_by_its_trade_after_to_is_an_organization() -> None:
    assert typed("The contract was awarded to Vantera Construction in March.") == [
        ("Vantera Construction", EntityType.ORGANIZATION)
    ]


def test_one_word_companies_after_their_trade_are_organizations() -> None:
    assert typed("Two shipping lines, Maersk and Hapag-Lloyd, diverted ships.") == [
        ("Maersk", EntityType.ORGANIZATION),
        ("Hapag-Lloyd", EntityType.ORGANIZATION),
    ]


def test_a_name_after_the_newspaper_is_an_organization() -> None:
    assert typed("Witnesses were quoted by the newspaper Salven Daily.") == [("Salven Daily", EntityType.ORGANIZATION)]


def test_a_hospital_that_speaks_is_an_organization() -> None:
    assert typed("St Luke's University Hospital said it was treating 23.") == [
        ("St Luke's University Hospital", EntityType.ORGANIZATION)
    ]


def test_a_named_hospital_people_are_taken_to_is_an_organization_too() -> None:
    assert typed("Two fishermen were taken to Saint Brigid's Infirmary.") == [
        ("Saint Brigid's Infirmary", EntityType.ORGANIZATION)
    ]


def test_an_arena_is_a_place() -> None:
    assert typed("Crowds gathered at the Vossberg Arena before the concert.") == [("Vossberg Arena", EntityType.PLACE)]


def test_a_club_named_by_its_sports_head_is_an_organization() -> None:
    assert typed("Supporters of Kettering Wanderers marched to the town hall.") == [
        ("Kettering Wanderers", EntityType.ORGANIZATION)
    ]


def test_a_company_named_by_its_trade_is_an_organization() -> None:
    assert typed("Ostrava Steel cut 400 jobs.") == [("Ostrava Steel", EntityType.ORGANIZATION)]


def test_a_name_typed_an_organization_once_is_one_wherever_it_is_named() -> None:
    text = "The plant is run by the owner, Brandt Paper. Brandt Paper declined to comment."
    assert typed(text) == [("Brandt Paper", EntityType.ORGANIZATION), ("Brandt Paper", EntityType.ORGANIZATION)]


def test_a_name_set_off_after_a_common_noun_organization_is_that_organization() -> None:
    assert typed("The dockers' union, Lukor, called a strike.") == [("Lukor", EntityType.ORGANIZATION)]


def test_a_name_right_after_a_common_noun_organization_is_named_with_it() -> None:
    assert typed("The teachers' union Prosveta said schools would close.") == [
        ("teachers' union Prosveta", EntityType.ORGANIZATION)
    ]


def test_a_portfolio_before_a_ministers_title_is_left_out_of_the_name() -> None:
    assert typed("Fisheries Minister Ida Holm visited the port.") == [("Ida Holm", EntityType.PERSON)]


def test_a_mine_named_with_its_mineral_is_a_site() -> None:
    assert typed("Rescuers reached the Borsk copper mine at dawn.") == [("Borsk copper mine", EntityType.PLACE)]


def test_a_name_set_off_after_the_capital_is_a_place() -> None:
    assert typed("The injured were flown to the capital, Velmora, overnight.") == [("Velmora", EntityType.PLACE)]


def test_a_dateline_named_again_only_as_a_clubs_first_word_is_no_place() -> None:
    text = "TREVANI, May 3 (Meridian Wire) - Fans of Trevani United clashed with police."
    assert ("TREVANI", EntityType.PLACE) not in typed(text)


def test_a_dateline_named_again_only_as_a_regions_first_word_is_no_place() -> None:
    text = "OSSA — Floods hit the Ossa Valley on Monday."
    assert ("OSSA", EntityType.PLACE) not in typed(text)


def test_a_dateline_named_again_in_a_terminals_name_stays_a_place() -> None:
    text = "KARVIK, May 3 (Meridian Wire) - Dockers blocked the Karvik Ferry Terminal on Monday."
    assert ("KARVIK", EntityType.PLACE) in typed(text)


def test_a_byline_names_a_person() -> None:
    text = "Port chief jailed as bribery trial ends\n\nBy Lena Moravec, courts correspondent\n\nThe trial ended."
    assert ("Lena Moravec", EntityType.PERSON) in typed(text)
