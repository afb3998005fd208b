"""Browser-test plumbing: Playwright drives Debian's Chromium (never a downloaded browser).

Without /usr/bin/chromium the browser tests skip with the reason printed, except when REQUIRE_BROWSER=1
(CI sets it), where a missing browser is a failure: CI must never pass by skipping them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# The launch that works offline on these machines (STACK.md): without the background-networking flags
# Chromium keeps trying to reach the network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_or_skip() -> None:
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} is not installed (apt-get install -y chromium)"
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch arguments, pointed at Debian's Chromium.

    The browser check lives here because pytest-playwright builds its session-wide browser from this
    fixture before any test-level fixture runs: skipping here skips every test that needs a browser.
    """
    chromium_or_skip()
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "headless": True, "args": CHROMIUM_ARGS}
