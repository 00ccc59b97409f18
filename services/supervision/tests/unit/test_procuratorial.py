"""Specification of a procuratorial matter (R34): a suggestion replied to within 3 months,
extended once by one month when asked for in time; an inquiry answered within 15 days and
never extended; replied once; reported overdue once."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from zhixing.kernel.calendar import Deadline
from zhixing.kernel.periods import period_end
from zhixing.supervision.domain import deadlines
from zhixing.supervision.domain.errors import ExtensionRefused, InvalidSupervision, WrongStep
from zhixing.supervision.domain.procuratorial import ProcuratorialMatter
from zhixing.supervision.domain.values import MatterStatus

from .supervision_fixtures import CALENDAR, COURT, received

RECEIVED = date(2026, 3, 2)
REPLY_BY = date(2026, 6, 2)
"""3 months from Mon 2 March 2026: Tue 2 June, a working day."""
EXTENDED = deadlines.extended_reply_by(CALENDAR, RECEIVED)


class TestReceive:
    def test_awaiting_its_reply_by_the_counted_day(self):
        matter = received()
        assert (matter.status, matter.reply_by.date, matter.extended) == (
            MatterStatus.AWAITING, REPLY_BY, False)

    def test_same_id_when_received_again_with_the_same_key(self):
        key = uuid4()
        assert received(matter_id=key).id == key
        assert received(matter_id="锦检-1").id == ProcuratorialMatter.create_id(COURT, "锦检-1")

    def test_refused_naming_r34_when_the_last_day_is_not_after_receipt(self):
        with pytest.raises(InvalidSupervision, match=r"R34 \[reply_by\]"):
            received(reply_by=deadlines.inquiry_reply_by(CALENDAR, date(2026, 2, 1)))


class TestExtension:
    """R34: +1 month with the president's approval, asked for before the 3 months run out."""

    def test_extended_to_four_months_when_asked_for_on_the_last_day(self):
        matter = received()
        matter.extend(REPLY_BY, "president-1", EXTENDED)
        assert (matter.extended, matter.reply_by, matter.extension_approved_by) == (
            True, EXTENDED, "president-1")

    def test_approved_after_the_last_day_when_asked_for_before_it(self):
        matter = received()
        matter.extend(REPLY_BY, "president-1", EXTENDED, approved_on=date(2026, 6, 4))
        assert (matter.extension_requested_on, matter.extension_approved_on) == (
            REPLY_BY, date(2026, 6, 4))

    def test_refused_naming_r34_and_the_day_when_asked_for_after_the_last_day(self):
        matter = received()
        with pytest.raises(ExtensionRefused) as refused:
            matter.extend(date(2026, 6, 3), "president-1", EXTENDED)
        assert refused.value.rule == "R34"
        assert "2026-06-02" in str(refused.value) and "2026-06-03" in str(refused.value)
        assert matter.extended is False and matter.reply_by.date == REPLY_BY

    def test_refused_naming_r34_when_asked_for_a_second_time(self):
        matter = received()
        matter.extend(date(2026, 5, 20), "president-1", EXTENDED)
        with pytest.raises(ExtensionRefused, match=r"R34.*once"):
            matter.extend(date(2026, 5, 21), "president-1",
                          period_end(RECEIVED, months=5, calendar=CALENDAR))

    def test_refused_naming_r34_for_an_inquiry(self):
        matter = received("inquiry")
        with pytest.raises(ExtensionRefused, match=r"R34 \[kind\]"):
            matter.extend(RECEIVED, "president-1", EXTENDED)

    def test_refused_once_replied(self):
        matter = received()
        matter.reply(date(2026, 5, 1), "锦执复〔2026〕1号", "president-1")
        with pytest.raises(WrongStep, match="R34"):
            matter.extend(date(2026, 5, 2), "president-1", EXTENDED)


class TestReply:
    def test_within_limit_when_replied_on_the_last_day(self):
        matter = received()
        matter.reply(REPLY_BY, "锦执复〔2026〕1号", "president-1")
        assert (matter.status, matter.within_limit) == (MatterStatus.REPLIED, True)

    def test_not_within_limit_when_replied_the_day_after(self):
        matter = received()
        matter.reply(date(2026, 6, 3), "锦执复〔2026〕1号", "president-1")
        assert matter.within_limit is False

    def test_within_the_extended_limit_when_extended(self):
        matter = received()
        matter.extend(date(2026, 5, 20), "president-1", EXTENDED)
        matter.reply(date(2026, 6, 20), "锦执复〔2026〕1号", "president-1")
        assert matter.within_limit is True

    def test_an_inquiry_answered_within_fifteen_days(self):
        matter = received("inquiry")
        assert matter.reply_by.date == date(2026, 3, 17)
        matter.reply(date(2026, 3, 18), "锦执复〔2026〕2号", "president-1")
        assert matter.within_limit is False

    def test_refused_when_replied_twice(self):
        matter = received()
        matter.reply(date(2026, 5, 1), "锦执复〔2026〕1号", "president-1")
        with pytest.raises(WrongStep, match="R34"):
            matter.reply(date(2026, 5, 2), "锦执复〔2026〕3号", "president-1")


class TestOverdue:
    def test_reported_once_when_past_the_last_day(self):
        matter = received()
        assert matter.is_past_due(date(2026, 6, 3))
        assert matter.mark_overdue(date(2026, 6, 3)) is True
        matter.collect_events()
        assert matter.mark_overdue(date(2026, 6, 4)) is False
        assert matter.collect_events() == [] and matter.overdue_on == date(2026, 6, 3)
        assert not matter.is_past_due(date(2026, 6, 4))

    def test_refused_on_the_last_day_itself(self):
        with pytest.raises(WrongStep, match=r"R34 \[detected_on\]"):
            received().mark_overdue(REPLY_BY)

    def test_not_past_due_once_replied(self):
        matter = received()
        matter.reply(date(2026, 5, 1), "锦执复〔2026〕1号", "president-1")
        assert not matter.is_past_due(date(2026, 7, 1))


class TestCountedAgain:
    """R64: a last day counted provisionally is counted again once its year's schedule
    is loaded; an overdue report against the earlier day no longer stands."""

    def test_the_new_last_day_kept_and_the_overdue_report_lifted(self):
        matter = received(on=date(2026, 11, 30))
        assert matter.reply_by.provisional
        matter.mark_overdue(date(2027, 3, 2))
        recounted = Deadline(date(2027, 3, 3), False)  # as a loaded 2027 schedule might give
        assert matter.count_again(recounted) is True
        assert (matter.reply_by, matter.overdue) == (recounted, False)

    def test_nothing_changes_when_replied_or_unchanged(self):
        matter = received()
        assert matter.count_again(matter.reply_by) is False
        matter.reply(date(2026, 5, 1), "锦执复〔2026〕1号", "president-1")
        assert matter.count_again(EXTENDED) is False
