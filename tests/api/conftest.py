"""Fixtures of the browser tests (GraphiQL's, the desk's)."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
REQUIRED = "CITEGRAPH_TEST_BROWSER"


@pytest.fixture
def chromium() -> Path:
    """Debian's Chromium; without it the test skips, saying so, unless CITEGRAPH_TEST_BROWSER=required (CI)."""
    if not CHROMIUM.exists():
        if os.environ.get(REQUIRED) == "required":
            pytest.fail(f"{REQUIRED}=required but there is no {CHROMIUM} (apt-get install chromium)")
        pytest.skip(f"browser tests skipped: no {CHROMIUM} (apt-get install chromium)")
    return CHROMIUM
