"""A request that holds no GraphQL request is refused as GraphQL-shaped JSON with a code and a 4xx status,
naming what is wrong: never a 500, never a traceback, and one line in the server's log."""

import base64
import logging
from typing import Any

import httpx
import pytest

from tests.conftest import GraphQLClient

JSON = {"Content-Type": "application/json"}


def refusal(response: httpx.Response, status: int, code: str) -> str:
    """The message of a refusal with `status` and `code`, checking its shape."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body: dict[str, Any] = response.json()
    assert list(body) == ["errors"] and len(body["errors"]) == 1, body
    error: dict[str, Any] = body["errors"][0]
    assert error["extensions"]["code"] == code
    message: str = error["message"]
    return message


@pytest.mark.parametrize(("body", "kind"), [(b"5", "a number"), (b"true", "a boolean"), (b'"x"', "a string")])
async def test_a_body_that_is_json_but_not_an_object_is_refused_naming_its_kind(
    http: httpx.AsyncClient, body: bytes, kind: str
) -> None:
    message = refusal(await http.post("/graphql", content=body, headers=JSON), 400, "BAD_REQUEST")
    assert message == f"The request body must be a JSON object with a `query` string, not {kind} (no batches)."


async def test_a_body_of_null_is_refused(http: httpx.AsyncClient) -> None:
    message = refusal(await http.post("/graphql", content=b"null", headers=JSON), 400, "BAD_REQUEST")
    assert "not null" in message


async def test_a_batch_is_refused(http: httpx.AsyncClient) -> None:
    response = await http.post("/graphql", json=[{"query": "{ __typename }"}])
    assert "not an array (no batches)" in refusal(response, 400, "BAD_REQUEST")


async def test_a_body_that_is_not_json_is_refused_saying_where(http: httpx.AsyncClient) -> None:
    message = refusal(await http.post("/graphql", content=b"{not json", headers=JSON), 400, "BAD_REQUEST")
    assert message.startswith("The request body is not JSON:") and "column 2" in message


async def test_a_body_that_is_not_utf8_is_refused(http: httpx.AsyncClient) -> None:
    body = b'{"query": "{ __typename \xff }"}'
    message = refusal(await http.post("/graphql", content=body, headers=JSON), 400, "BAD_REQUEST")
    assert "not valid UTF-8" in message


async def test_variables_nested_a_hundred_thousand_deep_are_refused(http: httpx.AsyncClient) -> None:
    body = b'{"query": "{ __typename }", "variables": {"v": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}"
    message = refusal(await http.post("/graphql", content=body, headers=JSON), 400, "BAD_REQUEST")
    assert "depth limit exceeded" in message


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "The request body has no `query`: a JSON object with a `query` string is expected."),
        ({"query": 5}, "`query` must be a string, not a number."),
        ({"query": "{ __typename }", "variables": [1]}, "`variables` must be an object or null, not an array."),
        ({"query": "{ __typename }", "operationName": 1}, "`operationName` must be a string or null, not a number."),
        ({"query": "{ __typename }", "extensions": "x"}, "`extensions` must be an object or null, not a string."),
    ],
)
async def test_a_member_of_the_wrong_kind_is_refused_by_name(
    http: httpx.AsyncClient, body: dict[str, Any], message: str
) -> None:
    assert refusal(await http.post("/graphql", json=body), 400, "BAD_REQUEST") == message


async def test_a_body_of_another_media_type_is_refused_with_415(http: httpx.AsyncClient) -> None:
    response = await http.post("/graphql", content=b"{ __typename }", headers={"Content-Type": "text/plain"})
    assert refusal(response, 415, "UNSUPPORTED_MEDIA_TYPE") == (
        "A GraphQL request is posted as application/json, not text/plain."
    )


async def test_get_variables_that_are_not_json_are_refused_naming_the_parameter(http: httpx.AsyncClient) -> None:
    response = await http.get("/graphql", params={"query": "{ __typename }", "variables": "[" * 5000})
    assert refusal(response, 400, "BAD_REQUEST").startswith("The `variables` parameter is not JSON:")


async def test_get_without_a_query_is_refused_as_json(http: httpx.AsyncClient) -> None:
    response = await http.get("/graphql", headers={"Accept": "application/json"})
    assert refusal(response, 400, "BAD_REQUEST") == "No GraphQL query found in the request"


async def test_a_mutation_over_get_is_refused_as_json(http: httpx.AsyncClient) -> None:
    response = await http.get("/graphql", params={"query": 'mutation { revokeToken(name: "x") { __typename } }'})
    assert refusal(response, 400, "BAD_REQUEST") == "mutations are not allowed when using GET"


def cursor(value: object) -> str:
    return base64.urlsafe_b64encode(repr(value).replace("'", '"').encode()).decode()


@pytest.mark.parametrize(
    "after",
    [
        "[" * 5000,
        base64.urlsafe_b64encode(b"[" * 5000).decode(),
        cursor([12345678901234567890]),
        cursor([-(2**63) - 1]),
        "x" * 10_000,
    ],
)
async def test_a_cursor_not_ours_is_an_error_naming_the_argument(gql: GraphQLClient, after: str) -> None:
    body = await gql.post("query ($after: String) { changes(after: $after) { totalCount } }", {"after": after})
    error = body["errors"][0]
    assert error["message"].startswith("after: ") and error["message"].endswith(
        "is not a valid cursor for this list and order"
    )
    assert error["extensions"] == {"code": "BAD_USER_INPUT"} and len(error["message"]) < 200


@pytest.mark.parametrize("moment", ["9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+14:00"])
@pytest.mark.parametrize("field", ["events(asOf: $at) { totalCount }", "changes(since: $at) { totalCount }"])
async def test_a_moment_beyond_the_years_of_a_date_is_refused_by_name(
    gql: GraphQLClient, moment: str, field: str
) -> None:
    body = await gql.post(f"query ($at: DateTime) {{ {field} }}", {"at": moment})
    assert body["data"] is None
    assert f'"{moment}". it lies outside the years 1 to 9999 in UTC' in body["errors"][0]["message"]


async def test_the_log_gets_one_line_for_a_clients_error(gql: GraphQLClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    await gql.post('{ events(after: "%s") { totalCount } }' % ("[" * 5000))
    records = [r for r in caplog.records if r.levelno >= logging.INFO and not r.name.startswith(("httpx", "alembic"))]
    assert [(r.name, r.exc_info) for r in records] == [("citegraph", None)]
    assert len(records[0].getMessage()) < 300 and "\n" not in records[0].getMessage()


SUBSCRIBE = "subscription { factChanged { seq } }"


async def test_a_subscription_posted_over_http_is_refused_naming_the_websocket(http: httpx.AsyncClient) -> None:
    message = refusal(await http.post("/graphql", json={"query": SUBSCRIBE}), 400, "BAD_REQUEST")
    assert message == "A subscription is served over the WebSocket at /graphql (graphql-transport-ws), not over HTTP."


async def test_a_subscription_over_get_is_refused_too(http: httpx.AsyncClient) -> None:
    response = await http.get("/graphql", params={"query": SUBSCRIBE})
    assert "served over the WebSocket" in refusal(response, 400, "BAD_REQUEST")
