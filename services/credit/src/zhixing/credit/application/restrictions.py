"""Restriction commands (限制消费令): order (R12), lift (R15), release a former legal
representative (R15). Each keeps the partners' list in step (R14: the persons too)."""

from __future__ import annotations

from datetime import date
from typing import Any

from zhixing.credit.application.base import CreditStore, Unit
from zhixing.credit.application.list_changes import lift, publish_restriction
from zhixing.credit.domain.errors import InvalidDecision, RestrictionRefused
from zhixing.credit.domain.restriction import ConsumptionRestriction
from zhixing.credit.projections.cases_seen import CaseFacts


class RestrictionCommands(CreditStore):
    def order_restriction(self, case: CaseFacts, identity_number: str, order_number: str,
                          issued_on: date, persons: list[dict[str, str]]) -> ConsumptionRestriction:
        """R12 *may*: after the execution notice's deadline. Ordering again returns the
        restriction in force."""
        debtor = case.debtor(identity_number)
        if debtor is None:
            raise InvalidDecision("the debtor is not a respondent of the case", rule="R12",
                                  field="debtor_identity_number")
        if not case.notice_deadline:
            raise RestrictionRefused("no execution notice has been served in the case",
                                     rule="R12", field="case_ref")
        restriction_id = ConsumptionRestriction.create_id(case.case_id, identity_number)
        # R10: published once the grace period since the notice's warning has ended.
        terms = self.terms_for(case.court_code)
        publish_on = terms.publish_on(issued_on, None, date.fromisoformat(case.notice_served_on)
                                      if case.notice_served_on else None)

        def command(unit: Unit) -> ConsumptionRestriction:
            existing = unit.find(restriction_id)
            if existing is not None and existing.in_force:
                return existing  # type: ignore[no-any-return]
            if existing is not None:
                raise RestrictionRefused("the debtor's restriction in this case was lifted; "
                                         "a new order needs a new case", rule="R15",
                                         field="debtor_identity_number")
            restriction = unit.add(ConsumptionRestriction.order(
                case_id=case.case_id, case_number=case.case_number, court_code=case.court_code,
                debtor_identity_number=identity_number, debtor_name=debtor.name,
                debtor_kind=debtor.kind, order_number=order_number,
                notice_deadline=date.fromisoformat(case.notice_deadline), issued_on=issued_on,
                persons=persons, publish_on=publish_on))
            unit.case_file(case.case_id).note_restriction(identity_number, str(restriction_id))
            publish_restriction(unit, restriction, self.today())
            return restriction  # type: ignore[no-any-return]

        return self.act(command)

    def lift_restriction(self, restriction_id: Any, ground: str, reference: str,
                         lifted_on: date) -> ConsumptionRestriction:
        if ground == "listing_corrected":
            raise InvalidDecision("a correction (R9) lifts on that ground, not a court's "
                                  "lifting decision", rule="R15", field="ground")

        def command(unit: Unit) -> ConsumptionRestriction:
            restriction = unit.get(restriction_id)
            if restriction.in_force and _listed_in_case(unit, restriction):
                raise RestrictionRefused(
                    "the debtor is listed in this case, and every listed debtor is "
                    "restricted: remove the listing (R8), which lifts it on performance",
                    rule="R12", field="restriction_id")
            lift(unit, restriction, ground, reference, lifted_on, self.today())
            return restriction  # type: ignore[no-any-return]

        return self.act(command)

    def release_person(self, restriction_id: Any, identity_number: str, evidence: str,
                       released_on: date) -> ConsumptionRestriction:
        def command(unit: Unit) -> ConsumptionRestriction:
            restriction: ConsumptionRestriction = unit.get(restriction_id)
            if restriction.release_person(identity_number, released_on, evidence):
                unit.record(identity_number).release(str(restriction.id), self.today())
            return restriction

        return self.act(command)

    def publish_due_restriction(self, restriction_id: Any) -> bool:
        """The sweep's call on the day an order's grace period ends (R10)."""
        return self.act(lambda unit: publish_restriction(unit, unit.get(restriction_id),
                                                         self.today()))


def _listed_in_case(unit: Unit, restriction: ConsumptionRestriction) -> bool:
    listing_ids = unit.case_file(restriction.case_id).listings.get(
        restriction.debtor_identity_number, [])
    return any(not unit.get(i).removed_on for i in listing_ids)
