"""The persisted-query store: what a hash names, how much it keeps, and the trusted-documents manifest it reads."""

import json
from pathlib import Path

import pytest

from citegraph.http_errors import RequestRefused
from citegraph.persisted import ENTRY_CHARS, PersistedQueries, read_manifest, sha256
from citegraph.settings import SettingsError

QUERIES = [f"{{ a{n}: __typename }}" for n in range(4)]


def by_hash(query: str) -> dict[str, object]:
    return {"persistedQuery": {"version": 1, "sha256Hash": sha256(query)}}


def test_the_hash_is_the_sha256_of_the_querys_utf8_text() -> None:
    assert sha256("{ __typename }") == "7f56e67dd21ab3f30d1ff8b7bed08893f0a0db86449836189b361dd1e56ddb4b"


def test_the_store_keeps_what_fits_and_drops_the_least_recently_used_first() -> None:
    store = PersistedQueries(stored_chars=3 * (len(QUERIES[0]) + ENTRY_CHARS))
    for query in QUERIES[:3]:
        store.resolve(query, by_hash(query))
    store.resolve(None, by_hash(QUERIES[0]))
    store.resolve(QUERIES[3], by_hash(QUERIES[3]))
    assert list(store.stored) == [sha256(q) for q in (QUERIES[2], QUERIES[0], QUERIES[3])]
    with pytest.raises(RequestRefused, match="PersistedQueryNotFound"):
        store.resolve(None, by_hash(QUERIES[1]))


def test_a_query_larger_than_the_store_is_run_but_not_kept() -> None:
    store = PersistedQueries(stored_chars=ENTRY_CHARS + 5)
    assert store.resolve(QUERIES[0], by_hash(QUERIES[0])) == QUERIES[0]
    assert not store.stored and store.stored_chars == 0


def test_a_plain_map_of_hash_to_query_is_a_manifest(tmp_path: Path) -> None:
    path = tmp_path / "trusted.json"
    path.write_text(json.dumps({sha256(q): q for q in QUERIES}))
    assert read_manifest(str(path)) == {sha256(q): q for q in QUERIES}


def test_an_apollo_persisted_query_manifest_is_a_manifest(tmp_path: Path) -> None:
    path = tmp_path / "manifest.json"
    operations = [{"id": sha256(q), "body": q, "name": f"A{n}", "type": "query"} for n, q in enumerate(QUERIES)]
    path.write_text(json.dumps({"format": "apollo-persisted-query-manifest", "version": 1, "operations": operations}))
    assert read_manifest(str(path)) == {sha256(q): q for q in QUERIES}


@pytest.mark.parametrize(
    ("content", "fault"),
    [
        (None, "cannot read the file"),
        ("{", "not JSON"),
        ("[]", "must be a JSON object of sha256 hash -> query"),
        (json.dumps({"ab": QUERIES[0]}), "'ab' is not the sha256 of its query"),
        (json.dumps({sha256(QUERIES[0]): 5}), "is not the sha256 of its query"),
        (json.dumps({"format": "apollo-persisted-query-manifest", "operations": 3}), "must be a list of objects"),
    ],
    ids=["missing", "not-json", "not-an-object", "wrong-hash", "not-a-query", "apollo-without-operations"],
)
def test_a_manifest_that_cannot_be_used_is_refused_naming_the_fault(
    tmp_path: Path, content: str | None, fault: str
) -> None:
    path = tmp_path / "trusted.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(SettingsError, match=f"CITEGRAPH_TRUSTED_DOCUMENTS={path}: .*{fault}"):
        read_manifest(str(path))
