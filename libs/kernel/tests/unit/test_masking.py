from __future__ import annotations

import unicodedata

import pytest

from zhixing.kernel.masking import (
    EXCERPT_CHARS,
    IdentityKind,
    excerpt,
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


class TestExcerpt:
    """What an error message may quote of a caller's input (issue 12 item 4, R60)."""

    def test_short_text_is_quoted_whole_when_it_holds_no_number(self) -> None:
        assert excerpt("(2024)川0104执12号") == "'(2024)川0104执12号'"

    def test_resident_id_keeps_its_last_4_when_quoted(self) -> None:
        assert excerpt(NUMBER) == "'**************123X'"

    def test_grouped_account_is_masked_when_typed_with_spaces(self) -> None:
        quoted = excerpt("6222 0212 3456 7890 123")
        assert "6222" not in quoted and "3456" not in quoted

    def test_a_megabyte_is_cut_to_the_bound_with_its_length_when_quoted(self) -> None:
        quoted = excerpt("a" * 1_048_576)
        assert quoted == f"'{'a' * EXCERPT_CHARS}…' (1048576 characters)"

    def test_an_id_at_the_cut_is_masked_when_it_straddles_the_bound(self) -> None:
        quoted = excerpt("x" * (EXCERPT_CHARS - 6) + " " + NUMBER)
        assert "510104" not in quoted and "19900101" not in quoted

    def test_control_characters_are_replaced_when_they_would_break_a_log_line(self) -> None:
        assert excerpt("a\nb\x1bc") == "'a?b?c'"

    @pytest.mark.parametrize("typed", [
        "５１０１０４１９９００１０１１２３Ｘ",  # full-width, as a Chinese input method types it
        "510104\u30001990\u30000101\u3000123X",  # grouped by ideographic spaces
        "510104_1990_0101_123X",
        "510104 - 1990 - 0101 - 123X",
        "5101\u200b0419\u200b9001\u200b0112\u200b3X",  # zero-width spaces between digits
        "51010419900\x0010112\x003X",  # NULs cutting the number into short runs
        "510104：19900101：123X",  # full-width colons
        "٥١٠١٠٤١٩٩٠٠١٠١١٢٣X",  # Arabic-Indic digits
    ])
    def test_resident_id_keeps_only_its_last_4_when_typed_in_another_form(
            self, typed: str) -> None:
        quoted = excerpt(typed)
        shown = "".join(c for c in unicodedata.normalize("NFKC", quoted) if c.isdigit())
        digits = [str(unicodedata.digit(c)) for c in shown]
        assert len(digits) <= 3, quoted  # the last 4 characters hold 3 digits and the X

    def test_bidi_controls_are_replaced_when_they_would_reorder_a_log_line(self) -> None:
        assert excerpt("ab\u202ecd\u2066e") == "'ab?cd?e'"
