"""执行款 — receipts, allocation and disbursement through the case account (R28, R32)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from zhixing.cases.application.base import CaseStore
from zhixing.cases.domain.account import CaseAccount
from zhixing.cases.domain.case import CONCLUDED, OPEN, EnforcementCase
from zhixing.cases.domain.errors import MoneyRefused
from zhixing.eventstore.unit import same_request
from zhixing.kernel.errors import InvalidInput


class MoneyCommands(CaseStore):
    def record_payment(self, case_id: UUID, reference: str, amount_fen: int,
                       source: str = "voluntary", received_on: date | None = None) -> CaseAccount:
        """执行款到账 — idempotent on `reference` (a bank slip, a measure, a disposal): the
        same receipt again changes nothing; another amount or source under it is refused."""
        if not reference.strip():
            raise InvalidInput("a receipt needs its reference (idempotency key)", rule="R28",
                               field="reference")
        on = received_on or self.today()

        def receive(case: EnforcementCase, account: CaseAccount) -> CaseAccount:
            if account.knows("in", reference):
                earlier = next(r for r in account.receipts if r.reference == reference)
                same_request("reference", (earlier.amount_fen, earlier.source),
                             (amount_fen, source))
                return account
            if case.status not in OPEN | {CONCLUDED} or case.resumed_as:
                raise MoneyRefused(f"the case is {case.status_label}; money for it goes to the "
                                   "case that continues it", rule="R28", field="case_id")
            due = self.node_clock(case.court_code).count("disburse", on)
            account.receive(reference, source, amount_fen, on.isoformat(), due.date.isoformat(),
                            provisional=due.provisional)  # R64: recounted when loaded
            return account

        return self.with_account(case_id, receive)

    def disburse(self, case_id: UUID, reference: str, payee: str,
                 amount_fen: int) -> CaseAccount:
        """执行款发放 to a payee the allocation owes; idempotent on `reference`: the same
        disbursement again changes nothing; another payee or amount under it is refused."""
        if not reference.strip():
            raise InvalidInput("a disbursement needs its reference", rule="R28",
                               field="reference")
        today = self.today().isoformat()

        def pay(_case: EnforcementCase, account: CaseAccount) -> CaseAccount:
            if not account.knows("out", reference):
                account.disburse(reference, payee, amount_fen, today)
            elif reference in account.disbursements:  # not in a version-1 snapshot's
                same_request("reference", account.disbursements[reference],
                             [payee, amount_fen])
            return account

        return self.with_account(case_id, pay)

    def register_relief_advance(self, case_id: UUID, reference: str,
                                amount_fen: int, paid_on: str) -> CaseAccount:
        """司法救助 paid in this case: repaid first from money later recovered (R32).
        Idempotent on `reference`: another amount or day under it is refused."""

        def register(_case: EnforcementCase, account: CaseAccount) -> CaseAccount:
            if not account.knows("relief", reference):
                account.register_relief_advance(reference, amount_fen, paid_on)
            elif reference in account.advances:  # not in a version-1 snapshot's
                same_request("reference", account.advances[reference], [amount_fen, paid_on])
            return account

        return self.with_account(case_id, register)

    def get_account(self, case_id: UUID) -> CaseAccount:
        return self.account_of(self.get_case(case_id))
