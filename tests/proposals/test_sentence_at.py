"""The sentence holding an offset, looked up in the text's sentence bounds, split once per text."""

from proposals.sentences import sentence_at, sentences

TEXT = "A fire broke out on Monday.  Two people died. Police said the cause was unknown."


def test_the_sentence_holding_an_offset_is_found() -> None:
    at = TEXT.index("Two")
    assert sentence_at(TEXT, at) == (at, TEXT.index("Police") - 1)
    assert sentence_at(TEXT, TEXT.index("unknown")) == (TEXT.index("Police"), len(TEXT))


def test_an_offset_between_two_sentences_is_in_none() -> None:
    assert sentence_at(TEXT, TEXT.index("  Two")) is None


def test_a_text_is_split_into_sentences_once() -> None:
    assert sentences(TEXT) is sentences(TEXT)
