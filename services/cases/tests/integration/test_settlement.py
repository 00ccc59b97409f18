"""执行和解 — enforcement settlements, their performance and default (R1(6), R28)."""

from __future__ import annotations

from datetime import date

import pytest

from zhixing.cases.domain.errors import ClosureRefused
from zhixing.contracts.events.cases.v1 import SettlementDefaulted
from zhixing.kernel.errors import InvalidInput

from ..cases_kit import executing_case, published

PLAN = [(date(2026, 4, 1), 50_000_00), (date(2026, 5, 1), 51_000_00)]



def _settled_case(app, a_filing):
    case = executing_case(app, a_filing)
    app.agree_settlement(case.id, PLAN)
    return case



class TestAgreeSettlement:
    """执行和解: instalments in date order, each above zero (R28)."""

    def test_case_is_settled_when_a_settlement_is_agreed(self, app, a_filing):
        case = _settled_case(app, a_filing)
        settled = app.get_case(case.id)
        assert (settled.status, settled.settlement.state) == ("settled", "running")

    def test_settlement_is_refused_naming_the_field_when_instalments_are_out_of_date_order(
            self, app, a_filing):
        case = executing_case(app, a_filing)
        with pytest.raises(InvalidInput) as refused:
            app.agree_settlement(case.id, list(reversed(PLAN)))
        assert refused.value.field == "instalments[1].due_on"
        assert app.get_case(case.id).status == "executing"

    @pytest.mark.parametrize("amount_fen", [0, -1])
    def test_settlement_is_refused_naming_the_field_when_an_instalment_is_not_above_zero(
            self, app, a_filing, amount_fen):
        case = executing_case(app, a_filing)
        with pytest.raises(InvalidInput) as refused:
            app.agree_settlement(case.id, [PLAN[0], (date(2026, 5, 1), amount_fen)])
        assert (refused.value.rule, refused.value.field) == ("R28", "instalments[1].amount_fen")
        assert app.get_case(case.id).status == "executing"


class TestPerformSettlement:
    """A performed settlement closes the case as executed (履行完毕)."""

    def test_case_closes_executed_in_full_when_the_settlement_is_performed(self, app,
                                                                           a_filing):
        case = _settled_case(app, a_filing)
        closed = app.perform_settlement(case.id)
        assert (closed.status, closed.closure, closed.settlement.state) == (
            "closed", "executed_in_full", "performed")

    def test_performance_is_refused_naming_r28_when_money_is_still_in_the_account(
            self, app, a_filing):
        case = _settled_case(app, a_filing)
        app.record_payment(case.id, "slip-1", 50_000_00)
        with pytest.raises(ClosureRefused) as refused:
            app.perform_settlement(case.id)
        assert refused.value.rule == "R28"
        assert app.get_case(case.id).status == "settled"


class TestSettlementDefault:
    """不履行和解协议: enforcement resumes; the debtor is a candidate for listing (R1(6))."""

    def test_case_is_executing_again_when_the_debtor_defaults(self, app, a_filing):
        case = _settled_case(app, a_filing)
        resumed = app.settlement_defaulted(case.id)
        assert (resumed.status, resumed.settlement.state) == ("executing", "defaulted")

    def test_default_is_published_with_the_debtors_when_the_debtor_defaults(self, app,
                                                                           a_filing):
        case = _settled_case(app, a_filing)
        app.settlement_defaulted(case.id)
        [public] = published(app, SettlementDefaulted)
        assert (public.case_id, public.defaulted_on) == (str(case.id), "2026-03-02")
        assert [p.identity_number for p in public.respondents] == [
            case.respondents[0].identity_number]
