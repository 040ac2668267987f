"""Persons, organizations and places, and the relations between them (Popolo-style memberships)."""

from datetime import date

from sqlalchemy import CheckConstraint
from sqlmodel import Field

from db.base import RECORD, FactTable
from db.enums import (
    DatePrecision,
    MembershipStatus,
    OrganizationRelationKind,
    PersonRelationKind,
)


class Place(FactTable, table=True):
    __tablename__ = "place"
    __fact_fields__ = {"name": ("name",), "kind": ("kind",), "within": ("within_id",)}

    id: str = Field(primary_key=True)
    name: str
    name_folded: str | None = Field(default=None, index=True)
    kind: str | None = None
    """A code of the PLACE_KIND vocabulary (`db.terms`)."""
    within_id: str | None = Field(default=None, foreign_key="place.id")


class Person(FactTable, table=True):
    __tablename__ = "person"
    __fact_fields__ = {"name": ("name",)}

    id: str = Field(primary_key=True)
    name: str = Field(index=True)
    name_folded: str | None = Field(default=None, index=True)


class Organization(FactTable, table=True):
    """Any body that acts or speaks: a government, armed force, ministry, court, news agency, union, ..."""

    __tablename__ = "organization"
    __fact_fields__ = {
        "name": ("name",),
        "kind": ("kind",),
        "country": ("country_id",),
        "parent": ("parent_id",),
    }

    id: str = Field(primary_key=True)
    name: str = Field(index=True)
    name_folded: str | None = Field(default=None, index=True)
    kind: str | None = None
    """A code of the ORGANIZATION_KIND vocabulary (`db.terms`)."""
    country_id: str | None = Field(default=None, foreign_key="place.id")
    parent_id: str | None = Field(default=None, foreign_key="organization.id")


class Membership(FactTable, table=True):
    """A person holding a post in an organization over time; the record citations cover person, post, role."""

    __tablename__ = "membership"
    __fact_fields__ = {
        RECORD: (),
        "status": ("status",),
        "start": ("start_date", "start_precision"),
        "end": ("end_date", "end_precision"),
    }

    id: str = Field(primary_key=True)
    person_id: str = Field(foreign_key="person.id", index=True)
    organization_id: str = Field(foreign_key="organization.id", index=True)
    role: str
    role_folded: str | None = Field(default=None, index=True)
    status: MembershipStatus | None = None
    start_date: date | None = None
    start_precision: DatePrecision | None = None
    end_date: date | None = None
    end_precision: DatePrecision | None = None


class PersonRelationship(FactTable, table=True):
    __tablename__ = "person_relationship"
    __table_args__ = (CheckConstraint("person_id != related_person_id", name="not_self"),)
    __fact_fields__ = {RECORD: ()}

    id: str = Field(primary_key=True)
    person_id: str = Field(foreign_key="person.id", index=True)
    related_person_id: str = Field(foreign_key="person.id", index=True)
    kind: PersonRelationKind


class OrganizationRelationship(FactTable, table=True):
    """A directed relation: `subject` CONTROLS `object`, for example."""

    __tablename__ = "organization_relationship"
    __fact_fields__ = {RECORD: ()}

    id: str = Field(primary_key=True)
    subject_id: str = Field(foreign_key="organization.id", index=True)
    object_id: str = Field(foreign_key="organization.id", index=True)
    kind: OrganizationRelationKind


class Alias(FactTable, table=True):
    """Another name a source gives a person, organization or place ("parliament" for the National Assembly),
    cited as a whole; exactly one of the three owners is set."""

    __tablename__ = "alias"
    __table_args__ = (
        CheckConstraint(
            "CASE WHEN person_id IS NULL THEN 0 ELSE 1 END + CASE WHEN organization_id IS NULL THEN 0 ELSE 1 END "
            "+ CASE WHEN place_id IS NULL THEN 0 ELSE 1 END = 1",
            name="one_owner",
        ),
    )
    __fact_fields__ = {RECORD: ()}

    id: str = Field(primary_key=True)
    person_id: str | None = Field(default=None, foreign_key="person.id", index=True)
    organization_id: str | None = Field(default=None, foreign_key="organization.id", index=True)
    place_id: str | None = Field(default=None, foreign_key="place.id", index=True)
    name: str
    name_folded: str | None = Field(default=None, index=True)


ALIAS_OWNERS = {"person": "person_id", "organization": "organization_id", "place": "place_id"}
"""The column of `alias` naming an owner of each table that has aliases (and can be merged)."""
