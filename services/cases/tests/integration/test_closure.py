"""结案 and 执行转破产 — closing a case (R28 money, R45 bankruptcy)."""

from __future__ import annotations

import pytest

from zhixing.cases.demo import resident_id
from zhixing.cases.domain.errors import ClosureRefused, WrongStage
from zhixing.cases.domain.filing import Party
from zhixing.contracts.events.cases.v1 import CaseClosed
from zhixing.kernel.errors import InvalidInput

from ..cases_kit import executing_case, published

# The conftest claim: principal 100,000.00, interest 0, costs 1,000.00 yuan.
COSTS = 1_000_00
CLAIM_TOTAL = 101_000_00



def _paid_in_full(app, case, extra_fen: int = 0) -> None:
    """The whole claim (and `extra_fen` beyond it) received; costs and applicant paid."""
    app.record_payment(case.id, "slip-1", CLAIM_TOTAL + extra_fen)
    app.disburse(case.id, "pay-costs", "costs", COSTS)
    app.disburse(case.id, "pay-applicant", "applicant:0", CLAIM_TOTAL - COSTS)



class TestCloseExecutedInFull:
    """R28: 执行完毕 only when the claim was recovered and no money is left in the account."""

    def test_closure_is_refused_naming_r28_when_money_is_still_in_the_account(self, app,
                                                                              a_filing):
        case = executing_case(app, a_filing)
        app.record_payment(case.id, "slip-1", CLAIM_TOTAL)
        with pytest.raises(ClosureRefused) as refused:
            app.close_case(case.id, "executed_in_full")
        assert refused.value.rule == "R28"
        assert app.get_case(case.id).status == "executing"

    def test_closure_is_refused_naming_r28_when_less_than_the_claim_was_recovered(
            self, app, a_filing):
        case = executing_case(app, a_filing)
        app.record_payment(case.id, "slip-1", COSTS + 500_00)
        app.disburse(case.id, "pay-costs", "costs", COSTS)
        app.disburse(case.id, "pay-applicant", "applicant:0", 500_00)
        with pytest.raises(ClosureRefused) as refused:
            app.close_case(case.id, "executed_in_full")
        assert refused.value.rule == "R28"
        assert app.get_case(case.id).status == "executing"

    def test_closure_is_refused_when_the_debtors_refund_is_still_held(self, app, a_filing):
        case = executing_case(app, a_filing)
        _paid_in_full(app, case, extra_fen=30_00)  # 30 yuan beyond the claim, not refunded
        with pytest.raises(ClosureRefused) as refused:
            app.close_case(case.id, "executed_in_full")
        assert refused.value.rule == "R28"

    def test_case_closes_executed_in_full_when_received_and_disbursed_in_full(self, app,
                                                                              a_filing):
        case = executing_case(app, a_filing)
        _paid_in_full(app, case)
        closed = app.close_case(case.id, "executed_in_full")
        assert (closed.status, closed.closure) == ("closed", "executed_in_full")

    def test_closure_is_published_with_the_amount_recovered_when_executed_in_full(
            self, app, a_filing):
        case = executing_case(app, a_filing)
        _paid_in_full(app, case)
        app.close_case(case.id, "executed_in_full")
        [public] = published(app, CaseClosed)
        assert (public.case_id, public.closure, public.recovered_fen) == (
            str(case.id), "executed_in_full", CLAIM_TOTAL)


class TestCloseRefusals:
    """结案 happens once, in one of the ways the law knows."""

    def test_closure_is_refused_as_wrong_stage_when_the_case_is_already_closed(self, app,
                                                                               a_filing):
        case = executing_case(app, a_filing)
        app.close_case(case.id, "withdrawn")
        with pytest.raises(WrongStage):
            app.close_case(case.id, "withdrawn")

    def test_closure_is_refused_naming_the_field_when_its_kind_is_unknown(self, app,
                                                                          a_filing):
        case = executing_case(app, a_filing)
        with pytest.raises(InvalidInput) as refused:
            app.close_case(case.id, "forgiven")
        assert refused.value.field == "closure"
        assert app.get_case(case.id).status == "executing"


class TestTransferToBankruptcy:
    """R45: 执行转破产 for an insolvent corporate debtor, with a party's consent."""

    def test_transfer_is_refused_naming_r45_when_the_debtor_is_a_natural_person(self, app,
                                                                                a_filing):
        person = Party("respondent", "natural_person", "李强",
                       resident_id("500103", "20010105", "311"))
        case = executing_case(app, a_filing, respondents=[person])
        with pytest.raises(ClosureRefused) as refused:
            app.transfer_to_bankruptcy(case.id, consent_of="applicant")
        assert refused.value.rule == "R45"
        assert app.get_case(case.id).status == "executing"

    def test_transfer_is_refused_naming_r45_when_no_party_consented(self, app, a_filing):
        case = executing_case(app, a_filing)
        with pytest.raises(InvalidInput) as refused:
            app.transfer_to_bankruptcy(case.id, consent_of="")
        assert (refused.value.rule, refused.value.field) == ("R45", "consent_of")
        assert app.get_case(case.id).status == "executing"

    def test_case_closes_as_bankruptcy_when_the_applicant_consents_for_an_organisation(
            self, app, a_filing):
        case = executing_case(app, a_filing)
        closed = app.transfer_to_bankruptcy(case.id, consent_of="applicant")
        assert (closed.status, closed.closure) == ("closed", "bankruptcy")
