"""Database URLs are mapped to the async driver we run on (the schema's making: tests/test_migrations.py)."""

import pytest

from db.engine import UnsupportedDatabase, async_url


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


def test_an_unsupported_backend_is_refused_without_the_url_and_its_password() -> None:
    with pytest.raises(UnsupportedDatabase) as refused:
        async_url("mysql://desk:secret@db.example/citegraph")
    assert "secret" not in str(refused.value) and "db.example" not in str(refused.value)


def test_a_string_that_is_no_url_is_refused_as_unsupported() -> None:
    with pytest.raises(UnsupportedDatabase, match="not a database URL"):
        async_url("citegraph.db")
