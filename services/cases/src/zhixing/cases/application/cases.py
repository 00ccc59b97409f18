"""CasesApplication — commands and queries of the enforcement case service."""

from __future__ import annotations

import threading
from collections import defaultdict
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from zhixing.cases.domain.case import CaseNumberIndex, CaseNumberSequence, EnforcementCase
from zhixing.cases.domain.errors import CaseNotFound
from zhixing.cases.domain.filing import Filing
from zhixing.eventstore.application import ServiceApplication, retry_on_conflict
from zhixing.eventstore.settings import Settings
from zhixing.kernel.clock import Clock, SystemClock


class CasesApplication(ServiceApplication):
    """Files enforcement cases and answers questions about them."""

    name = "cases"
    service_name = "cases"
    # A sequence takes one event per filing: without snapshots each filing would replay
    # the whole year's serials.
    snapshotting_intervals = {EnforcementCase: 100, CaseNumberSequence: 50}  # noqa: RUF012

    def __init__(self, settings: Settings, clock: Clock | None = None, **kwargs: Any) -> None:
        self.clock = clock or SystemClock()
        self._sequence_locks: defaultdict[tuple[str, str], threading.Lock] = defaultdict(
            threading.Lock)
        super().__init__(settings, **kwargs)

    def file_case(self, filing: Filing, request_id: str = "") -> EnforcementCase:
        """立案 — number the case (R38) and store it, atomically with its serial.

        A repeated `request_id` returns the case already filed under it. Filings for one
        sequence queue here, so only filings from other processes can conflict.
        """
        with self._sequence_locks[(str(filing.court.code), filing.case_type.value)]:
            return self._file_case(filing, request_id)

    @retry_on_conflict()
    def _file_case(self, filing: Filing, request_id: str) -> EnforcementCase:
        if request_id:
            existing = self._get_or_none(EnforcementCase.create_id(str(filing.court.code), request_id))
            if existing is not None:
                return existing
        today = self.clock.today()
        sequence = self._sequence(filing, today.year)
        case = EnforcementCase.file(filing, sequence.next_number(), today.isoformat(), request_id)
        self.save(sequence, case, CaseNumberIndex(case.case_number, str(case.id)))
        return case

    def get_case(self, case_id: UUID) -> EnforcementCase:
        case = self._get_or_none(case_id)
        if case is None:
            raise CaseNotFound("no enforcement case with that id", field="case_id")
        return case

    def find_case(self, case_number: str) -> EnforcementCase:
        index = self._get_or_none(CaseNumberIndex.create_id(case_number))
        if index is None:
            raise CaseNotFound(f"no enforcement case numbered {case_number}",
                               field="case_number")
        return self.get_case(UUID(index.case_id))

    def _sequence(self, filing: Filing, year: int) -> CaseNumberSequence:
        code, kind = str(filing.court.code), filing.case_type.value
        sequence = self._get_or_none(CaseNumberSequence.create_id(code, kind, year))
        return sequence or CaseNumberSequence(code, kind, year)

    def _get_or_none(self, aggregate_id: UUID) -> Any:
        try:
            return self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            return None
