"""The shared formula-injection guard (core/formula_injection.py): OWASP's triggers, and an exact round trip."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opengov.core.formula_injection import (
    could_hold_prefix,
    needs_prefix,
    neutralise,
    neutralise_row,
    restore,
    restore_row,
)

ATTACKS = [
    '=HYPERLINK("http://evil.example/x","Click me")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "-1+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    ' =HYPERLINK("http://evil.example/x")',
    '\t=HYPERLINK("http://evil.example/x")',
    '\r\n=HYPERLINK("http://evil.example/x")',
    "\tanything after a tab",
    "\ranything after a carriage return",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_every_trigger_gets_the_prefix(attack):
    assert neutralise(attack) == "'" + attack
    assert restore(neutralise(attack)) == attack


@pytest.mark.parametrize(
    "safe",
    ["", "Albania", "2024-08-31", "Ministry of Justice", "'quoted'", "a=b", "NR", "-1", "+3.5", "-0.25e3", "'-1"],
)
def test_ordinary_text_is_left_alone(safe):
    assert neutralise(safe) == safe and restore(safe) == safe


def test_only_text_is_touched():
    assert neutralise(-5) == -5 and neutralise(None) is None
    assert neutralise_row([1, None, "=1+1", "ok"]) == [1, None, "'=1+1", "ok"]


def test_a_quote_before_a_trigger_is_escaped_so_the_round_trip_stays_exact():
    assert neutralise("'=1+1") == "''=1+1"
    assert restore("''=1+1") == "'=1+1"
    assert restore("'=1+1") == "=1+1"


@given(st.lists(st.text(alphabet=st.sampled_from("'=+-@ \t\r\nab,\"1.e"), max_size=8), min_size=1, max_size=6))
def test_neutralise_then_restore_is_the_identity(cells):
    out = neutralise_row(list(cells))
    assert not any(needs_prefix(cell) for cell in out if not cell.startswith("'"))
    assert restore_row(out) == cells


def test_could_hold_prefix_finds_every_cell_that_starts_with_a_quote():
    assert could_hold_prefix("a,'=1\r\n") and could_hold_prefix("'=1,a") and could_hold_prefix('a,"\'=1, x"')
    assert not could_hold_prefix("Albania's plan,2024\r\n")
