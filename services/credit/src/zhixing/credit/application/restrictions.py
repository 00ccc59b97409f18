"""Restriction commands (限制消费令): order (R12), lift (R15), release a former legal
representative (R15). Each keeps the partners' list in step (R14: the persons too)."""

from __future__ import annotations

from datetime import date
from typing import Any

from zhixing.credit.application.base import CreditStore, Unit
from zhixing.credit.application.listings import hold_restriction
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
                persons=persons))
            unit.case_file(case.case_id).note_restriction(identity_number, str(restriction_id))
            hold_restriction(unit, restriction, self.today())
            return restriction  # type: ignore[no-any-return]

        return self.act(command)

    def lift_restriction(self, restriction_id: Any, ground: str, reference: str,
                         lifted_on: date) -> ConsumptionRestriction:
        def command(unit: Unit) -> ConsumptionRestriction:
            restriction = unit.get(restriction_id)
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


def lift(unit: Unit, restriction: ConsumptionRestriction, ground: str, reference: str,
         lifted_on: date, today: date) -> bool:
    """Lift and take the debtor and its persons off the list for this restriction."""
    bound = [restriction.debtor_identity_number,
             *(p["identity_number"] for p in restriction.persons)]
    if not restriction.lift(ground, lifted_on, reference):
        return False
    for identity in bound:
        unit.record(identity).release(str(restriction.id), today)
    return True
