"""The credit file of one case: what the credit service decided in it, and what the case
and assets events said that bears on removal (R8) and good faith.

Case events name a case and its debtors, not a listing: this file finds the listings and
restrictions to act on. It also counts the empty network re-queries after 终本 — R8(4)
removes a listing without a fixed term after two of them.
"""

from __future__ import annotations

from uuid import UUID, uuid5

from eventsourcing.domain import event

from zhixing.credit.domain.errors import InvalidDecision
from zhixing.eventstore.domain import Aggregate

NAMESPACE = UUID("5a9c3e1f-7b2d-5e4a-8c6f-0d1e2f3a4b5c")


class CaseCreditFile(Aggregate):
    """The listings and restrictions of one case, by debtor, and its R8(4) count."""

    @staticmethod
    def create_id(case_id: str) -> UUID:
        return uuid5(NAMESPACE, f"case/{case_id}")

    @event("Opened")
    def __init__(self, case_id: str) -> None:
        self.case_id = case_id
        self.listings: dict[str, list[str]] = {}
        """debtor identity → listing ids, oldest first."""
        self.restrictions: dict[str, str] = {}
        """debtor identity → the restriction id (one per debtor and case)."""
        self.concluded_on = ""
        self.empty_requeries: dict[str, list[str]] = {}
        """debtor identity → ids of the re-queries after 终本 that found nothing."""
        self.good_faith: list[str] = []
        self.declined: dict[str, str] = {}
        """debtor identity → the day the court decided not to list them."""
        self.declined_because: dict[str, list[str]] = {}
        """debtor identity → [rule, reason] of that decision."""

    def note_listing(self, identity_number: str, listing_id: str) -> bool:
        if listing_id in self.listings.get(identity_number, []):
            return False
        self._listing_noted(identity_number, listing_id)
        return True

    @event("ListingNoted")
    def _listing_noted(self, identity_number: str, listing_id: str) -> None:
        self.listings.setdefault(identity_number, []).append(listing_id)

    def decline_listing(self, identity_number: str, *, court_code: str, decided_on: str,
                        reason_rule: str, reason: str = "") -> bool:
        """不予纳入 — the court decided the debtor is not to be listed (a minor, R4; an R3
        exclusion; …): the listing question is settled for 终本 (R16(2)) and the debtor
        is no longer a candidate. The same decision again changes nothing."""
        if not reason_rule.strip():
            raise InvalidDecision("a decision not to list names the rule that excludes "
                                  "listing", rule="R5", field="reason_rule")
        if self.declined.get(identity_number) == decided_on:
            return False
        self._listing_declined(identity_number, court_code, decided_on, reason_rule.strip(),
                               reason.strip())
        return True

    class ListingDeclined(Aggregate.Event):
        """The decision not to list; `reason` came later, so earlier events load with
        none."""

        identity_number: str
        court_code: str
        decided_on: str
        reason_rule: str
        reason: str = ""

    @event(ListingDeclined)
    def _listing_declined(self, identity_number: str, court_code: str, decided_on: str,
                          reason_rule: str, reason: str) -> None:
        self.declined[identity_number] = decided_on
        self.declined_because[identity_number] = [reason_rule, reason]

    def note_restriction(self, identity_number: str, restriction_id: str) -> bool:
        if self.restrictions.get(identity_number) == restriction_id:
            return False
        self._restriction_noted(identity_number, restriction_id)
        return True

    @event("RestrictionNoted")
    def _restriction_noted(self, identity_number: str, restriction_id: str) -> None:
        self.restrictions[identity_number] = restriction_id

    def conclude(self, on: str) -> bool:
        """终本: the count of empty re-queries starts afresh."""
        if self.concluded_on == on:
            return False
        self._concluded(on)
        return True

    @event("Concluded")
    def _concluded(self, on: str) -> None:
        self.concluded_on = on
        self.empty_requeries = {}

    def resume(self) -> bool:
        """The case resumed: 终本 no longer holds, nor its count."""
        if not self.concluded_on:
            return False
        self._resumed()
        return True

    @event("Resumed")
    def _resumed(self) -> None:
        self.concluded_on = ""
        self.empty_requeries = {}

    def requery_answered(self, identity_number: str, inquiry_id: str, found: bool) -> int:
        """R8(4): a network re-query after 终本 answered for a debtor; returns how many
        found nothing. A later revision that finds property takes its query back out."""
        empty = self.empty_requeries.get(identity_number, [])
        if self.concluded_on and (inquiry_id in empty) == found:
            self._requery_answered(identity_number, inquiry_id, found)
        return len(self.empty_requeries.get(identity_number, []))

    @event("RequeryAnswered")
    def _requery_answered(self, identity_number: str, inquiry_id: str, found: bool) -> None:
        empty = [i for i in self.empty_requeries.get(identity_number, []) if i != inquiry_id]
        self.empty_requeries[identity_number] = empty if found else [*empty, inquiry_id]

    def record_good_faith(self, identity_number: str, *, case_number: str, court_code: str,
                          performed_on: str, notice_deadline: str) -> bool:
        """自动履行正向激励: paid in full by the notice's deadline (checked by the caller)."""
        if identity_number in self.good_faith:
            return False
        self._good_faith(identity_number, case_number, court_code, performed_on,
                         notice_deadline)
        return True

    @event("GoodFaith")
    def _good_faith(self, identity_number: str, case_number: str, court_code: str,
                    performed_on: str, notice_deadline: str) -> None:
        self.good_faith.append(identity_number)

    @property
    def debtors(self) -> list[str]:
        return sorted(set(self.listings) | set(self.restrictions))
