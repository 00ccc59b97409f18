"""R30's wage table — a province's average monthly wage of a year (城镇单位在岗职工月平均
工资), entered by an administrator with its source (the provincial statistics bulletin).

The cap on relief is 36 × the PREVIOUS year's figure of the court's province: a decision
in 2026 reads the 2025 entry (`cap_for`). No figure is ever invented: a decision for a
province-year with no entry is refused (`errors.WageEntryMissing`). A correction records a
new figure; the history keeps every one (append-only).
"""

from __future__ import annotations

from datetime import date
from types import MappingProxyType
from typing import NamedTuple
from uuid import UUID, uuid5

from eventsourcing.domain import event

from zhixing.eventstore.domain import Aggregate
from zhixing.kernel.courts import PROVINCES
from zhixing.kernel.money import MAX_FEN
from zhixing.relief.domain.errors import InvalidRelief
from zhixing.relief.domain.values import SUBJECT_MAX, WageFigure, bounded_text

NAMESPACE = UUID("6d1c2f0e-5a7b-5c3d-9e8f-1a2b3c4d5e60")
CAP_MONTHS = 36
"""R30: relief is generally at most 36 months of the average wage."""
SOURCE_MAX = 300
FIRST_YEAR, LAST_YEAR = 2000, 2199


class WageKey(NamedTuple):
    """The province-year whose entry sets a cap."""

    province: str
    year: int


def province_of(court_code: str) -> str:
    """The province of a court: its code's first character (川0104 → 川, R39)."""
    return court_code[:1]


def cap_for(decided_on: date, court_code: str) -> WageKey:
    """The entry R30 reads for a decision of that court on that day: the province's
    PREVIOUS year (a decision in 2026 reads the 2025 wage)."""
    return WageKey(province_of(court_code), decided_on.year - 1)


class WageEntry(Aggregate):
    """One province × year of the R30 wage table, with its history of figures."""

    typed_state = MappingProxyType({"history": list[WageFigure]})
    """How a snapshot's JSON becomes this state again (libs/eventstore `Snapshot`)."""

    @staticmethod
    def create_id(province: str, year: int) -> UUID:
        return uuid5(NAMESPACE, f"wage/{province}/{year}")

    @event("Entered")
    def __init__(self, province: str, year: int, monthly_wage_fen: int, source: str,
                 entered_by: str, demonstration: bool) -> None:
        _check_key(province, year)
        self.province = province
        self.year = year
        self.history: list[WageFigure] = [_figure(monthly_wage_fen, source, entered_by,
                                                  demonstration)]

    def correct(self, monthly_wage_fen: int, source: str, by: str,
                demonstration: bool = False) -> None:
        """Record a new figure (a corrected bulletin); the earlier ones stay in `history`."""
        figure = _figure(monthly_wage_fen, source, by, demonstration)
        self._corrected(figure.monthly_wage_fen, figure.source, figure.entered_by,
                        figure.demonstration)

    @event("Corrected")
    def _corrected(self, monthly_wage_fen: int, source: str, entered_by: str,
                   demonstration: bool) -> None:
        self.history.append(WageFigure(monthly_wage_fen, source, entered_by, demonstration))

    @property
    def current(self) -> WageFigure:
        return self.history[-1]

    @property
    def monthly_wage_fen(self) -> int:
        return self.current.monthly_wage_fen

    @property
    def source(self) -> str:
        return self.current.source

    @property
    def entered_by(self) -> str:
        return self.current.entered_by

    @property
    def demonstration(self) -> bool:
        """True for the demo's figure: demonstration data, not a published statistic."""
        return self.current.demonstration

    @property
    def cap_fen(self) -> int:
        """R30: 36 × the monthly wage."""
        return CAP_MONTHS * self.monthly_wage_fen


def _check_key(province: str, year: int) -> None:
    if province not in PROVINCES:
        raise InvalidRelief("unknown province abbreviation (e.g. 川, 渝)", rule="R30",
                            field="province")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidRelief(f"year must be {FIRST_YEAR}–{LAST_YEAR}", rule="R30", field="year")


def _figure(monthly_wage_fen: int, source: str, entered_by: str,
            demonstration: bool) -> WageFigure:
    # The cap (36 ×) must itself be a bounded amount of money.
    most = MAX_FEN // CAP_MONTHS
    if not isinstance(monthly_wage_fen, int) or isinstance(monthly_wage_fen, bool) or not (
            0 < monthly_wage_fen <= most):
        raise InvalidRelief(f"must be whole fen above 0 and at most {most}", rule="R30",
                            field="monthly_wage_fen")
    return WageFigure(monthly_wage_fen,
                      bounded_text(source, "source", rule="R30", most=SOURCE_MAX),
                      bounded_text(entered_by, "entered_by", rule="R30", most=SUBJECT_MAX),
                      bool(demonstration))
