"""执行线索 in the assets domain (R27, R62–R64): the day to verify by is counted as the
cases service counts `verify_lead` — 5 working days by the default policy, across a
holiday to the first working day after it — and a verification after it is late; the
team's outcome and note are bounded and refused naming field and bound."""

from __future__ import annotations

from datetime import date

import pytest

from zhixing.assets.domain.lead import InvestigationLead, LeadAlreadyVerified, verify_by
from zhixing.kernel.calendar import WorkingCalendar
from zhixing.kernel.errors import InvalidInput
from zhixing.kernel.policy import PolicyTable

CALENDAR = WorkingCalendar.default()


def lead(verify_by_day: str = "2026-03-09") -> InvestigationLead:
    return InvestigationLead(
        "5d1c6a2e-0000-4000-8000-000000000001", "c1", "(2026)川0104执7号", "川0104", "执行一组",
        "listing", "vehicle", "白色轿车", "", "2026-03-02", "2026-03-02", verify_by_day)


def calendar_days_policy() -> PolicyTable:
    data = PolicyTable.load().as_dict()
    data["node_limits"] = {**data["node_limits"], "count_working_days": False}
    return PolicyTable(data)


class TestVerifyBy:
    def test_five_working_days_after_the_day_when_no_holiday_intervenes_r62(self):
        # Monday 2 March 2026: the day does not count; Tue…Fri and Monday 9 March.
        assert verify_by(PolicyTable.load(), CALENDAR, date(2026, 3, 2)).date == date(2026, 3, 9)

    def test_runs_past_national_day_when_reported_on_its_eve_r64(self):
        # 1–7 October 2026 are holidays: five working days from 30 September end on the
        # 13th (8, 9, 10 are working days — 10 October a make-up Saturday — then 12, 13).
        assert CALENDAR.is_working_day(date(2026, 10, 10))
        assert verify_by(PolicyTable.load(), CALENDAR,
                         date(2026, 9, 30)).date == date(2026, 10, 13)

    def test_a_last_day_on_a_holiday_moves_to_the_next_working_day_when_days_are_calendar_days(
            self):
        # 30 September + 5 calendar days = 5 October, a holiday: the period ends on the 8th.
        assert verify_by(calendar_days_policy(), CALENDAR,
                         date(2026, 9, 30)).date == date(2026, 10, 8)


class TestVerify:
    def test_on_time_when_verified_by_its_last_day(self):
        held = lead()
        held.verify("property_found", "已查实车辆并查封", "2026-03-09", "officer1")
        assert (held.outcome, held.late, held.verified) == ("property_found", False, True)

    def test_late_when_verified_after_its_last_day_r27(self):
        held = lead()
        assert held.overdue("2026-03-10") and not held.overdue("2026-03-09")
        held.verify("not_found", "车辆已过户他人", "2026-03-10", "officer1")
        assert held.late and not held.overdue("2026-03-11")

    @pytest.mark.parametrize(("outcome", "note", "field", "bound"), [
        ("maybe", "备注", "outcome", "property_found"), ("not_found", "注" * 1001, "note", "1000"),
        ("not_found", "  ", "note", "1000")])
    def test_refused_naming_field_and_bound_when_outcome_or_note_is_bad(
            self, outcome, note, field, bound):
        with pytest.raises(InvalidInput) as refused:
            lead().verify(outcome, note, "2026-03-05", "officer1")
        assert refused.value.field == field and bound in str(refused.value)
        assert "注注注" not in str(refused.value)

    def test_refused_when_verified_twice(self):
        held = lead()
        held.verify("not_found", "无", "2026-03-05", "officer1")
        with pytest.raises(LeadAlreadyVerified):
            held.verify("property_found", "again", "2026-03-06", "officer1")
