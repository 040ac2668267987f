"""The GraphQL request an HTTP request holds (GraphQL over HTTP: a POST's JSON object, or a GET's query string,
with `query`, `variables`, `operationName` and `extensions`); a request that holds none is refused naming
what is wrong. JSON is read by orjson: UTF-8 only, nested at most 1,024 deep."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from citegraph.http_errors import RequestRefused


@dataclass(frozen=True)
class GraphQLRequest:
    query: str | None
    """None when `extensions` name a persisted query (`citegraph.persisted`), or a GET gave none."""
    variables: dict[str, Any] | None
    operation_name: str | None
    extensions: dict[str, Any] | None


def is_json(content_type: str | None) -> bool:
    """Whether a media type is application/json (parameters such as charset aside)."""
    return (content_type or "").partition(";")[0].strip().lower() == "application/json"


def parse_body(content_type: str | None, body: bytes) -> GraphQLRequest:
    """The request in a POST body; `RequestRefused` (415 for another media type, else 400) names the fault."""
    if not is_json(content_type):
        raise RequestRefused(415, f"A GraphQL request is posted as application/json, not {content_type or 'no type'}.")
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError as error:
        raise RequestRefused(400, f"The request body is not JSON: {error}.") from None
    if not isinstance(data, dict):
        raise RequestRefused(
            400, f"The request body must be a JSON object with a `query` string, not {_kind(data)} (no batches)."
        )
    return request_in(data)


def request_in(data: dict[str, Any]) -> GraphQLRequest:
    """The request a POST body's object (or a WebSocket operation's payload) holds; `RequestRefused` (400) names a
    field of the wrong kind, or the query missing."""
    query, variables = data.get("query"), data.get("variables")
    name, extensions = data.get("operationName"), data.get("extensions")
    if not isinstance(query, str | None):
        raise RequestRefused(400, f"`query` must be a string, not {_kind(query)}.")
    if not isinstance(variables, dict | None):
        raise RequestRefused(400, f"`variables` must be an object or null, not {_kind(variables)}.")
    if not isinstance(name, str | None):
        raise RequestRefused(400, f"`operationName` must be a string or null, not {_kind(name)}.")
    if not isinstance(extensions, dict | None):
        raise RequestRefused(400, f"`extensions` must be an object or null, not {_kind(extensions)}.")
    if query is None and "persistedQuery" not in (extensions or {}):
        raise RequestRefused(400, "The request body has no `query`: a JSON object with a `query` string is expected.")
    return GraphQLRequest(query, variables, name, extensions)


def parse_query_string(parameters: Mapping[str, str]) -> GraphQLRequest:
    """The request in a GET's query string; `RequestRefused` (400) names a `variables` or `extensions` parameter
    that is not a JSON object. The query may be missing (`citegraph.view` refuses that after persisted queries)."""
    return GraphQLRequest(
        parameters.get("query"),
        _json_parameter(parameters, "variables"),
        parameters.get("operationName"),
        _json_parameter(parameters, "extensions"),
    )


def _json_parameter(parameters: Mapping[str, str], name: str) -> dict[str, Any] | None:
    raw = parameters.get(name)
    if raw is None:
        return None
    if not raw:
        raise RequestRefused(400, f"The GraphQL operation's `{name}` must be an object or null, if provided.")
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise RequestRefused(400, f"The `{name}` parameter is not JSON: {error}.") from None
    if not isinstance(value, dict | None):
        raise RequestRefused(400, f"`{name}` must be an object or null, not {_kind(value)}.")
    return value


def _kind(value: object) -> str:
    """A JSON value's kind, as a client would name it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "an array" if isinstance(value, list) else "an object"
