"""What every fact table shares: content-derived ids and the declaration of its cited fields."""

import hashlib
from typing import ClassVar

from sqlmodel import SQLModel

RECORD = "record"
"""Field name under which a relationship row's own citations are stored (the link and its attributes)."""


def content_id(*parts: object) -> str:
    """A stable id derived from content, so that loading the same facts twice writes nothing new."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()
    return digest[:20]


class FactTable(SQLModel):
    """Base of every table whose columns state facts.

    `__fact_fields__` maps each cited field to the columns it covers; a field is stated (and so must have
    a citation) when any of its columns is not null. A field with no columns (``record``) is always stated.
    """

    __fact_fields__: ClassVar[dict[str, tuple[str, ...]]] = {}
    __stated_with__: ClassVar[dict[str, tuple[str, ...]]] = {}
    """Columns outside any cited field that a document gives only with one (an event's `date_open_ended` with
    its `date`): kept as stored when the document omits the field, set when it fills the field."""
