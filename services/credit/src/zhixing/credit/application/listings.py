"""Listing commands: decide (R1–R5), publish after the grace period (R10) with the
restriction R12 requires, remove (R8); corrections (R9) are in `corrections.py`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from zhixing.credit.application.base import CreditStore, Unit
from zhixing.credit.application.list_changes import (
    PERFORMANCE,
    lift_on_performance,
    publish_restriction,
    remove,
)
from zhixing.credit.domain.errors import InvalidDecision, ListingRefused
from zhixing.credit.domain.listing import Listing
from zhixing.credit.domain.record import LISTING
from zhixing.credit.domain.restriction import ConsumptionRestriction
from zhixing.credit.domain.terms import AbilityToPerform
from zhixing.credit.projections.cases_seen import CaseFacts
from zhixing.eventstore.unit import same_request
from zhixing.kernel.masking import IdentityKind


@dataclass(frozen=True)
class Decision:
    """What the court decides (决定书); the case supplies the rest."""

    debtor_identity_number: str
    grounds: list[int]
    facts: str
    decision_number: str
    decided_on: date
    signed_by_president: bool
    extension_years: int = 0
    grace_months: int | None = None
    security_covers_debt: bool = False
    later_in_performance_order: bool = False
    otherwise_unable: bool = False
    persons: list[dict[str, str]] = field(default_factory=list)


DECLINE_RULES = frozenset({"R1", "R3", "R4"})
"""The rules a decision not to list may rest on: no ground of R1 is made out, ground 1
is excluded (R3), the debtor is a minor (R4)."""
REASON_MAX = 500
"""Characters of a decision's stated reason (R5)."""


@dataclass(frozen=True)
class Declined:
    """A decision not to list a debtor of a case (不予纳入), as recorded."""

    case_number: str
    debtor_identity_number: str
    decided_on: str
    reason_rule: str


