"""`resolvers.names`: how alike two names are, for proposing records that may be one."""

import pytest

from resolvers.names import best_match, similarity


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Ana María Ruiz", "ANA MARIA RUIZ"),
        ("Ruiz, Ana María", "Ana María Ruiz"),
        ("A. M. Ruiz", "Ana María Ruiz"),
    ],
)
def test_case_accents_word_order_and_initials_do_not_count(left: str, right: str) -> None:
    assert similarity(left, right, person=True) == 1.0


def test_a_name_whose_words_are_all_in_the_other_is_alike_but_not_the_same() -> None:
    assert similarity("Ana María Ruiz", "Ana Maria Ruiz-Soto", person=True) == 0.9


def test_persons_whose_first_given_names_differ_are_not_alike_whatever_they_share() -> None:
    assert similarity("Lucía Ruiz-Soto", "Luis Ruiz-Soto", person=True) == 0.0
    assert similarity("Ana Ruiz", "Carlos Ruiz", person=True) == 0.0


def test_a_spelling_of_one_given_name_stays_alike() -> None:
    assert similarity("Tomas Ruiz", "Thomas Ruiz", person=True) > 0.9


def test_a_leading_article_does_not_count_for_organizations() -> None:
    assert similarity("the National Assembly", "National Assembly", person=False) == 1.0


def test_the_best_match_is_taken_over_names_and_aliases() -> None:
    found = best_match(["National Assembly", "parliament"], ["Parliament"], person=False)
    assert (found.left, found.right, found.similarity) == ("parliament", "Parliament", 1.0)


def test_a_possessive_is_not_taken_for_an_initial() -> None:
    assert similarity("Cuba\u2019s armed forces", "Cuba armed forces", person=False) == 1.0
