"""Specification of a case's open alerts (R36): what is raised is tracked until closed, so
closing a case's alerts by kind or subject never misses one."""

from __future__ import annotations

from uuid import uuid4

from zhixing.supervision.domain.case_alerts import CaseAlerts
from zhixing.supervision.domain.values import AlertKind

from .supervision_fixtures import CASE_ID


def tracked() -> tuple[CaseAlerts, list]:
    """Three open alerts of case-1: two node alerts and a measure alert."""
    alerts = CaseAlerts(case_id=CASE_ID)
    ids = [uuid4() for _ in range(3)]
    alerts.opened(ids[0], AlertKind.NODE_OVERDUE, "notice")
    alerts.opened(ids[1], "measure_expiring", "measure:m-1")
    alerts.opened(ids[2], AlertKind.NODE_OVERDUE, "close")
    return alerts, ids


class TestOpenIds:
    def test_one_aggregate_per_case(self):
        assert CaseAlerts(case_id=CASE_ID).id == CaseAlerts.create_id(CASE_ID)
        assert CaseAlerts.create_id(CASE_ID) != CaseAlerts.create_id("case-2")

    def test_every_open_alert_in_the_order_raised(self):
        alerts, ids = tracked()
        assert alerts.open_ids() == ids

    def test_only_the_kinds_asked_for(self):
        alerts, ids = tracked()
        assert alerts.open_ids(kinds=[AlertKind.NODE_OVERDUE]) == [ids[0], ids[2]]

    def test_only_the_subjects_with_the_prefix(self):
        alerts, ids = tracked()
        assert alerts.open_ids(subject_prefix="measure:") == [ids[1]]

    def test_a_closed_alert_is_no_longer_open(self):
        alerts, ids = tracked()
        assert alerts.closed(ids[0]) is True
        assert alerts.open_ids() == ids[1:]

    def test_nothing_changes_when_registered_or_closed_again(self):
        alerts, ids = tracked()
        alerts.closed(ids[0])
        alerts.collect_events()
        assert alerts.opened(ids[1], AlertKind.MEASURE_EXPIRING, "measure:m-1") is False
        assert alerts.closed(ids[0]) is False
        assert alerts.collect_events() == []
