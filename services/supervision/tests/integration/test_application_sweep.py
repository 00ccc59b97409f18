"""The sweep: a procuratorial matter past its reply's last day (R34), a suggestion past its
handling's (R37) and a re-query after 终本 not done in time (R18) each raise their alert
once — again, or from another process, nothing more."""

from __future__ import annotations

from datetime import date

from zhixing.supervision.domain.values import AlertKind, AlertStatus, MatterKind

from .app_kit import (  # noqa: F401  (fixtures)
    CASE_ID,
    CASE_NUMBER,
    COURT,
    Due,
    alerts_in,
    app_fixture,
    at_beijing_morning,
    clock_fixture,
    keys_fixture,
    make_app_fixture,
    requeries_fixture,
    stored_count,
)


def inquiry(app, received_on=date(2026, 3, 2)):
    """A written inquiry: answered within 15 days (R34) — by 17 March here."""
    return app.receive_matter(MatterKind.INQUIRY, court_code=COURT, document_number="川检询1号",
                              procuratorate="武侯区检察院", case_id=CASE_ID,
                              case_number=CASE_NUMBER, received_on=received_on,
                              summary="", by="supervisor-1")


class TestMatters:
    def test_nothing_is_raised_when_the_last_day_has_not_passed(self, app, clock):
        inquiry(app)
        at_beijing_morning(clock, date(2026, 3, 17))
        assert app.sweep() == 0
        assert alerts_in(app) == []

    def test_the_matter_is_marked_and_its_alert_raised_once_when_its_reply_is_overdue(
            self, app, clock, make_app):
        matter = inquiry(app)
        at_beijing_morning(clock, date(2026, 3, 18))
        assert app.sweep() == 1
        [alert] = alerts_in(app)
        assert (alert.kind, alert.rule, alert.subject, alert.act_by_role, alert.due_on,
                alert.case_id, alert.raised_on) == (
            AlertKind.PROCURATORIAL_OVERDUE, "R34", str(matter.id), "president",
            date(2026, 3, 17), CASE_ID, date(2026, 3, 18))
        assert app.matter(matter.id).overdue
        before = stored_count(app)
        assert app.sweep() == 0
        assert make_app().sweep() == 0  # another process: the matter is marked already
        at_beijing_morning(clock, date(2026, 3, 19))
        assert app.sweep() == 0
        assert stored_count(app) == before

    def test_nothing_is_raised_when_the_reply_was_recorded_in_time(self, app, clock):
        matter = inquiry(app)
        app.record_reply(matter.id, replied_on=date(2026, 3, 10), document_number="复1号",
                         by="president-1")
        at_beijing_morning(clock, date(2026, 4, 1))
        assert app.sweep() == 0


class TestSuggestions:
    def test_the_suggestions_alert_is_raised_once_when_its_handling_is_overdue(self, app, clock):
        suggestion = app.send_suggestion(
            "disciplinary", court_code=COURT, recipient="某区纪委监委", agency_id="",
            case_id="", document_number="(2026)川0104纪建1号", reason="拒不协助执行",
            sent_on=date(2026, 3, 2), by="president-1", handle_by=date(2026, 3, 31))
        at_beijing_morning(clock, date(2026, 4, 1))
        assert app.sweep() == 1
        [alert] = alerts_in(app)
        assert (alert.kind, alert.rule, alert.subject, alert.court_code, alert.case_id,
                alert.due_on) == (AlertKind.SUGGESTION_OVERDUE, "R37", str(suggestion.id),
                                  COURT, "", date(2026, 3, 31))
        assert app.suggestion(suggestion.id).overdue
        assert app.sweep() == 0


class TestRequeries:
    def test_a_requery_alert_is_raised_once_when_a_requery_is_due_and_not_done(
            self, app, clock, requeries, make_app):
        requeries.due.append(Due(CASE_ID, CASE_NUMBER, COURT, date(2026, 3, 1)))
        assert app.sweep() == 1
        [alert] = alerts_in(app)
        assert (alert.kind, alert.rule, alert.subject, alert.act_by_role, alert.due_on,
                alert.case_number) == (AlertKind.REQUERY_MISSING, "R18", "requery:2026-03-01",
                                       "officer", date(2026, 3, 1), CASE_NUMBER)
        assert app.sweep() == 0
        assert make_app().sweep() == 0

    def test_each_requery_date_has_its_own_alert_when_two_are_due(self, app, clock, requeries):
        requeries.due += [Due(CASE_ID, CASE_NUMBER, COURT, date(2025, 9, 1)),
                          Due(CASE_ID, CASE_NUMBER, COURT, date(2026, 3, 1))]
        assert app.sweep() == 2
        assert sorted(a.subject for a in alerts_in(app)) == ["requery:2025-09-01",
                                                             "requery:2026-03-01"]

    def test_the_requery_alerts_close_when_the_requery_is_recorded(self, app, requeries):
        requeries.due.append(Due(CASE_ID, CASE_NUMBER, COURT, date(2026, 3, 1)))
        app.sweep()
        assert app.close_case_alerts(CASE_ID, on=date(2026, 3, 3),
                                     by_event="cn.zhixing.assets.v1.NetworkInquiryCompleted",
                                     kinds=[AlertKind.REQUERY_MISSING],
                                     subject_prefix="requery:") == 1
        assert [a.status for a in alerts_in(app)] == [AlertStatus.CLOSED]
