"""Redaction of a typical case's text (R60): the listed names replaced, and every
identity, account or mobile number masked whatever the list — however an attacker
spaces or spells it."""

from __future__ import annotations

import re

import pytest

from zhixing.kernel.errors import InvalidInput
from zhixing.publicity.domain.redaction import (
    checked_names,
    mask_numbers,
    redact,
    replacement_for,
    unmasked_numbers,
)

ID = "510104199001011234"
ID_X = "51010419900101123X"
ACCOUNT_19 = "6222021234567890123"
MOBILE = "13800138000"


def digits_left(text: str) -> int:
    """The longest run of digits (of any script) the text still shows."""
    return max((len(run) for run in re.findall(r"\d+", text)), default=0)


class TestNames:
    @pytest.mark.parametrize(("name", "replacement"), [
        ("张三", "张某"), ("王小明", "王某"), ("欧阳娜娜", "欧阳某"),
        ("成都天府建材有限公司", "某有限公司"), ("四川某某建设集团", "某集团"),
        ("John Smith", "某某")])
    def test_a_name_is_replaced_by_its_kind_when_listed(self, name, replacement):
        assert replacement_for(name) == replacement

    def test_every_listed_name_is_replaced_when_it_is_spelt_anywhere(self):
        done = redact("张三欠李四钱，张三未还。", checked_names(["张三", "李四"]))
        assert done.text == "张某欠李某钱，张某未还。"
        assert done.replacements == 3

    def test_a_name_is_replaced_when_spaces_or_invisible_marks_split_it(self):
        done = redact("被执行人张 三、张\u200b三与张\u3000三", checked_names(["张三"]))
        assert "三" not in done.text
        assert done.replacements == 3

    def test_a_longer_name_is_replaced_first_when_one_contains_another(self):
        assert redact("张三丰与张三", checked_names(["张三", "张三丰"])).text == "张某与张某"

    def test_a_one_character_name_is_refused_when_listed(self):
        with pytest.raises(InvalidInput) as refused:
            checked_names(["张"])
        assert refused.value.field == "redact_names"
        assert "张" not in str(refused.value)

    def test_too_many_names_are_refused_when_listed(self):
        with pytest.raises(InvalidInput, match="at most 50"):
            checked_names([f"张{n:03d}" for n in range(51)])


class TestNumbers:
    @pytest.mark.parametrize("number", [
        ID, ID_X, ID_X.lower(), "510104900101123",  # an 18-character ID, with X, a 15-digit one
        "6222021234567890", "622202123456789", ACCOUNT_19, MOBILE])
    def test_a_number_is_masked_to_its_last_four_when_not_listed(self, number):
        done = mask_numbers(f"号码{number}。")
        assert number not in done.text
        assert digits_left(done.text) <= 4
        assert done.replacements == 1

    @pytest.mark.parametrize("spelt", [
        "5101 0419 9001 0112 34",  # spaced in fours
        "510104-19900101-1234",  # dashed
        "５１０１０４１９９００１０１１２３４",  # full-width digits
        "５１０１０４ １９９００１０１ １２３４",  # full-width, ideographic spaces
        "510104\u200b19900101\u200b1234",  # zero-width spaces
        "510104. 19900101 .1234",  # dots and spaces
        "51010419900101123 X",  # the X set apart
    ])
    def test_an_id_is_masked_when_an_attacker_spaces_or_spells_it(self, spelt):
        done = mask_numbers(f"身份证号{spelt}，")
        assert unmasked_numbers(done.text) == 0
        assert digits_left(done.text) <= 4
        assert "1990" not in done.text and "１９９０" not in done.text

    def test_an_account_is_masked_when_split_by_spaces(self):
        done = mask_numbers("账号 6222 0212 3456 7890 123 已冻结")
        assert done.text == "账号 ***************0123 已冻结"

    def test_a_mobile_is_masked_when_split_by_dashes(self):
        assert mask_numbers("电话138-0013-8000").text == "电话*******8000"

    def test_short_numbers_stay_when_they_are_no_identity(self):
        text = "(2026)川0104执151号，2026年3月2日执行到位1234567.89元"
        assert mask_numbers(text).text == text
        assert unmasked_numbers(text) == 0

    def test_a_number_counts_as_unmasked_when_left_in_full(self):
        assert unmasked_numbers(f"身份证 {ID} 电话 {MOBILE}") == 2
        assert unmasked_numbers(mask_numbers(f"身份证 {ID} 电话 {MOBILE}").text) == 0

    def test_numbers_are_masked_when_no_name_is_listed(self):
        done = redact(f"某人身份证{ID}", [])
        assert ID not in done.text and done.replacements == 1

    def test_an_id_is_masked_when_spelt_in_chinese_numerals(self):
        done = mask_numbers("身份证号五一〇一〇四一九九〇〇一〇一一二三四")
        assert done.text == "身份证号**************1234"

    def test_chinese_numerals_stay_when_they_are_a_date(self):
        text = "二〇二六年三月二日，执行到位一百二十万元"
        assert mask_numbers(text).text == text
