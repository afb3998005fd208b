from __future__ import annotations

from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "ogp-commitments-sample.csv"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def sample_bytes() -> bytes:
    return SAMPLE.read_bytes()
