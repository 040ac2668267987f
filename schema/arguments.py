"""Errors in a field's arguments, reported to the client as they are (never masked), with a code."""

from graphql import GraphQLError


class ArgumentError(GraphQLError):
    """A bad argument (a cursor not ours, a page too large, a moment out of range); the message names the
    argument. `code` is BAD_USER_INPUT unless a limit refused it, then the limit's code and value."""

    def __init__(self, message: str, code: str = "BAD_USER_INPUT", limit: int | None = None) -> None:
        extensions: dict[str, object] = {"code": code}
        if limit is not None:
            extensions["limit"] = limit
        super().__init__(message, extensions=extensions)
