"""Facts other services publish about a case, applied once each.

The tracked consumer delivers at least once and records its position in its own
transaction; each fact carries a natural key (inquiry, restriction, listing, receipt,
relief application), so a redelivery after a crash finds the key applied and changes
nothing: the effect is exactly once.
"""

from __future__ import annotations

from uuid import UUID

from zhixing.cases.application.base import CaseStore
from zhixing.cases.domain.case import EnforcementCase


class InboundFacts(CaseStore):
    def apply_inquiry(self, case_id: UUID, inquiry_id: str, debtor: str, completed_on: str,
                      kinds: list[str], disposable: bool, requery: bool) -> EnforcementCase:
        """网络查控 result (R16(3)); R18 re-queries after 终本 are recorded too."""
        key = f"inquiry:{inquiry_id}"
        return self._apply_once(case_id, key, lambda case: case.record_inquiry(
            key, debtor, completed_on, kinds, disposable, requery))

    def apply_restriction(self, case_id: UUID, restriction_id: str, debtor: str,
                          issued_on: str) -> EnforcementCase:
        key = f"restriction:{restriction_id}"
        return self._apply_once(case_id, key, lambda case: case.record_restriction(
            key, debtor, issued_on))

    def apply_listing_decision(self, case_id: UUID, decision_id: str, debtor: str,
                               listed: bool, decided_on: str) -> EnforcementCase:
        key = f"listing:{decision_id}"
        return self._apply_once(case_id, key, lambda case: case.record_listing_decision(
            key, debtor, listed, decided_on))

    def apply_delegation_result(self, case_id: UUID, assisting_case_id: str,
                                assisting_case_number: str, closure: str, recovered_fen: int,
                                closed_on: str) -> EnforcementCase:
        """The 执协 case closed at the receiving court; its result flows back."""
        key = f"delegation:{assisting_case_id}"
        return self._apply_once(case_id, key, lambda case: case.record_delegation_result(
            key, assisting_case_number, closure, recovered_fen, closed_on))

    def _apply_once(self, case_id: UUID, key: str, act) -> EnforcementCase:  # type: ignore[no-untyped-def]
        def once(case: EnforcementCase) -> None:
            if not case.has_applied(key):
                act(case)

        return self.update_case(case_id, once)
