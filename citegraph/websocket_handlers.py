"""Strawberry's handlers of the two GraphQL WebSocket protocols, with each operation's persisted query resolved
(`citegraph.persisted`) as an HTTP request's is: a hash alone names a known query, and trusted documents hold over
WebSocket too. A refused operation gets the protocol's error message for its id; the connection stays open. The
legacy protocol runs queries and mutations too, as graphql-transport-ws does. A query that does not parse gets its
syntax error (the token limit named) as HTTP gives it, from the pipeline's parser: Strawberry's stream lets the
error escape the operation."""

from typing import Any, Protocol, cast

from graphql import GraphQLError, GraphQLFormattedError
from strawberry.schema.base import BaseSchema
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import BaseGraphQLTransportWSHandler
from strawberry.subscriptions.protocols.graphql_transport_ws.types import ErrorMessage, SubscribeMessage
from strawberry.subscriptions.protocols.graphql_ws import types as legacy
from strawberry.subscriptions.protocols.graphql_ws.handlers import BaseGraphQLWSHandler

from citegraph.http_errors import RequestRefused
from citegraph.persisted import PersistedQueries
from resolvers.context import Context
from schema.pipeline import Pipeline


class PersistingView(Protocol):
    persisted: PersistedQueries
    pipeline: Pipeline


def resolved_payload(view: object, payload: object) -> Any:
    """`payload` with the query its persisted-query hash names, if it gives one (`RequestRefused` otherwise); a
    payload that is not an object is left for the protocol to refuse."""
    if not isinstance(payload, dict):
        return payload
    query = payload.get("query")
    extensions = payload.get("extensions")
    resolved = cast(PersistingView, view).persisted.resolve(
        query if isinstance(query, str) else None, extensions if isinstance(extensions, dict) else None
    )
    return payload if resolved is None or resolved is query else {**payload, "query": resolved}


def syntax_error(view: object, payload: object) -> GraphQLFormattedError | None:
    """The error of a payload whose query does not parse, logged as HTTP logs it; None for any other payload."""
    query = payload.get("query") if isinstance(payload, dict) else None
    if not isinstance(query, str) or not query:
        return None
    pipeline = cast(PersistingView, view).pipeline
    try:
        pipeline.parse(query)
    except GraphQLError as error:
        pipeline.schema.process_errors([error])
        return error.formatted
    except Exception:  # left to Strawberry's pipeline, which reports it
        return None
    return None


class TransportWSHandler(BaseGraphQLTransportWSHandler[Context, None]):
    """graphql-transport-ws: a refused `subscribe` gets an `error` message."""

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        if self.connection_acknowledged:
            try:
                message = {**message, "payload": resolved_payload(self.view, message.get("payload"))}
            except RequestRefused as refused:
                await self.send_message(ErrorMessage(id=message["id"], type="error", payload=[refused.error()]))
                return
            error = syntax_error(self.view, message["payload"])
            if error is not None:
                await self.send_message(ErrorMessage(id=message["id"], type="error", payload=[error]))
                return
        await super().handle_subscribe(message)


class AnyOperation:
    """A schema as the legacy handler calls it: `subscribe` runs any operation (Strawberry's `stream`), a query or
    mutation answered with one `data` message and `complete`, as subscriptions-transport-ws servers answer them;
    Strawberry's handler runs subscriptions only, and answered a query with `Unexpected error.`."""

    def __init__(self, schema: BaseSchema) -> None:
        self.schema = schema

    async def subscribe(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        operation_extensions: dict[str, Any] | None = None,
    ) -> Any:
        return await self.schema.stream(
            query, variable_values, context_value, root_value, operation_name, operation_extensions
        )


class LegacyWSHandler(BaseGraphQLWSHandler[Context, None]):
    """The legacy graphql-ws (subscriptions-transport-ws), for every operation: a refused `start` gets an `error`
    message."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.schema = cast(BaseSchema, AnyOperation(self.schema))

    async def handle_start(self, message: legacy.StartMessage) -> None:
        if self.connection_acknowledged:
            try:
                message = {**message, "payload": resolved_payload(self.view, message.get("payload"))}
            except RequestRefused as refused:
                await self.send_message(legacy.ErrorMessage(type="error", id=message["id"], payload=refused.error()))
                return
            error = syntax_error(self.view, message["payload"])
            if error is not None:
                await self.send_message(legacy.ErrorMessage(type="error", id=message["id"], payload=error))
                return
        await super().handle_start(message)
