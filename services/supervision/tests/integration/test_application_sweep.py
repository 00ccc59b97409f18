"""The sweep: a procuratorial matter past its reply's last day (R34), a suggestion past its
handling's (R37) and a re-query after 终本 not done in time (R18) each raise their alert
once — again, or from another process, nothing more."""

from __future__ import annotations

from datetime import date

from zhixing.kernel.holidays import HolidaySchedule
from zhixing.supervision.domain.values import AlertKind, AlertStatus, MatterKind

from .app_kit import (  # noqa: F401  (fixtures)
    CASE_ID,
    CASE_NUMBER,
    COURT,
    Due,
    alerts_in,
    app_fixture,
    at_beijing_morning,
    calendar_fixture,
    clock_fixture,
    keys_fixture,
    make_app_fixture,
    open_in_case,
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
        at_beijing_morning(clock, date(2026, 3, 10))
        app.record_reply(matter.id, replied_on=date(2026, 3, 10), document_number="复1号",
                         by="president-1")
        at_beijing_morning(clock, date(2026, 4, 1))
        assert app.sweep() == 0

    def test_the_extension_lifts_the_first_alert_and_a_late_reply_raises_another_when_approved_late(
            self, app, clock):
        matter = app.receive_matter(
            MatterKind.SUGGESTION, court_code=COURT, document_number="川检执建5号",
            procuratorate="武侯区检察院", case_id=CASE_ID, case_number=CASE_NUMBER,
            received_on=date(2026, 3, 2), summary="", by="supervisor-1")
        at_beijing_morning(clock, date(2026, 6, 3))  # the 3 months ended on 2 June
        assert app.sweep() == 1
        # Asked for on 1 June, approved on 4 June (R34: the request counts).
        at_beijing_morning(clock, date(2026, 6, 4))
        app.extend_reply(matter.id, requested_on=date(2026, 6, 1), approved_by="president-1",
                         approved_on=date(2026, 6, 4))
        assert open_in_case(app) == []
        [first] = alerts_in(app)
        assert (first.closed_on, first.closed_by_event) == (
            date(2026, 6, 4), "cn.zhixing.supervision.v1.ProcuratorialReplyExtended")
        at_beijing_morning(clock, date(2026, 7, 3))  # the extended day was 2 July
        assert app.sweep() == 1
        late = alerts_in(app)[-1]
        assert (late.subject, late.due_on) == (f"{matter.id}@extended", date(2026, 7, 2))
        at_beijing_morning(clock, date(2026, 7, 6))
        app.record_reply(matter.id, replied_on=date(2026, 7, 6), document_number="复函5号",
                         by="president-1")
        assert open_in_case(app) == []


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

    def test_the_other_requeries_are_raised_when_one_cannot_be(self, app, requeries, caplog):
        """A 终本 case whose filing the figures never saw has no court (""): its alert
        cannot be raised — the sweep says so by case id and goes on, rather than failing
        every run before the cases after it (R18)."""
        other = "7f1c2a9e-0000-4000-8000-000000000016"
        requeries.due += [Due(other, "", "", date(2026, 3, 1)),
                          Due(CASE_ID, CASE_NUMBER, COURT, date(2026, 3, 1))]
        assert app.sweep() == 1
        [alert] = alerts_in(app)
        assert alert.case_id == CASE_ID
        assert other in caplog.text and "court_code" in caplog.text

    def test_the_requery_alerts_close_when_the_requery_is_recorded(self, app, requeries):
        requeries.due.append(Due(CASE_ID, CASE_NUMBER, COURT, date(2026, 3, 1)))
        app.sweep()
        assert app.close_case_alerts(CASE_ID, on=date(2026, 3, 3),
                                     by_event="cn.zhixing.assets.v1.NetworkInquiryCompleted",
                                     kinds=[AlertKind.REQUERY_MISSING],
                                     subject_prefix="requery:") == 1
        assert [a.status for a in alerts_in(app)] == [AlertStatus.CLOSED]


class TestRecount:
    def test_a_provisional_reply_day_moves_and_is_final_when_the_years_schedule_is_loaded(
            self, app, calendar, clock):
        at_beijing_morning(clock, date(2026, 11, 30))
        matter = app.receive_matter(
            MatterKind.SUGGESTION, court_code=COURT, document_number="川检执建9号",
            procuratorate="武侯区检察院", case_id=CASE_ID, case_number=CASE_NUMBER,
            received_on=date(2026, 11, 30), summary="", by="supervisor-1")
        counted = app.matter(matter.id).reply_by
        assert (counted.date, counted.provisional) == (date(2027, 3, 1), True)  # weekends only
        # R64: a (made-up) 2027 schedule resting on Monday 1 March.
        calendar.register(HolidaySchedule(year=2027, holidays=frozenset({date(2027, 3, 1)}),
                                          workdays=frozenset()))
        assert app.recount_provisional() == 1
        recounted = app.matter(matter.id).reply_by
        assert (recounted.date, recounted.provisional) == (date(2027, 3, 2), False)
        assert app.recount_provisional() == 0

    def test_a_suggestions_provisional_day_moves_when_the_years_schedule_is_loaded(
            self, app, calendar, clock):
        at_beijing_morning(clock, date(2026, 12, 31))
        suggestion = app.send_suggestion(
            "judicial", court_code=COURT, recipient="某局上级主管部门", agency_id="", case_id="",
            document_number="司建9号", reason="拒不协助执行", sent_on=date(2026, 12, 31),
            by="president-1")
        named = app.send_suggestion(
            "judicial", court_code=COURT, recipient="某局上级主管部门", agency_id="", case_id="",
            document_number="司建10号", reason="拒不协助执行", sent_on=date(2026, 12, 31),
            by="president-1", handle_by=date(2027, 3, 1))
        assert app.suggestion(suggestion.id).handle_by.provisional  # 28 Feb 2027 → 1 March
        calendar.register(HolidaySchedule(year=2027, holidays=frozenset({date(2027, 3, 1)}),
                                          workdays=frozenset()))
        assert app.recount_provisional() == 1
        recounted = app.suggestion(suggestion.id).handle_by
        assert (recounted.date, recounted.provisional) == (date(2027, 3, 2), False)
        # The day a suggestion names is kept as named.
        assert app.suggestion(named.id).handle_by.date == date(2027, 3, 1)
