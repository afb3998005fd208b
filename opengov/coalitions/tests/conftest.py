"""Browser tests here drive Debian's Chromium like core's (the same launch fixture, not a second way)."""

from opengov.core.tests.conftest import browser_type_launch_args  # noqa: F401
