"""Leads (执行线索) and reward notices (悬赏公告) in the publicity domain: every input
bounded and refused naming its field and bound (never echoing it); references random and
unguessable (≥ 40 bits); a notice runs after today and within a year, withdrawn once."""

from __future__ import annotations

import re
from datetime import date

import pytest

from zhixing.kernel.errors import InvalidInput, PreconditionFailed
from zhixing.publicity.domain.lead import (
    REFERENCE_ALPHABET,
    REFERENCE_SYMBOLS,
    Lead,
    canonical_reference,
    lead_id_of,
    new_reference,
)
from zhixing.publicity.domain.reward_notice import RewardNotice

TODAY = date(2026, 5, 6)


def report(**changes: str) -> Lead:
    given = {"source": "listing", "source_id": "L1", "property_kind": "vehicle",
             "text": "他在城南停有一辆白色轿车", "contact": ""} | changes
    return Lead.report("XS-7K3M-Q9TP", "c1", "(2026)川0104执7号", "川0104",
                       given["source"], given["source_id"], given["property_kind"],
                       given["text"], given["contact"], TODAY)


def post(**changes: str) -> RewardNotice:
    given = {"reward": "按执行到位金额的10%", "text": "征集被执行人财产线索",
             "valid_until": "2026-08-31"} | changes
    return RewardNotice.post("c1", "(2026)川0104执7号", "川0104", "成都市武侯区人民法院",
                             "张*", "510104********1239", 100_000_00, given["reward"],
                             given["text"], TODAY, given["valid_until"], "officer1")


class TestReference:
    def test_has_40_random_bits_in_its_form_when_drawn(self):
        reference = new_reference()
        assert re.fullmatch(r"XS-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}", reference)
        assert len(REFERENCE_ALPHABET) ** REFERENCE_SYMBOLS >= 2 ** 40

    def test_draws_differ_when_drawn_many_times(self):
        assert len({new_reference() for _ in range(2000)}) == 2000

    def test_one_reference_names_one_lead_when_typed_in_lower_case(self):
        assert lead_id_of(canonical_reference(" xs-7k3m-q9tp ")) == lead_id_of("XS-7K3M-Q9TP")

    def test_refused_without_echo_when_a_reference_is_unbounded(self):
        with pytest.raises(InvalidInput) as refused:
            canonical_reference("X" * 33)
        assert refused.value.field == "reference" and "32" in str(refused.value)
        assert "XXXX" not in str(refused.value)


class TestLead:
    def test_keeps_the_report_when_every_input_is_within_bounds(self):
        lead = report(contact="电话 13800001111")
        assert (lead.source, lead.property_kind, lead.reported_on) == (
            "listing", "vehicle", "2026-05-06")
        assert lead.id == lead_id_of("XS-7K3M-Q9TP")

    @pytest.mark.parametrize(("field", "value", "bound"), [
        ("text", "线" * 2001, "2000"), ("text", "   ", "2000"),
        ("contact", "1" * 101, "100"), ("source_id", "L" * 65, "64")])
    def test_refused_naming_field_and_bound_when_text_is_unbounded(self, field, value, bound):
        with pytest.raises(InvalidInput) as refused:
            report(**{field: value})
        assert refused.value.field == field and bound in str(refused.value)
        assert value[:20] not in str(refused.value) or not value.strip()

    @pytest.mark.parametrize(("field", "value"), [("source", "anything"),
                                                  ("property_kind", "gold<script>")])
    def test_refused_naming_the_choices_when_a_kind_is_unknown(self, field, value):
        with pytest.raises(InvalidInput) as refused:
            report(**{field: value})
        assert refused.value.field == field and "<script>" not in str(refused.value)


class TestRewardNotice:
    def test_in_force_until_its_last_day_when_posted(self):
        notice = post()
        assert notice.in_force(date(2026, 8, 31)) and not notice.in_force(date(2026, 9, 1))

    @pytest.mark.parametrize("valid_until", ["2026-05-06", "2027-05-08", "31/08/2026", ""])
    def test_refused_naming_valid_until_when_not_after_today_within_a_year(self, valid_until):
        with pytest.raises(InvalidInput) as refused:
            post(valid_until=valid_until)
        assert refused.value.field == "valid_until"

    @pytest.mark.parametrize(("field", "value", "bound"), [("reward", "元" * 201, "200"),
                                                            ("text", "文" * 2001, "2000")])
    def test_refused_naming_field_and_bound_when_unbounded(self, field, value, bound):
        with pytest.raises(InvalidInput) as refused:
            post(**{field: value})
        assert refused.value.field == field and bound in str(refused.value)

    def test_out_of_force_and_refused_twice_when_withdrawn(self):
        notice = post()
        notice.withdraw("已执行完毕", date(2026, 5, 7), "officer1")
        assert not notice.in_force(date(2026, 5, 8))
        with pytest.raises(PreconditionFailed):
            notice.withdraw("again", date(2026, 5, 8), "officer1")

    def test_refused_naming_reason_when_withdrawn_without_one(self):
        with pytest.raises(InvalidInput) as refused:
            post().withdraw("  ", date(2026, 5, 7), "officer1")
        assert refused.value.field == "reason"
