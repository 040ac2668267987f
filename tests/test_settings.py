"""Settings come from CITEGRAPH_* variables, read once, with safe defaults."""

import pytest

from citegraph.settings import Settings, SettingsError, load_settings


def test_defaults_are_a_local_sqlite_file_with_errors_masked(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CITEGRAPH_DATABASE_URL", "CITEGRAPH_DEBUG", "CITEGRAPH_SEED_ON_START"):
        monkeypatch.delenv(name, raising=False)
    assert load_settings() == Settings()


def test_environment_overrides_each_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITEGRAPH_DATABASE_URL", "postgresql://db/citegraph")
    monkeypatch.setenv("CITEGRAPH_DEBUG", "true")
    monkeypatch.setenv("CITEGRAPH_SEED_ON_START", "0")
    assert load_settings() == Settings(database_url="postgresql://db/citegraph", debug=True, seed_on_start=False)


LIMITS = {
    "CITEGRAPH_MAX_QUERY_DEPTH": ("8", "max_query_depth", 8),
    "CITEGRAPH_MAX_ALIASES": ("5", "max_aliases", 5),
    "CITEGRAPH_MAX_TOKENS": ("800", "max_tokens", 800),
    "CITEGRAPH_MAX_QUERY_COST": ("5000", "max_query_cost", 5000),
    "CITEGRAPH_QUERY_TIMEOUT_MS": ("2500", "query_timeout_ms", 2500),
    "CITEGRAPH_MAX_VALIDATION_WORK": ("2000", "max_validation_work", 2000),
    "CITEGRAPH_MAX_LIST_ITEMS": ("50", "max_list_items", 50),
    "CITEGRAPH_MAX_SEARCH_CHARS": ("80", "max_search_chars", 80),
    "CITEGRAPH_MAX_SEARCH_TERMS": ("4", "max_search_terms", 4),
    "CITEGRAPH_MAX_BODY_BYTES": ("65536", "max_body_bytes", 65536),
    "CITEGRAPH_REQUEST_READ_TIMEOUT_MS": ("750", "request_read_timeout_ms", 750),
    "CITEGRAPH_DB_CONNECT_TIMEOUT_MS": ("1500", "db_connect_timeout_ms", 1500),
    "CITEGRAPH_DB_STATEMENT_TIMEOUT_MS": ("30000", "db_statement_timeout_ms", 30000),
}


@pytest.mark.parametrize("name", LIMITS)
def test_environment_sets_each_limit(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    raw, attribute, value = LIMITS[name]
    monkeypatch.setenv(name, raw)
    assert getattr(load_settings(), attribute) == value


@pytest.mark.parametrize("name", LIMITS)
def test_a_limit_that_is_not_a_positive_number_is_refused_naming_it(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv(name, "0")
    with pytest.raises(SettingsError, match=f"{name} must be a positive whole number, got '0'"):
        load_settings()


def test_defaults_lock_cross_origin_calls_out_and_keep_graphiql_and_introspection() -> None:
    settings = Settings()
    assert settings.cors_origins == () and settings.graphiql and settings.introspection


def test_cors_origins_are_a_comma_separated_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITEGRAPH_CORS_ORIGINS", "https://news.example.org, http://localhost:5173")
    assert load_settings().cors_origins == ("https://news.example.org", "http://localhost:5173")


def test_a_cors_origin_with_a_path_is_refused_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITEGRAPH_CORS_ORIGINS", "https://news.example.org/")
    with pytest.raises(
        SettingsError, match=r"CITEGRAPH_CORS_ORIGINS must list origins .* got 'https://news\.example\.org/'"
    ):
        load_settings()


def test_graphiql_and_introspection_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITEGRAPH_GRAPHIQL", "false")
    monkeypatch.setenv("CITEGRAPH_INTROSPECTION", "false")
    settings = load_settings()
    assert not settings.graphiql and not settings.introspection


def test_trusted_documents_name_a_manifest_and_are_off_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().trusted_documents is None
    monkeypatch.setenv("CITEGRAPH_TRUSTED_DOCUMENTS", "/srv/citegraph/trusted.json")
    assert load_settings().trusted_documents == "/srv/citegraph/trusted.json"
