"""The committed SDL is the schema the code builds, so every API change shows up in review."""

from pathlib import Path

from schema import export_sdl

COMMITTED = Path(__file__).parent.parent / "schema" / "schema.graphql"


def test_committed_sdl_matches_the_code() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == export_sdl(), (
        "schema/schema.graphql is stale: run `make schema` and commit the result"
    )
