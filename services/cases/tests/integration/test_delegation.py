"""委托执行 — a case delegated to another court, its 执协 case, and the result flowing
back (R40 执协, R43 cross-region coordination)."""

from __future__ import annotations

import pytest

from zhixing.cases.domain.errors import CaseNotFound, WrongStage
from zhixing.cases.domain.values import DelegationResult
from zhixing.cases.outbound import CaseOutbound
from zhixing.cases.policies.delegation import DelegationPolicy
from zhixing.contracts.events.cases.v1 import CaseClosed, CaseDelegated
from zhixing.contracts.topics import CASES_EVENTS
from zhixing.messaging.outbox import Outbox

from ..cases_kit import executing_case

RECEIVING_COURT = "川0107"
ASSISTING_NUMBER = "(2026)川0107执协1号"
# The conftest claim: principal 100,000.00, interest 0, costs 1,000.00 yuan.
COSTS = 1_000_00
CLAIM_TOTAL = 101_000_00



def _cloud_events(app, kind, after: int = 0):
    """The CloudEvents of type `kind` the outbox relays from the notification log."""
    outbox = Outbox(app, CaseOutbound(app), topic=CASES_EVENTS, region="test")
    return [e for entry in outbox.read(after) for e in entry.events
            if e.type == kind.event_type]


def _delegated_case(app, a_filing):
    """Delegated to 川0107, and the receiving court's 执协 case filed by the policy."""
    case = executing_case(app, a_filing)
    app.delegate_case(case.id, RECEIVING_COURT)
    [delegated] = _cloud_events(app, CaseDelegated)
    DelegationPolicy(app).handle(delegated, cursor=None)
    return case


def _executed_in_full(app, case) -> None:
    app.assign_case(case.id, "执行二组", "officer-2")
    app.record_payment(case.id, "slip-1", CLAIM_TOTAL)
    app.disburse(case.id, "pay-costs", "costs", COSTS)
    app.disburse(case.id, "pay-applicant", "applicant:0", CLAIM_TOTAL - COSTS)
    app.close_case(case.id, "executed_in_full")


class TestDelegateCase:
    """委托执行: the delegating case closes as delegated."""

    def test_case_closes_as_delegated_when_delegated_to_another_court(self, app, a_filing):
        case = executing_case(app, a_filing)
        delegated = app.delegate_case(case.id, RECEIVING_COURT)
        assert (delegated.status, delegated.closure, delegated.delegation.to_court) == (
            "closed", "delegated", RECEIVING_COURT)

    def test_delegation_is_refused_when_a_court_delegates_to_itself(self, app, a_filing):
        case = executing_case(app, a_filing)
        with pytest.raises(WrongStage) as refused:
            app.delegate_case(case.id, case.court_code)
        assert refused.value.field == "to_court"
        assert app.get_case(case.id).status == "executing"


class TestAssistingCaseFiled:
    """R40: the receiving court files a 执协 case linked to the delegating case."""

    def test_assisting_case_is_filed_at_the_receiving_court_when_the_policy_handles_it(
            self, app, a_filing):
        case = _delegated_case(app, a_filing)
        assisting = app.find_case(ASSISTING_NUMBER)
        assert (assisting.court_code, assisting.case_type, assisting.linked_case_id,
                assisting.link_kind) == (RECEIVING_COURT, "执协", str(case.id), "assists")
        assert assisting.claim == case.claim

    def test_assisting_case_is_filed_once_when_the_event_is_handled_twice(self, app,
                                                                          a_filing):
        _delegated_case(app, a_filing)
        [delegated] = _cloud_events(app, CaseDelegated)
        DelegationPolicy(app).handle(delegated, cursor=None)
        app.find_case(ASSISTING_NUMBER)
        with pytest.raises(CaseNotFound):
            app.find_case("(2026)川0107执协2号")


class TestDelegationResult:
    """The 执协 case's result flows back to the delegating case."""

    def test_result_is_recorded_on_the_delegating_case_when_the_assisting_case_closes(
            self, app, a_filing):
        case = _delegated_case(app, a_filing)
        assisting = app.find_case(ASSISTING_NUMBER)
        position = app.max_notification_id()
        _executed_in_full(app, assisting)
        [closed] = _cloud_events(app, CaseClosed, after=position)
        DelegationPolicy(app).handle(closed, cursor=None)
        assert app.get_case(case.id).delegation.result == DelegationResult(
            case_number=ASSISTING_NUMBER, closure="executed_in_full",
            recovered_fen=CLAIM_TOTAL, closed_on="2026-03-02")

    def test_result_is_recorded_once_when_the_closure_is_handled_twice(self, app, a_filing):
        case = _delegated_case(app, a_filing)
        assisting = app.find_case(ASSISTING_NUMBER)
        position = app.max_notification_id()
        _executed_in_full(app, assisting)
        [closed] = _cloud_events(app, CaseClosed, after=position)
        DelegationPolicy(app).handle(closed, cursor=None)
        version = app.get_case(case.id).version
        DelegationPolicy(app).handle(closed, cursor=None)
        assert app.get_case(case.id).version == version
