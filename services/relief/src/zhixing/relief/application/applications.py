"""Notice of the right to apply, the application and its review (R29, R31, R38): a relief
case is filed under its 司救执 number in the same save as its claimant's record."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import uuid4

from zhixing.eventstore.unit import same_request
from zhixing.kernel.money import bounded_fen
from zhixing.relief.application.base import ReliefStore, Unit, application_uuid, fund_key
from zhixing.relief.application.checks import raise_first
from zhixing.relief.domain.claimant import Claimant
from zhixing.relief.domain.deadlines import decide_by
from zhixing.relief.domain.eligibility import unmet_to_apply
from zhixing.relief.domain.relief_case import ReliefCase
from zhixing.relief.domain.values import Hardship, ReliefStatus


class ApplicationCommands(ReliefStore):
    def notify_right(self, case_id: str, party_index: int, notified_on: date,
                     by: str) -> Claimant:
        """告知 — the party was told of its right to apply for relief (R31's first step)."""

        def command(unit: Unit) -> Claimant:
            claimant = unit.claimant(case_id, party_index)
            claimant.notify(notified_on=notified_on, by=by)
            return claimant

        return self.act(command, lock=[_claimant_key(case_id, party_index)])

    def apply(self, case_id: str, party_index: int, requested_fen: int, hardship: Hardship,
              other_organ_paid: bool, applied_on: date, by: str,
              application_id: str | None = None) -> ReliefCase:
        """司法救助申请 — checks R29 against the case's facts, then files the relief case
        under the next 司救执 number of its court (R38) with its decision deadline (10
        working days, R31), in one save with the claimant's open application (so two
        concurrent applications of one party cannot both pass). `application_id` is the
        request's idempotency key: sent again with the same content it returns the case
        filed then and stores nothing; with other content it is refused."""
        bounded_fen(requested_fen, "requested_fen", rule="R30")
        relief_id = application_uuid(application_id) if application_id else uuid4()
        facts = self.facts.get(case_id)

        def command(unit: Unit) -> ReliefCase:
            existing = unit.find(relief_id)
            if existing is not None:
                return _same_application(existing, case_id, party_index, requested_fen,
                                         hardship, other_organ_paid, applied_on)
            claimant = unit.claimant(case_id, party_index)
            raise_first(unmet_to_apply(facts, party_index, other_organ_paid, claimant))
            assert facts is not None  # unmet_to_apply refuses an unknown case (R29)
            filed_in = self.today().year
            number = unit.docket(facts.court_code, filed_in).next_number()
            case = unit.add(ReliefCase.file(
                application_id=relief_id, case_id=case_id, case_number=facts.case_number,
                court_code=facts.court_code, relief_case_number=number,
                party_index=party_index, requested_fen=requested_fen, hardship=hardship,
                other_organ_paid=other_organ_paid, applied_on=applied_on,
                decide_by=decide_by(self.calendar, applied_on), by=by))
            claimant.open(str(case.id))
            return case

        court = facts.court_code if facts else ""
        return self.act(command, lock=[_claimant_key(case_id, party_index),
                                       f"docket/{court}"])

    def review(self, application_id: str, proposed_fen: int, opinion: str,
               by: str) -> ReliefCase:
        """审查 — the officer's proposal (an amount and an opinion) for the decision."""
        bounded_fen(proposed_fen, "proposed_fen", rule="R30")

        def command(unit: Unit) -> ReliefCase:
            case = unit.relief_case(application_id)
            if not (case.status is ReliefStatus.REVIEWED
                    and (case.proposed_fen, case.opinion) == (proposed_fen, opinion)):
                case.review(proposed_fen=proposed_fen, opinion=opinion, by=by)
            return case

        return self.act(command, lock=[str(application_uuid(application_id))])

    def withdraw(self, application_id: str, on: date, by: str) -> ReliefCase:
        """撤回 — the applicant withdrew; an approved amount's reservation is released
        (R32) and the claimant may apply again."""

        def command(unit: Unit) -> ReliefCase:
            case = unit.relief_case(application_id)
            if case.status is ReliefStatus.WITHDRAWN:
                return case
            reserved = case.status is ReliefStatus.APPROVED
            case.withdraw(on=on, by=by)
            if reserved:
                unit.fund(case.court_code, case.fund_year).release(
                    application_id=str(case.id), amount_fen=case.amount_fen,
                    reason="withdrawn")
            unit.claimant(case.case_id, case.party_index).close(str(case.id))
            return case

        known = self.relief_case(application_id)
        funds = [fund_key(known.court_code, known.fund_year)] if known.fund_year else []
        return self.act(command, lock=[str(known.id), *funds])

    def hardship_of(self, application_id: str) -> Hardship:
        """The hardship facts of an application — sensitive personal information (R46):
        the caller audits every read (who, why, when) before it answers with them."""
        return self.relief_case(application_id).hardship


def _claimant_key(case_id: str, party_index: int) -> str:
    return f"claimant/{case_id}/{party_index}"


def _same_application(existing: Any, case_id: str, party_index: int, requested_fen: int,
                      hardship: Hardship, other_organ_paid: bool,
                      applied_on: date) -> ReliefCase:
    if not isinstance(existing, ReliefCase):
        same_request("application_id", "another record", "an application")
    same_request("application_id",
                 (existing.case_id, existing.party_index, existing.requested_fen,
                  existing.hardship, existing.other_organ_paid, existing.applied_on),
                 (case_id, party_index, requested_fen, hardship, other_organ_paid, applied_on))
    return existing  # type: ignore[no-any-return]
