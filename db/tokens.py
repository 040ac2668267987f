"""The API token table; `db.access` creates, lists, revokes and checks tokens."""

import datetime as dt

from sqlmodel import Field, SQLModel

from db.enums import Role


class ApiToken(SQLModel, table=True):
    """A named write token; `revoked_at` set means it no longer authorizes anything."""

    __tablename__ = "api_token"

    name: str = Field(primary_key=True)
    role: Role
    token_sha256: str = Field(unique=True, index=True)
    created_at: dt.datetime
    revoked_at: dt.datetime | None = None
