"""The relief API's translation of requests (dates, hardship, pages) and its one table
of refusals answered otherwise than their kind — no I/O."""

from __future__ import annotations

from datetime import date

import grpc
import pytest

from zhixing.contracts.pb.relief.v1 import relief_pb2 as pb
from zhixing.kernel.errors import InvalidInput
from zhixing.relief.api.errors import answered
from zhixing.relief.api.funds import page_bounds
from zhixing.relief.api.translate import hardship_from, parse_day
from zhixing.relief.domain.errors import AboveCap, FundInsufficient
from zhixing.relief.domain.values import HardshipCategory
from zhixing.runtime.errors import status_for

TODAY = date(2026, 3, 2)


class TestDates:
    def test_today_when_the_date_is_left_empty(self):
        assert parse_day("  ", "decided_on", TODAY) == TODAY

    def test_invalid_argument_naming_the_field_when_the_date_is_not_iso(self):
        with pytest.raises(InvalidInput) as refused:
            parse_day("2026/03/02", "decided_on", TODAY)
        assert refused.value.field == "decided_on" and "YYYY-MM-DD" in str(refused.value)


class TestHardship:
    def test_the_category_and_narrative_are_kept_when_the_category_is_declared(self):
        hardship = hardship_from(pb.ApplyRequest(hardship_category="minor", narrative="未成年"))
        assert (hardship.category, hardship.narrative) == (HardshipCategory.MINOR, "未成年")

    def test_invalid_argument_naming_the_category_and_not_the_text_when_unknown(self):
        with pytest.raises(InvalidInput) as refused:
            hardship_from(pb.ApplyRequest(hardship_category="张三的病", narrative="x"))
        assert refused.value.field == "hardship_category" and "张三" not in str(refused.value)
        assert "medical" in str(refused.value)

    def test_invalid_argument_naming_the_narrative_when_it_is_blank(self):
        with pytest.raises(InvalidInput) as refused:
            hardship_from(pb.ApplyRequest(hardship_category="medical", narrative=" "))
        assert refused.value.field == "narrative"


class TestPages:
    @pytest.mark.parametrize(("size", "token", "page"), [(0, "", (0, 50)), (500, "100", (100, 500))])
    def test_the_page_starts_at_the_token_when_both_are_within_bounds(self, size, token, page):
        assert page_bounds(size, token) == page

    @pytest.mark.parametrize(("size", "token", "field"), [(501, "", "page_size"),
                                                           (-1, "", "page_size"),
                                                           (10, "abc", "page_token"),
                                                           (10, "-5", "page_token")])
    def test_invalid_argument_naming_the_field_when_out_of_bounds(self, size, token, field):
        with pytest.raises(InvalidInput) as refused:
            page_bounds(size, token)
        assert refused.value.field == field


class TestTheOneTable:
    def test_above_the_cap_is_a_failed_precondition_with_its_text_when_answered(self):
        def over() -> None:
            raise AboveCap.of(288_000_01, 288_000_00, "川", 2025)

        with pytest.raises(Exception) as refused:
            answered(over)()
        assert status_for(refused.value) is grpc.StatusCode.FAILED_PRECONDITION
        assert (refused.value.rule, refused.value.field) == ("R30", "amount_fen")
        assert str(refused.value) == str(refused.value.__cause__)
        assert "288,000.00" in str(refused.value)

    def test_other_refusals_pass_unchanged_when_answered(self):
        error = FundInsufficient("可用余额 ¥1.00")

        def short() -> None:
            raise error

        with pytest.raises(FundInsufficient) as refused:
            answered(short)()
        assert refused.value is error
