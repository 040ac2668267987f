"""Builds, from introspection, a query that selects every field of every entity, and walks its answer."""

from collections.abc import Iterator
from typing import Any

INTROSPECTION = """
query {
  __schema {
    queryType { name }
    types {
      name kind
      fields { name args { name } type { ...TypeRef } }
      possibleTypes { name }
    }
  }
}
fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }
"""

EVIDENCE_TYPES = {
    *("Source", "Citation", "Support", "SearchResults", "ValueMatch", "CitationMatch", "SourceMatch"),
    *("CasualtyTotals", "CasualtyTotal", "CasualtyOverlap", "RivalReports", "CslItem", "CslName", "CslDate"),
    *("CountRange", "DateRange"),
}
"""The evidence, what rests on it, and sums and ranges computed from cited values (each end or bound names the
citations that give it: `lowFrom`, `startFrom`, ...): not facts, so not cited."""
WRITE_RESULTS = {
    *("Mutation", "Subscription", "SourceAdded", "Ingested", "Rejected", "Unauthorized", "Change"),
    *("SourceRetracted", "TokenRevoked", "Withdrawal", "Alternative", "ValueRanked", "FormerValue", "Corrected"),
    *("QuoteNotFound", "AmbiguousQuote", "MissingCitation", "NotFound", "ValidationError", "StorageFull"),
    "SourceWithdrawn",
    *("TermAdded", "TermUpdated", "Proposed", "ProposalAccepted", "ProposalRejected"),
}
"""What writes answer and log: receipts, reasons for refusal, the change feed; not facts, so not cited."""
EDITORIAL = {"Judgement", "Candidate", "NameMatch", "ScorePart", "Judged", "JudgementRetracted", "Proposal"}
"""Editors' judgements of whether records are one, and the proposals they judge: decisions about records, not
facts, so not cited; and the proposer's candidate facts (`Proposal`), which are no facts until accepted."""
VOCABULARY = {"Term", "TermReference"}
"""What the codes of kinds and categories mean (`terms`): the vocabulary facts are stated in, not facts, so not
cited; the fields holding a code carry its citations."""
IDENTIFIERS = {"id", "mergedIds"}
"""Fields naming objects, not stating facts."""
PLUMBING = {"PageInfo"}
"""Relay pagination types: not facts, so not cited."""


def is_plumbing(name: str) -> bool:
    return name in PLUMBING or name.endswith(("Connection", "Edge"))


CITATION_SELECTION = "{ id quote start end kind note line source { id } }"


def named(type_ref: dict[str, Any]) -> str:
    while type_ref.get("ofType"):
        type_ref = type_ref["ofType"]
    return str(type_ref["name"])


class SchemaWalk:
    def __init__(self, schema: dict[str, Any]) -> None:
        self.query = schema["queryType"]["name"]
        self.types = {t["name"]: t for t in schema["types"]}

    def fields(self, name: str) -> list[dict[str, Any]]:
        return list(self.types[name]["fields"] or [])

    def has_citations(self, name: str) -> bool:
        return any(f["name"] == "citations" for f in self.fields(name)) if self.types[name]["fields"] else False

    def entity_types(self) -> list[str]:
        """Object types that state facts: not the root, not evidence, not cited values or relations."""
        return sorted(
            name
            for name, t in self.types.items()
            if t["kind"] == "OBJECT"
            and not name.startswith("__")
            and name not in EVIDENCE_TYPES | WRITE_RESULTS | EDITORIAL | VOCABULARY | {self.query}
            and not is_plumbing(name)
            and not self.has_citations(name)
        )

    def selection(self, name: str, depth: int) -> str:
        """Every field of `name`, following references `depth` levels deep (then only ids)."""
        kind = self.types[name]["kind"]
        if kind in ("SCALAR", "ENUM"):
            return ""
        if name == "Citation":
            return CITATION_SELECTION
        if name == "Source":
            return "{ id }"
        if kind == "UNION":
            parts = " ".join(
                f"... on {p['name']} {self.selection(p['name'], depth)}" for p in self.types[name]["possibleTypes"]
            )
            return f"{{ __typename {parts} }}"
        chosen = []
        for field in self.fields(name):
            target = named(field["type"])
            target_kind = self.types[target]["kind"]
            if target_kind in ("SCALAR", "ENUM"):
                chosen.append(field["name"])
            elif target == "Citation" or depth > 0:
                chosen.append(f"{field['name']} {self.selection(target, depth - 1)}")
        return "{ " + " ".join(chosen) + " }"

    def everything_query(self, depth: int = 2, as_of: str | None = None) -> str:
        """One query reading every root list of entities (first 100 of each) with all their fields, as of
        the moment `as_of` when given."""
        parts = []
        moment = f', asOf: "{as_of}"' if as_of else ""
        for field in self.fields(self.query):
            connection = named(field["type"])
            if connection.endswith("Connection") and connection not in NOT_ENTITY_LISTS:
                node = connection.removesuffix("Connection")
                selection = self.selection(node, depth)
                parts.append(f"{field['name']}(first: 100{moment}) {{ edges {{ node {selection} }} }}")
        return "query Everything { " + " ".join(parts) + " }"


NOT_ENTITY_LISTS = ("SourceConnection", "ProposalConnection")
"""Root lists of no entities: sources, and a source's proposals (which takes the source as an argument)."""


def walk(value: Any) -> Iterator[dict[str, Any]]:
    """Every object in a GraphQL answer, depth first."""
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item)
