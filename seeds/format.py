"""The shape of a fact file, validated before anything is written.

Every fact field is a mapping with its value and `cite`: one citation or a list of them. A citation is a
quote (a plain string, or a mapping with `quote`) in the file's `default_source` unless it names `source`;
`by` and `via` name the person or organization who made the statement and the one it reached the source
through; `inferred` turns it into an INFERRED citation whose text is the explanation; `occurrence` (from 1)
picks one of several identical quotes.
"""

import datetime as dt
from typing import Annotated, Generic, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from db.enums import (
    CasualtyCategory,
    CasualtyOutcome,
    CountWording,
    DatePrecision,
    EventKind,
    MembershipStatus,
    OrganizationKind,
    OrganizationRelationKind,
    PersonRelationKind,
    PlaceKind,
    Plea,
    SourceKind,
)

T = TypeVar("T")


class Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CiteSpec(Spec):
    quote: str = Field(min_length=1)
    source: str | None = None
    occurrence: int | None = Field(default=None, ge=1)
    by: str | None = None
    via: str | None = None
    inferred: str | None = Field(default=None, min_length=1)


def _as_cite_list(raw: object) -> object:
    if raw is None:
        return []
    items = raw if isinstance(raw, list) else [raw]
    return [{"quote": item} if isinstance(item, str) else item for item in items]


Cites = Annotated[list[CiteSpec], BeforeValidator(_as_cite_list), Field(min_length=1)]


class Cited(Spec, Generic[T]):
    """A fact value with the citations that support it."""

    value: T
    cite: Cites


class CitedDateSpec(Spec):
    value: dt.date
    end: dt.date | None = None
    precision: DatePrecision
    open_ended: bool = False
    cite: Cites


class CitedCountSpec(Spec):
    low: int | None = Field(default=None, ge=0)
    high: int | None = Field(default=None, ge=0)
    wording: CountWording
    cite: Cites


class CitedRangeSpec(Spec):
    min: int | None = Field(default=None, ge=0)
    max: int | None = Field(default=None, ge=0)
    cite: Cites


class SourceSpec(Spec):
    """A source document: its text inline (`text`) or in a file beside the fact file (`file`), not both."""

    id: str = ""
    """Required in fact files; a source added through the API without one gets `src-` and its hash."""
    file: str | None = None
    text: str | None = Field(default=None, min_length=1)
    kind: SourceKind
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    url: str | None = None
    language: str | None = None
    published_on: dt.date | None = None
    retrieved_on: dt.date | None = None

    @model_validator(mode="after")
    def _one_text(self) -> "SourceSpec":
        if (self.file is None) == (self.text is None):
            raise ValueError("a source gives exactly one of `text` (inline) or `file` (beside the fact file)")
        return self


class PlaceSpec(Spec):
    id: str
    name: Cited[str]
    aliases: list[Cited[str]] = []
    kind: Cited[PlaceKind] | None = None
    within: Cited[str] | None = None


class PersonSpec(Spec):
    id: str
    name: Cited[str]
    aliases: list[Cited[str]] = []


class OrganizationSpec(Spec):
    id: str
    name: Cited[str]
    aliases: list[Cited[str]] = []
    kind: Cited[OrganizationKind] | None = None
    country: Cited[str] | None = None
    parent: Cited[str] | None = None


class MembershipSpec(Spec):
    person: str
    organization: str
    role: str
    cite: Cites
    status: Cited[MembershipStatus] | None = None
    start: CitedDateSpec | None = None
    end: CitedDateSpec | None = None


class PersonRelationshipSpec(Spec):
    person: str
    related_person: str
    kind: PersonRelationKind
    cite: Cites


class OrganizationRelationshipSpec(Spec):
    subject: str
    object: str
    kind: OrganizationRelationKind
    cite: Cites


class ParticipantSpec(Spec):
    who: str
    role: str
    cite: Cites


class EventSpec(Spec):
    id: str
    title: Cited[str]
    kind: Cited[EventKind]
    description: Cited[str] | None = None
    date: CitedDateSpec | None = None
    place: Cited[str] | None = None
    parent: Cited[str] | None = None
    participants: list[ParticipantSpec] = []


class AffiliationSpec(Spec):
    organization: str | None = None
    country: str | None = None
    cite: Cites


class CategorySpec(Spec):
    category: CasualtyCategory
    cite: Cites


class RankSpec(Spec):
    rank: str
    count: int = Field(ge=1)
    cite: Cites


class PartSpec(Spec):
    part: str
    cite: Cites


class CasualtySpec(Spec):
    id: str
    description: Cited[str]
    outcome: Cited[CasualtyOutcome]
    count: CitedCountSpec
    event: Cited[str] | None = None
    reported_by: Cited[str] | None = None
    reported_on: CitedDateSpec | None = None
    caused_by: Cited[str] | None = None
    age_range: CitedRangeSpec | None = None
    ranks_complete: Cited[bool] | None = None
    affiliations: list[AffiliationSpec] = []
    categories: list[CategorySpec] = []
    ranks: list[RankSpec] = []
    parts: list[PartSpec] = []


class DefendantSpec(Spec):
    person: str
    cite: Cites


class ChargeSpec(Spec):
    id: str
    offence: Cited[str]
    defendant: Cited[str] | None = None


class HearingSpec(Spec):
    id: str
    kind: Cited[str]
    date: CitedDateSpec | None = None
    place: Cited[str] | None = None
    event: Cited[str] | None = None


class PleaSpec(Spec):
    defendant: str
    plea: Cited[Plea]
    date: CitedDateSpec | None = None
    charge: Cited[str] | None = None
    hearing: Cited[str] | None = None


class LegalProceedingSpec(Spec):
    id: str
    title: Cited[str]
    court: Cited[str] | None = None
    jurisdiction: Cited[str] | None = None
    charges_complete: Cited[bool] | None = None
    defendants: list[DefendantSpec] = []
    charges: list[ChargeSpec] = []
    hearings: list[HearingSpec] = []
    pleas: list[PleaSpec] = []


class TermSpec(Spec):
    term: str
    cite: Cites


class DemandSpec(Spec):
    id: str
    summary: Cited[str]
    made_by: Cited[str] | None = None
    addressed_to: Cited[str] | None = None
    terms_complete: Cited[bool] | None = None
    terms: list[TermSpec] = []


class FactFile(Spec):
    """One YAML fact file. Person and organization ids share one namespace (a speaker is either)."""

    sources: list[SourceSpec] = []
    default_source: str | None = None
    places: list[PlaceSpec] = []
    persons: list[PersonSpec] = []
    organizations: list[OrganizationSpec] = []
    memberships: list[MembershipSpec] = []
    person_relationships: list[PersonRelationshipSpec] = []
    organization_relationships: list[OrganizationRelationshipSpec] = []
    events: list[EventSpec] = []
    casualties: list[CasualtySpec] = []
    legal_proceedings: list[LegalProceedingSpec] = []
    demands: list[DemandSpec] = []
