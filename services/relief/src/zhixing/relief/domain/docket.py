"""司救执 — the docket of relief cases of one court and year (R38–R40).

Serials run per court × year in order of filing, from 1: `(2026)川0104司救执1号`. Taking a
serial is saved with the relief case it numbers, so a serial is used only if its case is
stored: no gaps, no duplicates (a concurrent filer loses the optimistic-concurrency race
and retries).
"""

from __future__ import annotations

from uuid import UUID, uuid5

from eventsourcing.domain import event

from zhixing.eventstore.domain import Aggregate
from zhixing.kernel.case_number import CaseNumber, CaseType
from zhixing.kernel.courts import CourtCode

NAMESPACE = UUID("9a4b7c2d-1e3f-5a6b-8c9d-0e1f2a3b4c5d")


class ReliefDocket(Aggregate):
    """The 司救执 serials of one court × year (R38: in order, from 1)."""

    @staticmethod
    def create_id(court_code: str, year: int) -> UUID:
        return uuid5(NAMESPACE, f"docket/{court_code}/{year}")

    @event("Started")
    def __init__(self, court_code: str, year: int) -> None:
        # Parsed once here so a bad court code or year never gets a docket (R38, R39).
        CaseNumber(year, CourtCode.parse(court_code), CaseType.SI_JIU_ZHI, 1)
        self.court_code = court_code
        self.year = year
        self.last_serial = 0

    @event("SerialTaken")
    def _take_serial(self) -> None:
        self.last_serial += 1

    def next_number(self) -> str:
        """The next relief case number, e.g. "(2026)川0104司救执1号" (R38–R40)."""
        self._take_serial()
        return str(CaseNumber(self.year, CourtCode.parse(self.court_code),
                              CaseType.SI_JIU_ZHI, self.last_serial))
