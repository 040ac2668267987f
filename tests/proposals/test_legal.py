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
