"""The README's example query runs against the seed data and returns exactly the answer it shows."""

import json
import re
from pathlib import Path

from tests.conftest import GraphQLClient

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
