"""The README's example query runs against the seed data and returns exactly the answer it shows."""

import json
import re
from pathlib import Path
from typing import Any

from tests.conftest import GraphQLClient, Tokens

README = Path(__file__).parent.parent.parent / "README.md"


def example() -> tuple[str, object]:
    text = README.read_text(encoding="utf-8")
    query = re.search(r"```graphql\n(.*?)```", text, re.S)
    answer = re.search(r"```json\n(.*?)```", text, re.S)
    assert query and answer, "README.md must show a ```graphql query followed by its ```json answer"
    return query.group(1), json.loads(answer.group(1))


async def test_readme_example_returns_the_answer_shown(gql: GraphQLClient) -> None:
    query, answer = example()
    assert {"data": await gql.data(query)} == answer


def write_example() -> tuple[list[dict[str, Any]], list[object]]:
    """The request bodies of the README's write example and the answers it shows, in order."""
    text = README.read_text(encoding="utf-8").split("## Writing through the API", 1)[1].split("\n## ", 1)[0]
    requests = [json.loads(body) for body in re.findall(r"<<'JSON'\n(.*?)\nJSON", text, re.S)]
    answers = [json.loads(body) for body in re.findall(r"```json\n(.*?)```", text, re.S)]
    assert requests and len(requests) == len(answers), "each request of the write example needs its answer"
    return requests, answers


async def test_readme_write_example_returns_the_answers_shown(gql: GraphQLClient, tokens: Tokens) -> None:
    requests, answers = write_example()
    for request, answer in zip(requests, answers, strict=True):
        assert await gql.post(request["query"], request["variables"], tokens.editor) == answer
    data = await gql.data('{ node(id: "Person:ana-ruiz") { ... on Person { name { value citations { quote } } } } }')
    assert data["node"]["name"] == {"value": "Ana Ruiz", "citations": [{"quote": "Ana Ruiz"}]}
