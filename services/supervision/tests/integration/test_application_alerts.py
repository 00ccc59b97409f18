"""Alerts (R36): raised once per breach, acknowledged, closed by their event, by a person
with a reason, or all of a case's at once — each command one save, a refused one none."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from zhixing.kernel.errors import InvalidInput, NotFound
from zhixing.supervision.domain.errors import AlertNotFound, WrongStep
from zhixing.supervision.domain.values import AlertKind, AlertStatus

from .app_kit import (  # noqa: F401  (fixtures)
    CASE_ID,
    CASE_NUMBER,
    COURT,
    app_fixture,
    calendar_fixture,
    clock_fixture,
    keys_fixture,
    make_app_fixture,
    node_alert,
    open_in_case,
    requeries_fixture,
    stored_count,
)

OTHER_CASE = "7f1c2a9e-0000-4000-8000-0000000000aa"
CLOSED_BY = "cn.zhixing.cases.v1.ExecutionNoticeServed"


class TestRaise:
    def test_the_alert_carries_who_must_act_and_by_when_when_raised(self, app):
        alert = node_alert(app)
        assert (alert.kind, alert.rule, alert.court_code, alert.case_id, alert.case_number,
                alert.subject, alert.act_by_role, alert.act_by, alert.due_on,
                alert.raised_on, alert.status) == (
            AlertKind.NODE_OVERDUE, "R27", COURT, CASE_ID, CASE_NUMBER, "notice", "officer",
            "team-3", date(2026, 2, 27), date(2026, 3, 2), AlertStatus.OPEN)
        assert app.alert(alert.id).status is AlertStatus.OPEN

    def test_the_kinds_rule_is_used_when_the_caller_names_none(self, app):
        alert = node_alert(app, "m-1", kind=AlertKind.MEASURE_LAPSED, rule="")
        assert alert.rule == "R20"

    def test_nothing_new_is_raised_when_the_same_breach_is_reported_again(self, app, make_app):
        first = node_alert(app)
        before = stored_count(app)
        assert node_alert(app) is None
        assert node_alert(make_app()) is None  # another process: the same id
        assert stored_count(app) == before
        assert app.alert(first.id).timeline[-1].what == "raised"

    def test_nothing_is_raised_again_when_the_breach_was_closed_since(self, app):
        node_alert(app)
        assert app.close_alert(AlertKind.NODE_OVERDUE, court_code=COURT, case_id=CASE_ID,
                               subject="notice", on=date(2026, 3, 3), by_event=CLOSED_BY)
        assert node_alert(app) is None

    def test_an_alert_without_a_case_is_the_courts_when_raised(self, app):
        alert = app.raise_alert(AlertKind.AGENCY_OVERDUE, court_code=COURT, case_id="",
                                case_number="", subject="req-9", act_by_role="officer",
                                act_by="", due_on=date(2026, 2, 20),
                                source_event="cn.zhixing.assets.v1.AgencyAnswerOverdue")
        assert (alert.case_id, alert.rule) == ("", "R41")
        assert app.close_alert(AlertKind.AGENCY_OVERDUE, court_code=COURT, case_id="",
                               subject="req-9", on=date(2026, 3, 3),
                               by_event="cn.zhixing.assets.v1.AgencyAnswered")

    def test_nothing_is_stored_when_the_alert_is_refused(self, app):
        with pytest.raises(InvalidInput) as refused:
            app.raise_alert(AlertKind.NODE_OVERDUE, court_code=COURT, case_id=CASE_ID,
                            case_number=CASE_NUMBER, subject="x" * 201, act_by_role="officer",
                            act_by="", due_on=date(2026, 2, 27), source_event="")
        assert (refused.value.rule, refused.value.field) == ("R36", "subject")
        assert stored_count(app) == 0

    def test_an_unknown_kind_is_refused_naming_kind_when_raised(self, app):
        with pytest.raises(InvalidInput) as refused:
            node_alert(app, kind="slow_officer")
        assert (refused.value.rule, refused.value.field) == ("R36", "kind")
        assert stored_count(app) == 0


class TestCloseByEvent:
    def test_the_alert_closes_naming_the_event_when_its_act_is_recorded(self, app):
        alert = node_alert(app)
        assert open_in_case(app) == [alert.id]
        assert app.close_alert(AlertKind.NODE_OVERDUE, court_code=COURT, case_id=CASE_ID,
                               subject="notice", on=date(2026, 3, 3), by_event=CLOSED_BY)
        closed = app.alert(alert.id)
        assert (closed.status, closed.closed_on, closed.timeline[-1].note) == (
            AlertStatus.CLOSED, date(2026, 3, 3), CLOSED_BY)
        assert open_in_case(app) == []

    def test_nothing_changes_when_the_closing_event_is_redelivered(self, app):
        node_alert(app)
        app.close_alert(AlertKind.NODE_OVERDUE, court_code=COURT, case_id=CASE_ID,
                        subject="notice", on=date(2026, 3, 3), by_event=CLOSED_BY)
        before = stored_count(app)
        assert not app.close_alert(AlertKind.NODE_OVERDUE, court_code=COURT, case_id=CASE_ID,
                                   subject="notice", on=date(2026, 3, 4), by_event=CLOSED_BY)
        assert stored_count(app) == before

    def test_nothing_closes_when_no_alert_was_raised_for_the_act(self, app):
        assert not app.close_alert(AlertKind.NODE_OVERDUE, court_code=COURT, case_id=CASE_ID,
                                   subject="notice", on=date(2026, 3, 3), by_event=CLOSED_BY)
        assert stored_count(app) == 0


class TestCloseCaseAlerts:
    def test_every_open_node_alert_of_the_case_closes_when_asked_for_node_alerts(self, app):
        nodes = [node_alert(app, node) for node in ("assign", "notice", "investigation")]
        measure = node_alert(app, "m-1", kind=AlertKind.MEASURE_EXPIRING, rule="")
        other = node_alert(app, "notice", case_id=OTHER_CASE)
        closed = app.close_case_alerts(CASE_ID, on=date(2026, 3, 5),
                                       by_event="cn.zhixing.cases.v1.CaseClosed",
                                       kinds=[AlertKind.NODE_OVERDUE])
        assert closed == 3
        assert [app.alert(a.id).status for a in nodes] == [AlertStatus.CLOSED] * 3
        assert app.alert(measure.id).status is AlertStatus.OPEN
        assert app.alert(other.id).status is AlertStatus.OPEN

    def test_every_open_alert_of_the_case_closes_when_no_kind_is_named(self, app):
        alerts = [node_alert(app), node_alert(app, "m-1", kind=AlertKind.MEASURE_LAPSED)]
        app.acknowledge(alerts[0].id, by="officer-1", on=date(2026, 3, 3))
        assert app.close_case_alerts(CASE_ID, on=date(2026, 3, 5),
                                     by_event="cn.zhixing.cases.v1.CaseClosed") == 2
        assert {app.alert(a.id).status for a in alerts} == {AlertStatus.CLOSED}

    def test_only_the_alerts_about_the_prefix_close_when_a_subject_prefix_is_given(self, app):
        requery = node_alert(app, "requery:2026-02-01", kind=AlertKind.REQUERY_MISSING)
        notice = node_alert(app)
        assert app.close_case_alerts(CASE_ID, on=date(2026, 3, 5), by_event="x.Requery",
                                     subject_prefix="requery:") == 1
        assert (app.alert(requery.id).status, app.alert(notice.id).status) == (
            AlertStatus.CLOSED, AlertStatus.OPEN)

    def test_alerts_closed_before_are_not_counted_when_the_case_closes(self, app):
        node_alert(app)
        node_alert(app, "assign")
        app.close_alert(AlertKind.NODE_OVERDUE, court_code=COURT, case_id=CASE_ID,
                        subject="notice", on=date(2026, 3, 3), by_event=CLOSED_BY)
        assert app.close_case_alerts(CASE_ID, on=date(2026, 3, 5), by_event="x.Closed") == 1
        assert app.close_case_alerts(CASE_ID, on=date(2026, 3, 6), by_event="x.Closed") == 0

    def test_nothing_closes_when_the_case_never_had_an_alert(self, app):
        assert app.close_case_alerts(CASE_ID, on=date(2026, 3, 5), by_event="x.Closed") == 0
        assert stored_count(app) == 0


class TestByHand:
    def test_the_alert_is_acknowledged_on_its_timeline_when_who_must_act_takes_it_on(self, app):
        alert = node_alert(app)
        acknowledged = app.acknowledge(alert.id, by="officer-1", on=date(2026, 3, 3),
                                       note="本周内送达")
        assert (acknowledged.status, acknowledged.acknowledged_by,
                [(s.what, s.by, s.note) for s in acknowledged.timeline][-1]) == (
            AlertStatus.ACKNOWLEDGED, "officer-1", ("acknowledged", "officer-1", "本周内送达"))

    def test_nothing_new_is_stored_when_the_same_acknowledgement_is_sent_again(self, app):
        alert = node_alert(app)
        app.acknowledge(alert.id, by="officer-1", on=date(2026, 3, 3))
        before = stored_count(app)
        app.acknowledge(str(alert.id), by="officer-1", on=date(2026, 3, 3))
        assert stored_count(app) == before

    def test_acknowledging_is_refused_naming_r36_when_the_alert_is_closed(self, app):
        alert = node_alert(app)
        app.close_by_hand(alert.id, by="president-1", on=date(2026, 3, 3), reason="已核实")
        before = stored_count(app)
        with pytest.raises(WrongStep) as refused:
            app.acknowledge(alert.id, by="officer-1", on=date(2026, 3, 4))
        assert refused.value.rule == "R36"
        assert stored_count(app) == before

    def test_the_alert_leaves_its_cases_open_alerts_when_closed_by_a_person(self, app):
        alert = node_alert(app)
        closed = app.close_by_hand(alert.id, by="president-1", on=date(2026, 3, 3),
                                   reason="措施已依法续行")
        assert (closed.status, closed.closed_by, closed.timeline[-1].note) == (
            AlertStatus.CLOSED, "president-1", "措施已依法续行")
        assert open_in_case(app) == []

    def test_closing_by_hand_is_refused_naming_the_reason_when_none_is_given(self, app):
        alert = node_alert(app)
        before = stored_count(app)
        with pytest.raises(InvalidInput) as refused:
            app.close_by_hand(alert.id, by="president-1", on=date(2026, 3, 3), reason=" ")
        assert (refused.value.rule, refused.value.field) == ("R36", "reason")
        assert stored_count(app) == before
        assert app.alert(alert.id).is_open

    def test_closing_twice_by_hand_is_refused_when_the_second_is_another_closing(self, app):
        alert = node_alert(app)
        app.close_by_hand(alert.id, by="president-1", on=date(2026, 3, 3), reason="已核实")
        app.close_by_hand(alert.id, by="president-1", on=date(2026, 3, 3), reason="已核实")
        with pytest.raises(WrongStep):
            app.close_by_hand(alert.id, by="supervisor-1", on=date(2026, 3, 4), reason="再关")

    @pytest.mark.parametrize("alert_id", ["not-a-uuid", str(uuid4())])
    def test_not_found_names_the_alert_id_when_it_names_no_alert(self, app, alert_id):
        with pytest.raises(AlertNotFound) as refused:
            app.acknowledge(alert_id, by="officer-1", on=date(2026, 3, 3))
        assert refused.value.field == "alert_id"
        with pytest.raises(NotFound):
            app.alert(alert_id)
