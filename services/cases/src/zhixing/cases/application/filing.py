"""立案 and 案号 — filing a case under the next serial of its sequence (R38–R40)."""

from __future__ import annotations

import threading
from collections import defaultdict
from typing import Any, ClassVar
from uuid import UUID

from zhixing.cases.application.base import CaseStore
from zhixing.cases.domain.case import EnforcementCase
from zhixing.cases.domain.errors import CaseNotFound
from zhixing.cases.domain.filing import Filing
from zhixing.cases.domain.numbering import CaseNumberIndex, CaseNumberSequence
from zhixing.eventstore.application import retry_on_conflict


class FilingCommands(CaseStore):
    _sequence_locks: ClassVar[defaultdict[tuple[str, str], threading.Lock]] = defaultdict(
        threading.Lock)
    """Filings for one sequence queue here, so only other processes' filings conflict."""

    def file_case(self, filing: Filing, request_id: str = "") -> EnforcementCase:
        """立案 — number the case (R38) and store it, atomically with its serial.

        A repeated `request_id` returns the case already filed under it.
        """
        if filing.linked_case_id and filing.link_kind != "assists":
            # R40: the linked case must exist here (a delegating court may be elsewhere).
            self.get_case(UUID(filing.linked_case_id))
        with self.sequence_lock(str(filing.court.code), filing.case_type.value):
            return self._file_case(filing, request_id)

    def sequence_lock(self, court_code: str, case_type: str) -> threading.Lock:
        return self._sequence_locks[(court_code, case_type)]

    def numbered_case(self, filing: Filing,
                      request_id: str = "") -> tuple[EnforcementCase, list[Any]]:
        """A new case with its serial taken and its first deadlines set, and the
        numbering aggregates to save with it in one transaction (R38: no gaps).
        Call it holding `sequence_lock`."""
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

    @retry_on_conflict()
    def _file_case(self, filing: Filing, request_id: str) -> EnforcementCase:
        if request_id:
            existing = self._get_or_none(EnforcementCase.create_id(str(filing.court.code),
                                                                   request_id))
            if isinstance(existing, EnforcementCase):
                return existing
        case, numbering = self.numbered_case(filing, request_id)
        self.save(*numbering, case)
        return case

    def _sequence(self, court_code: str, case_type: str, year: int) -> CaseNumberSequence:
        sequence = self._get_or_none(CaseNumberSequence.create_id(court_code, case_type, year))
        return sequence or CaseNumberSequence(court_code, case_type, year)
