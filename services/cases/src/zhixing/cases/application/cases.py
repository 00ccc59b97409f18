"""CasesApplication — commands and queries of the enforcement case service."""

from __future__ import annotations

import threading
from collections import defaultdict
from typing import Any
from uuid import UUID

from zhixing.cases.application.conclusion import ConclusionCommands
from zhixing.cases.application.facts import InboundFacts
from zhixing.cases.application.lifecycle import LifecycleCommands
from zhixing.cases.application.money import MoneyCommands
from zhixing.cases.application.timeline import TimelineQueries
from zhixing.cases.domain.account import CaseAccount
from zhixing.cases.domain.case import EnforcementCase
from zhixing.cases.domain.errors import CaseNotFound
from zhixing.cases.domain.filing import Filing
from zhixing.cases.domain.numbering import CaseNumberIndex, CaseNumberSequence
from zhixing.eventstore.application import retry_on_conflict
from zhixing.eventstore.settings import Settings
from zhixing.kernel.clock import Clock, SystemClock


class CasesApplication(LifecycleCommands, MoneyCommands, ConclusionCommands, InboundFacts,
                       TimelineQueries):
    """Files enforcement cases, runs them to closure and answers questions about them."""

    name = "cases"
    service_name = "cases"
    # A sequence takes one event per filing: without snapshots each filing would replay
    # the whole year's serials. Cases and accounts of long-running matters grow too.
    snapshotting_intervals = {  # noqa: RUF012
        EnforcementCase: 100, CaseNumberSequence: 50, CaseAccount: 100}

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
        if filing.linked_case_id and filing.link_kind != "assists":
            # R40: the linked case must exist here (a delegating court may be elsewhere).
            self.get_case(UUID(filing.linked_case_id))
        with self._sequence_locks[(str(filing.court.code), filing.case_type.value)]:
            return self._file_case(filing, request_id)

    @retry_on_conflict()
    def _file_case(self, filing: Filing, request_id: str) -> EnforcementCase:
        if request_id:
            existing = self._get_or_none(EnforcementCase.create_id(str(filing.court.code),
                                                                   request_id))
            if existing is not None:
                return existing  # type: ignore[no-any-return]
        case, numbering = self.numbered_case(filing, request_id)
        self.save(*numbering, case)
        return case

    def numbered_case(self, filing: Filing,
                      request_id: str = "") -> tuple[EnforcementCase, list[Any]]:
        """A new case with its serial taken and its first deadlines set, and the
        numbering aggregates to save with it in one transaction (R38: no gaps)."""
        today = self.today()
        code = str(filing.court.code)
        sequence = self._sequence(code, filing.case_type.value, today.year)
        clock = self.node_clock(code)
        nodes = {node: clock.due(node, today, basis_kind=filing.basis.kind).isoformat()
                 for node in ("assign", "close")}
        case = EnforcementCase.file(filing, sequence.next_number(), today.isoformat(),
                                    request_id, nodes)
        return case, [sequence, CaseNumberIndex(case.case_number, str(case.id))]

    def find_case(self, case_number: str) -> EnforcementCase:
        index = self._get_or_none(CaseNumberIndex.create_id(case_number))
        if index is None:
            raise CaseNotFound(f"no enforcement case numbered {case_number}",
                               field="case_number")
        return self.get_case(UUID(index.case_id))

    def _sequence(self, court_code: str, case_type: str, year: int) -> CaseNumberSequence:
        sequence = self._get_or_none(CaseNumberSequence.create_id(court_code, case_type, year))
        return sequence or CaseNumberSequence(court_code, case_type, year)
