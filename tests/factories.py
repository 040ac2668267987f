"""Small fact files written into a test's folder, quoting a copy of the seed article."""

import json
import shutil
from pathlib import Path

from seeds import SEEDS_DIR

ARTICLE = SEEDS_DIR / "sources" / "maduro-raid-article.txt"

HEADER = """\
sources:
  - {id: article, file: article.txt, kind: NEWS_ARTICLE, language: en}
default_source: article
"""


def fact_file(folder: Path, body: str, name: str = "facts.yaml", header: str = HEADER) -> Path:
    """Write `header` + `body` as a fact file next to a copy of the article; return its path."""
    shutil.copy(ARTICLE, folder / "article.txt")
    path = folder / name
    path.write_text(header + body, encoding="utf-8")
    return path


def person(person_id: str, name: str, quote: str) -> str:
    return f"""\
persons:
  - id: {person_id}
    name: {{value: {json.dumps(name)}, cite: {json.dumps(quote)}}}
"""
