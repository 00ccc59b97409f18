"""R31 deadlines watched by the sweep: a decision 10 working days after the complete
application (across the 2026 National Day holiday, 1–8 October), a notice 2 working days
after the funds arrived; each overdue step is published once, naming who must act."""

from __future__ import annotations

from datetime import date, timedelta

from zhixing.contracts.events.relief.v1 import ReliefStepOverdue
from zhixing.kernel.holidays import HolidaySchedule

from .app_kit import applied, at_beijing_morning, paid, public_events

APPLIED_ON = date(2026, 9, 28)


def _overdue(app) -> list[ReliefStepOverdue]:
    return [e for e in public_events(app) if isinstance(e, ReliefStepOverdue)]


class TestSweep:
    """Overdue steps (R31) and limits counted again (R64)."""

    def test_nothing_is_overdue_when_the_decision_is_due_today(self, funded, clock):
        at_beijing_morning(clock, APPLIED_ON)
        application_id = applied(funded, applied_on=APPLIED_ON)
        due = funded.relief_case(application_id).decide_by.date
        assert due == date(2026, 10, 16)  # 29, 30 Sep; 9, 10 (调休 Sat), 12–16 Oct
        at_beijing_morning(clock, due)
        assert funded.sweep() == 0
        assert _overdue(funded) == []


    def test_decision_overdue_is_published_once_when_its_tenth_working_day_has_passed(self, funded, clock):
        at_beijing_morning(clock, APPLIED_ON)
        application_id = applied(funded, applied_on=APPLIED_ON)
        at_beijing_morning(clock, date(2026, 10, 17))
        assert funded.sweep() == 1
        clock.advance(timedelta(days=3))
        assert funded.sweep() == 0
        [overdue] = _overdue(funded)
        assert (overdue.application_id, overdue.step, overdue.due_on, overdue.detected_on,
                overdue.act_by_role) == (application_id, "decision", "2026-10-16", "2026-10-17",
                                         "president")


    def test_notification_overdue_names_finance_when_two_working_days_passed(self, funded, clock):
        application_id = paid(funded, disbursed_on=date(2026, 3, 10))  # notify by Thu 12 Mar
        at_beijing_morning(clock, date(2026, 3, 12))
        assert funded.sweep() == 0
        at_beijing_morning(clock, date(2026, 3, 13))
        assert funded.sweep() == 1
        [overdue] = [e for e in _overdue(funded) if e.step == "notification"]
        assert (overdue.application_id, overdue.due_on, overdue.act_by_role) == (
            application_id, "2026-03-12", "finance")


    def test_nothing_is_overdue_when_the_applicant_was_notified_in_time(self, funded, clock):
        application_id = paid(funded, disbursed_on=date(2026, 3, 10))
        funded.record_notified(application_id, date(2026, 3, 12), "finance-1")
        at_beijing_morning(clock, date(2026, 3, 20))
        assert funded.sweep() == 0


    def test_provisional_decision_limit_moves_and_is_final_when_the_years_schedule_is_loaded(
            self, funded, clock, calendar):
        at_beijing_morning(clock, date(2027, 2, 1))
        application_id = applied(funded, applied_on=date(2027, 2, 1))
        counted = funded.relief_case(application_id).decide_by
        assert (counted.date, counted.provisional) == (date(2027, 2, 15), True)  # weekends only
        # R64: the State Council's 2027 schedule — a Spring Festival week, 8–12 February.
        calendar.register(HolidaySchedule(
            year=2027, holidays=frozenset(date(2027, 2, d) for d in range(8, 13)),
            workdays=frozenset()))
        assert funded.recount_provisional() == 1
        recounted = funded.relief_case(application_id).decide_by
        assert (recounted.date, recounted.provisional) == (date(2027, 2, 22), False)
        assert funded.recount_provisional() == 0
        at_beijing_morning(clock, date(2027, 2, 16))  # overdue on the provisional count only
        assert funded.sweep() == 0
