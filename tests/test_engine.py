"""Database URLs are mapped to the async driver we run on; a database from an older version is refused."""

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from db.engine import OutdatedSchema, UnsupportedDatabase, async_url, create_schema


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("sqlite:///citegraph.db", "sqlite+aiosqlite:///citegraph.db"),
        ("sqlite+pysqlite:///x.db", "sqlite+aiosqlite:///x.db"),
        ("postgresql://u:p@localhost/db", "postgresql+asyncpg://u:***@localhost/db"),
        ("postgresql+asyncpg://u@localhost/db", "postgresql+asyncpg://u@localhost/db"),
        ("postgresql+psycopg://u@localhost/db", "postgresql+asyncpg://u@localhost/db"),
    ],
)
def test_url_is_mapped_to_the_async_driver(given: str, expected: str) -> None:
    assert str(async_url(given)) == expected


def test_unsupported_backend_is_refused_by_name() -> None:
    with pytest.raises(UnsupportedDatabase, match="mysql"):
        async_url("mysql://localhost/db")


async def test_a_database_lacking_a_column_is_refused_naming_it(engine: AsyncEngine) -> None:
    async with engine.begin() as conn:
        cascade = " CASCADE" if engine.dialect.name == "postgresql" else ""  # PostgreSQL's asOf views use it
        await conn.execute(text(f"ALTER TABLE fact_citation DROP COLUMN added_at{cascade}"))
    with pytest.raises(OutdatedSchema, match=r"lacks fact_citation\.added_at; start from an empty database"):
        await create_schema(engine)
