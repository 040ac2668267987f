"""The examples of the README (and of docs/writing.md, which repeats its write) run and return the answers they show."""

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import GraphQLClient, Tokens

ROOT = Path(__file__).parent.parent.parent
README = ROOT / "README.md"
WRITING = ROOT / "docs" / "writing.md"


def example() -> tuple[str, object]:
    text = README.read_text(encoding="utf-8")
    query = re.search(r"```graphql\n(.*?)```", text, re.S)
    answer = re.search(r"```json\n(.*?)```", text, re.S)
    assert query and answer, "README.md must show a ```graphql query followed by its ```json answer"
    return query.group(1), json.loads(answer.group(1))


async def test_readme_example_returns_the_answer_shown(gql: GraphQLClient) -> None:
    query, answer = example()
    assert {"data": await gql.data(query)} == answer


def write_example(page: Path) -> tuple[list[dict[str, Any]], list[object]]:
    """The request bodies of a page's write example and the answers it shows, in order."""
    text = page.read_text(encoding="utf-8").split("## Writing through the API", 1)[1].split("\n## ", 1)[0]
    requests = [json.loads(body) for body in re.findall(r"<<'JSON'\n(.*?)\nJSON", text, re.S)]
    answers = [json.loads(body) for body in re.findall(r"```json\n(.*?)```", text, re.S)]
    assert requests and len(requests) == len(answers), "each request of the write example needs its answer"
    return requests, answers


@pytest.mark.parametrize("page", [README, WRITING], ids=["README", "docs-writing"])
async def test_write_example_returns_the_answers_shown(gql: GraphQLClient, tokens: Tokens, page: Path) -> None:
    requests, answers = write_example(page)
    for request, answer in zip(requests, answers, strict=True):
        assert await gql.post(request["query"], request["variables"], tokens.editor) == answer
    data = await gql.data('{ node(id: "Person:ana-ruiz") { ... on Person { name { value citations { quote } } } } }')
    assert data["node"]["name"] == {"value": "Ana Ruiz", "citations": [{"quote": "Ana Ruiz"}]}
