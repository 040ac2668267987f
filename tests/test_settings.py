"""Settings come from CITEGRAPH_* variables, read once, with safe defaults."""

import pytest

from citegraph.settings import Settings, load_settings


def test_defaults_are_a_local_sqlite_file_with_errors_masked(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CITEGRAPH_DATABASE_URL", "CITEGRAPH_DEBUG", "CITEGRAPH_SEED_ON_START"):
        monkeypatch.delenv(name, raising=False)
    assert load_settings() == Settings()


def test_environment_overrides_each_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITEGRAPH_DATABASE_URL", "postgresql://db/citegraph")
    monkeypatch.setenv("CITEGRAPH_DEBUG", "true")
    monkeypatch.setenv("CITEGRAPH_SEED_ON_START", "0")
    assert load_settings() == Settings(database_url="postgresql://db/citegraph", debug=True, seed_on_start=False)
