"""A lead's R27 day counted with no official holiday schedule is marked provisional and
counted again when the schedule arrives (R64: never silently final, issue 17) — as the
cases service does for its own node limits; the public side is told the new day."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from zhixing.assets.application import AssetsApplication
from zhixing.assets.outbound import to_public
from zhixing.contracts.events.assets.v1 import LeadAccepted
from zhixing.contracts.events.publicity.v1 import LeadReported
from zhixing.eventstore.settings import Settings
from zhixing.kernel.calendar import HolidaySchedule, WorkingCalendar

LEAD_ID = "5d1c6a2e-0000-4000-8000-000000000001"
# Reported Wed 2026-12-30; 5 working days, 2027 provisional (weekends + 元旦 only):
# 12-31, 01-04, 01-05, 01-06, 01-07. The schedule also rests Monday 4 January: 01-08.
SCHEDULE_2027 = HolidaySchedule.of(2027, ["2027-01-01", "2027-01-04"], [])


@pytest.fixture
def calendar(tmp_path) -> WorkingCalendar:
    """A calendar with no 2027 schedule anywhere (not even a bundled one)."""
    return WorkingCalendar(schedule_dir=tmp_path / "no-schedules")


@pytest.fixture
def app(tmp_path, clock, calendar):
    clock.set(datetime(2026, 12, 30, 2, 0, tzinfo=UTC))  # 10:00 in Beijing
    application = AssetsApplication(Settings(var_dir=tmp_path), clock=clock, calendar=calendar)
    yield application
    application.close()


def _reported() -> LeadReported:
    return LeadReported(lead_id=LEAD_ID, reference="XS-7K3M-Q9TP",
                        case_id="c0000000-0000-4000-8000-000000000001",
                        case_number="(2026)川0104执7号", court_code="川0104", source="listing",
                        source_id="L1", property_kind="vehicle", text="白色轿车", contact="",
                        reported_on="2026-12-30")


def _accepted(app: AssetsApplication) -> list[LeadAccepted]:
    return [e for _, d in app.read_notifications(0) for e in to_public(d)
            if isinstance(e, LeadAccepted)]


class TestProvisionalVerifyBy:
    def test_marked_provisional_when_its_year_has_no_schedule(self, app):
        lead = app.accept_lead(_reported(), team="执行一组")
        assert (lead.verify_by, lead.provisional) == ("2027-01-07", True)

    def test_counted_again_and_told_when_the_schedule_is_loaded(self, app, calendar):
        app.accept_lead(_reported(), team="执行一组")
        calendar.register(SCHEDULE_2027)
        assert app.recount_provisional_leads([LEAD_ID]) == 1
        lead = app.get_lead(LEAD_ID)
        assert (lead.verify_by, lead.provisional) == ("2027-01-08", False)
        assert [e.verify_by for e in _accepted(app)] == ["2027-01-07", "2027-01-08"]
        assert not lead.overdue("2027-01-08")

    def test_nothing_changes_when_counted_again_once_final(self, app, calendar):
        app.accept_lead(_reported(), team="执行一组")
        calendar.register(SCHEDULE_2027)
        app.recount_provisional_leads([LEAD_ID])
        version = app.get_lead(LEAD_ID).version
        assert app.recount_provisional_leads([LEAD_ID, "not-a-lead-id"]) == 0
        assert app.get_lead(LEAD_ID).version == version
