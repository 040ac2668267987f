"""Numbers as English writes them, in digits or words."""

from proposals.numbers import value


def test_a_dozen_reads_as_twelve() -> None:
    assert value("a dozen") == 12


def test_half_a_dozen_reads_as_six() -> None:
    assert value("half a dozen") == 6


def test_a_number_of_dozens_is_multiplied() -> None:
    assert value("two dozen") == 24


def test_a_dozen_with_no_article_is_not_a_number() -> None:
    assert value("dozen") is None
