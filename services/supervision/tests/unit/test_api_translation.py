"""The supervision API's translation of requests (months, dates, pages, choices) and of
answers (figures, register entries, checks) — no I/O."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from zhixing.kernel.calendar import Deadline
from zhixing.kernel.errors import InvalidInput
from zhixing.supervision.api.translate import (
    choice,
    entry_message,
    figures_message,
    matter_message,
    months,
    page_of,
    parse_day,
    purpose_of,
    required,
)
from zhixing.supervision.domain.kpi import Figures
from zhixing.supervision.domain.values import Entry, InterferenceMeans, InterferenceRecord

TODAY = date(2026, 3, 2)
FIGURES = Figures(
    court_code="川0104", region="", month="2026-01", from_month="2026-01",
    to_month="2026-01", received=4, closed=0, pending_at_start=0, closure_rate=0.0,
    claimed_fen=0, recovered_fen=0, recovered_rate=None, avg_days=None, p90_days=None,
    zhongben=0, zhongben_rate=None, zhongben_compliant=0, zhongben_compliance=None,
    overdue_nodes=1, first_closed=0, first_closed_within_limit=0, removals=0,
    removals_within_limit=0, relief_decided=0, relief_within_limit=0)


class TestMonths:
    def test_the_period_is_kept_when_it_spans_60_months(self):
        assert months("2021-01", "2025-12") == ("2021-01", "2025-12")

    def test_invalid_argument_naming_to_month_and_r33_when_it_spans_61_months(self):
        with pytest.raises(InvalidInput) as refused:
            months("2021-01", "2026-01")
        assert (refused.value.field, refused.value.rule) == ("to_month", "R33")
        assert "at most 60 months" in str(refused.value) and "61" in str(refused.value)

    def test_invalid_argument_naming_to_month_when_the_period_runs_backwards(self):
        with pytest.raises(InvalidInput) as refused:
            months("2026-03", "2026-02")
        assert refused.value.field == "to_month"

    @pytest.mark.parametrize("text", ["2026-3", "2026-13", "202603", "2026-03-01", "１２３４-01",
                                      "9999-01"])
    def test_invalid_argument_naming_from_month_when_it_is_not_a_month_kept(self, text):
        with pytest.raises(InvalidInput) as refused:
            months(text, "2026-03")
        assert refused.value.field == "from_month"


class TestRequestTexts:
    def test_today_when_a_date_is_left_empty(self):
        assert parse_day(" ", "received_on", TODAY) == TODAY

    def test_invalid_argument_naming_the_field_when_a_date_is_not_iso(self):
        with pytest.raises(InvalidInput) as refused:
            parse_day("20260302", "received_on", TODAY)
        assert refused.value.field == "received_on"

    def test_invalid_argument_naming_the_field_and_rule_when_a_required_text_is_blank(self):
        with pytest.raises(InvalidInput) as refused:
            required("  ", "reason", "R36")
        assert (refused.value.field, refused.value.rule) == ("reason", "R36")

    def test_invalid_argument_when_a_text_holds_an_escape_sequence(self):
        with pytest.raises(InvalidInput) as refused:
            required("ok\x1b[2J", "asked", "R35")
        assert refused.value.field == "asked"

    def test_invalid_argument_naming_r46_when_the_purpose_is_one_character(self):
        with pytest.raises(InvalidInput) as refused:
            purpose_of("x")
        assert (refused.value.field, refused.value.rule) == ("purpose", "R46")

    def test_the_refusal_lists_the_choices_and_quotes_no_more_than_an_excerpt(self):
        with pytest.raises(InvalidInput) as refused:
            choice(InterferenceMeans, "510104199001011234", "means", "R35")
        assert "letter" in str(refused.value) and "510104199001011234" not in str(refused.value)


class TestPages:
    def test_the_next_token_is_the_offset_when_more_remain(self):
        assert page_of(list(range(5)), 2, "2") == ([2, 3], "4")

    def test_no_token_on_the_last_page(self):
        assert page_of(list(range(5)), 2, "4") == ([4], "")

    @pytest.mark.parametrize(("size", "token", "field"), [(501, "", "page_size"),
                                                           (-1, "", "page_size"),
                                                           (10, "-3", "page_token"),
                                                           (10, "abc", "page_token")])
    def test_invalid_argument_naming_the_field_when_a_page_is_out_of_bounds(self, size, token,
                                                                             field):
        with pytest.raises(InvalidInput) as refused:
            page_of([], size, token)
        assert refused.value.field == field


class TestAnswers:
    def test_a_rate_whose_divisor_was_zero_stays_unset_when_the_figures_are_sent(self):
        message = figures_message(FIGURES)
        assert message.HasField("closure_rate") and message.closure_rate == 0.0
        assert not message.HasField("recovered_rate") and not message.HasField("p90_days")
        assert (message.received, message.overdue_nodes, message.month) == (4, 1, "2026-01")

    def test_days_and_rates_are_set_when_cases_closed(self):
        message = figures_message(replace(FIGURES, avg_days=41.5, p90_days=80,
                                          recovered_rate=0.25))
        assert (message.avg_days, message.p90_days, message.recovered_rate) == (41.5, 80, 0.25)

    def test_an_entry_carries_who_and_what_from_its_record_when_read(self):
        record = InterferenceRecord(who_name="张某某", who_unit="某局", who_post="副局长",
                                    means=InterferenceMeans.CALL, occurred_on=TODAY,
                                    case_id="c-1", case_number="(2026)川0104执1号",
                                    asked="请求暂缓")
        entry = Entry(record_id="r-1", seq=3, record=record, recorded_on=TODAY,
                      recorded_by="officer-1", prev_hash="0" * 64, hash="ab" * 32, key_id="k")
        message = entry_message(entry)
        assert (message.seq, message.who_name, message.means, message.asked,
                message.occurred_on) == (3, "张某某", "call", "请求暂缓", "2026-03-02")

    def test_a_provisional_reply_day_is_flagged_when_a_matter_is_sent(self):
        class Matter:
            id, kind, court_code, document_number = "m-1", "suggestion", "川0104", "检建1号"
            procuratorate, case_id, case_number = "某检察院", "", ""
            received_on, reply_by = TODAY, Deadline(date(2026, 6, 2), provisional=True)
            extended, status, overdue, summary = False, "awaiting", False, "建议"
            replied_on, reply_document, within_limit = None, "", False

        message = matter_message(Matter(), summary=True)
        assert (message.reply_by, message.reply_by_provisional) == ("2026-06-02", True)
        assert message.summary == "建议" and message.replied_on == ""
