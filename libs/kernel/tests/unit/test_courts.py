from __future__ import annotations

import pytest

from zhixing.kernel.courts import CourtCode, CourtDirectory
from zhixing.kernel.errors import InvalidInput


class TestCourtCode:
    def test_parses_basic_court_when_four_area_digits(self) -> None:
        code = CourtCode.parse("川0104")
        assert (code.province, code.area, code.level) == ("川", "0104", "basic")

    def test_refusal_masks_the_text_when_a_resident_id_is_given_as_court(self) -> None:
        with pytest.raises(InvalidInput) as caught:
            CourtCode.parse("川510104199001011234")
        assert "510104199001011234" not in str(caught.value) and "1234" in str(caught.value)

    def test_round_trips_when_printed(self) -> None:
        assert str(CourtCode.parse("渝01")) == "渝01"

    def test_high_court_when_province_only(self) -> None:
        assert CourtCode.parse("渝").level == "high"

    @pytest.mark.parametrize(
        ("text", "region"), [("川0104", "chengdu"), ("渝0103", "chongqing"), ("粤03", "guangdong")]
    )
    def test_region_follows_province_when_derived(self, text: str, region: str) -> None:
        assert CourtCode.parse(text).region == region

    @pytest.mark.parametrize("text", ["川010", "川123456", "X0104", "0104", "", "川0１04"])
    def test_refused_citing_r39_when_malformed(self, text: str) -> None:
        with pytest.raises(InvalidInput) as caught:
            CourtCode.parse(text, field="court_code")
        assert (caught.value.rule, caught.value.field) == ("R39", "court_code")


class TestCourtDirectory:
    def test_finds_court_when_code_is_bundled(self) -> None:
        court = CourtDirectory.default().get("川0104")
        assert court.name == "成都市锦江区人民法院"
        assert court.region == "chengdu"

    def test_accepts_court_code_when_given_value_object(self) -> None:
        assert (
            CourtDirectory.default().get(CourtCode.parse("渝01")).name == "重庆市第一中级人民法院"
        )

    def test_refused_naming_field_when_court_unknown(self) -> None:
        with pytest.raises(InvalidInput, match="unknown court 川9999") as caught:
            CourtDirectory.default().get("川9999", field="executing_court")
        assert (caught.value.rule, caught.value.field) == ("R39", "executing_court")

    def test_lists_both_regions_when_all_requested(self) -> None:
        regions = {court.region for court in CourtDirectory.default().all()}
        assert regions == {"chengdu", "chongqing"}

    def test_high_court_first_when_listed(self) -> None:
        assert str(CourtDirectory.default().all()[0].code) == "川"
