"""Charges with their counts, and pleas with their defendants, "entered no plea" included."""

from proposals.legal import find_charges, find_pleas
from proposals.mentions import find_mentions
from proposals.records import PleaValue


def test_counts_of_an_offence_give_the_number_of_counts() -> None:
    charges = find_charges("He faces four counts of manslaughter and one count of falsifying safety records.")
    assert [(c.offence, c.counts, c.text) for c in charges] == [
        ("manslaughter", 4, "four counts of manslaughter"),
        ("falsifying safety records", 1, "one count of falsifying safety records"),
    ]


def test_charges_including_an_offence_give_no_count() -> None:
    [charge] = find_charges("Maduro and Flores pleaded not guilty to charges including drug trafficking.")
    assert (charge.offence, charge.counts) == ("drug trafficking", None)


def test_a_plea_spans_from_its_first_defendant() -> None:
    text = (
        "Nicolás Maduro and his wife, Cilia Flores, were flown to New York. "
        "In a New York court on Monday, Maduro and Flores pleaded not guilty to charges."
    )
    [plea] = find_pleas(text, find_mentions(text))
    assert (plea.plea, plea.defendants, plea.text) == (
        PleaValue.NOT_GUILTY,
        ("Maduro", "Flores"),
        "Maduro and Flores pleaded not guilty",
    )


def test_entered_no_plea_is_none_entered_by_the_person_before_the_pronoun() -> None:
    text = "Tomas Brenner was charged with fraud. He entered no plea."
    [plea] = find_pleas(text, find_mentions(text))
    assert (plea.plea, plea.defendants, plea.text) == (PleaValue.NONE_ENTERED, ("Tomas Brenner",), "entered no plea")


def test_pleaded_guilty_and_no_contest_are_told_apart() -> None:
    pleas = find_pleas("Jonas Berg pleaded guilty; Lena Holm pleaded no contest.", [])
    assert [p.plea for p in pleas] == [PleaValue.GUILTY, PleaValue.NO_CONTEST]


def test_each_offence_of_a_list_after_convicted_of_is_a_charge() -> None:
    charges = find_charges("The court convicted Viktor Hanak, 61, of bribery, money laundering and abuse of office.")
    assert [c.offence for c in charges] == ["bribery", "money laundering", "abuse of office"]


def test_each_offence_of_a_list_after_found_guilty_of_is_a_charge() -> None:
    charges = find_charges("A jury found her guilty of fraud and perjury on Monday.")
    assert [c.offence for c in charges] == ["fraud", "perjury"]


def test_each_offence_of_a_list_after_charged_with_is_a_charge() -> None:
    charges = find_charges("Police charged him with arson, burglary and criminal damage.")
    assert [c.offence for c in charges] == ["arson", "burglary", "criminal damage"]


def test_a_list_of_offences_ends_at_a_comma_with_no_and_after_it() -> None:
    charges = find_charges("He was found guilty of fraud, ending a trial that lasted months.")
    assert [c.offence for c in charges] == ["fraud"]


def test_a_list_of_offences_ends_where_a_verb_follows_and() -> None:
    charges = find_charges("Berg was convicted of bribery and sentenced to six years.")
    assert [c.offence for c in charges] == ["bribery"]


def test_an_offence_broken_across_lines_is_read_as_one_line() -> None:
    [charge] = find_charges("He faces four counts of gross\nnegligence manslaughter.")
    assert charge.offence == "gross negligence manslaughter"
