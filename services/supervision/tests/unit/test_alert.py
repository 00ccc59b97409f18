"""Specification of an alert's life (R36): raised once per breach, acknowledged by who
must act, closed by its event (a second close by event changes nothing) or by a person
with a reason, every step on its timeline in order."""

from __future__ import annotations

from datetime import date

import pytest

from zhixing.supervision.domain.alert import Alert
from zhixing.supervision.domain.errors import InvalidSupervision, WrongStep
from zhixing.supervision.domain.values import ALERT_RULES, AlertKind, AlertStatus, StepKind

from .supervision_fixtures import CASE_ID, COURT, RAISED_ON, raised

ACK_ON = date(2026, 3, 11)
CLOSE_ON = date(2026, 3, 12)
ASSIGNED = "cn.zhixing.cases.v1.ExecutionNoticeServed"


class TestRaisedOnce:
    """The same breach always names the same alert."""

    def test_same_id_when_the_same_breach_is_raised_again(self):
        assert raised().id == raised(raised_on=date(2026, 3, 11)).id

    def test_other_id_when_the_subject_differs(self):
        assert raised().id != raised(subject="property_report").id

    def test_other_id_when_the_kind_differs(self):
        assert raised().id != raised(kind="measure_expiring", subject="notice").id

    def test_scoped_by_the_court_when_no_case_is_named(self):
        alert = raised(case_id="", case_number="", kind="agency_overdue", subject="req-1")
        assert alert.id == Alert.create_id(AlertKind.AGENCY_OVERDUE, COURT, "req-1")
        assert raised(kind="agency_overdue", subject="req-1").id == Alert.create_id(
            "agency_overdue", CASE_ID, "req-1")

    def test_found_by_its_breach_without_raising_it(self):
        assert raised().id == Alert.breach_id("node_overdue", COURT, f" {CASE_ID}", "notice ")
        assert raised(case_id="", kind="agency_overdue", subject="req-1").id == \
            Alert.breach_id("agency_overdue", COURT, "", "req-1")

    def test_open_with_its_rule_when_raised(self):
        alert = raised()
        assert (alert.status, alert.is_open, alert.rule) == (AlertStatus.OPEN, True, "R27")

    @pytest.mark.parametrize("kind", list(AlertKind))
    def test_the_kinds_own_rule_when_none_is_given(self, kind):
        assert raised(kind=kind, rule="").rule == ALERT_RULES[kind]

    def test_refused_naming_the_field_when_the_kind_is_unknown(self):
        with pytest.raises(InvalidSupervision, match=r"R36 \[kind\]"):
            raised(kind="gossip")


class TestAcknowledge:
    def test_acknowledged_by_who_took_it_on(self):
        alert = raised()
        alert.acknowledge("officer-1", ACK_ON, "今日送达")
        assert (alert.status, alert.acknowledged_by, alert.acknowledged_on) == (
            AlertStatus.ACKNOWLEDGED, "officer-1", ACK_ON)
        assert alert.is_open

    def test_refused_when_acknowledged_twice(self):
        alert = raised()
        alert.acknowledge("officer-1", ACK_ON)
        with pytest.raises(WrongStep, match="R36"):
            alert.acknowledge("officer-2", ACK_ON)

    def test_refused_when_closed(self):
        alert = raised()
        alert.close(CLOSE_ON, by_event=ASSIGNED)
        with pytest.raises(WrongStep, match="R36"):
            alert.acknowledge("officer-1", CLOSE_ON)

    def test_refused_when_dated_before_it_was_raised(self):
        with pytest.raises(InvalidSupervision, match=r"\[acknowledged_on\]"):
            raised().acknowledge("officer-1", date(2026, 3, 9))


class TestClosedByEvent:
    def test_closed_when_the_act_is_recorded(self):
        alert = raised()
        assert alert.close(CLOSE_ON, by_event=ASSIGNED) is True
        assert (alert.status, alert.is_open, alert.closed_by_event) == (
            AlertStatus.CLOSED, False, ASSIGNED)

    def test_nothing_changes_when_closed_by_an_event_again(self):
        alert = raised()
        alert.close(CLOSE_ON, by_event=ASSIGNED)
        alert.collect_events()
        assert alert.close(date(2026, 3, 20), by_event=ASSIGNED) is False
        assert alert.collect_events() == [] and alert.closed_on == CLOSE_ON

    def test_closed_from_acknowledged(self):
        alert = raised()
        alert.acknowledge("officer-1", ACK_ON)
        assert alert.close(CLOSE_ON, by_event=ASSIGNED)


class TestClosedByAPerson:
    def test_closed_with_the_reason_kept(self):
        alert = raised(kind="measure_lapsed", subject="m-1")
        alert.close(CLOSE_ON, by="president-1", reason="已重新查封")
        assert (alert.status, alert.closed_by, alert.close_reason) == (
            AlertStatus.CLOSED, "president-1", "已重新查封")

    @pytest.mark.parametrize("reason", ["", "   ", "x" * 501])
    def test_refused_naming_the_reason_when_it_is_missing_or_too_long(self, reason):
        alert = raised()
        with pytest.raises(InvalidSupervision, match=r"R36 \[reason\]"):
            alert.close(CLOSE_ON, by="president-1", reason=reason)
        assert alert.is_open

    def test_refused_when_closed_by_a_person_again(self):
        alert = raised()
        alert.close(CLOSE_ON, by_event=ASSIGNED)
        with pytest.raises(WrongStep, match="R36"):
            alert.close(CLOSE_ON, by="president-1", reason="重复")

    def test_refused_when_neither_or_both_close_it(self):
        for kwargs in ({}, {"by_event": ASSIGNED, "by": "president-1", "reason": "r"}):
            with pytest.raises(InvalidSupervision, match=r"\[by\]"):
                raised().close(CLOSE_ON, **kwargs)


class TestTimeline:
    def test_every_step_in_order_when_raised_acknowledged_and_closed(self):
        alert = raised()
        alert.acknowledge("officer-1", ACK_ON, "今日送达")
        alert.close(CLOSE_ON, by_event=ASSIGNED)
        assert [(s.on, s.what, s.by, s.note) for s in alert.timeline] == [
            (RAISED_ON, StepKind.RAISED, "", "cn.zhixing.cases.v1.NodeOverdue"),
            (ACK_ON, StepKind.ACKNOWLEDGED, "officer-1", "今日送达"),
            (CLOSE_ON, StepKind.CLOSED, "", ASSIGNED),
        ]

    def test_the_reason_is_the_note_when_closed_by_a_person(self):
        alert = raised()
        alert.close(CLOSE_ON, by="president-1", reason="已核实")
        assert (alert.timeline[-1].by, alert.timeline[-1].note) == ("president-1", "已核实")
