from __future__ import annotations

import pytest

from zhixing.kernel.masking import (
    IdentityKind,
    mask_account,
    mask_id_number,
    mask_name,
    mask_party,
)

NUMBER = "51010419900101123X"


class TestMaskIdNumber:
    def test_keeps_six_and_four_when_default(self) -> None:
        assert mask_id_number(NUMBER) == "510104********123X"

    @pytest.mark.parametrize(("head", "tail"), [(6, 4), (3, 2), (0, 0), (6, 1)])
    def test_birth_date_hidden_when_mask_allowed(self, head: int, tail: int) -> None:
        assert "19900101" not in mask_id_number(NUMBER, head, tail)
        assert all(c == "*" for c in mask_id_number(NUMBER, head, tail)[6:14])

    @pytest.mark.parametrize(("head", "tail"), [(7, 4), (6, 5), (10, 0), (-1, 4)])
    def test_refused_when_mask_would_reveal_birth_date(self, head: int, tail: int) -> None:
        with pytest.raises(ValueError, match="R60"):
            mask_id_number(NUMBER, head, tail)

    def test_birth_date_hidden_when_old_fifteen_digit_number(self) -> None:
        assert mask_id_number("510104900101123", 6, 3) == "510104******123"


class TestMaskNames:
    def test_keeps_family_name_when_natural_person(self) -> None:
        assert mask_name("张三丰") == "张**"

    def test_masks_something_when_single_character(self) -> None:
        assert mask_name("张") == "张*"

    def test_organisation_name_public_when_r6(self) -> None:
        name = "成都某某建设有限公司"
        assert mask_party(name, IdentityKind.ORGANISATION) == name

    def test_person_name_masked_when_party_is_natural_person(self) -> None:
        assert mask_party("李四", "natural_person") == "李*"


class TestMaskAccount:
    def test_keeps_last_four_when_bank_account(self) -> None:
        assert mask_account("6222 0212 3456 7890") == "************7890"

    def test_hides_all_when_account_short(self) -> None:
        assert mask_account("1234") == "****"
