"""一案一账号 — the execution-money account of one case (R28, R32).

Allocation order, applied to every receipt as it arrives:
1. repay relief advanced by the court's relief fund (R32: recovered money repays it first;
   the relief was paid towards the applicants' claim, so their share shrinks by as much);
2. costs the debtor bears (实现债权的费用, Civil Code art. 561);
3. interest, then principal (art. 561), shared among the applicants of the case in equal
   parts, any odd fen to the first applicant;
4. anything beyond the claim is refunded to the debtor.
Amounts are integer fen; nothing goes negative and nothing is paid that was not received.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from types import MappingProxyType
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import event

from zhixing.cases.domain.errors import MoneyRefused
from zhixing.cases.domain.numbering import NAMESPACE
from zhixing.cases.domain.values import Claim, Counted, Receipt
from zhixing.eventstore.domain import Aggregate
from zhixing.kernel.errors import InvalidInput
from zhixing.kernel.masking import excerpt
from zhixing.kernel.money import bounded_fen, bounded_total

SOURCES = {"voluntary": "自动履行", "deduction": "划拨", "auction": "拍卖款",
           "other": "其他"}


class CaseAccount(Aggregate):
    """The case's execution-money account (执行款专户分账).

    Its events' stored form did not change with the value objects (a `Claim` and a
    `Receipt` are read from the same JSON the dicts were), so they stay version 1. The
    account itself is version 2: it keeps what each disbursement and relief advance
    asked for under its reference (`disbursements`, `advances`), so a reference reused
    for something else can be told from a re-send; a version-1 snapshot had neither.
    """

    class_version = 2
    typed_state = MappingProxyType({"claim": Claim, "receipts": list[Receipt]})
    """How a snapshot's JSON becomes this state again (libs/eventstore `Snapshot`)."""

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """A version-1 snapshot kept only the references: what they asked for before it
        is unknown, so a re-send under them is answered as before (not compared)."""
        state.setdefault("disbursements", {})
        state.setdefault("advances", {})

    @staticmethod
    def create_id(case_id: str) -> UUID:
        return uuid5(NAMESPACE, f"account/{case_id}")

    @event("Opened")
    def __init__(self, case_id: str, case_number: str, court_code: str,
                 claim: Claim, applicants: int) -> None:
        self.case_id = case_id
        self.case_number = case_number
        self.court_code = court_code
        self.claim = claim
        self.applicants = applicants
        self.relief_advanced = 0
        self.receipts: list[Receipt] = []
        self.owed: dict[str, int] = {}
        """Allocated to each payee and not yet paid out."""
        self.paid: dict[str, int] = {}
        self.references: list[str] = []
        self.disbursements: dict[str, list[Any]] = {}
        """reference → [payee, amount_fen] of each disbursement."""
        self.advances: dict[str, list[Any]] = {}
        """reference → [amount_fen, paid_on] of each relief advance."""
        self.overdue_flagged: list[str] = []
        self.closed_on = ""

    # --- what the account holds -----------------------------------------------------

    @property
    def received_fen(self) -> int:
        return sum(r.amount_fen for r in self.receipts)

    @property
    def disbursed_fen(self) -> int:
        return sum(self.paid.values())

    @property
    def balance_fen(self) -> int:
        return self.received_fen - self.disbursed_fen

    @property
    def recovered_for_claim_fen(self) -> int:
        """Money the debtor paid towards the claim so far: costs, interest, principal and
        the part of it the relief fund advanced (R32)."""
        return sum(amount for r in self.receipts for k, amount in r.allocation.items()
                   if k != "respondent")

    @property
    def unpaid_claim_fen(self) -> int:
        return max(0, self.claim.total_fen - self.recovered_for_claim_fen)

    def knows(self, kind: str, reference: str) -> bool:
        """Receipts ("in"), disbursements ("out") and relief advances ("relief") are each
        idempotent on their own references."""
        return f"{kind}:{reference}" in self.references

    def disburse_by(self) -> str:
        """R28: the oldest receipt not yet fully paid out sets the 30-day deadline."""
        unpaid = self.unpaid_receipts()
        return unpaid[0].disburse_by if unpaid else ""

    def disburse_by_provisional(self) -> bool:
        """Whether `disburse_by` was counted provisionally (R64)."""
        unpaid = self.unpaid_receipts()
        return bool(unpaid) and unpaid[0].provisional

    def unpaid_receipts(self) -> list[Receipt]:
        """The receipts not yet fully paid out, oldest first (paid out in order)."""
        paid_out, unpaid = self.disbursed_fen, []
        for receipt in self.receipts:
            paid_out -= receipt.amount_fen
            if paid_out < 0:
                unpaid.append(receipt)
        return unpaid

    @event("DisbursementDeadlinesCounted")
    def count_disbursements(self, counted: dict[str, Counted], counted_on: str) -> None:
        """R28's last days of these receipts (by reference), counted provisionally or
        counted again once the holiday schedule was loaded (R64)."""
        self.receipts = [
            replace(r, disburse_by=counted[r.reference].due,
                    provisional=counted[r.reference].provisional)
            if r.reference in counted else r for r in self.receipts]

    def disbursement_overdue(self, today: date) -> bool:
        """R28: money held past its 30 days, not yet reported."""
        due = self.disburse_by()
        return bool(due) and date.fromisoformat(due) < today and due not in self.overdue_flagged

    @event("DisbursementOverdue")
    def flag_overdue(self, due_on: str, noted_on: str) -> None:
        self.overdue_flagged.append(due_on)

    # --- commands ---------------------------------------------------------------------

    @event("AccountClosed")
    def close(self, closed_on: str) -> None:
        """The case ended (or continues as another case): no more money comes in here.
        Saved with the case's own ending, so a payment racing it from another process
        loses the optimistic-concurrency race and sees the account closed."""
        self.closed_on = closed_on

    def register_relief_advance(self, reference: str, amount_fen: int, paid_on: str) -> None:
        """司法救助 paid to an applicant: repaid first from later receipts (R32). Recorded
        even on a closed account: it happened, and a resumed case must repay it."""
        self._require_positive(amount_fen)
        bounded_total([self.relief_advanced, amount_fen], "amount_fen", rule="R32")
        self._register_relief_advance(reference, amount_fen, paid_on)

    @event("ReliefAdvanceRegistered")
    def _register_relief_advance(self, reference: str, amount_fen: int, paid_on: str) -> None:
        self.references.append(f"relief:{reference}")
        self.advances[reference] = [amount_fen, paid_on]
        self.relief_advanced += amount_fen

    def receive(self, reference: str, source: str, amount_fen: int, received_on: str,
                disburse_by: str, provisional: bool = False) -> None:
        """执行款到账 — allocate the receipt in the order of the module docstring;
        `provisional`: `disburse_by` was counted with no official holiday schedule (R64)."""
        self._require_open()
        if source not in SOURCES:
            raise InvalidInput(f"source must be one of {', '.join(SOURCES)}", field="source")
        self._require_positive(amount_fen)
        # R28: the account's total is summed by every reader; it stays within the bound.
        bounded_total([self.received_fen, amount_fen], "amount_fen")
        self._receive(reference, source, amount_fen, received_on, disburse_by,
                      self._allocate(amount_fen), provisional)

    class MoneyReceived(Aggregate.Event):
        """执行款到账; `provisional` (R64) was added later with a default."""

        reference: str
        source: str
        amount_fen: int
        received_on: str
        disburse_by: str
        allocation: dict[str, int]
        provisional: bool = False

    @event(MoneyReceived)
    def _receive(self, reference: str, source: str, amount_fen: int, received_on: str,
                 disburse_by: str, allocation: dict[str, int], provisional: bool = False) -> None:
        self.references.append(f"in:{reference}")
        self.receipts.append(Receipt(reference, source, amount_fen, received_on, disburse_by,
                                     dict(allocation), provisional))
        for payee, amount in allocation.items():
            self.owed[payee] = self.owed.get(payee, 0) + amount

    def disburse(self, reference: str, payee: str, amount_fen: int, disbursed_on: str) -> None:
        """执行款发放 — never more than was allocated to that payee (R28)."""
        self._require_positive(amount_fen)
        owed = self.owed.get(payee, 0)
        if amount_fen > owed:
            raise MoneyRefused(f"{excerpt(payee)} is owed {owed} fen from this account, not {amount_fen}",
                               rule="R28", field="amount_fen")
        self._disburse(reference, payee, amount_fen, disbursed_on)

    @event("MoneyDisbursed")
    def _disburse(self, reference: str, payee: str, amount_fen: int, disbursed_on: str) -> None:
        self.references.append(f"out:{reference}")
        self.disbursements[reference] = [payee, amount_fen]
        self.owed[payee] -= amount_fen
        self.paid[payee] = self.paid.get(payee, 0) + amount_fen

    # --- allocation -------------------------------------------------------------------

    def _allocate(self, amount_fen: int) -> dict[str, int]:
        allocation: dict[str, int] = {}
        left = amount_fen
        for payee, outstanding in self._outstanding():
            take = min(left, outstanding)
            if take:
                allocation[payee] = allocation.get(payee, 0) + take
                left -= take
        if left:
            allocation["respondent"] = left  # beyond the claim: refunded to the debtor
        return _split_among_applicants(allocation, self.applicants)

    def _outstanding(self) -> list[tuple[str, int]]:
        """What each head still needs, in the order of the module docstring."""
        taken: dict[str, int] = {}
        for receipt in self.receipts:
            for payee, amount in receipt.allocation.items():
                head = "claim" if payee.startswith("applicant:") else payee
                taken[head] = taken.get(head, 0) + amount
        relief = self.relief_advanced - taken.get("relief_fund", 0)
        costs = self.claim.costs_fen - taken.get("costs", 0)
        # The relief paid the applicant in the debtor's stead: the fund takes that part of
        # the claim (R32), the applicants keep the rest.
        claim = (self.claim.interest_fen + self.claim.principal_fen
                 - self.relief_advanced - taken.get("claim", 0))
        return [("relief_fund", max(0, relief)), ("costs", max(0, costs)),
                ("claim", max(0, claim))]

    def _require_open(self) -> None:
        if self.closed_on:
            raise MoneyRefused(f"the case account was closed on {self.closed_on}: money for "
                               "the case goes to the case that continues it", rule="R28",
                               field="case_id")

    @staticmethod
    def _require_positive(amount_fen: int) -> None:
        if amount_fen <= 0:
            raise InvalidInput("an amount must be above zero", rule="R28", field="amount_fen")
        bounded_fen(amount_fen, "amount_fen")


def _split_among_applicants(allocation: dict[str, int], applicants: int) -> dict[str, int]:
    """Interest and principal go to the applicants in equal parts (odd fen to the first)."""
    claim = allocation.pop("claim", 0)
    if claim:
        share, odd = divmod(claim, max(1, applicants))
        for index in range(max(1, applicants)):
            part = share + (odd if index == 0 else 0)
            if part:
                allocation[f"applicant:{index}"] = part
    return allocation
