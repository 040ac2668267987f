"""Who may write: API tokens are shown once at creation; only their SHA-256 is stored."""

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col, select

from db.engine import session_factory
from db.enums import Role
from db.tokens import ApiToken
from db.writes import write_session

PREFIX = "cg_"


@dataclass(frozen=True)
class Actor:
    """Who is writing: the token's name (recorded with every write) and its role."""

    name: str
    role: Role


class TokenError(ValueError):
    """A token operation that cannot be done (a duplicate name, an unknown one)."""


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def create_token(engine: AsyncEngine, name: str, role: Role) -> str:
    """A new token for `name`; the returned secret is not stored and cannot be shown again."""
    token = PREFIX + secrets.token_urlsafe(32)
    async with write_session(engine) as session:
        if await session.get(ApiToken, name) is not None:
            raise TokenError(f"a token named {name!r} already exists (revoke it, or choose another name)")
        session.add(ApiToken(name=name, role=role, token_sha256=digest(token), created_at=now()))
    return token


async def list_tokens(engine: AsyncEngine) -> list[ApiToken]:
    async with session_factory(engine)() as session:
        return list((await session.scalars(select(ApiToken).order_by(col(ApiToken.name)))).all())


async def revoke_token(engine: AsyncEngine, name: str) -> ApiToken:
    """Revoke the token `name` (revoking it again changes nothing)."""
    async with write_session(engine) as session:
        token = await session.get(ApiToken, name)
        if token is None:
            raise TokenError(f"no token named {name!r}")
        if token.revoked_at is None:
            token.revoked_at = now()
        return token


async def actor_of(engine: AsyncEngine, token: str) -> Actor | None:
    """The actor a presented token stands for; None when it is unknown or revoked."""
    async with session_factory(engine)() as session:
        found = (await session.scalars(select(ApiToken).where(col(ApiToken.token_sha256) == digest(token)))).first()
    if found is None or found.revoked_at is not None:
        return None
    return Actor(found.name, found.role)
