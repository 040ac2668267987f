"""The measurement behind the proposer's choice of rules over spaCy: spaCy's small English model's entities scored
like the proposer's (`proposals.evaluate`). spaCy is not a dependency of the project; run in two steps:

    .venv/bin/python -m bench.spacy_entities texts > /tmp/texts.json
    SPACY_PYTHON -m bench.spacy_entities tag < /tmp/texts.json > /tmp/mentions.json   # a venv with spaCy and a model
    .venv/bin/python -m bench.spacy_entities score < /tmp/mentions.json
"""

import json
import sys
from typing import Any

LABELS = {"PERSON": "PERSON", "ORG": "ORGANIZATION", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}


def texts() -> None:
    from proposals.gold import CORPORA, UNSEEN, load

    json.dump([[c.name, g.source_id, g.text] for c in (*CORPORA, *UNSEEN) for g in load(c)], sys.stdout)


def tag(model: str) -> None:
    import spacy

    nlp: Any = spacy.load(model)
    out = []
    for corpus, source_id, text in json.load(sys.stdin):
        doc = nlp(text)
        mentions = [[LABELS[e.label_], e.start_char, e.end_char] for e in doc.ents if e.label_ in LABELS]
        out.append([corpus, source_id, mentions])
    json.dump(out, sys.stdout)


def score() -> None:
    """spaCy alone, and a hybrid: the rules' linked or confident mentions kept, spaCy's where they overlap none of
    those (replacing the rules' guesses, a capitalized name typed by default)."""
    from proposals.evaluate import Tally, evaluate_source
    from proposals.gold import CORPORA, UNSEEN, load
    from proposals.mentions import find_mentions
    from proposals.records import EntityMention, EntityType

    tagged = {(c, s): m for c, s, m in json.load(sys.stdin)}
    for corpora, title in ((CORPORA, "tuned corpora"), (UNSEEN, "desk articles")):
        alone, hybrid = Tally(), Tally()
        for corpus in corpora:
            for gold in load(corpus):
                spacy_mentions = [
                    EntityMention(EntityType(kind), gold.text[start:end], start, end, None, 1.0)
                    for kind, start, end in tagged[(corpus.name, gold.source_id)]
                ]
                found = find_mentions(gold.text, gold.gazetteer)
                sure = [r for r in found if r.entity_id is not None or r.confidence > 0.6]
                overlapped = [
                    r
                    for r in found
                    if r not in sure and any(r.start < m.end and m.start < r.end for m in spacy_mentions)
                ]
                rules = [r for r in found if r not in overlapped]
                added = [m for m in spacy_mentions if not any(r.start < m.end and m.start < r.end for r in sure)]
                alone.add(evaluate_source(gold, spacy_mentions)["entities"])
                hybrid.add(evaluate_source(gold, [*rules, *added])["entities"])
        for name, total in (("spaCy alone", alone), ("rules + spaCy", hybrid)):
            figures = f"gold {total.gold} proposed {total.proposed} P {total.precision:.2f} R {total.recall:.2f}"
            print(f"{name}, {title}: {figures}")


if __name__ == "__main__":
    {"texts": texts, "score": score}.get(sys.argv[1], lambda: tag(sys.argv[2] if len(sys.argv) > 2 else ""))()
