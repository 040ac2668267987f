"""Unexpected errors: clients get "Unexpected error." and a request id, the server log the error in full."""

import logging
import uuid
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.exceptions import MissingQueryError
from strawberry.extensions import MaskErrors
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError

log = logging.getLogger("citegraph")

PASSED_ON = (GraphQLError, MissingQueryError, CannotGetOperationTypeError, InvalidOperationTypeError)
"""Exceptions that are not unexpected: GraphQL errors, and the ones Strawberry turns into HTTP 400s."""


def is_unexpected(error: GraphQLError) -> bool:
    """Errors raised by our code (not query syntax, validation or limits); their text may leak internals."""
    return error.original_error is not None and not isinstance(error.original_error, GraphQLError)


LOGGED_LENGTH = 200
"""Characters of a client error's message the log keeps (a message may quote a long argument)."""


def log_errors(errors: list[GraphQLError], unexpected_too: bool) -> None:
    """Log a request's errors (logger "citegraph"): one line for each error of the client's (syntax,
    validation, limits, bad arguments), never a traceback; an unexpected error in full when `unexpected_too`
    (else masking logs it, with the request id the client gets)."""
    for error in errors:
        if is_unexpected(error):
            if unexpected_too:
                original = error.original_error or error
                log.error(
                    "unexpected error at %s: %s",
                    ".".join(map(str, error.path or ())) or "-",
                    error.message,
                    exc_info=(type(original), original, original.__traceback__),
                )
            continue
        code = (error.extensions or {}).get("code")
        message = error.message.partition("\n")[0]
        if len(message) > LOGGED_LENGTH:
            message = message[:LOGGED_LENGTH] + "…"
        log.info("client error%s: %s", f" {code}" if code else "", message)


class MaskUnexpectedErrors(MaskErrors):
    """`MaskErrors` for unexpected errors, also those raised outside resolvers (in extensions), with one
    request id per request in `extensions.requestId`, logged (logger "citegraph") with the full error."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=is_unexpected)
        self.request_id: str | None = None

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        self.request_id = self.request_id or uuid.uuid4().hex
        original = error.original_error or error
        log.error(
            "unexpected error (request %s) at %s: %s",
            self.request_id,
            ".".join(map(str, error.path or ())) or "-",
            error.message,
            exc_info=(type(original), original, original.__traceback__),
        )
        return GraphQLError(self.error_message, error.nodes, path=error.path, extensions={"requestId": self.request_id})

    def mask(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        """`errors` with the unexpected ones anonymised (for `schema.pipeline`, which runs no extensions)."""
        return [self.anonymise_error(error) if self.should_mask_error(error) else error for error in errors]

    def on_operation(self) -> Iterator[None]:
        try:
            yield from super().on_operation()
        except PASSED_ON:
            raise
        except Exception as error:
            raise self.anonymise_error(GraphQLError(str(error), original_error=error)) from None
