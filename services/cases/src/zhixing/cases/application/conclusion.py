"""终本, 恢复执行, 结案, 执行转破产, 委托执行 and 拒执 referrals (R16–R19, R44, R45)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import UUID

from zhixing.cases.application.base import case_in
from zhixing.cases.application.filing import FilingCommands
from zhixing.cases.domain.account import CaseAccount
from zhixing.cases.domain.case import EnforcementCase
from zhixing.cases.domain.filing import Claim, Filing, validate_filing
from zhixing.cases.domain.referral import RefusalReferral
from zhixing.cases.domain.zhongben import ZhongbenFacts, unmet_preconditions
from zhixing.eventstore.unit import Work
from zhixing.kernel.courts import CourtDirectory
from zhixing.kernel.errors import InvalidInput, NotFound

RESUME_REASONS = ("applicant_request", "property_found")


class ConclusionCommands(FilingCommands):
    def check_conclusion(self, case_id: UUID) -> list[tuple[str, str]]:
        """The 终本 checklist (R16, R17) as it stands today: every unmet precondition."""
        case = self.get_case(case_id)
        return unmet_preconditions(self._zhongben_facts(case), self.today())

    def conclude_case(self, case_id: UUID) -> EnforcementCase:
        """终本 — refused with every unmet precondition named by rule (R16, R17); the
        re-query dates of R18 are announced with it."""
        today = self.today()

        def act(case: EnforcementCase) -> None:
            facts = self._zhongben_facts(case)
            dates = self.node_clock(case.court_code).requery_dates(today)
            case.conclude(today, earliest_day=facts.earliest_day, unpaid_fen=facts.unpaid_fen,
                          requery_dates=dates)

        return self.update_case(case_id, act)

    def resume_case(self, case_id: UUID, reason: str = "applicant_request") -> EnforcementCase:
        """恢复执行 (R18): a new 执恢 case for what is still unpaid, linked to this one,
        saved in one transaction with the original's record of it."""
        if reason not in RESUME_REASONS:
            raise InvalidInput(f"reason must be one of {', '.join(RESUME_REASONS)}",
                               field="reason")

        created: list[EnforcementCase] = []

        def act(original: EnforcementCase, account: CaseAccount) -> list[Any]:
            filing = self._resumption_filing(original, account.recovered_for_claim_fen)
            new_case, numbering = self.numbered_case(filing, f"resume/{original.id}")
            original.resume(self.today().isoformat(), str(new_case.id), new_case.case_number,
                            reason)
            created[:] = [new_case]
            return [new_case, *numbering]

        original = self.get_case(case_id)
        self.end_case(case_id, act, lock=[self.sequence_key(original.court_code, "执恢")])
        return created[0]

    def close_case(self, case_id: UUID, closure: str) -> EnforcementCase:
        """结案 — executed in full only when the claim was recovered; no money may be
        left in the account (R28)."""
        today = self.today()

        def act(case: EnforcementCase, account: CaseAccount) -> None:
            case.close(closure, today, recovered_fen=account.recovered_for_claim_fen,
                       undisbursed_fen=account.balance_fen)

        return self.end_case(case_id, act)

    def perform_settlement(self, case_id: UUID) -> EnforcementCase:
        """The settlement (执行和解) was performed: the case closes."""
        today = self.today()

        def act(case: EnforcementCase, account: CaseAccount) -> None:
            case.perform_settlement(today, recovered_fen=account.recovered_for_claim_fen,
                                    undisbursed_fen=account.balance_fen)

        return self.end_case(case_id, act)

    def transfer_to_bankruptcy(self, case_id: UUID, consent_of: str) -> EnforcementCase:
        """执行转破产 (R45) for an insolvent organisation, with a party's consent."""
        today = self.today()

        def act(case: EnforcementCase, account: CaseAccount) -> None:
            case.transfer_to_bankruptcy(today, consent_of=consent_of,
                                        recovered_fen=account.recovered_for_claim_fen,
                                        undisbursed_fen=account.balance_fen)

        return self.end_case(case_id, act)

    def delegate_case(self, case_id: UUID, to_court: str) -> EnforcementCase:
        """委托执行 — the receiving court gets a 执协 case through the events."""
        CourtDirectory.default().get(to_court, field="to_court")
        today = self.today()
        return self.end_case(case_id, lambda case, _account: case.delegate(to_court, today))

    def refer_refusal(self, case_id: UUID, document_number: str,
                      decided_on: date) -> RefusalReferral:
        """拒执罪 — the court refers the debtor to the police (R44)."""
        def refer(work: Work) -> RefusalReferral:
            case = case_in(work, case_id)
            return work.add(RefusalReferral(str(case.id), case.case_number, case.court_code,
                                            document_number, decided_on.isoformat()))

        return self.unit.run(refer, lock=[case_id])

    def advance_referral(self, referral_id: UUID, stage: str, document_number: str,
                         decided_on: date) -> RefusalReferral:
        """The next hand-off of a 拒执 referral, in R44's order."""

        def advance(work: Work) -> RefusalReferral:
            referral = _as_referral(work.find(referral_id))
            referral.advance(stage, document_number, decided_on.isoformat())
            return referral

        return self.unit.run(advance, lock=[referral_id])

    def get_referral(self, referral_id: UUID) -> RefusalReferral:
        return _as_referral(self.get_or_none(referral_id))

    def _zhongben_facts(self, case: EnforcementCase) -> ZhongbenFacts:
        months = self.policy_for(case.court_code).int("zhongben.min_months_since_filing")
        # R16(4) "more than 3 months": the first allowed day follows the period's end.
        end = self.node_clock(case.court_code).months_after(date.fromisoformat(case.filed_on),
                                                            months)
        return case.zhongben_facts(end + timedelta(days=1),
                                   self.account_of(case).unpaid_claim_fen)

    def _resumption_filing(self, original: EnforcementCase, recovered: int) -> Filing:
        """The 执恢 filing carries what is still unpaid, in the allocation's order."""
        unpaid = _remaining_claim(original.claim, recovered)
        return validate_filing(
            court_code=original.court_code, case_type="执恢", basis=original.basis,
            applicants=original.applicants, respondents=original.respondents,
            claim=Claim(**unpaid), today=self.today(), linked_case_id=str(original.id))


def referral_missing() -> NotFound:
    """The answer for a referral id that names no referral (or none the caller may
    know of)."""
    return NotFound("no refusal-to-enforce referral with that id", field="referral_id")


def _as_referral(found: Any) -> RefusalReferral:
    if not isinstance(found, RefusalReferral):
        raise referral_missing()
    return found


def _remaining_claim(claim: Claim, recovered: int) -> dict[str, int]:
    """What is left of each head once `recovered` is taken costs first, then interest,
    then principal (the account's order, Civil Code art. 561)."""
    remaining, heads = {}, claim.as_dict()
    for head in ("costs_fen", "interest_fen", "principal_fen"):
        taken = min(recovered, heads[head])
        remaining[head] = heads[head] - taken
        recovered -= taken
    return remaining
