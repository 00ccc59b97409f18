from __future__ import annotations

import pytest

from zhixing.kernel.case_number import CaseNumber, CaseType
from zhixing.kernel.courts import CourtCode
from zhixing.kernel.errors import InvalidInput


class TestCaseNumberFormat:
    def test_prints_r38_format_when_formatted(self) -> None:
        number = CaseNumber(2026, CourtCode.parse("川0104"), CaseType.ZHI, 1234)
        assert str(number) == "(2026)川0104执1234号"

    @pytest.mark.parametrize("case_type", list(CaseType))
    def test_round_trips_when_parsed_back(self, case_type: CaseType) -> None:
        number = CaseNumber(2026, CourtCode.parse("渝0103"), case_type, 7)
        assert CaseNumber.parse(str(number)) == number

    def test_longest_type_wins_when_code_is_prefix(self) -> None:
        assert CaseNumber.parse("(2025)川01执恢3号").case_type is CaseType.ZHI_HUI

    def test_relief_type_when_si_jiu_zhi(self) -> None:
        assert CaseNumber.parse("(2026)川司救执1号").case_type is CaseType.SI_JIU_ZHI

    def test_accepts_full_width_brackets_when_copied_from_a_document(self) -> None:
        assert CaseNumber.parse("（2026）川0104执1234号").serial == 1234


class TestCaseNumberValidation:
    @pytest.mark.parametrize(
        "text",
        [
            "2026川0104执1号",
            "(2026)川0104执0号",
            "(2026)川0104执01号",
            "(2026)川0104执1",
            "(2026)川0104民1号",
            "(26)川0104执1号",
        ],
    )
    def test_refused_citing_r38_when_malformed(self, text: str) -> None:
        with pytest.raises(InvalidInput) as caught:
            CaseNumber.parse(text)
        assert (caught.value.rule, caught.value.field) == ("R38", "case_number")

    def test_refused_without_echoing_the_text_when_an_id_number_is_given(self) -> None:
        # A resident ID number pasted where the case number goes must not come back in
        # the error: it reaches the CLI's stderr, gRPC details and logs (R60).
        with pytest.raises(InvalidInput) as caught:
            CaseNumber.parse("110101199003071234")
        assert "110101199003071234" not in str(caught.value)
        assert caught.value.field == "case_number"

    @pytest.mark.parametrize("serial", ["12345678", "510104199001011234", "1" * 5000])
    def test_refused_without_echo_when_the_serial_has_more_than_7_digits(
            self, serial: str) -> None:
        # An ID number in the serial's place, or digits no int() should parse (issue 12).
        with pytest.raises(InvalidInput) as caught:
            CaseNumber.parse(f"(2026)川0104执{serial}号")
        assert caught.value.rule == "R38" and serial not in str(caught.value)

    def test_refused_when_serial_below_one(self) -> None:
        with pytest.raises(InvalidInput, match="R38"):
            CaseNumber(2026, CourtCode.parse("川0104"), CaseType.ZHI, 0)

    def test_refused_citing_r39_when_court_code_bad(self) -> None:
        with pytest.raises(InvalidInput) as caught:
            CaseNumber.parse("(2026)川010执1号")
        assert caught.value.rule == "R39"

    def test_refusal_quotes_a_short_masked_excerpt_when_the_type_is_a_megabyte(self) -> None:
        with pytest.raises(InvalidInput) as caught:
            CaseType.parse("执" * 1_048_576)
        assert len(str(caught.value)) < 120 and "(1048576 characters)" in str(caught.value)

    def test_refused_citing_r40_when_type_unknown(self) -> None:
        with pytest.raises(InvalidInput) as caught:
            CaseType.parse("民初", field="type")
        assert (caught.value.rule, caught.value.field) == ("R40", "type")
