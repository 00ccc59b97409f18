"""失信被执行人名单 — one listing of one debtor in one case (R1–R11).

A listing starts with the court's written decision (决定书, R5): signed off by the
president, preceded by a warning in the execution notice, never against a minor (R4) and
never on ground (1) when an R3 exclusion holds. Grounds (2)–(6) list for a fixed term
(R2); ground (1) lasts until removal. Publication waits the grace period (R10). A removal
event obliges the court to remove within 3 working days (R8); removal repairs the
debtor's credit (R11). A correction request (R9, `CorrectionRequest`) runs beside it:
the listing stays in force meanwhile. The policy numbers in force at the decision are
kept with the listing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import event

from zhixing.credit.domain.correction import Correction
from zhixing.credit.domain.errors import InvalidDecision, ListingRefused, RemovalRefused
from zhixing.credit.domain.restriction import require_persons
from zhixing.credit.domain.terms import (
    NOTHING_FOUND_AFTER_ZHONGBEN,
    REFUSES_TO_PERFORM,
    REMOVAL_REASONS,
    TERM_EXPIRED,
    WRONGLY_LISTED,
    AbilityToPerform,
    ListingTerms,
)
from zhixing.eventstore.domain import Aggregate
from zhixing.kernel.calendar import WorkingCalendar
from zhixing.kernel.identity import PartyIdentity, ResidentId
from zhixing.kernel.masking import IdentityKind

NAMESPACE = UUID("6f1d3c2e-8a4b-5c7d-9e0f-1a2b3c4d5e6f")


class Listing(Aggregate):
    """The listing of a dishonest judgment debtor (失信被执行人)."""

    @staticmethod
    def create_id(case_id: str, debtor_identity_number: str, decision_number: str) -> UUID:
        return uuid5(NAMESPACE, f"listing/{case_id}/{debtor_identity_number}/{decision_number}")

    @event("Listed")
    def __init__(self, case_id: str, case_number: str, court_code: str,
                 debtor_identity_number: str, debtor_name: str, debtor_kind: str,
                 grounds: list[int], facts: str, decision_number: str, decided_on: str,
                 extension_years: int, expires_on: str, publish_on: str,
                 terms: dict[str, int], persons: list[dict[str, str]] | None = None) -> None:
        self.case_id = case_id
        self.case_number = case_number
        self.court_code = court_code
        self.debtor_identity_number = debtor_identity_number
        self.debtor_name = debtor_name
        self.debtor_kind = debtor_kind
        self.grounds = grounds
        self.facts = facts
        self.decision_number = decision_number
        self.decided_on = decided_on
        self.extension_years = extension_years
        self.expires_on = expires_on
        """R2: last day of a fixed term; "" for ground (1) alone (until removal)."""
        self.publish_on = publish_on
        self.terms = terms
        self.persons = [dict(p) for p in persons or []]
        """R14: an organisation's persons, bound by the restriction that comes with
        publication (R12)."""
        self.published_on = ""
        self.removal_reason: int | None = None
        self.triggered_on = ""
        self.remove_by = ""
        self.removed_on = ""
        self.correction: Correction | None = None
        """A correction request recorded by the listing itself (stored before
        `CorrectionRequest` existed) and not yet handed over to one."""

    @classmethod
    def decide(cls, *, case_id: str, case_number: str, court_code: str,
               debtor_identity_number: str, debtor_name: str, debtor_kind: IdentityKind,
               grounds: Iterable[int], facts: str, decision_number: str, decided_on: date,
               signed_by_president: bool, warned_in_notice: bool,
               ability: AbilityToPerform | None = None, extension_years: int = 0,
               grace_months: int | None = None, terms: ListingTerms | None = None,
               warned_on: date | None = None, persons: list[dict[str, str]] | None = None,
               ) -> Listing:
        """决定书 — list the debtor on the grounds of R1 if R2–R5 and R10 allow it.
        `warned_on`: when the execution notice warned (the grace period runs from it)."""
        terms = terms or ListingTerms()
        chosen = terms.check_grounds(grounds, extension_years)
        _require_decision_formalities(signed_by_president, warned_in_notice)
        _require_adult(debtor_identity_number, debtor_kind, decided_on)
        _require_ground_one_allowed(chosen, ability)
        # R12: publication restricts the debtor; R14: an organisation's persons with it.
        require_persons(debtor_kind.value, persons or [])
        expires = terms.expires_on(chosen, decided_on, extension_years)
        return cls(case_id=case_id, case_number=case_number, court_code=court_code,
                   debtor_identity_number=debtor_identity_number, debtor_name=debtor_name,
                   debtor_kind=debtor_kind.value, grounds=chosen, facts=facts,
                   decision_number=decision_number, decided_on=decided_on.isoformat(),
                   extension_years=extension_years,
                   expires_on=expires.isoformat() if expires else "",
                   publish_on=terms.publish_on(decided_on, grace_months, warned_on).isoformat(),
                   terms=terms.as_dict(), persons=persons)

    # --- what the listing says ----------------------------------------------------------

    @property
    def is_listed(self) -> bool:
        """In force from the decision until removal; a pending correction changes nothing."""
        return not self.removed_on

    @property
    def is_public(self) -> bool:
        """Published (after the grace period, R10) and not removed."""
        return bool(self.published_on) and not self.removed_on

    @property
    def legal_representative(self) -> str:
        return next((p["name"] for p in self.persons if p["role"] == "legal_representative"),
                    "")

    @property
    def fixed_term(self) -> bool:
        return bool(self.expires_on)

    def removal_overdue(self, today: date) -> bool:
        """R8: a removal event was recorded and its 3 working days have passed."""
        return bool(self.remove_by) and not self.removed_on \
            and today > date.fromisoformat(self.remove_by)

    # --- publication (R10) ------------------------------------------------------------

    def publish(self, today: date) -> bool:
        """公布 — once the grace period has ended (R10); False before it, or when published
        or removed already."""
        if self.published_on or self.removed_on or today < date.fromisoformat(self.publish_on):
            return False
        self._published(today.isoformat())
        return True

    @event("Published")
    def _published(self, published_on: str) -> None:
        self.published_on = published_on

    # --- removal (R8) and credit repair (R11) ---------------------------------------------

    def trigger_removal(self, reason: int, on: date, calendar: WorkingCalendar) -> bool:
        """An R8 event happened on `on`: the listing must go within the removal working
        days. False when a removal was already triggered or done (nothing changes)."""
        self._require_removal_reason(reason)
        if self.remove_by or self.removed_on:
            return False
        due = calendar.add_working_days(on, self.terms["removal_working_days"])
        self._removal_triggered(reason, on.isoformat(), due.date.isoformat())
        if due.provisional:  # no official schedule for its year yet (R64)
            self._removal_provisional()
        return True

    remove_by_provisional = False
    """`remove_by` was counted with no official holiday schedule (暂定, R64). A class
    default: listings stored before the flag existed were never provisional."""

    @event("RemovalDeadlineProvisional")
    def _removal_provisional(self) -> None:
        self.remove_by_provisional = True

    @event("RemovalTriggered")
    def _removal_triggered(self, reason: int, triggered_on: str, remove_by: str) -> None:
        self.removal_reason = reason
        self.triggered_on = triggered_on
        self.remove_by = remove_by

    def remove(self, reason: int, on: date) -> bool:
        """删除失信信息 — remove the listing and report the debtor repaired (R11).
        False when it was already removed."""
        self._require_removal_reason(reason)
        return self._remove(reason, on)

    def expire(self, today: date) -> bool:
        """R8: a fixed term that has run out removes the listing by itself."""
        if not self.fixed_term or today <= date.fromisoformat(self.expires_on):
            return False
        return self._remove(TERM_EXPIRED, today)

    def _remove(self, reason: int, on: date) -> bool:
        """Removed; repaired only when it had been published (nobody was told before)."""
        if self.removed_on:
            return False
        self._removed(reason, on.isoformat())
        if self.published_on:
            self._repaired(on.isoformat(), self.court_code, self.debtor_identity_number)
        return True

    @event("Removed")
    def _removed(self, reason: int, removed_on: str) -> None:
        self.removal_reason = reason
        self.removed_on = removed_on

    @event("Repaired")
    def _repaired(self, repaired_on: str, court_code: str, debtor_identity_number: str) -> None:
        """信用修复 — the partners that received the listing are told (R11)."""

    def _require_removal_reason(self, reason: int) -> None:
        if reason not in REMOVAL_REASONS:
            raise InvalidDecision("a removal reason is one of R8 (1)–(7)", rule="R8",
                                  field="reason")
        if reason == NOTHING_FOUND_AFTER_ZHONGBEN and self.fixed_term:
            raise RemovalRefused("a fixed-term listing is not removed for an empty search "
                                 "after 终本", rule="R8(4)", field="reason")

    # --- correction (R9): its own aggregate, `CorrectionRequest` --------------------------

    def remove_as_corrected(self, on: date) -> bool:
        """R9: an upheld correction found the debtor wrongly listed — removed (R8(8))."""
        return self._remove(WRONGLY_LISTED, on)

    def hand_over_correction(self, correction_id: str) -> None:
        """A request this listing recorded itself (`correction`) now lives in its own
        `CorrectionRequest`; the listing keeps no correction state after this."""
        if self.correction is not None:
            self._correction_handed_over(correction_id)

    @event("CorrectionHandedOver")
    def _correction_handed_over(self, correction_id: str) -> None:
        self.correction = None

    # Listings stored before `CorrectionRequest` recorded their request's steps in their
    # own events. No command records these any more; they are read back so that such a
    # request can be handed over with every step it had taken.

    @event("CorrectionRequested")
    def _correction_requested(self, requested_on: str, decide_by: str) -> None:
        self.correction = Correction(requested_on, decide_by)

    @event("CorrectionDecided")
    def _correction_decided(self, upheld: bool, decided_on: str, fix_by: str,
                            reconsider_apply_by: str) -> None:
        self._step(upheld=upheld, decided_on=decided_on, fix_by=fix_by,
                   reconsider_apply_by=reconsider_apply_by)

    @event("ReconsiderationApplied")
    def _reconsideration_applied(self, applied_on: str, decide_by: str) -> None:
        self._step(reconsider_applied_on=applied_on, reconsider_decide_by=decide_by)

    @event("ReconsiderationDecided")
    def _reconsideration_decided(self, upheld: bool, decided_on: str, fix_by: str) -> None:
        self._step(reconsidered_on=decided_on, reconsider_upheld=upheld, fix_by=fix_by)

    @event("Corrected")
    def _corrected(self, corrected_on: str) -> None:
        self._step(corrected_on=corrected_on)

    @event("CorrectionOverdue")
    def _correction_overdue(self, steps: list[str], flagged_on: str) -> None:
        flagged = self.correction.overdue_flagged if self.correction else ()
        self._step(overdue_flagged=(*flagged, *steps))

    def _step(self, **changes: Any) -> None:
        if self.correction is not None:
            self.correction = replace(self.correction, **changes)


def _require_decision_formalities(signed_by_president: bool, warned_in_notice: bool) -> None:
    """R5: a decision signed off by the president, after a warning in the notice."""
    if not signed_by_president:
        raise ListingRefused("the decision must be signed off by the court president",
                             rule="R5", field="signed_by_president")
    if not warned_in_notice:
        raise ListingRefused("the execution notice did not warn of the listing risk",
                             rule="R5", field="warned_in_notice")


def _require_adult(number: str, kind: IdentityKind, decided_on: date) -> None:
    """R4: minors are never listed; age comes from the resident ID."""
    identity = PartyIdentity.parse(number, "debtor_identity_number", kind)
    if isinstance(identity, ResidentId) and identity.is_minor_on(decided_on):
        raise ListingRefused("the debtor is a minor on the decision date", rule="R4",
                             field="debtor_identity_number")


def _require_ground_one_allowed(grounds: list[int], ability: AbilityToPerform | None) -> None:
    """R3: ground (1) needs the facts of the debtor's ability, and no exclusion."""
    if REFUSES_TO_PERFORM not in grounds:
        return
    if ability is None:
        raise InvalidDecision("ground (1) needs the facts on the debtor's ability to "
                              "perform", rule="R3", field="ability")
    ability.check_ground_one()
