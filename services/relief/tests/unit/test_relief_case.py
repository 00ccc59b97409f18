"""Specification of a relief case's procedure (R31) and recovery (R32): each step in its
order, revocation with a recovery order, money returned, overdue steps reported once."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from zhixing.relief.domain import deadlines
from zhixing.relief.domain.errors import InvalidRelief, WrongStep
from zhixing.relief.domain.relief_case import ReliefCase
from zhixing.relief.domain.values import ExceptionalDecision, ReliefStatus, Step

from .relief_fixtures import (
    APPLIED_ON,
    CALENDAR,
    MAPPER,
    approved,
    disbursed,
    filed,
    replayed,
    wage,
)

PAID_ON = date(2026, 3, 9)


class TestStepsInOrder:
    """R31: notify → apply → review → approve or reject → disburse → notify."""

    def test_refused_naming_r31_when_disbursing_before_approval(self):
        case = filed()
        with pytest.raises(WrongStep, match="R31"):
            case.disburse(PAID_ON, deadlines.notify_by(CALENDAR, PAID_ON), "finance-1")

    def test_refused_naming_r31_when_approving_before_review(self):
        with pytest.raises(WrongStep, match="R31"):
            filed().approve(50_000_00, APPLIED_ON, "president-1", None, 2026, wage())

    def test_refused_when_notifying_before_payment(self):
        with pytest.raises(WrongStep, match="R31"):
            approved().notify(PAID_ON, "finance-1")

    def test_refused_when_deciding_twice(self):
        case = approved()
        with pytest.raises(WrongStep, match="R31"):
            case.reject("R29", "复查不符合条件", APPLIED_ON, "president-1")

    def test_refused_when_withdrawing_after_payment(self):
        with pytest.raises(WrongStep, match="R31"):
            disbursed().withdraw(PAID_ON, "officer-1")

    def test_each_status_in_turn_when_the_procedure_is_followed(self):
        case = filed()
        seen = [case.status]
        case.review(40_000_00, "建议救助 4 万元", "officer-1")
        seen.append(case.status)
        case.approve(40_000_00, APPLIED_ON, "committee-1", None, 2026, wage())
        seen.append(case.status)
        case.disburse(PAID_ON, deadlines.notify_by(CALENDAR, PAID_ON), "finance-1")
        seen.append(case.status)
        case.notify(PAID_ON, "finance-1")
        seen.append(case.status)
        assert seen == ["applied", "reviewed", "approved", "disbursed", "notified"]
        assert (case.amount_fen, case.disbursed_fen, case.fund_year) == (40_000_00,) * 2 + (2026,)

    def test_refused_when_a_step_is_dated_before_the_one_before(self):
        case = approved()
        with pytest.raises(InvalidRelief, match=r"R31 \[disbursed_on\]"):
            case.disburse(date(2026, 3, 1), deadlines.notify_by(CALENDAR, PAID_ON), "f-1")


    def test_refused_naming_r30_when_the_exceptional_decision_names_another_decider(self):
        case = filed()
        case.review(50_000_00, "建议", "officer-1")
        with pytest.raises(InvalidRelief) as refused:
            case.approve(50_000_00, APPLIED_ON, "president-1",
                         ExceptionalDecision("someone-else", "重大疾病"), 2026, wage())
        assert (refused.value.rule, refused.value.field) == ("R30", "exceptional.decided_by")
        assert "someone-else" not in str(refused.value)
        assert case.status is ReliefStatus.REVIEWED


class TestRejectionAndWithdrawal:
    """A rejection states its rule; a withdrawal gives back what the fund reserved."""

    def test_rule_kept_when_rejected(self):
        case = filed()
        case.reject("R29", "被执行人有财产可供执行", APPLIED_ON, "president-1")
        assert (case.status, case.rejection_rule) == (ReliefStatus.REJECTED, "R29")

    def test_refused_when_the_rejection_states_no_rule(self):
        with pytest.raises(InvalidRelief, match=r"R31 \[rule\]"):
            filed().reject("", "不符合条件", APPLIED_ON, "president-1")

    def test_reserved_amount_returned_when_withdrawn_after_approval(self):
        assert approved(30_000_00).withdraw(PAID_ON, "officer-1") == 30_000_00

    def test_refused_naming_r31_when_withdrawn_before_the_step_before(self):
        case = approved()
        with pytest.raises(InvalidRelief) as refused:
            case.withdraw(date(2026, 3, 1), "officer-1")
        assert (refused.value.rule, refused.value.field) == ("R31", "withdrawn_on")
        assert case.status is ReliefStatus.APPROVED

    def test_nothing_to_release_when_withdrawn_before_approval(self):
        case = filed()
        assert case.withdraw(PAID_ON, "officer-1") == 0
        assert case.status is ReliefStatus.WITHDRAWN


class TestRevocation:
    """R32: relief obtained by fraud is revoked with a recovery order, followed until repaid."""

    def test_recovery_order_is_what_was_paid_when_nothing_came_back(self):
        case = disbursed(50_000_00)
        assert case.revoke("以虚假材料骗取救助金", date(2026, 5, 1), "president-1") == 50_000_00
        assert case.to_recover_fen == 50_000_00 and case.status is ReliefStatus.REVOKED

    def test_recovery_order_excludes_what_came_back_when_revoked_later(self):
        case = disbursed(50_000_00)
        case.returned("case:d-1", 20_000_00, date(2026, 4, 1), "case_account")
        assert case.revoke("以虚假材料骗取救助金", date(2026, 5, 1), "president-1") == 30_000_00

    def test_refused_when_revoking_relief_not_paid(self):
        with pytest.raises(WrongStep, match="R31"):
            approved().revoke("骗取", date(2026, 5, 1), "president-1")


class TestMoneyReturned:
    """R32: money returned reduces what is outstanding; each recovery id counts once."""

    def test_outstanding_reduced_when_money_is_returned(self):
        case = disbursed(50_000_00)
        case.revoke("骗取", date(2026, 5, 1), "president-1")
        case.returned("fraud:1", 10_000_00, date(2026, 5, 10), "fraud_recovery")
        case.returned("fraud:2", 15_000_00, date(2026, 6, 10), "fraud_recovery")
        assert (case.returned_fen, case.outstanding_fen) == (25_000_00, 25_000_00)

    def test_counted_once_when_the_same_recovery_arrives_twice(self):
        case = disbursed(50_000_00)
        assert case.returned("case:d-1", 10_000_00, PAID_ON, "case_account") is True
        assert case.returned("case:d-1", 10_000_00, PAID_ON, "case_account") is False
        assert case.outstanding_fen == 40_000_00

    def test_refused_naming_r32_when_more_than_outstanding(self):
        case = disbursed(50_000_00)
        with pytest.raises(InvalidRelief, match=r"R32 \[amount_fen\]"):
            case.returned("case:d-1", 50_000_01, PAID_ON, "case_account")

    def test_refused_naming_the_field_when_the_source_is_unknown(self):
        with pytest.raises(InvalidRelief, match=r"R32 \[source\]"):
            disbursed().returned("case:d-1", 1_00, PAID_ON, "lottery")

    def test_refused_when_nothing_was_paid(self):
        with pytest.raises(WrongStep):
            approved().returned("case:d-1", 1_00, PAID_ON, "case_account")


class TestOverdueOnce:
    """R31: an overdue step is reported once, whatever the number of sweeps."""

    def test_reported_once_when_marked_twice(self):
        case = filed()
        late = date(2026, 3, 17)
        assert case.mark_overdue(Step.DECISION, late) is True
        assert case.mark_overdue(Step.DECISION, date(2026, 3, 18)) is False
        assert case.overdue_steps(date(2026, 3, 19)) == []

    def test_notification_still_reported_when_the_decision_was_reported(self):
        case = filed()
        case.mark_overdue(Step.DECISION, date(2026, 3, 17))
        case.review(50_000_00, "同意", "officer-1")
        case.approve(50_000_00, date(2026, 3, 18), "president-1", None, 2026, wage())
        case.disburse(date(2026, 3, 18), deadlines.notify_by(CALENDAR, date(2026, 3, 18)), "f-1")
        assert case.mark_overdue("notification", date(2026, 3, 21)) is True

    def test_refused_when_the_step_is_not_overdue(self):
        with pytest.raises(WrongStep):
            filed().mark_overdue(Step.DECISION, date(2026, 3, 16))

    def test_still_reported_once_when_read_back_from_its_events(self):
        case = filed()
        case.mark_overdue(Step.DECISION, date(2026, 3, 17))
        assert replayed(case).mark_overdue(Step.DECISION, date(2026, 3, 18)) is False


class TestStoredForm:
    """What the store keeps reads back the same: value objects, dates, deadlines."""

    def test_same_case_when_read_back_from_its_events(self):
        case = disbursed(50_000_00)
        case.returned("case:d-1", 10_000_00, PAID_ON, "case_account")
        expected = dict(vars(case))
        again = replayed(case)
        assert vars(again) == expected
        assert again.decide_by == deadlines.decide_by(CALENDAR, APPLIED_ON)

    def test_the_wage_and_cap_checked_are_kept_as_decided_when_the_table_is_corrected_later(
            self):
        entry = wage(8_000_00)
        case = filed()
        case.review(50_000_00, "建议", "officer-1")
        case.approve(50_000_00, APPLIED_ON, "president-1", None, 2026, entry)
        entry.correct(9_000_00, "四川省统计公报（更正）", "admin-1")
        for read in (case, replayed(case)):
            assert (read.wage_year, read.monthly_wage_fen, read.cap_fen) == (
                2025, 8_000_00, 288_000_00)

    def test_no_figures_are_read_when_an_approval_stored_before_they_were_recorded_replays(
            self):
        case = approved()
        stored = [MAPPER.to_stored_event(e) for e in case.collect_events()]
        approval = next(i for i, e in enumerate(stored) if e.topic.endswith(".Approved"))
        state = json.loads(stored[approval].state)
        for name in ("wage_year", "monthly_wage_fen", "cap_fen"):
            del state[name]  # as an Approved event of the first release was stored
        stored[approval] = replace(stored[approval], state=json.dumps(state).encode())
        again = None
        for item in stored:
            again = MAPPER.to_domain_event(item).mutate(again)
        assert (again.status, again.wage_year, again.monthly_wage_fen, again.cap_fen) == (
            "approved", 0, 0, 0)

    def test_exceptional_decision_kept_when_read_back(self):
        case = filed()
        case.review(50_000_00, "建议", "officer-1")
        decision = ExceptionalDecision("committee-1", "重大疾病")
        case.approve(50_000_00, APPLIED_ON, "committee-1", decision, 2026, wage())
        assert replayed(case).exceptional == decision

    def test_refused_naming_application_id_when_the_key_is_unbounded(self):
        with pytest.raises(InvalidRelief) as refused:
            filed(request_id="k" * 101)
        assert refused.value.field == "application_id" and "kkk" not in str(refused.value)
        assert filed(request_id="k" * 100).id == ReliefCase.create_id("川0104", "k" * 100)

    def test_same_id_when_filed_again_under_the_same_key(self):
        assert (ReliefCase.create_id("川0104", "key-1") == ReliefCase.create_id("川0104", "key-1")
                != ReliefCase.create_id("川0105", "key-1"))
