"""What the cases and assets services' events oblige the credit service to do.

- 结案 executed in full, not enforced, terminated, or sent to bankruptcy: the case's
  listings are removed on the R8 reason; full performance also lifts its restrictions
  (R15 *must*) and, within the notice's deadline, records the debtors' good faith.
- 和解履行完毕 (SettlementPerformed): removal on R8(2), restrictions lifted.
- 终本, then the R18 re-queries (NetworkInquiryCompleted with `requery`): after two
  empty ones, a listing without a fixed term is removed (R8(4)); resumption resets it.

The application's calls are idempotent, so redelivery has an exactly-once effect.
"""

from __future__ import annotations

from datetime import date
from functools import singledispatchmethod

from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events import IntegrationEvent, parse_known
from zhixing.contracts.events.assets.v1 import NetworkInquiryCompleted
from zhixing.contracts.events.cases.v1 import (
    CaseClosed,
    CaseConcluded,
    CaseResumed,
    SettlementPerformed,
)
from zhixing.credit.application import CreditApplication
from zhixing.credit.projections.cases_seen import find_in
from zhixing.eventstore.sql import Cursor


class CaseEventsPolicy:
    def __init__(self, app: CreditApplication) -> None:
        self.app = app

    def handle(self, event: CloudEvent, cursor: Cursor) -> None:
        payload = parse_known(event.type, event.data)
        if payload is not None:  # else a newer publisher's event this policy has no use for
            self._apply(payload, cursor)

    @singledispatchmethod
    def _apply(self, payload: IntegrationEvent, cursor: Cursor) -> None:
        """Events that oblige nothing."""

    @_apply.register
    def _(self, p: CaseClosed, cursor: Cursor) -> None:
        closed_on = date.fromisoformat(p.closed_on)
        self.app.case_closed(p.case_id, p.closure, closed_on)
        if p.closure == "executed_in_full":
            facts = find_in(cursor, p.case_id)  # the consumer's transaction, same store
            self.app.record_good_faith(
                p.case_id, p.case_number, p.court_code,
                [r.identity_number for r in p.respondents], closed_on,
                facts.notice_deadline if facts else "")

    @_apply.register
    def _(self, p: SettlementPerformed, cursor: Cursor) -> None:
        self.app.settlement_performed(p.case_id, date.fromisoformat(p.performed_on))

    @_apply.register
    def _(self, p: CaseConcluded, cursor: Cursor) -> None:
        self.app.case_concluded(p.case_id, date.fromisoformat(p.concluded_on))

    @_apply.register
    def _(self, p: CaseResumed, cursor: Cursor) -> None:
        self.app.case_resumed(p.case_id)

    @_apply.register
    def _(self, p: NetworkInquiryCompleted, cursor: Cursor) -> None:
        if p.requery:
            self.app.requery_answered(p.case_id, p.debtor_identity_number, p.inquiry_id,
                                      p.disposable_property_found,
                                      date.fromisoformat(p.completed_on))
