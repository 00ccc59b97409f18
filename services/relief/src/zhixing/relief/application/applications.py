"""Notice of the right to apply, the application and its review (R29, R31, R38): a relief
case is filed under its 司救执 number in the same save as its claimant's record."""

from __future__ import annotations

from datetime import date
from typing import Any

from zhixing.eventstore.unit import same_request
from zhixing.relief.application.base import (
    ReliefStore,
    Unit,
    application_uuid,
    funds_of,
)
from zhixing.relief.domain.claimant import Claimant
from zhixing.relief.domain.deadlines import decide_by
from zhixing.relief.domain.eligibility import refusal, unmet_to_apply
from zhixing.relief.domain.facts import CaseFacts
from zhixing.relief.domain.relief_case import ReliefCase
from zhixing.relief.domain.values import Hardship, ReliefStatus

RESUMED_MOST = 20
"""How far back a chain of 执恢 cases is followed (each resumption files one)."""


class ApplicationCommands(ReliefStore):
    def notify_right(self, case_id: str, party_index: int, notified_on: date,
                     by: str) -> Claimant:
        """告知 — the party was told of its right to apply for relief (R31's first step);
        the first notice stands (telling again stores nothing). `by` is the caller's
        subject, recorded by the audited servicer."""

        def command(unit: Unit) -> Claimant:
            claimant = unit.claimant(case_id, party_index)
            claimant.notify(notified_on)
            return claimant

        return self.act(command, lock=[claimant_key(case_id, party_index)])

    def apply(self, case_id: str, party_index: int, requested_fen: int, hardship: Hardship,
              other_organ_paid: bool, applied_on: date, by: str,
              application_id: str | None = None) -> ReliefCase:
        """司法救助申请 — checks R29 against the case's facts (every unmet rule named),
        then files the relief case under the next 司救执 number of its court (R38) with
        its decision deadline (10 working days, R31), in one save with the docket's
        serial and the claimant's open application — so two concurrent applications of
        one party cannot both pass, and a serial is used only by a stored case.

        `application_id` is the request's idempotency key (a UUID is the id itself):
        sent again with the same content it returns the case filed then and stores
        nothing; with other content it is refused naming application_id."""
        facts = self.facts.get(case_id)
        court = facts.court_code if facts is not None else ""
        key = application_id or ""

        def command(unit: Unit) -> ReliefCase:
            if key and facts is not None:
                existing = unit.find(ReliefCase.create_id(court, key))
                if existing is not None:
                    return _same_application(existing, case_id, party_index, requested_fen,
                                             hardship, other_organ_paid, applied_on)
            claimant = unit.claimant(case_id, party_index)
            earlier, untold = self._earlier_claimants(unit, facts, party_index)
            unmet = unmet_to_apply(facts, party_index, other_organ_paid, claimant,
                                   earlier=earlier, untold=untold)
            if unmet or facts is None:
                raise refusal(unmet)
            number = unit.docket(court, self.today().year).next_number()
            case = unit.add(ReliefCase.file(
                case_id=case_id, case_number=facts.case_number, court_code=court,
                relief_case_number=number, party_index=party_index,
                requested_fen=requested_fen, hardship=hardship,
                other_organ_paid=other_organ_paid, applied_on=applied_on,
                decide_by=decide_by(self.calendar, applied_on), by=by, request_id=key))
            claimant.open(str(case.id))
            return case

        return self.act(command, lock=[claimant_key(case_id, party_index), f"docket/{court}"])

    def _earlier_claimants(self, unit: Unit, facts: CaseFacts | None,
                           party_index: int) -> tuple[list[Claimant], bool]:
        """The party as a claimant in each case its 执恢 case continues (R29: one payment
        per party per case, the resumed case included), found by role, kind and identity
        (blind index) — its index there may differ — and whether that could not be told
        for some case (relief knows no identity index there: the caller is refused)."""
        party = facts.party(party_index) if facts is not None else None
        found: list[Claimant] = []
        untold = False
        for resumed in self._resumed_cases(facts):
            before = self.facts.get(resumed)
            if party is None or before is None:
                continue  # relief files nothing in a case it does not know
            same = before.counterparts(party)
            if same is None:
                untold = True
                continue
            found += [claimant for p in same
                      if (claimant := unit.find(Claimant.create_id(resumed, p.index)))]
        return found, untold

    def _resumed_cases(self, facts: CaseFacts | None) -> list[str]:
        """The cases a 执恢 case continues, nearest first (R29: one payment per party per
        case, the resumed case included); a loop or a case not known ends the chain."""
        chain: list[str] = []
        while (facts is not None and facts.resumes_case_id
               and facts.resumes_case_id not in chain and len(chain) < RESUMED_MOST):
            chain.append(facts.resumes_case_id)
            facts = self.facts.get(facts.resumes_case_id)
        return chain

    def review(self, application_id: str, proposed_fen: int, opinion: str,
               by: str) -> ReliefCase:
        """审查 — the officer's proposal (an amount and an opinion) for the decision
        (R31); again with the same proposal it stores nothing."""
        relief_id = application_uuid(application_id)

        def command(unit: Unit) -> ReliefCase:
            case = unit.relief_case(relief_id)
            if not (case.status is ReliefStatus.REVIEWED
                    and (case.proposed_fen, case.opinion) == (proposed_fen, opinion.strip())):
                case.review(proposed_fen, opinion, by)
            return case

        return self.act(command, lock=[str(relief_id)])

    def withdraw(self, application_id: str, on: date, by: str) -> ReliefCase:
        """撤回 — the applicant withdrew before payment; an approved amount's reservation
        is released (R32) and the party may apply again. Again: nothing new."""
        known = self.relief_case(application_id)

        def command(unit: Unit) -> ReliefCase:
            case = unit.relief_case(known.id)
            if case.status is ReliefStatus.WITHDRAWN and case.withdrawn_on == on:
                return case
            if case.withdraw(on, by):
                unit.fund(case.court_code, case.fund_year).release(str(case.id), "withdrawn", on)
            unit.claimant(case.case_id, case.party_index).close(str(case.id))
            return case

        return self.act(command, lock=[str(known.id), *funds_of(known)])

    def hardship_of(self, application_id: str) -> Hardship:
        """The hardship facts of an application — sensitive personal information (R46):
        the caller audits every read (who, why, when) before it answers with them."""
        return self.relief_case(application_id).hardship


def claimant_key(case_id: str, party_index: int) -> str:
    """What commands on one party's claim queue on within a process."""
    return f"claimant/{case_id}/{party_index}"


def _same_application(existing: Any, case_id: str, party_index: int, requested_fen: int,
                      hardship: Hardship, other_organ_paid: bool,
                      applied_on: date) -> ReliefCase:
    """The case filed earlier under the same key if this is that request again; otherwise
    the key is refused (the earlier request is not shown: it may be another caller's)."""
    earlier = ((existing.case_id, existing.party_index, existing.requested_fen,
                existing.hardship, existing.other_organ_paid, existing.applied_on)
               if isinstance(existing, ReliefCase) else None)
    same_request("application_id", earlier,
                 (case_id, party_index, requested_fen, hardship, other_organ_paid, applied_on))
    return existing  # type: ignore[no-any-return]
