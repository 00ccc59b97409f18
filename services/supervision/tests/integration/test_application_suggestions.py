"""Judicial and disciplinary suggestions (R37): sent with the day their handling is
expected, the handling recorded once — closing the suggestion's overdue alert in the same
save."""

from __future__ import annotations

from datetime import date

import pytest

from zhixing.kernel.errors import AlreadyExists, InvalidInput
from zhixing.supervision.domain.errors import SuggestionNotFound, WrongStep
from zhixing.supervision.domain.values import AlertKind, AlertStatus, SuggestionKind

from .app_kit import (  # noqa: F401  (fixtures)
    CASE_ID,
    COURT,
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


def sent(app, suggestion_id=None, handle_by=None, recipient="成都市不动产登记中心的上级主管部门",
         sent_on=date(2026, 3, 2), case_id=CASE_ID):
    return app.send_suggestion(SuggestionKind.JUDICIAL, court_code=COURT, recipient=recipient,
                               agency_id="agency-realty", case_id=case_id,
                               document_number="(2026)川0104司建1号",
                               reason="协助执行单位逾期未反馈查询结果", sent_on=sent_on,
                               by="president-1", handle_by=handle_by,
                               suggestion_id=suggestion_id)


class TestSend:
    def test_the_handling_is_expected_two_months_after_sending_when_no_day_is_named(self, app):
        suggestion = sent(app)
        assert suggestion.handle_by.date == date(2026, 5, 6)  # 2 May: 劳动节 holidays (R64)
        assert app.suggestion(suggestion.id).recipient == "成都市不动产登记中心的上级主管部门"

    def test_refused_naming_sent_on_when_the_suggestion_is_dated_after_today(self, app):
        """R37: a sending dated ahead would push the handling's day out of reach."""
        with pytest.raises(InvalidInput, match="after today") as refused:
            sent(app, sent_on=date(2026, 3, 3))
        assert (refused.value.field, refused.value.rule) == ("sent_on", "R37")
        assert stored_count(app) == 0

    def test_the_named_day_is_kept_when_the_suggestion_names_one(self, app):
        assert sent(app, handle_by=date(2026, 4, 15)).handle_by.date == date(2026, 4, 15)

    def test_the_suggestion_sent_then_is_returned_when_sent_again_with_its_key(self, app):
        first = sent(app, suggestion_id="sj-1")
        before = stored_count(app)
        assert sent(app, suggestion_id="sj-1").id == first.id
        assert stored_count(app) == before

    def test_the_key_is_refused_naming_suggestion_id_when_reused_for_another(self, app):
        sent(app, suggestion_id="sj-1")
        with pytest.raises(AlreadyExists) as refused:
            sent(app, suggestion_id="sj-1", recipient="另一单位")
        assert refused.value.field == "suggestion_id"

    def test_nothing_is_stored_when_the_named_day_is_not_after_sending(self, app):
        with pytest.raises(InvalidInput) as refused:
            sent(app, handle_by=date(2026, 3, 2))
        assert (refused.value.rule, refused.value.field) == ("R37", "handle_by")
        assert stored_count(app) == 0


class TestHandling:
    """Handling is recorded on or before today: the clock is moved to 31 December."""

    @pytest.fixture(autouse=True)
    def _year_end(self, clock):
        at_beijing_morning(clock, date(2026, 12, 31))

    def test_the_handling_is_within_the_limit_when_recorded_by_the_day(self, app):
        suggestion = sent(app)
        handled = app.record_handling(suggestion.id, handled_on=date(2026, 4, 1),
                                      outcome="已责令整改", by="president-1")
        assert (handled.within_limit, handled.handled_on, handled.outcome) == (
            True, date(2026, 4, 1), "已责令整改")

    def test_the_overdue_alert_closes_in_the_same_save_when_the_handling_is_recorded(
            self, app, clock):
        suggestion = sent(app, handle_by=date(2026, 3, 20))
        at_beijing_morning(clock, date(2026, 3, 21))
        assert app.sweep() == 1
        at_beijing_morning(clock, date(2026, 3, 25))
        handled = app.record_handling(suggestion.id, handled_on=date(2026, 3, 25),
                                      outcome="已通报批评", by="supervisor-1")
        assert not handled.within_limit
        [alert] = [a for a in alerts_in(app) if a.kind is AlertKind.SUGGESTION_OVERDUE]
        assert (app.alert(alert.id).status, app.alert(alert.id).rule) == (
            AlertStatus.CLOSED, "R37")
        assert open_in_case(app) == []

    def test_refused_naming_handled_on_when_the_handling_is_dated_after_today(self, app,
                                                                             clock):
        """R37: a handling recorded ahead of its day would stop the watch before it was
        handled."""
        suggestion = sent(app)
        at_beijing_morning(clock, date(2026, 3, 10))
        with pytest.raises(InvalidInput, match="after today") as refused:
            app.record_handling(suggestion.id, handled_on=date(2026, 3, 11), outcome="已整改",
                                by="p-1")
        assert (refused.value.field, refused.value.rule) == ("handled_on", "R37")
        assert app.suggestion(suggestion.id).handled_on is None

    def test_nothing_new_is_stored_when_the_same_handling_is_sent_again(self, app):
        suggestion = sent(app)
        app.record_handling(suggestion.id, handled_on=date(2026, 4, 1), outcome="已整改",
                            by="president-1")
        before = stored_count(app)
        app.record_handling(suggestion.id, handled_on=date(2026, 4, 1), outcome="已整改",
                            by="president-1")
        assert stored_count(app) == before

    def test_a_second_handling_is_refused_naming_r37_when_one_was_recorded(self, app):
        suggestion = sent(app)
        app.record_handling(suggestion.id, handled_on=date(2026, 4, 1), outcome="已整改",
                            by="president-1")
        with pytest.raises(WrongStep) as refused:
            app.record_handling(suggestion.id, handled_on=date(2026, 4, 2), outcome="再次",
                                by="president-1")
        assert refused.value.rule == "R37"

    def test_not_found_names_suggestion_id_when_it_names_none(self, app):
        with pytest.raises(SuggestionNotFound) as refused:
            app.record_handling("nope", handled_on=date(2026, 4, 1), outcome="x", by="p-1")
        assert refused.value.field == "suggestion_id"
