"""Evidence: the documents we hold, the citations into them, and the links from fact values to citations."""

from datetime import UTC, date, datetime

from sqlalchemy import CheckConstraint, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from db.base import content_id
from db.enums import CitationKind, SourceKind


class Source(SQLModel, table=True):
    """A document we hold in full, so every quote from it can be checked; unknown metadata stays null."""

    __tablename__ = "source"

    id: str = Field(primary_key=True)
    kind: SourceKind
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    url: str | None = None
    language: str | None = None
    published_on: date | None = None
    retrieved_on: date | None = None
    text: str = Field(sa_column=Column(Text, nullable=False))
    sha256: str = Field(min_length=64, max_length=64, index=True)
    withdrawn_at: datetime | None = None
    """Set when the source was retracted: values resting only on it are then unsupported."""
    withdrawn_by: str | None = None
    withdrawn_reason: str | None = None


class Citation(SQLModel, table=True):
    """An exact quote at character offsets in a source, with who said it and through whom it reached us.

    The speaker and the intermediary are each a person or an organization (at most one of the two).
    """

    __tablename__ = "citation"
    __table_args__ = (
        CheckConstraint("end_offset - start_offset = length(quote)", name="quote_matches_offsets"),
        CheckConstraint("kind != 'INFERRED' OR note IS NOT NULL", name="inference_has_note"),
        CheckConstraint("attributed_person_id IS NULL OR attributed_organization_id IS NULL", name="one_speaker"),
        CheckConstraint("via_person_id IS NULL OR via_organization_id IS NULL", name="one_intermediary"),
    )

    id: str = Field(primary_key=True)
    source_id: str = Field(foreign_key="source.id", index=True)
    quote: str = Field(sa_column=Column(Text, nullable=False))
    start_offset: int = Field(ge=0)
    end_offset: int = Field(ge=0)
    kind: CitationKind
    note: str | None = Field(default=None, sa_column=Column(Text))
    attributed_person_id: str | None = Field(default=None, foreign_key="person.id")
    attributed_organization_id: str | None = Field(default=None, foreign_key="organization.id")
    via_person_id: str | None = Field(default=None, foreign_key="person.id")
    via_organization_id: str | None = Field(default=None, foreign_key="organization.id")


class FactCitation(SQLModel, table=True):
    """Links one cited field of one row (`entity_type` is the table name) to a citation that supports it."""

    __tablename__ = "fact_citation"
    __table_args__ = (UniqueConstraint("entity_type", "entity_id", "field", "citation_id", "value_id"),)

    id: str = Field(primary_key=True)
    entity_type: str = Field(index=True)
    entity_id: str = Field(index=True)
    field: str
    citation_id: str = Field(foreign_key="citation.id", index=True)
    value_id: str | None = Field(default=None, foreign_key="fact_value.id", index=True)
    """Null: the citation supports the value the row holds; else the rival value (`fact_value`) it supports."""
    added_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    """When the write that made this link committed; kept when a correction or a rank swap moves the link."""


def relinked(link: FactCitation, value_id: str | None) -> FactCitation:
    """A copy of `link` supporting `value_id` (None: the value its row holds), added when `link` was: how a
    correction, a rival or a rank swap moves a citation between the values of one field."""
    parts: tuple[object, ...] = (link.entity_type, link.entity_id, link.field, link.citation_id)
    return FactCitation(
        id=content_id(*parts, value_id) if value_id else content_id(*parts),
        entity_type=link.entity_type,
        entity_id=link.entity_id,
        field=link.field,
        citation_id=link.citation_id,
        value_id=value_id,
        added_at=link.added_at,
    )
