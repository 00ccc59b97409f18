"""案号 — the case-number sequence per court × type × year (R38) and its index."""

from __future__ import annotations

from uuid import UUID, uuid5

from eventsourcing.domain import event

from zhixing.eventstore.domain import Aggregate
from zhixing.kernel.case_number import CaseNumber, CaseType
from zhixing.kernel.courts import CourtCode

NAMESPACE = UUID("0b7a4c1e-93c5-5f5e-8d5a-1f9a3c2d4e60")


class CaseNumberSequence(Aggregate):
    """R38: serials run per court × type × year in order of filing, starting at 1.

    One aggregate per (court, type, year). Taking a serial and filing the case are saved
    together, so a serial is used only if its case is stored: no gaps, no duplicates
    (a concurrent filer loses the optimistic-concurrency race and retries).
    """

    class Started(Aggregate.Created):
        court_code: str
        case_type: str
        year: int

    @staticmethod
    def create_id(court_code: str, case_type: str, year: int) -> UUID:
        return uuid5(NAMESPACE, f"sequence/{court_code}/{case_type}/{year}")

    @event(Started)
    def __init__(self, court_code: str, case_type: str, year: int) -> None:
        self.court_code = court_code
        self.case_type = case_type
        self.year = year
        self.last_serial = 0

    @event("SerialTaken")
    def take_serial(self) -> None:
        self.last_serial += 1

    def next_number(self) -> CaseNumber:
        self.take_serial()
        return CaseNumber(self.year, CourtCode.parse(self.court_code),
                          CaseType(self.case_type), self.last_serial)


class CaseNumberIndex(Aggregate):
    """Maps a case number to its case; its deterministic id makes numbers unique."""

    @staticmethod
    def create_id(case_number: str) -> UUID:
        return uuid5(NAMESPACE, f"number/{case_number}")

    @event("Registered")
    def __init__(self, case_number: str, case_id: str) -> None:
        self.case_number = case_number
        self.case_id = case_id


def _keep_old_topics() -> None:
    """Events stored before these classes left `domain/case.py` still resolve."""
    from eventsourcing.utils import register_topic

    for cls in (CaseNumberSequence, CaseNumberIndex):
        old = f"zhixing.cases.domain.case:{cls.__name__}"
        register_topic(old, cls)
        for name in ("Started", "SerialTaken", "Registered"):
            nested = getattr(cls, name, None)
            if nested is not None:
                register_topic(f"{old}.{name}", nested)


_keep_old_topics()
