"""R8/R9 deadlines counted with no official holiday schedule are marked provisional, and
the open ones are counted again when the schedule is loaded (R64, issue 12 item 12)."""

from __future__ import annotations

from datetime import date

import pytest

from zhixing.credit.application import CreditApplication
from zhixing.eventstore.settings import Settings
from zhixing.kernel.calendar import HolidaySchedule, WorkingCalendar

from .test_credit_flow import violence

YEAR_END = date(2026, 12, 30)
"""A Wednesday: 3 working days later is Tue 5 January 2027 on the provisional calendar
(weekends and 元旦), Wed 6 January with the schedule below."""
SCHEDULE_2027 = HolidaySchedule.of(2027, ["2027-01-01", "2027-01-04"], [])


@pytest.fixture
def calendar(tmp_path) -> WorkingCalendar:
    """A calendar with no 2027 schedule anywhere (not even a bundled one)."""
    return WorkingCalendar(schedule_dir=tmp_path / "no-schedules")


@pytest.fixture
def app(tmp_path, clock, calendar) -> CreditApplication:
    application = CreditApplication(Settings(var_dir=tmp_path), clock=clock, calendar=calendar)
    yield application
    application.close()


def upheld_at_year_end(app, case, clock):  # type: ignore[no-untyped-def]
    listing = app.decide_listing(case, violence())
    clock.set(clock.now().replace(year=2026, month=12, day=30))
    for step in ("request", "decide"):
        app.advance_correction(listing.id, step, True, YEAR_END)
    return listing


class TestProvisionalCorrectionDeadlines:
    def test_the_fix_deadline_is_provisional_when_its_year_has_no_schedule(
            self, app, case, clock):
        listing = upheld_at_year_end(app, case, clock)
        steps = app.correction_of(app.repository.get(listing.id))
        assert (steps.fix_by, steps.provisional) == ("2027-01-05", ("fix_by",))
        assert "fix_by 2027-01-05 (暂定 provisional)" in steps.shown()

    def test_the_fix_deadline_moves_and_is_final_when_the_schedule_is_loaded(
            self, app, case, clock, calendar):
        listing = upheld_at_year_end(app, case, clock)
        calendar.register(SCHEDULE_2027)
        assert app.recount_provisional() == 1
        steps = app.correction_of(app.repository.get(listing.id))
        assert (steps.fix_by, steps.provisional) == ("2027-01-06", ())
        assert app.recount_provisional() == 0

    def test_a_met_deadline_is_not_counted_again_when_the_schedule_is_loaded(
            self, app, case, clock, calendar):
        listing = upheld_at_year_end(app, case, clock)
        app.advance_correction(listing.id, "correct", False, YEAR_END)
        calendar.register(SCHEDULE_2027)
        app.recount_provisional()
        assert app.correction_of(app.repository.get(listing.id)).fix_by == "2027-01-05"


class TestProvisionalRemoval:
    def test_remove_by_is_marked_provisional_when_triggered_at_year_end(
            self, app, case, clock):
        listing = app.decide_listing(case, violence())
        clock.set(clock.now().replace(year=2026, month=12, day=30))
        removed = app.remove_listing(listing.id, 1, YEAR_END)
        assert (removed.remove_by, removed.remove_by_provisional) == ("2027-01-05", True)

    def test_remove_by_is_final_when_the_calendar_covers_it(self, app, case):
        listing = app.decide_listing(case, violence())
        removed = app.remove_listing(listing.id, 1, date(2026, 3, 2))
        assert (removed.remove_by, removed.remove_by_provisional) == ("2026-03-05", False)
