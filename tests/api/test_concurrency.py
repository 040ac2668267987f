"""Many writers and readers at once: every write lands, and no answer carries an error."""

import asyncio
import json

from tests.api.test_writes import INGEST
from tests.conftest import GraphQLClient, Tokens

WRITERS = 20
TEXT = "Witness {n} said the convoy passed at dawn, and witness {n} counted the trucks."


def witness_document(n: int) -> str:
    text = TEXT.format(n=n)
    return f"""
sources:
  - {{id: statement-{n}, kind: OTHER, title: Statement {n}, text: {json.dumps(text)}}}
default_source: statement-{n}
persons:
  - id: witness-{n}
    name: {{value: Witness {n}, cite: {{quote: "witness {n}", occurrence: 1}}}}
"""


READ = "{ persons(first: 50) { totalCount edges { node { id name { value citations { quote } } } } } }"


async def test_parallel_writers_and_readers_lose_nothing(gql: GraphQLClient, tokens: Tokens) -> None:
    async def write(n: int) -> dict[str, object]:
        body = await gql.post(INGEST, {"document": witness_document(n)}, tokens.editor)
        assert body.get("errors") is None, body
        result: dict[str, object] = body["data"]["ingest"]
        return result

    async def read() -> None:
        body = await gql.post(READ)
        assert body.get("errors") is None, body

    results = await asyncio.gather(*(write(n) for n in range(WRITERS)), *(read() for _ in range(WRITERS)))
    written = results[:WRITERS]
    assert [r["__typename"] for r in written] == ["Ingested"] * WRITERS
    data = await gql.data('{ persons(filter: {name: "witness"}, first: 100) { totalCount } }')
    assert data["persons"]["totalCount"] == WRITERS
