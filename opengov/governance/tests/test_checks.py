"""Every computed governance check against hand-made cases (no database: plain objects shaped like mandates)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from opengov.core.months import add_months, months_between
from opengov.governance import checks
from opengov.governance.models import Sector, term_end, term_start

D = datetime.date
G, CS = Sector.GOVERNMENT.value, Sector.CIVIL_SOCIETY.value


@dataclass(eq=False)
class M:
    holder: str
    sector: str
    starts_on: datetime.date
    ends_on: datetime.date
    left_on: datetime.date | None = None


@dataclass
class B:
    government_seats: int = 11
    civil_society_seats: int = 11
    independent_seats: int = 0
    requires_parity: bool = True
    limits_terms: bool = True

    def seats_for(self, sector: str) -> int:
        return {G: self.government_seats, CS: self.civil_society_seats}.get(sector, self.independent_seats)


def term(holder: str, sector: str, year: int) -> M:
    return M(holder, sector, term_start(year), term_end(term_start(year)))


def test_a_term_is_three_years_from_1_october():
    assert term_end(term_start(2023)) == D(2026, 9, 30)


def test_parity_counts_only_current_mandates():
    body = B()
    mandates = [term("Canada", G, 2023), term("Oxfam", CS, 2023), term("Chile", G, 2020)]  # Chile ended 2023-09-30
    assert checks.parity(body, mandates, D(2024, 1, 1)) == checks.Parity(1, 1, True)
    assert not checks.parity(body, mandates, D(2024, 1, 1)).broken
    # On the last day of Chile's term, Canada and Oxfam have not started: one government, no civil society.
    assert checks.parity(body, mandates, D(2023, 9, 30)) == checks.Parity(1, 0, True)
    assert checks.parity(body, mandates, D(2023, 9, 30)).broken


def test_parity_not_required_is_never_broken():
    body = B(requires_parity=False)
    assert not checks.parity(body, [term("Canada", G, 2023)], D(2024, 1, 1)).broken


def test_leaving_early_ends_the_mandate_the_day_after():
    mandate = M("Oxfam", CS, D(2023, 10, 1), D(2026, 9, 30), left_on=D(2024, 3, 31))
    assert checks.is_current(mandate, D(2024, 3, 31))
    assert not checks.is_current(mandate, D(2024, 4, 1))


def test_vacancies_per_sector_and_overfilled():
    body = B(government_seats=2, civil_society_seats=2)
    mandates = [term("A", G, 2023), term("B", G, 2023), term("C", G, 2023), term("X", CS, 2023)]
    seats = {row.sector: row for row in checks.seat_counts(body, mandates, D(2024, 1, 1))}
    assert (seats[G].vacant, seats[G].overfilled) == (0, 1)
    assert (seats[CS].vacant, seats[CS].overfilled) == (1, 0)
    assert checks.vacancies(body, mandates, D(2024, 1, 1)) == 1
    # Before anybody's term starts, every seat is vacant.
    assert checks.vacancies(body, mandates, D(2023, 9, 1)) == 4


def test_ending_soon_is_within_six_calendar_months_inclusive():
    ends_30_sep = term("Canada", G, 2023)  # ends 2026-09-30
    on = D(2026, 3, 30)  # + 6 months = 2026-09-30
    assert checks.ending_soon([ends_30_sep], on) == [ends_30_sep]
    assert checks.ending_soon([ends_30_sep], D(2026, 3, 29)) == []
    # A holder who already left is not "ending soon"; a term not yet started is not either.
    left = M("Oxfam", CS, D(2023, 10, 1), D(2026, 9, 30), left_on=D(2026, 6, 1))
    assert checks.ending_soon([left], D(2026, 5, 1)) == []
    assert checks.ending_soon([term("Later", G, 2026)], D(2026, 5, 1)) == []


def test_add_months_clamps_to_month_end():
    assert add_months(D(2025, 8, 31), 6) == D(2026, 2, 28)
    assert add_months(D(2023, 8, 31), 6) == D(2024, 2, 29)
    assert add_months(D(2025, 12, 15), 1) == D(2026, 1, 15)


def test_term_numbers_chain_consecutive_terms_of_the_same_holder():
    first, second = term("Canada", G, 2017), term("Canada", G, 2020)
    other = term("canada ", G, 2023)  # same holder, spelled with different case and spaces
    numbers = checks.term_numbers([other, first, second])
    assert [numbers[id(first)], numbers[id(second)], numbers[id(other)]] == [1, 2, 3]


def test_a_gap_breaks_the_chain():
    first = term("Canada", G, 2017)  # ends 2020-09-30
    after_gap = term("Canada", G, 2021)  # starts 2021-10-01
    third = term("Canada", G, 2024)
    numbers = checks.term_numbers([first, after_gap, third])
    assert [numbers[id(first)], numbers[id(after_gap)], numbers[id(third)]] == [1, 1, 2]
    assert checks.term_limit_breaches(B(), [first, after_gap, third]) == []


def test_leaving_early_then_returning_later_is_not_consecutive():
    first = M("Oxfam", CS, D(2017, 10, 1), D(2020, 9, 30), left_on=D(2018, 12, 31))
    second = term("Oxfam", CS, 2020)
    assert checks.term_numbers([first, second])[id(second)] == 1


def test_three_consecutive_terms_breach_the_limit():
    mandates = [term("Canada", G, 2017), term("Canada", G, 2020), term("Canada", G, 2023), term("Chile", G, 2023)]
    breaches = checks.term_limit_breaches(B(), mandates)
    assert [(b.holder, b.terms) for b in breaches] == [("Canada", 3)]
    assert checks.term_limit_breaches(B(limits_terms=False), mandates) == []


def test_two_terms_are_allowed():
    assert checks.term_limit_breaches(B(), [term("Canada", G, 2020), term("Canada", G, 2023)]) == []


def test_change_warnings_name_only_what_the_change_breaks():
    body = B(government_seats=1, civil_society_seats=1)
    before = [term("Canada", G, 2020), term("Oxfam", CS, 2020), term("Canada", G, 2017)]
    on = D(2021, 1, 1)
    # A third consecutive Canadian term: term limit. It starts in 2023, after both 2020 terms end, so parity holds.
    third = term("Canada", G, 2023)
    codes = [w.code for w in checks.warnings_for_change(body, before, [*before, third], third, on)]
    assert codes == ["parity", "term_limit"]  # on 1 Oct 2023 Canada alone: 1 government, 0 civil society
    # A second government member today: parity broken and the government seat over-filled.
    extra = M("Chile", G, D(2020, 10, 1), D(2023, 9, 30))
    codes = [w.code for w in checks.warnings_for_change(body, before, [*before, extra], extra, on)]
    assert codes == ["parity", "overfilled"]
    # Adding the civil-society partner at the same time as the government keeps parity: no warning.
    pair = term("Transparency", CS, 2023)
    after = [*before, term("Chile", G, 2023), pair]
    assert checks.warnings_for_change(body, [*before, term("Chile", G, 2023)], after, pair, on) == []


def test_a_body_already_out_of_parity_is_not_blamed_on_an_unrelated_change():
    body = B()
    before = [term("Canada", G, 2023), term("Chile", G, 2023), term("Oxfam", CS, 2023)]
    fix_date = M("Canada", G, D(2023, 10, 1), D(2026, 9, 29))
    after = [fix_date, before[1], before[2]]
    assert checks.warnings_for_change(body, before, after, fix_date, D(2024, 1, 1)) == []


def test_months_between_counts_whole_months():
    assert months_between(D(2026, 1, 15), D(2027, 5, 14)) == 15
    assert months_between(D(2026, 1, 15), D(2027, 5, 15)) == 16


def test_widening_an_existing_gap_is_warned():
    body = B()
    before = [term("Canada", G, 2023), term("Chile", G, 2023), term("Oxfam", CS, 2023)]
    extra = term("Peru", G, 2023)
    codes = [w.code for w in checks.warnings_for_change(body, before, [*before, extra], extra, D(2024, 1, 1))]
    assert codes == ["parity"]
    closing = term("Article 19", CS, 2023)
    assert checks.warnings_for_change(body, before, [*before, closing], closing, D(2024, 1, 1)) == []
