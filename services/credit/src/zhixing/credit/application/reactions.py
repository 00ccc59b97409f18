"""What case and assets events oblige the credit service to do (R8, R15, good faith).

The policy (`policies/case_events.py`) turns each event into one call here. Every call is
idempotent, so a redelivered event changes nothing.
"""

from __future__ import annotations

from datetime import date

from zhixing.credit.application.base import CreditStore, Unit
from zhixing.credit.application.list_changes import PERFORMANCE, lift_on_performance, remove
from zhixing.credit.domain.listing import Listing
from zhixing.credit.domain.terms import NOTHING_FOUND_AFTER_ZHONGBEN

REMOVAL_ON_CLOSURE = {"executed_in_full": 1, "not_enforced": 6, "terminated": 7,
                      "bankruptcy": 5}
"""R8: closures that oblige removal — performed (1), ruling not to enforce (6), ruling
terminating enforcement (7), and bankruptcy, which suspends enforcement (5)."""
SETTLEMENT_PERFORMED = 2
EMPTY_REQUERIES = 2
"""R8(4): two or more network re-queries after 终本 found nothing."""


class CaseReactions(CreditStore):
    def case_closed(self, case_id: str, closure: str, closed_on: date) -> int:
        """Removes the case's listings for the closure's R8 reason; full performance also
        lifts its restrictions (R15 *must*). Returns how many listings were removed."""
        reason = REMOVAL_ON_CLOSURE.get(closure)
        if reason is None:
            return 0
        return self._performed_or_ended(case_id, reason, closed_on)

    def settlement_performed(self, case_id: str, performed_on: date) -> int:
        """R8(2) removes; the settlement performed is full performance for R15."""
        return self._performed_or_ended(case_id, SETTLEMENT_PERFORMED, performed_on)

    def _performed_or_ended(self, case_id: str, reason: int, on: date) -> int:
        def command(unit: Unit) -> int:
            file = unit.case_file(case_id)
            removed = sum(remove(unit, unit.get(listing_id), reason, on, self)
                          for ids in file.listings.values() for listing_id in ids)
            if reason in PERFORMANCE:
                lift_on_performance(unit, case_id, on, self.today())
            return removed

        return self.act(command)

    def case_concluded(self, case_id: str, concluded_on: date) -> bool:
        return self.act(lambda unit: unit.case_file(case_id).conclude(concluded_on.isoformat()))

    def case_resumed(self, case_id: str) -> bool:
        return self.act(lambda unit: unit.case_file(case_id).resume())

    def requery_answered(self, case_id: str, identity_number: str, inquiry_id: str,
                         found: bool, on: date) -> int:
        """R8(4): after two empty re-queries, listings without a fixed term go (a fixed-term
        listing runs its term). Returns how many were removed."""

        def command(unit: Unit) -> int:
            file = unit.case_file(case_id)
            if file.requery_answered(identity_number, inquiry_id, found) < EMPTY_REQUERIES:
                return 0
            listings: list[Listing] = [unit.get(i) for i in file.listings.get(identity_number, [])]
            return sum(remove(unit, listing, NOTHING_FOUND_AFTER_ZHONGBEN, on, self)
                       for listing in listings if not listing.fixed_term)

        return self.act(command)

    def record_good_faith(self, case_id: str, case_number: str, court_code: str,
                          identity_numbers: list[str], performed_on: date,
                          notice_deadline: str) -> int:
        """自动履行正向激励: executed in full by the notice's deadline, with nobody listed."""
        if not notice_deadline or performed_on > date.fromisoformat(notice_deadline):
            return 0

        def command(unit: Unit) -> int:
            file = unit.case_file(case_id)
            recorded = 0
            for identity in identity_numbers:
                if identity in file.listings or not file.record_good_faith(
                        identity, case_number=case_number, court_code=court_code,
                        performed_on=performed_on.isoformat(), notice_deadline=notice_deadline):
                    continue
                unit.record(identity).note_good_faith(case_id, case_number, court_code,
                                                      performed_on.isoformat())
                recorded += 1
            return recorded

        return self.act(command)

