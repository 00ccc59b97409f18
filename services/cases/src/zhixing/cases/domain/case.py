"""执行案件 — the enforcement case aggregate and its case-number sequence (R38)."""

from __future__ import annotations

from uuid import UUID, uuid4, uuid5

from eventsourcing.domain import event

from zhixing.cases.domain.filing import Filing
from zhixing.eventstore.domain import Aggregate
from zhixing.kernel.case_number import CaseNumber, CaseType
from zhixing.kernel.courts import CourtCode

_NAMESPACE = UUID("0b7a4c1e-93c5-5f5e-8d5a-1f9a3c2d4e60")

STATUS_LABELS = {"filed": "立案", "closed": "结案"}


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
        return uuid5(_NAMESPACE, f"sequence/{court_code}/{case_type}/{year}")

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
        return uuid5(_NAMESPACE, f"number/{case_number}")

    @event("Registered")
    def __init__(self, case_number: str, case_id: str) -> None:
        self.case_number = case_number
        self.case_id = case_id


class EnforcementCase(Aggregate):
    """执行案件 — one case from filing to closure."""

    class Filed(Aggregate.Created):
        case_number: str
        court_code: str
        case_type: str
        basis: dict[str, str]
        parties: list[dict[str, str]]
        claim: dict[str, int]
        filed_on: str
        request_id: str

    @staticmethod
    def create_id(court_code: str, request_id: str) -> UUID:
        """A court's idempotency key always names the same case (keys of other courts
        never collide with it)."""
        return uuid5(_NAMESPACE, f"request/{court_code}/{request_id}") if request_id else uuid4()

    @event(Filed)
    def __init__(self, case_number: str, court_code: str, case_type: str,
                 basis: dict[str, str], parties: list[dict[str, str]],
                 claim: dict[str, int], filed_on: str, request_id: str = "") -> None:
        self.case_number = case_number
        self.court_code = court_code
        self.case_type = case_type
        self.basis = basis
        self.parties = parties
        self.claim = claim
        self.filed_on = filed_on
        self.status = "filed"

    @classmethod
    def file(cls, filing: Filing, number: CaseNumber, filed_on: str,
             request_id: str = "") -> EnforcementCase:
        """立案: open the case under its new number (R38)."""
        return cls(
            case_number=str(number), court_code=str(filing.court.code),
            case_type=filing.case_type.value, basis=filing.basis.as_dict(),
            parties=[p.as_dict() for p in filing.parties], claim=filing.claim.as_dict(),
            filed_on=filed_on, request_id=request_id,
        )

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)
