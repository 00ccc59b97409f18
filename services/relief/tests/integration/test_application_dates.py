"""R31: a step is recorded once it was taken — a decision (approve or reject) or a
payment dated after the service's today is refused, naming the field and the rule."""

from __future__ import annotations

from datetime import date

import pytest

from zhixing.relief.domain.errors import InvalidRelief

from .app_kit import approved, reviewed

TODAY = date(2026, 3, 31)
"""The fixture clock's day in Beijing (`conftest.clock`)."""
TOMORROW = date(2026, 4, 1)


class TestFutureDates:
    def test_approval_is_refused_naming_decided_on_and_r31_when_dated_after_today(
            self, funded):
        application_id = reviewed(funded)
        with pytest.raises(InvalidRelief) as refused:
            funded.approve(application_id, 40_000_00, TOMORROW, "president-1", None)
        assert (refused.value.rule, refused.value.field) == ("R31", "decided_on")
        assert "2026-03-31" in str(refused.value)
        assert funded.relief_case(application_id).status == "reviewed"
        assert funded.approve(application_id, 40_000_00, TODAY, "president-1",
                              None).status == "approved"

    def test_rejection_is_refused_naming_decided_on_and_r31_when_dated_after_today(
            self, funded):
        application_id = reviewed(funded)
        with pytest.raises(InvalidRelief) as refused:
            funded.reject(application_id, "R29", "被执行人有财产", TOMORROW, "president-1")
        assert (refused.value.rule, refused.value.field) == ("R31", "decided_on")
        assert funded.relief_case(application_id).status == "reviewed"

    def test_disbursement_is_refused_naming_disbursed_on_and_r31_when_dated_after_today(
            self, funded):
        application_id = approved(funded)
        with pytest.raises(InvalidRelief) as refused:
            funded.disburse(application_id, TOMORROW, "finance-1")
        assert (refused.value.rule, refused.value.field) == ("R31", "disbursed_on")
        assert funded.relief_case(application_id).status == "approved"
        assert funded.disburse(application_id, TODAY, "finance-1").status == "disbursed"
