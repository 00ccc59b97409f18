"""Specification of a judicial or disciplinary suggestion (R37): sent with a reason, its
handling recorded once and judged against the day it names, reported overdue once."""

from __future__ import annotations

from datetime import date

import pytest

from zhixing.kernel.calendar import Deadline
from zhixing.supervision.domain.errors import InvalidSupervision, WrongStep
from zhixing.supervision.domain.values import SuggestionStatus

from .supervision_fixtures import sent

HANDLE_BY = date(2026, 5, 6)
"""2 months from Mon 2 March 2026 is Sat 2 May, in the 劳动节 holiday: Wed 6 May (R64)."""


class TestSend:
    def test_sent_with_its_handling_due(self):
        suggestion = sent()
        assert (suggestion.status, suggestion.handle_by.date) == (SuggestionStatus.SENT,
                                                                  HANDLE_BY)

    @pytest.mark.parametrize("reason", ["", "x" * 501])
    def test_refused_naming_r37_when_the_reason_is_out_of_bounds(self, reason):
        with pytest.raises(InvalidSupervision, match=r"R37 \[reason\]"):
            sent(reason=reason)

    def test_refused_when_the_kind_is_unknown(self):
        with pytest.raises(InvalidSupervision, match=r"R37 \[kind\]"):
            sent(kind="friendly")


class TestHandling:
    def test_within_limit_when_recorded_on_the_day_named(self):
        suggestion = sent()
        suggestion.record_handling(HANDLE_BY, "已对相关人员批评教育并督促反馈", "president-1")
        assert (suggestion.status, suggestion.within_limit) == (SuggestionStatus.HANDLED, True)

    def test_not_within_limit_when_recorded_after_it(self):
        suggestion = sent()
        suggestion.record_handling(date(2026, 5, 7), "已反馈", "president-1")
        assert suggestion.within_limit is False

    def test_refused_when_recorded_twice(self):
        suggestion = sent()
        suggestion.record_handling(HANDLE_BY, "已反馈", "president-1")
        with pytest.raises(WrongStep, match="R37"):
            suggestion.record_handling(HANDLE_BY, "再次反馈", "president-1")

    def test_refused_naming_r37_when_the_outcome_is_missing(self):
        with pytest.raises(InvalidSupervision, match=r"R37 \[outcome\]"):
            sent().record_handling(HANDLE_BY, " ", "president-1")


class TestOverdue:
    def test_reported_once_when_past_the_day_named(self):
        suggestion = sent()
        assert suggestion.mark_overdue(date(2026, 5, 7)) is True
        suggestion.collect_events()
        assert suggestion.mark_overdue(date(2026, 5, 8)) is False
        assert suggestion.collect_events() == [] and suggestion.overdue_on == date(2026, 5, 7)

    def test_refused_on_the_day_named(self):
        with pytest.raises(WrongStep, match=r"R37 \[detected_on\]"):
            sent().mark_overdue(HANDLE_BY)

    def test_refused_once_handled(self):
        suggestion = sent()
        suggestion.record_handling(HANDLE_BY, "已反馈", "president-1")
        with pytest.raises(WrongStep, match="R37"):
            suggestion.mark_overdue(date(2026, 6, 1))


class TestCountedAgain:
    def test_the_new_day_kept_and_the_overdue_report_lifted(self):
        suggestion = sent()
        suggestion.mark_overdue(date(2026, 5, 7))
        assert suggestion.count_again(Deadline(date(2026, 5, 8))) is True
        assert (suggestion.handle_by.date, suggestion.overdue) == (date(2026, 5, 8), False)

    def test_nothing_changes_when_handled(self):
        suggestion = sent()
        suggestion.record_handling(HANDLE_BY, "已反馈", "president-1")
        assert suggestion.count_again(Deadline(date(2026, 5, 8))) is False
