"""Browser tests here drive Debian's Chromium too (the plumbing lives with the core's browser tests)."""

from opengov.core.tests.conftest import browser_type_launch_args  # noqa: F401 - a pytest fixture, re-exported
