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
    from proposals.evaluate import Tally, evaluate_source
    from proposals.gold import CORPORA, UNSEEN, load
    from proposals.records import EntityMention, EntityType

    tagged = {(c, s): m for c, s, m in json.load(sys.stdin)}
    for corpora, title in ((CORPORA, "tuned corpora"), (UNSEEN, "unseen")):
        total = Tally()
        for corpus in corpora:
            for gold in load(corpus):
                mentions = [
                    EntityMention(EntityType(kind), gold.text[start:end], start, end, None, 1.0)
                    for kind, start, end in tagged[(corpus.name, gold.source_id)]
                ]
                total.add(evaluate_source(gold, mentions)["entities"])
        print(
            f"spaCy entities, {title}: gold {total.gold} proposed {total.proposed} P {total.precision} R {total.recall}"
        )


if __name__ == "__main__":
    {"texts": texts, "score": score}.get(sys.argv[1], lambda: tag(sys.argv[2] if len(sys.argv) > 2 else ""))()
