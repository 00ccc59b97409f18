from __future__ import annotations

from pathlib import Path

import pytest

from zhixing.kernel.errors import InvalidInput
from zhixing.kernel.policy import PolicyTable, deep_merge


class TestDefaults:
    @pytest.mark.parametrize(
        ("key", "value"),
        [
            ("node_limits.assign_days", 7),
            ("node_limits.notice_days", 3),
            ("closing.close_months", 6),
            ("money.disbursement_days", 30),
            ("control_terms.real_property_months", 36),
            ("relief.wage_multiple", 36),
            ("masking.keep_head", 6),
            ("masking.keep_tail", 4),
            ("listing.removal_working_days", 3),
        ],
    )
    def test_rule_value_when_no_province(self, key: str, value: int) -> None:
        assert PolicyTable.load().int(key) == value

    def test_control_terms_on_calendar_dates_when_default(self) -> None:
        assert PolicyTable.load().bool("periods.control_terms_calendar_dates") is True

    def test_key_error_names_key_when_missing(self) -> None:
        with pytest.raises(KeyError, match=r"node_limits\.lunch_days"):
            PolicyTable.load().get("node_limits.lunch_days")


class TestProvinceOverrides:
    @pytest.mark.parametrize("province", ["渝", "chongqing"])
    def test_stricter_limit_when_chongqing(self, province: str) -> None:
        assert PolicyTable.load(province).int("node_limits.notice_days") == 2

    def test_other_keys_kept_when_overridden(self) -> None:
        assert PolicyTable.load("渝").int("node_limits.assign_days") == 7

    def test_defaults_when_province_has_no_file(self) -> None:
        assert PolicyTable.load("川").int("node_limits.notice_days") == 3

    def test_extra_dir_wins_when_deployment_overrides(self, tmp_path: Path) -> None:
        (tmp_path / "sichuan.toml").write_text("[grace]\ndefault_months = 2\n", "utf-8")
        table = PolicyTable.load("川", extra_dir=tmp_path)
        assert (table.int("grace.default_months"), table.int("grace.max_months")) == (2, 3)

    def test_refused_when_mask_reveals_birth_date(self, tmp_path: Path) -> None:
        (tmp_path / "default.toml").write_text("[masking]\nkeep_head = 10\n", "utf-8")
        with pytest.raises(ValueError, match="R60"):
            PolicyTable.load(extra_dir=tmp_path)

    def test_refused_naming_province_and_r39_when_province_unknown(self) -> None:
        # A KeyError before: the assets consumer of CaseFiled parked an event whose court
        # code named no province with a bare KeyError (issue 12, consumer fuzz).
        with pytest.raises(InvalidInput, match="unknown province") as refusal:
            PolicyTable.load("atlantis")
        assert (refusal.value.field, refusal.value.rule) == ("province", "R39")


class TestDeepMerge:
    def test_nested_tables_merge_when_overlaid(self) -> None:
        merged = deep_merge({"a": {"b": 1, "c": 2}}, {"a": {"c": 3}})
        assert merged == {"a": {"b": 1, "c": 3}}
