"""The HTTP surface: GraphiQL and GraphQL at /graphql, health check, nulls for unknown ids, no 500s."""

import httpx
import pytest

from tests.conftest import GraphQLClient


async def test_healthz_checks_the_database(http: httpx.AsyncClient) -> None:
    response = await http.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


async def test_graphiql_is_served_at_graphql_without_redirect(http: httpx.AsyncClient) -> None:
    response = await http.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


async def test_first_start_seeds_an_empty_database(gql: GraphQLClient) -> None:
    data = await gql.data("{ sources { edges { node { id kind title language } } } }")
    assert data["sources"]["edges"] == [
        {"node": {"id": "Source:maduro-raid-article", "kind": "NEWS_ARTICLE", "title": None, "language": "en"}}
    ]


async def test_source_text_is_the_article_byte_for_byte(gql: GraphQLClient) -> None:
    from tests.factories import ARTICLE

    data = await gql.data('{ source(id: "Source:maduro-raid-article") { text sha256 } }')
    assert data["source"]["text"].encode("utf-8") == ARTICLE.read_bytes()


@pytest.mark.parametrize(
    "field", ["source", "citation", "event", "person", "organization", "place", "casualty", "legalProceeding", "demand"]
)
async def test_unknown_id_returns_null_without_error(gql: GraphQLClient, field: str) -> None:
    assert await gql.data(f'{{ {field}(id: "no-such-id") {{ id }} }}') == {field: None}


async def test_malformed_query_is_a_graphql_error_not_a_500(gql: GraphQLClient) -> None:
    body = await gql.post("{ events { edges ")
    assert body["errors"][0]["message"].startswith("Syntax Error")


async def test_unknown_field_is_a_graphql_error_naming_it(gql: GraphQLClient) -> None:
    body = await gql.post("{ events { edges { node { id headline } } } }")
    assert "headline" in body["errors"][0]["message"]


async def test_a_repeated_invalid_query_gets_its_errors_each_time(gql: GraphQLClient) -> None:
    for _ in range(3):
        body = await gql.post("{ events { edges { node { id headline } } } }")
        assert body["data"] is None and "headline" in body["errors"][0]["message"]
    assert (await gql.data("{ events { edges { node { id } } } }"))["events"]["edges"]


async def test_unexpected_errors_are_masked(gql: GraphQLClient, monkeypatch: pytest.MonkeyPatch) -> None:
    async def broken(*args: object) -> None:
        raise RuntimeError("database password is hunter2")

    monkeypatch.setattr("schema.connection.fetch_page", broken)
    body = await gql.post("{ events { edges { node { id } } } }")
    assert body["data"] is None
    assert body["errors"][0]["message"] == "Unexpected error."
    assert "hunter2" not in str(body)
