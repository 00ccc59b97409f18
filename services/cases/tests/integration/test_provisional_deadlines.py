"""Deadlines counted with no official holiday schedule are marked provisional and counted
again when the schedule is loaded (R64, issue 12 item 12)."""

from __future__ import annotations

from datetime import date

import pytest

from zhixing.cases.application import CasesApplication
from zhixing.eventstore.settings import Settings
from zhixing.kernel.calendar import HolidaySchedule, WorkingCalendar

from ..cases_kit import beijing_morning

# Filed Wed 2026-12-30; 7 working days (R27), 2027 provisional (weekends + 元旦 only):
# 12-31, 01-04, 01-05, 01-06, 01-07, 01-08, 01-11.
SCHEDULE_2027 = HolidaySchedule.of(2027, ["2027-01-01", "2027-01-04"], [])
"""A 2027 schedule whose New Year holiday also takes Monday 4 January."""


@pytest.fixture
def calendar(tmp_path) -> WorkingCalendar:
    """A calendar with no 2027 schedule anywhere (not even a bundled one)."""
    return WorkingCalendar(schedule_dir=tmp_path / "no-schedules")


@pytest.fixture
def app(tmp_path, clock, calendar) -> CasesApplication:
    clock.set(beijing_morning("2026-12-30"))
    application = CasesApplication(Settings(var_dir=tmp_path), clock=clock, calendar=calendar)
    yield application
    application.close()


class TestProvisionalDeadlines:
    def test_assignment_deadline_is_provisional_when_its_year_has_no_schedule(
            self, app, a_filing):
        node = app.file_case(a_filing()).nodes["assign"]
        assert (node.due, node.provisional, node.counted_from) == (
            "2027-01-11", True, "2026-12-30")

    def test_the_filing_itself_carries_the_mark_when_provisional(self, app, a_filing):
        # No event of its own: filing at year end costs what filing costs in spring.
        assert app.file_case(a_filing()).version == 1

    def test_deadlines_are_final_when_the_calendar_covers_them(self, app, clock, a_filing):
        clock.set(beijing_morning("2026-03-02"))
        case = app.file_case(a_filing())
        assert not any(node.provisional for node in case.nodes.values())

    def test_the_deadline_moves_and_is_final_when_the_schedule_is_loaded(
            self, app, calendar, a_filing):
        case = app.file_case(a_filing())
        calendar.register(SCHEDULE_2027)
        assert app.recount_provisional([str(case.id)]) == 1
        node = app.get_case(case.id).nodes["assign"]
        assert (node.due, node.provisional, node.counted_from) == ("2027-01-12", False, "")

    def test_assignment_limits_are_provisional_and_recounted_when_assigned_at_year_end(
            self, app, calendar, a_filing):
        case = app.assign_case(app.file_case(a_filing()).id, "执行一组", "officer-1")
        assert (case.nodes["notice"].due, case.nodes["notice"].provisional) == (
            "2027-01-05", True)
        calendar.register(SCHEDULE_2027)
        app.recount_provisional([str(case.id)])
        notice = app.get_case(case.id).nodes["notice"]
        assert (notice.due, notice.provisional) == ("2027-01-06", False)

    def test_recounting_again_changes_nothing_when_already_final(
            self, app, calendar, a_filing):
        case = app.file_case(a_filing())
        calendar.register(SCHEDULE_2027)
        app.recount_provisional([str(case.id)])
        version = app.get_case(case.id).version
        assert app.recount_provisional([str(case.id)]) == 0
        assert app.get_case(case.id).version == version

    def test_an_extended_limit_keeps_the_approved_day_when_recounted(
            self, app, calendar, a_filing):
        case = app.file_case(a_filing())
        app.extend_deadline(case.id, "close", date(2027, 9, 1), approver="president-1",
                            approver_role="president")
        calendar.register(SCHEDULE_2027)
        app.recount_provisional([str(case.id)])
        close = app.get_case(case.id).nodes["close"]
        assert (close.due, close.provisional, close.extended) == ("2027-09-01", False, True)


class TestProvisionalDisbursement:
    """R28: money received on 2026-12-30 is disbursed within 30 days: Fri 29 January
    2027, provisional; a schedule making it a holiday moves it to Mon 1 February."""

    def test_disburse_by_is_provisional_when_its_year_has_no_schedule(self, app, a_filing):
        case = app.file_case(a_filing())
        account = app.record_payment(case.id, "slip-1", 600_00)
        assert (account.disburse_by(), account.disburse_by_provisional()) == (
            "2027-01-29", True)

    def test_disburse_by_moves_and_is_final_when_the_schedule_is_loaded(
            self, app, calendar, a_filing):
        case = app.file_case(a_filing())
        app.record_payment(case.id, "slip-1", 600_00)
        calendar.register(HolidaySchedule.of(2027, ["2027-01-01", "2027-01-29"], []))
        app.recount_provisional([str(case.id)])
        account = app.get_account(case.id)
        assert (account.disburse_by(), account.disburse_by_provisional()) == (
            "2027-02-01", False)