class ListingCommands(CreditStore):
    def decide_listing(self, case: CaseFacts, decision: Decision) -> Listing:
        """List a debtor of the case; published at once when the grace period since the
        notice's warning has passed (R10). Deciding the same decision again returns it;
        another decision under the same decision number is refused."""
        debtor = case.debtor(decision.debtor_identity_number)
        if debtor is None:
            raise InvalidDecision("the debtor is not a respondent of the case", rule="R1",
                                  field="debtor_identity_number")
        if not case.notice_served_on:
            raise ListingRefused("no execution notice has been served in the case",
                                 rule="R5", field="case_ref")
        listing_id = Listing.create_id(case.case_id, debtor.identity_number,
                                       decision.decision_number)

        def command(unit: Unit) -> Listing:
            existing = unit.find(listing_id)
            if existing is not None:  # refused when it is another decision of that number
                same_request("decision_number",
                             (list(existing.grounds), existing.facts, existing.extension_years,
                              existing.persons),
                             (list(decision.grounds), decision.facts, decision.extension_years,
                              [dict(p) for p in decision.persons]))
                return existing  # type: ignore[no-any-return]
            listing = unit.add(Listing.decide(
                case_id=case.case_id, case_number=case.case_number, court_code=case.court_code,
                debtor_identity_number=debtor.identity_number, debtor_name=debtor.name,
                debtor_kind=IdentityKind(debtor.kind), grounds=decision.grounds,
                facts=decision.facts, decision_number=decision.decision_number,
                decided_on=decision.decided_on,
                signed_by_president=decision.signed_by_president,
                warned_in_notice=case.warned, warned_on=date.fromisoformat(case.notice_served_on),
                ability=AbilityToPerform(
                    debt_fen=max(case.claim_total_fen - case.received_fen, 0),
                    seized_value_fen=case.seized_fen,
                    security_covers_debt=decision.security_covers_debt,
                    later_in_performance_order=decision.later_in_performance_order,
                    otherwise_unable=decision.otherwise_unable),
                extension_years=decision.extension_years, grace_months=decision.grace_months,
                terms=self.terms_for(case.court_code), persons=decision.persons))
            unit.case_file(case.case_id).note_listing(debtor.identity_number, str(listing_id))
            self._publish(unit, listing, self.today())
            return listing  # type: ignore[no-any-return]

        return self.act(command)

    def decline_listing(self, case: CaseFacts, identity_number: str, reason_rule: str,
                        reason: str, decided_on: date) -> Declined:
        """不予纳入: the court decides a candidate debtor of the case is not to be listed,
        stating why (R5) and the rule that excludes it; the debtor leaves the candidates
        through the ListingDeclined event. The same decision again on that day answers
        the same; another rule or reason for the debtor on that day is refused."""
        debtor = case.debtor(identity_number)
        if debtor is None:
            raise InvalidDecision("the debtor is not a respondent of the case", rule="R1",
                                  field="debtor_identity_number")
        rule, why, day = reason_rule.strip().upper(), reason.strip(), decided_on.isoformat()
        if rule not in DECLINE_RULES:
            raise InvalidDecision("a decision not to list rests on R1, R3 or R4", rule="R5",
                                  field="reason_rule")
        if not why or len(why) > REASON_MAX:
            raise InvalidDecision(f"a decision not to list states its reason, 1–{REASON_MAX} "
                                  "characters", rule="R5", field="reason")

        def command(unit: Unit) -> Declined:
            file = unit.case_file(case.case_id)
            if any(unit.get(i).is_listed for i in file.listings.get(debtor.identity_number, [])):
                raise ListingRefused("the debtor is listed in this case: a listing ends by "
                                     "removal (R8) or correction (R9), not by a decision "
                                     "not to list", rule="R5", field="debtor_identity_number")
            if file.declined.get(debtor.identity_number) == day:
                same_request("decided_on", file.declined_because[debtor.identity_number],
                             [rule, why])
            file.decline_listing(debtor.identity_number, court_code=case.court_code,
                                 decided_on=day, reason_rule=rule, reason=why)
            return Declined(case.case_number, debtor.identity_number, day, rule)

        return self.act(command)

    def publish_listing(self, listing_id: Any) -> bool:
        """The sweep's call on the day the grace period ends."""
        return self.act(lambda unit: self._publish(unit, unit.get(listing_id), self.today()))

    def _publish(self, unit: Unit, listing: Listing, today: date) -> bool:
        """公布 and 限制消费 together (R10, R12): the listing goes on the partners' list,
        and so does the restriction every listed debtor is under, with an organisation's
        persons (R14) — unless an order already restricts the debtor in this case."""
        if not listing.publish(today):
            return False
        unit.record(listing.debtor_identity_number).hold(
            str(listing.id), kind=LISTING, case_id=listing.case_id,
            case_number=listing.case_number, court_code=listing.court_code,
            since=listing.published_on, today=today, term_ends=listing.expires_on)
        restriction_id = ConsumptionRestriction.create_id(listing.case_id,
                                                          listing.debtor_identity_number)
        restriction = unit.find(restriction_id)
        if restriction is None:
            restriction = unit.add(ConsumptionRestriction.for_listing(
                case_id=listing.case_id, case_number=listing.case_number,
                court_code=listing.court_code,
                debtor_identity_number=listing.debtor_identity_number,
                debtor_name=listing.debtor_name, debtor_kind=listing.debtor_kind,
                listing_id=str(listing.id), listed_on=today, persons=listing.persons))
        else:
            restriction.reissue_for_listing(str(listing.id), today)
        unit.case_file(listing.case_id).note_restriction(listing.debtor_identity_number,
                                                         str(restriction.id))
        publish_restriction(unit, restriction, today, with_listing=True)
        return True

    def remove_listing(self, listing_id: Any, reason: int, triggered_on: date) -> Listing:
        """R8: removed at once (well within the 3 working days), the reason recorded and
        the partners told the debtor is repaired (R11)."""

        def command(unit: Unit) -> Listing:
            listing = unit.get(listing_id)
            if remove(unit, listing, reason, triggered_on, self) and reason in PERFORMANCE:
                lift_on_performance(unit, listing.case_id, triggered_on, self.today(),
                                    listing.debtor_identity_number)
            return listing  # type: ignore[no-any-return]

        return self.act(command)

    def expire_listing(self, listing_id: Any) -> bool:
        """R8: a fixed term that has run out removes the listing."""

        def command(unit: Unit) -> bool:
            listing: Listing = unit.get(listing_id)
            if not listing.expire(self.today()):
                return False
            unit.record(listing.debtor_identity_number).release(str(listing.id), self.today())
            return True

        return self.act(command)

