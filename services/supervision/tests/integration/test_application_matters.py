"""Procuratorial supervision (R34): a suggestion's reply due in 3 months by R62–R64, one
more month with the president's approval asked for in time, an inquiry's in 15 days; the
reply recorded once, closing the matter's overdue alert in the same save."""

from __future__ import annotations

from datetime import date

import pytest

from zhixing.kernel.calendar import Deadline
from zhixing.kernel.errors import AlreadyExists, InvalidInput
from zhixing.supervision.domain.errors import ExtensionRefused, MatterNotFound, WrongStep
from zhixing.supervision.domain.values import AlertKind, AlertStatus, MatterKind, MatterStatus

from .app_kit import (  # noqa: F401  (fixtures)
    CASE_ID,
    CASE_NUMBER,
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


def received(app, kind=MatterKind.SUGGESTION, received_on=date(2026, 3, 2), matter_id=None,
             document_number="川检执建〔2026〕3号"):
    return app.receive_matter(kind, court_code=COURT, document_number=document_number,
                              procuratorate="成都市武侯区人民检察院", case_id=CASE_ID,
                              case_number=CASE_NUMBER, received_on=received_on,
                              summary="执行案件长期未结", by="supervisor-1", matter_id=matter_id)


class TestReceive:
    @pytest.mark.parametrize("kind", [MatterKind.SUGGESTION, MatterKind.INQUIRY])
    def test_refused_naming_received_on_when_the_receipt_is_dated_after_today(self, app,
                                                                              kind):
        """R34: a receipt dated ahead would push the reply's last day out of reach."""
        with pytest.raises(InvalidInput, match="after today") as refused:
            received(app, kind=kind, received_on=date(2026, 3, 3))
        assert (refused.value.field, refused.value.rule) == ("received_on", "R34")
        assert stored_count(app) == 0

    def test_a_suggestions_reply_is_due_at_the_r63_month_end_when_received_on_30_november(
            self, app, clock):
        at_beijing_morning(clock, date(2026, 11, 30))
        matter = received(app, received_on=date(2026, 11, 30))
        # 3 months after 30 Nov: no 30 Feb, so 28 Feb 2027 (R63) — a Sunday, moved to the
        # next working day (R64).
        assert matter.reply_by.date == date(2027, 3, 1)
        assert (matter.status, app.matter(matter.id).case_number) == (
            MatterStatus.AWAITING, CASE_NUMBER)

    def test_an_inquiry_is_due_in_15_days_when_received(self, app):
        matter = received(app, kind=MatterKind.INQUIRY, received_on=date(2026, 3, 2))
        assert matter.reply_by == Deadline(date(2026, 3, 17))

    def test_the_matter_received_then_is_returned_when_sent_again_with_its_key(self, app):
        first = received(app, matter_id="川检-2026-3")
        before = stored_count(app)
        again = received(app, matter_id="川检-2026-3")
        assert again.id == first.id
        assert stored_count(app) == before

    def test_the_key_is_refused_naming_matter_id_when_reused_for_another_matter(self, app):
        received(app, matter_id="川检-2026-3")
        before = stored_count(app)
        with pytest.raises(AlreadyExists) as refused:
            received(app, matter_id="川检-2026-3", document_number="川检执建〔2026〕4号")
        assert refused.value.field == "matter_id"
        assert stored_count(app) == before

    def test_nothing_is_stored_when_the_document_number_is_missing(self, app):
        with pytest.raises(InvalidInput) as refused:
            received(app, document_number=" ")
        assert (refused.value.rule, refused.value.field) == ("R34", "document_number")
        assert stored_count(app) == 0

    def test_an_unknown_kind_is_refused_naming_kind_when_received(self, app):
        with pytest.raises(InvalidInput) as refused:
            received(app, kind="complaint")
        assert (refused.value.rule, refused.value.field) == ("R34", "kind")
        assert stored_count(app) == 0


class TestExtend:
    """Extensions are recorded on or after the day asked for: the clock is moved to 31
    December."""

    @pytest.fixture(autouse=True)
    def _year_end(self, clock):
        at_beijing_morning(clock, date(2026, 12, 31))

    def test_refused_naming_requested_on_when_the_request_is_dated_after_today(self, app,
                                                                              clock):
        """R34: what is recorded is a request already made (and approved)."""
        matter = received(app, received_on=date(2026, 3, 2))
        at_beijing_morning(clock, date(2026, 5, 1))
        for field, days in (("requested_on", {"requested_on": date(2026, 5, 2)}),
                            ("approved_on", {"requested_on": date(2026, 5, 1),
                                             "approved_on": date(2026, 5, 2)})):
            with pytest.raises(InvalidInput, match="after today") as refused:
                app.extend_reply(matter.id, approved_by="president-1", **days)
            assert (refused.value.field, refused.value.rule) == (field, "R34")
        assert not app.matter(matter.id).extended

    def test_the_reply_is_due_four_months_after_receipt_when_extended_in_time(self, app):
        matter = received(app, received_on=date(2026, 3, 2))
        extended = app.extend_reply(matter.id, requested_on=date(2026, 6, 1),
                                    approved_by="president-1")
        assert (extended.extended, extended.reply_by.date) == (True, date(2026, 7, 2))

    def test_the_extension_is_refused_naming_r34_when_asked_after_the_last_day(self, app):
        matter = received(app, received_on=date(2026, 3, 2))
        before = stored_count(app)
        with pytest.raises(ExtensionRefused) as refused:
            app.extend_reply(matter.id, requested_on=date(2026, 6, 3),
                             approved_by="president-1")
        assert refused.value.rule == "R34"
        assert stored_count(app) == before
        assert not app.matter(matter.id).extended

    def test_nothing_new_is_stored_when_the_same_extension_is_sent_again(self, app):
        matter = received(app)
        app.extend_reply(matter.id, requested_on=date(2026, 5, 1), approved_by="president-1")
        before = stored_count(app)
        app.extend_reply(matter.id, requested_on=date(2026, 5, 1), approved_by="president-1")
        assert stored_count(app) == before

    def test_the_extension_is_refused_when_the_matter_is_an_inquiry(self, app):
        matter = received(app, kind=MatterKind.INQUIRY)
        with pytest.raises(ExtensionRefused):
            app.extend_reply(matter.id, requested_on=date(2026, 3, 3),
                             approved_by="president-1")


class TestReply:
    """Replies are recorded on or before today: the clock is moved to 31 December."""

    @pytest.fixture(autouse=True)
    def _year_end(self, clock):
        at_beijing_morning(clock, date(2026, 12, 31))

    def test_the_reply_is_within_the_limit_when_sent_by_the_last_day(self, app):
        matter = received(app)
        replied = app.record_reply(matter.id, replied_on=date(2026, 5, 20),
                                   document_number="(2026)川0104执监1号", by="president-1")
        assert (replied.status, replied.within_limit, replied.replied_on) == (
            MatterStatus.REPLIED, True, date(2026, 5, 20))

    def test_the_overdue_alert_closes_in_the_same_save_when_the_reply_is_recorded(
            self, app, clock):
        matter = received(app, kind=MatterKind.INQUIRY)
        at_beijing_morning(clock, date(2026, 3, 18))
        assert app.sweep() == 1
        at_beijing_morning(clock, date(2026, 3, 19))
        replied = app.record_reply(matter.id, replied_on=date(2026, 3, 19),
                                   document_number="(2026)川0104执监2号", by="president-1")
        assert not replied.within_limit
        [alert_id] = [a for a in alerts_in(app) if a.kind is AlertKind.PROCURATORIAL_OVERDUE]
        assert app.alert(alert_id.id).status is AlertStatus.CLOSED
        assert open_in_case(app) == []

    def test_refused_naming_replied_on_when_the_reply_is_dated_after_today(self, app,
                                                                          clock):
        """R34: a reply recorded ahead of its day would close the overdue watch before
        any reply was sent."""
        matter = received(app)
        at_beijing_morning(clock, date(2026, 3, 10))
        with pytest.raises(InvalidInput, match="after today") as refused:
            app.record_reply(matter.id, replied_on=date(2026, 3, 11), document_number="复函1号",
                             by="president-1")
        assert (refused.value.field, refused.value.rule) == ("replied_on", "R34")
        assert app.matter(matter.id).replied_on is None

    def test_nothing_new_is_stored_when_the_same_reply_is_sent_again(self, app):
        matter = received(app)
        app.record_reply(matter.id, replied_on=date(2026, 5, 20), document_number="复函1号",
                         by="president-1")
        before = stored_count(app)
        app.record_reply(matter.id, replied_on=date(2026, 5, 20), document_number="复函1号",
                         by="president-1")
        assert stored_count(app) == before

    def test_a_second_reply_is_refused_naming_r34_when_the_matter_was_replied(self, app):
        matter = received(app)
        app.record_reply(matter.id, replied_on=date(2026, 5, 20), document_number="复函1号",
                         by="president-1")
        with pytest.raises(WrongStep) as refused:
            app.record_reply(matter.id, replied_on=date(2026, 5, 21),
                             document_number="复函2号", by="president-1")
        assert refused.value.rule == "R34"

    def test_not_found_names_matter_id_when_it_names_no_matter(self, app):
        with pytest.raises(MatterNotFound) as refused:
            app.record_reply("nope", replied_on=date(2026, 5, 20), document_number="复函1号",
                             by="president-1")
        assert refused.value.field == "matter_id"

