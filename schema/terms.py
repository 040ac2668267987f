"""The open vocabularies over GraphQL: terms with their broader and narrower terms and references, and the
`TermCode` scalar the kind and category fields hold."""

from typing import NewType

import strawberry
from graphql import EnumValueNode, GraphQLError, StringValueNode, ValueNode
from strawberry.types import Info

from db.enums import Vocabulary
from db.terms import CODE, chain
from db.terms import Term as TermRow
from resolvers.context import Context

Ctx = Info[Context, None]


NOT_A_CODE = "a term's code is upper-case letters, digits and `_`, starting with a letter (FIRE)"


def _code(value: object) -> str:
    if not isinstance(value, str) or not CODE.fullmatch(value):
        raise GraphQLError(NOT_A_CODE)
    return value


def _literal(node: ValueNode, _variables: object = None) -> str:
    """A code written as a string ("FIRE") or bare, like an enum value (FIRE), as the enums it replaces were."""
    if isinstance(node, EnumValueNode | StringValueNode):
        return _code(node.value)
    raise GraphQLError(NOT_A_CODE)


TermCode = NewType("TermCode", str)
"""A term's code where GraphQL shows it: the scalar `TERM_CODE` (registered by `schema.make_schema`)."""
TERM_CODE = strawberry.scalar(
    name="TermCode",
    description="The code of a term of a vocabulary (`FIRE`, `POLICE`): see `terms`. In a query it may be written "
    "bare, like an enum value (`kind: [FIRE]`), or as a string.",
    serialize=str,
    parse_value=_code,
    parse_literal=_literal,
)

strawberry.enum(Vocabulary, description="An open vocabulary: its terms are data, and admins may add terms (`addTerm`).")
for _value in Vocabulary.__strawberry_definition__.values:  # type: ignore[attr-defined]
    _value.description = {
        "EVENT_KIND": "Kinds of events (`Event.kind`).",
        "ORGANIZATION_KIND": "Kinds of organizations (`Organization.kind`).",
        "CASUALTY_CATEGORY": "Groups the people a casualty figure counts belong to (`Casualty.categories`).",
        "PLACE_KIND": "Kinds of places (`Place.kind`).",
    }[_value.name]


@strawberry.type(
    description="Where a term comes from: a type of a published scheme (ACLED, CAMEO), by its name and code."
)
class TermReference:
    scheme: str = strawberry.field(description="The scheme: `ACLED` (its event types and sub-event types, actor types) "
                                   "or `CAMEO` (its event codes).")  # fmt: skip
    code: str | None = strawberry.field(description="The scheme's code for it (CAMEO `173`); null when it has none.")
    name: str = strawberry.field(
        description="The scheme's name for it (ACLED `Strategic developments / Arrests`: event type / sub-event type)."
    )


async def vocabulary_terms(info: Ctx, vocabulary: Vocabulary) -> list[TermRow]:
    """Every term of `vocabulary`, read once per request however many fields ask (one statement)."""
    found: list[TermRow] = await info.context.loaders.by_column(TermRow, "vocabulary").load(vocabulary.value)
    return found


@strawberry.type(
    description="A term of a vocabulary: what a kind or category code means, where it sits (`broader`, `narrower`) "
    "and where it comes from (`references`). Filtering on a term matches every term below it."
)
class Term:
    row: strawberry.Private[TermRow]

    @strawberry.field(description="The vocabulary it belongs to.")
    def vocabulary(self) -> Vocabulary:
        return Vocabulary(self.row.vocabulary)

    @strawberry.field(description="Its code, unique in its vocabulary: what facts store and filters take.")
    def code(self) -> TermCode:
        return TermCode(self.row.code)

    @strawberry.field(description="A short name for people (`Fire`).")
    def label(self) -> str:
        return self.row.label

    @strawberry.field(description="What it covers.")
    def description(self) -> str:
        return self.row.description

    @strawberry.field(description="Where it comes from: ACLED or CAMEO types it matches; empty for citegraph's own.")
    def references(self) -> list[TermReference]:
        return [TermReference(scheme=r["scheme"], code=r.get("code"), name=r["name"]) for r in self.row.term_references]

    @strawberry.field(description="The term it is a narrower kind of (FIRE: DISASTER); null for a top term.")
    async def broader(self, info: Ctx) -> "Term | None":
        found = await _chain(info, self.row)
        return found[0] if found else None

    @strawberry.field(description="Every broader term, nearest first, up to a top term (WILDFIRE: FIRE, DISASTER).")
    async def broader_chain(self, info: Ctx) -> list["Term"]:
        return await _chain(info, self.row)

    @strawberry.field(description="The terms directly below it, by code.")
    async def narrower(self, info: Ctx) -> list["Term"]:
        terms = await vocabulary_terms(info, Vocabulary(self.row.vocabulary))
        return [Term(row=t) for t in sorted(terms, key=lambda t: t.code) if t.broader_id == self.row.id]


async def _chain(info: Ctx, row: TermRow) -> list[Term]:
    terms = await vocabulary_terms(info, Vocabulary(row.vocabulary))
    return [Term(row=t) for t in chain({t.id: t for t in terms}, row)]


async def term_of(info: Ctx, vocabulary: Vocabulary, code: str) -> Term | None:
    """The term of a stored code (None only if the term was removed by hand from the database)."""
    found = next((t for t in await vocabulary_terms(info, vocabulary) if t.code == code), None)
    return None if found is None else Term(row=found)


@strawberry.input(description="A new term of a vocabulary (admins only): the code facts will store, and its meaning.")
class AddTermInput:
    vocabulary: Vocabulary = strawberry.field(description="The vocabulary to extend.")
    code: str = strawberry.field(
        description="Its code: upper-case letters, digits and `_`, starting with a letter (WILDFIRE); never changes."
    )
    label: str = strawberry.field(description="A short name for people (`Wildfire`).")
    description: str = strawberry.field(description="What it covers.")
    broader: str | None = strawberry.field(
        default=None,
        description="The code of the term of the same vocabulary it is a narrower kind of (FIRE): filters on that term "
        "then match it. Optional: without it, a top term.",
    )


@strawberry.input(description="New wording or a new place for a term (admins only); fields left out stay as stored.")
class UpdateTermInput:
    vocabulary: Vocabulary = strawberry.field(description="The term's vocabulary.")
    code: str = strawberry.field(description="The term's code (it never changes: facts store it).")
    label: str | None = strawberry.field(default=None, description="A new label. Optional.")
    description: str | None = strawberry.field(default=None, description="A new description. Optional.")
    broader: str | None = strawberry.field(
        default=None, description="The code of a new broader term; one below the term itself is refused. Optional."
    )


@strawberry.type(description="The term is stored; facts may use its code from now on.")
class TermAdded:
    term: Term = strawberry.field(description="The stored term.")


@strawberry.type(description="The term is changed.")
class TermUpdated:
    term: Term = strawberry.field(description="The term as now stored.")
