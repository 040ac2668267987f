"""Source documents, cited fact files, and the loader that verifies every quote."""

from pathlib import Path

SEEDS_DIR = Path(__file__).parent
"""The seed corpus: every `*.yaml` fact file here is loaded by `citegraph seed` with no arguments."""
