"""Strawberry's handlers of the two GraphQL WebSocket protocols, with queries and mutations run by the one pipeline
(`schema.pipeline`) and subscriptions by Strawberry's. Each operation's persisted query is resolved
(`citegraph.persisted`) as an HTTP request's is: a hash alone names a known query, and trusted documents hold over
WebSocket too.

A query or mutation gets what HTTP POST gives for it, in a fresh context (loaders, reads) with the connection's
bearer token (its upgrade request's `Authorization` header), closed when it ends: an operation that ran gets one
`next` (legacy: `data`) message holding POST's response, then `complete`; one refused before it ran (syntax,
validation, the limits, no such operation) gets the protocol's `error` message holding POST's errors, as a refused
subscription does. The connection stays open."""

import asyncio
from contextlib import suppress
from dataclasses import replace
from typing import Any, Protocol, cast

from graphql import GraphQLFormattedError, OperationType
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
    Operation,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import ErrorMessage, Message, SubscribeMessage
from strawberry.subscriptions.protocols.graphql_ws import types as legacy
from strawberry.subscriptions.protocols.graphql_ws.handlers import BaseGraphQLWSHandler

from citegraph.graphql_request import request_in
from citegraph.http_errors import RequestRefused
from citegraph.persisted import PersistedQueries
from citegraph.runtime import collect_after_answer
from resolvers.context import Context
from schema.pipeline import Answer, GraphQLOperation, OperationRefused, Pipeline, chosen_operation


class PipelineView(Protocol):
    persisted: PersistedQueries
    pipeline: Pipeline


def resolved_payload(view: object, payload: object) -> Any:
    """`payload` with the query its persisted-query hash names, if it gives one; `RequestRefused` as HTTP refuses a
    POST body holding it (a field of the wrong kind, no query, a hash not known or not trusted). A payload that is
    not an object is left for the protocol to refuse."""
    if not isinstance(payload, dict):
        return payload
    request = request_in(payload)
    resolved = cast(PipelineView, view).persisted.resolve(request.query, request.extensions)
    return payload if resolved is None or resolved is request.query else {**payload, "query": resolved}


def is_subscription(view: object, query: str | None, operation_name: str | None) -> bool:
    """Whether the operation a client sent is a subscription, read with the pipeline's parser (cached) and choice of
    operation; one that does not parse or names no operation is not (the pipeline says why)."""
    if not query:
        return False
    try:
        document = cast(PipelineView, view).pipeline.parse(query)
        return chosen_operation(document, operation_name).operation is OperationType.SUBSCRIPTION
    except Exception:
        return False


async def answer(
    view: object, connection: Context, query: str | None, variables: Any, operation_name: str | None
) -> Answer:
    """The pipeline's answer to a query or mutation sent over the WebSocket, in a fresh context of the connection's
    (its token, not its loaders); an operation the pipeline refuses whole is refused with HTTP's 400 error."""
    operation = GraphQLOperation(query, variables, operation_name)
    try:
        return await cast(PipelineView, view).pipeline.execute_request(operation, replace(connection), mutations=True)
    except OperationRefused as refused:
        return Answer({"errors": [RequestRefused(400, refused.message).error()]}, executed=False)


def errors_of(answer: Answer) -> list[GraphQLFormattedError]:
    """The errors of an answer refused before it ran (it always has some)."""
    errors: list[GraphQLFormattedError] = answer.response["errors"]
    return errors


class TransportWSHandler(BaseGraphQLTransportWSHandler[Context, None]):
    """graphql-transport-ws: a refused `subscribe` gets an `error` message."""

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        if self.connection_acknowledged:
            try:
                message = {**message, "payload": resolved_payload(self.view, message.get("payload"))}
            except RequestRefused as refused:
                await self.send_message(ErrorMessage(id=message["id"], type="error", payload=[refused.error()]))
                return
        await super().handle_subscribe(message)

    async def run_operation(self, operation: Operation[Context, None]) -> None:
        """Strawberry's task of one operation (a public method) for subscriptions; the pipeline's answer for the
        rest, its failures handled as Strawberry's are."""
        if is_subscription(self.view, operation.query, operation.operation_name):
            await super().run_operation(operation)
            return
        try:
            answered = await answer(
                self.view, self.context, operation.query, operation.variables, operation.operation_name
            )
            if not answered.executed:
                await operation.send_operation_message(
                    ErrorMessage(id=operation.id, type="error", payload=errors_of(answered))
                )
                return
            next_message = {"id": operation.id, "type": "next", "payload": answered.response}
            await operation.send_operation_message(cast(Message, next_message))
            await operation.send_operation_message({"id": operation.id, "type": "complete"})
            collect_after_answer()
        except Exception as error:
            await self.handle_task_exception(error)
            with suppress(Exception):
                await operation.send_operation_message({"id": operation.id, "type": "complete"})
            self.operations.pop(operation.id, None)
            raise


class LegacyWSHandler(BaseGraphQLWSHandler[Context, None]):
    """The legacy graphql-ws (subscriptions-transport-ws), for every operation: a query or mutation is answered with
    one `data` message and `complete`, as subscriptions-transport-ws servers answer them (Strawberry's handler runs
    subscriptions only); a refused `start` gets an `error` message holding the first error."""

    async def handle_start(self, message: legacy.StartMessage) -> None:
        if self.connection_acknowledged:
            try:
                message = {**message, "payload": resolved_payload(self.view, message.get("payload"))}
            except RequestRefused as refused:
                await self.send_message(legacy.ErrorMessage(type="error", id=message["id"], payload=refused.error()))
                return
        await super().handle_start(message)

    async def handle_async_results(
        self, operation_id: str, query: str, operation_name: str | None, variables: dict[str, object] | None
    ) -> None:
        """Strawberry's task of one operation (a public method) for subscriptions; the pipeline's answer for the
        rest, a stop answered with `complete` and the operation forgotten when it ends, as Strawberry's are."""
        if is_subscription(self.view, query, operation_name):
            await super().handle_async_results(operation_id, query, operation_name, variables)
            return
        try:
            answered = await answer(self.view, self.context, query, variables, operation_name)
            if not answered.executed:
                error = errors_of(answered)[0]
                await self.send_message(legacy.ErrorMessage(type="error", id=operation_id, payload=error))
                return
            data = {"type": "data", "id": operation_id, "payload": answered.response}
            await self.send_message(cast(legacy.DataMessage, data))
            await self.send_message(legacy.CompleteMessage(type="complete", id=operation_id))
            collect_after_answer()
        except asyncio.CancelledError:
            await self.send_message(legacy.CompleteMessage(type="complete", id=operation_id))
        finally:
            self.tasks.pop(operation_id, None)
