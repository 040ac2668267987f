"""The evaluation's gold and matching, and a floor for the corpora the proposer was written against."""

from proposals.evaluate import Tally, evaluate_source, run
from proposals.gold import CORPORA, FRESH, FRESH_2, FRESH_3, FRESH_4, all_cites, load
from proposals.records import CountProposal, Wording
from seeds.format import FactFile
from seeds.loader import parse_fact_file
from seeds.quotes import locate


def test_a_gold_count_stands_where_its_cite_quote_is() -> None:
    [seed] = load(CORPORA[0])
    spans = {seed.text[c.span[0] : c.span[1]]: (c.low, c.high, c.wording) for c in seed.counts}
    assert spans["killed at least 55"] == (55, None, "AT_LEAST")
    assert spans["two colonels"] == (2, 2, "EXACTLY")


def test_a_gold_date_is_left_out_where_its_quote_has_no_date_word() -> None:
    [seed] = load(CORPORA[0])
    quotes = {seed.text[d.span[0] : d.span[1]] for d in seed.dates}
    assert "during the US attacks on Saturday" in quotes
    assert "Hours after this court appearance" not in quotes
    assert seed.undated_date_cites == 3


def test_a_between_proposal_matches_the_fact_files_about_range() -> None:
    health = next(g for g in load(CORPORA[1]) if g.source_id == "health-office-statement")
    start = health.text.index("Between 30 and 40 people")
    between = CountProposal(30, 40, Wording.BETWEEN, "people", None, "Between 30 and 40 people", start, start + 24, 0.9)
    tally = evaluate_source(health, [between])["counts"]
    assert (tally.matched_proposed, tally.matched_gold) == (1, 1)


def test_a_count_with_other_bounds_does_not_match() -> None:
    health = next(g for g in load(CORPORA[1]) if g.source_id == "health-office-statement")
    start = health.text.index("Between 30 and 40 people")
    wrong = CountProposal(30, 30, Wording.EXACTLY, "people", None, "Between 30", start, start + 10, 0.9)
    assert evaluate_source(health, [wrong])["counts"].matched_proposed == 0


def test_entities_counts_and_dates_stay_above_the_targets_on_the_corpora_written_against() -> None:
    _, total = run(CORPORA, "floor")
    for kind in ("entities", "counts", "dates"):
        tally: Tally = total[kind]
        assert tally.precision is not None and tally.precision >= 0.7, kind
        assert tally.recall is not None and tally.recall >= 0.8, kind


def test_every_quote_of_the_fresh_articles_is_located_in_its_text() -> None:
    for corpus in (*FRESH, *FRESH_2, *FRESH_3, *FRESH_4):
        [path] = corpus.files
        facts = parse_fact_file(path)
        assert isinstance(facts, FactFile), facts
        texts = {s.id: (path.parent / str(s.file)).read_text(encoding="utf-8") for s in facts.sources}
        for cite in all_cites(facts):
            where = locate(texts[cite.source or str(facts.default_source)], cite.quote, cite.occurrence)
            assert isinstance(where, tuple), (path.name, cite.quote, where)


def test_each_fresh_article_holds_gold_entities_counts_and_dates() -> None:
    for corpus in (*FRESH, *FRESH_2, *FRESH_3, *FRESH_4):
        [gold] = load(corpus)
        assert gold.entities and gold.counts and gold.dates, gold.source_id
