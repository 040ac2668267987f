"""The JSON-LD context of the export: the Web Annotation context by its URL, then citegraph's own terms and the
PROV-O terms it uses, embedded; and local copies of the contexts named by URL, so that nothing is fetched."""

import json
from functools import cache
from pathlib import Path
from typing import Any

from exports.ids import IRI_PREFIX

ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
VOCABULARY = f"{IRI_PREFIX}vocab:"
"""citegraph's classes and properties (`cg:Casualty`, `cg:count`, `cg:count_low`)."""

CONTEXT: list[Any] = [
    ANNOTATION_CONTEXT,
    {
        "prov": "http://www.w3.org/ns/prov#",
        "cg": VOCABULARY,
        "citegraph": IRI_PREFIX,
        "wasAttributedTo": {"@id": "prov:wasAttributedTo", "@type": "@id"},
        "wasDerivedFrom": {"@id": "prov:wasDerivedFrom", "@type": "@id"},
    },
]

LOCAL_COPIES = {ANNOTATION_CONTEXT: Path(__file__).parent / "contexts" / "anno.jsonld"}
"""Where each context named by URL is kept (see `exports/contexts/README.md` for their provenance and licence)."""


@cache
def local_document(url: str) -> dict[str, Any]:
    """The context document at `url`, read from its local copy; KeyError for a URL without one."""
    document: dict[str, Any] = json.loads(LOCAL_COPIES[url].read_text(encoding="utf-8"))
    return document
