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

from zhixing.contracts.events.assets.v1 import NetworkInquiryCompleted
from zhixing.contracts.events.cases.v1 import (
    CaseClosed,
    CaseConcluded,
    CaseResumed,
    SettlementPerformed,
)
from zhixing.credit.application import CreditApplication
from zhixing.credit.projections.cases_seen import find_in
from zhixing.eventstore.crypto import FieldCipher
from zhixing.messaging.typed import Context, TypedHandler, on


class CaseEventsPolicy(TypedHandler):
    """Removes listings and lifts restrictions the cases' course obliges (R8, R15)."""

    def __init__(self, app: CreditApplication, cipher: FieldCipher) -> None:
        self.app = app
        self.cipher = cipher  # the case view's debtors are sealed (R60)

    @on(CaseClosed)
    def closed(self, p: CaseClosed, ctx: Context) -> None:
        closed_on = date.fromisoformat(p.closed_on)
        self.app.case_closed(p.case_id, p.closure, closed_on)
        if p.closure == "executed_in_full":
            facts = find_in(ctx.cursor, self.cipher, p.case_id)  # the consumer's transaction, same store
            self.app.record_good_faith(
                p.case_id, p.case_number, p.court_code,
                [r.identity_number for r in p.respondents], closed_on,
                facts.notice_deadline if facts else "")

    @on(SettlementPerformed)
    def settlement_performed(self, p: SettlementPerformed, ctx: Context) -> None:
        self.app.settlement_performed(p.case_id, date.fromisoformat(p.performed_on))

    @on(CaseConcluded)
    def concluded(self, p: CaseConcluded, ctx: Context) -> None:
        self.app.case_concluded(p.case_id, date.fromisoformat(p.concluded_on))

    @on(CaseResumed)
    def resumed(self, p: CaseResumed, ctx: Context) -> None:
        self.app.case_resumed(p.case_id)

    @on(NetworkInquiryCompleted)
    def inquiry_completed(self, p: NetworkInquiryCompleted, ctx: Context) -> None:
        if p.requery:
            self.app.requery_answered(p.case_id, p.debtor_identity_number, p.inquiry_id,
                                      p.disposable_property_found,
                                      date.fromisoformat(p.completed_on))
