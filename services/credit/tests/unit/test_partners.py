"""The partner registry (R7, R42): bundled partners, a deployment's own, their kinds."""

from __future__ import annotations

import pytest

from zhixing.credit.partners import PartnerRegistry
from zhixing.kernel.errors import InvalidInput
from zhixing.runtime.ops_settings import InvalidSetting


class TestPartnerRegistry:
    def test_a_deployments_partners_are_added_to_the_bundled_ones(self, tmp_path):
        extra = tmp_path / "partners.toml"
        extra.write_text('[[partner]]\nid = "bank.local"\nkind = "financial"\nname = "x"\n',
                         encoding="utf-8")
        registry = PartnerRegistry.load(extra)
        assert "bank.local" in registry and "airline.ca" in registry
        assert len(registry) == len(PartnerRegistry.load()) + 1

    def test_invalid_input_naming_r7_when_a_partner_has_no_kind_of_r7(self, tmp_path):
        extra = tmp_path / "partners.toml"
        extra.write_text('[[partner]]\nid = "x"\nkind = "friend"\nname = "x"\n',
                         encoding="utf-8")
        with pytest.raises(InvalidInput, match="R7") as refused:
            PartnerRegistry.load(extra)
        assert refused.value.field == "kind"

    def test_an_unknown_id_is_not_registered(self):
        assert "nobody.example" not in PartnerRegistry.load()

    def test_the_file_named_by_the_environment_is_added(self, tmp_path, monkeypatch):
        extra = tmp_path / "partners.toml"
        extra.write_text('[[partner]]\nid = "rail.local"\nkind = "administrative"\n',
                         encoding="utf-8")
        monkeypatch.setenv("ZHIXING_PARTNERS_FILE", str(extra))
        assert "rail.local" in PartnerRegistry.from_env()

    def test_invalid_setting_naming_the_variable_when_the_file_is_missing(self, tmp_path,
                                                                          monkeypatch):
        # A careless operator's typo made `zhixing run` end in a traceback.
        monkeypatch.setenv("ZHIXING_PARTNERS_FILE", str(tmp_path / "nowhere.toml"))
        with pytest.raises(InvalidSetting, match="ZHIXING_PARTNERS_FILE"):
            PartnerRegistry.from_env()

    def test_invalid_setting_naming_the_variable_when_the_file_is_not_toml(self, tmp_path,
                                                                           monkeypatch):
        extra = tmp_path / "partners.toml"
        extra.write_text("[[partner]\nid = ", encoding="utf-8")
        monkeypatch.setenv("ZHIXING_PARTNERS_FILE", str(extra))
        with pytest.raises(InvalidSetting, match="ZHIXING_PARTNERS_FILE"):
            PartnerRegistry.from_env()

    def test_invalid_input_naming_the_id_when_a_partner_is_declared_twice(self, tmp_path):
        # The deployment's file silently re-declared a bundled partner with another kind.
        extra = tmp_path / "partners.toml"
        extra.write_text('[[partner]]\nid = "airline.ca"\nkind = "financial"\n',
                         encoding="utf-8")
        with pytest.raises(InvalidInput, match=r"airline\.ca") as refused:
            PartnerRegistry.load(extra)
        assert refused.value.field == "id"
