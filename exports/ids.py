"""Global ids (`Person:delcy-rodriguez`, as the API gives them) of the rows an export writes, and their IRIs."""

from typing import Any

from db.base import RECORD

TYPE_NAMES = {
    "place": "Place",
    "person": "Person",
    "organization": "Organization",
    "alias": "Alias",
    "membership": "Membership",
    "person_relationship": "PersonRelationship",
    "organization_relationship": "OrganizationRelationship",
    "event": "Event",
    "event_participant": "Participation",
    "casualty": "Casualty",
    "casualty_affiliation": "CasualtyAffiliation",
    "casualty_category": "CasualtyCategoryLink",
    "casualty_rank": "CasualtyRank",
    "casualty_component": "CasualtyComponent",
    "legal_proceeding": "LegalProceeding",
    "defendant": "Defendant",
    "charge": "Charge",
    "hearing": "Hearing",
    "plea": "PleaEntry",
    "judge": "Judge",
    "demand": "Demand",
    "demand_term": "DemandTerm",
    "source": "Source",
    "citation": "Citation",
    "fact_value": "Value",
}
"""The API's type name of each table's rows (`tests/test_export_ids.py` holds them to `schema.registry`), kept here so
that an export does not build the GraphQL schema. `casualty_category` rows are no API node: the API lists them as a
casualty's `categories`; nor are `alias` rows, which it lists as their owner's `aliases`."""

IRI_PREFIX = "urn:citegraph:"
"""What a global id is written after to make an IRI (JSON-LD `citegraph:` prefix)."""


def global_id(table: str, key: Any) -> str:
    return f"{TYPE_NAMES[table]}:{key}"


def field_iri(table: str, key: Any, field: str) -> str:
    """The compact IRI of a cited field's value (`citegraph:Casualty:total-killed#count`); a relation cited as a
    whole (RECORD) is its row's own IRI."""
    row = f"citegraph:{global_id(table, key)}"
    return row if field == RECORD else f"{row}#{field}"
