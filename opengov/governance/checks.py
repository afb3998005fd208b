"""The governance checks, computed from mandates every time (never stored): parity, vacancies, terms ending soon,
term-limit breaches, and what a proposed change would break.

Pure functions over anything shaped like a Mandate (``holder``, ``sector``, ``starts_on``, ``ends_on``,
``left_on``), so the Support Unit screen can check a change before it is saved, and the tests can use hand-made
cases. Definitions:

- A mandate is *current* on a day when it has started, its term has not ended and its holder has not left.
- *Consecutive* terms: a term of the same holder in the same body that starts at most one day after the previous
  term's last day (the next 1 October after a 30 September). A gap of a day or more breaks the chain.
- A *term-limit breach*: a holder whose chain of consecutive terms is longer than two (any term, past or future).
- *Parity*: as many current government as civil-society members, for bodies that require it. A change is
  warned about when it breaks parity or widens an existing gap.
- *Vacancies*: seats of a sector minus its current mandates (never negative; more mandates than seats is
  reported as over-filled).
- *Ending soon*: current mandates whose term ends within six months (the day six calendar months ahead included).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from opengov.core.months import add_months

from .models import MAX_CONSECUTIVE_TERMS, Sector

ENDING_SOON_MONTHS = 6


class MandateLike(Protocol):
    holder: str
    sector: str
    starts_on: datetime.date
    ends_on: datetime.date
    left_on: datetime.date | None


class BodyLike(Protocol):
    government_seats: int
    civil_society_seats: int
    independent_seats: int
    requires_parity: bool
    limits_terms: bool

    def seats_for(self, sector: str) -> int: ...


def last_day(mandate: MandateLike) -> datetime.date:
    return min(mandate.ends_on, mandate.left_on) if mandate.left_on else mandate.ends_on


def is_current(mandate: MandateLike, on: datetime.date) -> bool:
    return mandate.starts_on <= on <= last_day(mandate)


def current(mandates: Iterable[MandateLike], on: datetime.date) -> list[Any]:
    return [m for m in mandates if is_current(m, on)]


@dataclass(frozen=True)
class Parity:
    government: int
    civil_society: int
    required: bool

    @property
    def balanced(self) -> bool:
        return self.government == self.civil_society

    @property
    def broken(self) -> bool:
        return self.required and not self.balanced

    @property
    def gap(self) -> int:
        return abs(self.government - self.civil_society)


def parity(body: BodyLike, mandates: Iterable[MandateLike], on: datetime.date) -> Parity:
    now = current(mandates, on)
    return Parity(
        government=sum(1 for m in now if m.sector == Sector.GOVERNMENT),
        civil_society=sum(1 for m in now if m.sector == Sector.CIVIL_SOCIETY),
        required=body.requires_parity,
    )


@dataclass(frozen=True)
class SeatCount:
    sector: str
    seats: int
    filled: int

    @property
    def label(self) -> str:
        return str(Sector(self.sector).label)

    @property
    def vacant(self) -> int:
        return max(0, self.seats - self.filled)

    @property
    def overfilled(self) -> int:
        return max(0, self.filled - self.seats)


def seat_counts(body: BodyLike, mandates: Iterable[MandateLike], on: datetime.date) -> list[SeatCount]:
    """One row per sector the body has seats for (or holders in)."""
    now = current(mandates, on)
    rows = []
    for sector in Sector.values:
        filled = sum(1 for m in now if m.sector == sector)
        seats = body.seats_for(sector)
        if seats or filled:
            rows.append(SeatCount(sector, seats, filled))
    return rows


def vacancies(body: BodyLike, mandates: Iterable[MandateLike], on: datetime.date) -> int:
    return sum(row.vacant for row in seat_counts(body, mandates, on))


def ending_soon(mandates: Iterable[MandateLike], on: datetime.date, months: int = ENDING_SOON_MONTHS) -> list[Any]:
    horizon = add_months(on, months)
    return sorted(
        (m for m in mandates if is_current(m, on) and m.ends_on <= horizon and m.left_on is None),
        key=lambda m: m.ends_on,
    )


def term_numbers(mandates: Iterable[MandateLike]) -> dict[int, int]:
    """For each mandate (by ``id()``): which consecutive term of its holder it is (1 = first term)."""
    by_holder: dict[str, list[MandateLike]] = defaultdict(list)
    for mandate in mandates:
        by_holder[_holder_key(mandate)].append(mandate)
    numbers: dict[int, int] = {}
    for terms in by_holder.values():
        previous: MandateLike | None = None
        for mandate in sorted(terms, key=lambda m: m.starts_on):
            if previous is not None and mandate.starts_on <= last_day(previous) + datetime.timedelta(days=1):
                numbers[id(mandate)] = numbers[id(previous)] + 1
            else:
                numbers[id(mandate)] = 1
            previous = mandate
    return numbers


@dataclass(frozen=True)
class Breach:
    holder: str
    terms: int
    mandate: Any = field(compare=False)


def term_limit_breaches(body: BodyLike, mandates: Sequence[MandateLike]) -> list[Breach]:
    """Holders with more than two consecutive terms (reported once, at their longest chain)."""
    if not body.limits_terms:
        return []
    numbers = term_numbers(mandates)
    worst: dict[str, Breach] = {}
    for mandate in mandates:
        count = numbers[id(mandate)]
        key = _holder_key(mandate)
        if count > MAX_CONSECUTIVE_TERMS and (key not in worst or worst[key].terms < count):
            worst[key] = Breach(mandate.holder, count, mandate)
    return sorted(worst.values(), key=lambda b: b.holder)


def _holder_key(mandate: MandateLike) -> str:
    return " ".join(mandate.holder.split()).casefold()


@dataclass
class Report:
    """Everything the composition page and the Support Unit screen show about a body on a day."""

    on: datetime.date
    parity: Parity
    seats: list[SeatCount]
    ending_soon: list[Any]
    breaches: list[Breach]
    term_numbers: dict[int, int]

    @property
    def vacancies(self) -> int:
        return sum(row.vacant for row in self.seats)

    def term_number(self, mandate: Any) -> int:
        return self.term_numbers.get(id(mandate), 1)


def report(body: BodyLike, mandates: Sequence[MandateLike], on: datetime.date) -> Report:
    return Report(
        on=on,
        parity=parity(body, mandates, on),
        seats=seat_counts(body, mandates, on),
        ending_soon=ending_soon(mandates, on),
        breaches=term_limit_breaches(body, mandates),
        term_numbers=term_numbers(mandates),
    )


@dataclass(frozen=True)
class Warning:
    code: str  # "parity" | "term_limit" | "overfilled"
    message: str


def warnings_for_change(
    body: BodyLike,
    before: Sequence[MandateLike],
    after: Sequence[MandateLike],
    changed: MandateLike,
    on: datetime.date,
) -> list[Warning]:
    """What a change (the mandates ``before`` -> ``after``; ``changed`` is the new or edited mandate) newly
    breaks, checked today, on the day the changed mandate starts and the day after it ends, so a term that starts
    later is checked when it takes effect."""
    from django.utils.translation import gettext as _

    found: list[Warning] = []
    days = sorted({on, *(d for d in (changed.starts_on, last_day(changed) + datetime.timedelta(days=1)) if d > on)})
    for day in days:
        was, will = parity(body, before, day), parity(body, after, day)
        if will.broken and (not was.broken or will.gap > was.gap):
            found.append(
                Warning(
                    "parity",
                    _("On %(day)s the body would have %(gov)s government and %(cs)s civil-society members.")
                    % {"day": day.isoformat(), "gov": will.government, "cs": will.civil_society},
                )
            )
        over_before = {row.sector: row.overfilled for row in seat_counts(body, before, day)}
        for row in seat_counts(body, after, day):
            if row.overfilled > over_before.get(row.sector, 0):
                found.append(
                    Warning(
                        "overfilled",
                        _(
                            "On %(day)s a sector of the body would have more members than seats "
                            "(%(filled)s of %(seats)s)."
                        )
                        % {"day": day.isoformat(), "filled": row.filled, "seats": row.seats},
                    )
                )
    known = {b.holder.casefold() for b in term_limit_breaches(body, before)}
    for breach in term_limit_breaches(body, after):
        if breach.holder.casefold() not in known:
            found.append(
                Warning(
                    "term_limit",
                    _("%(holder)s would serve %(n)s consecutive terms; the limit is two.")
                    % {"holder": breach.holder, "n": breach.terms},
                )
            )
    return found
