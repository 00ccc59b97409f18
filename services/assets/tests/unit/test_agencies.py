"""The registry of assisting agencies (R41): bundled, extended by a deployment's file."""

from __future__ import annotations

import pytest

from zhixing.assets.agencies import AgencyRegistry
from zhixing.assets.domain.errors import InvalidAssetInput
from zhixing.runtime.ops_settings import InvalidSetting

LOCAL_BANK = """
[[agency]]
id = "bank.leshan"
kind = "bank_deposit"
name = "乐山市商业银行"
actions = ["query", "freeze", "deduct"]
"""


class TestRegistry:
    def test_a_deployment_adds_its_agencies_when_it_names_a_file(self, tmp_path, monkeypatch):
        extra = tmp_path / "agencies.toml"
        extra.write_text(LOCAL_BANK, encoding="utf-8")
        monkeypatch.setenv("ZHIXING_AGENCIES_FILE", str(extra))
        registry = AgencyRegistry.from_env()
        assert len(registry) == len(AgencyRegistry.load()) + 1
        assert "bank.leshan" in {a.agency_id for a in registry.able_to("freeze")}

    def test_refused_when_an_agency_is_of_an_unknown_kind(self, tmp_path):
        extra = tmp_path / "agencies.toml"
        extra.write_text(LOCAL_BANK.replace("bank_deposit", "crypto"), encoding="utf-8")
        with pytest.raises(InvalidAssetInput, match=r"R41 \[kind\]"):
            AgencyRegistry.load(extra)

    def test_every_kind_of_the_contract_is_reached_by_the_bundled_registry(self):
        from zhixing.contracts.agencies import AGENCY_KINDS
        assert {a.kind for a in AgencyRegistry.load().able_to("query")} == set(AGENCY_KINDS)

    @pytest.mark.parametrize("text", [None, "[[agency]\nid = ", '[[agency]]\nid = "x"\n',
                                      "title = 'no agencies'\n"],
                             ids=["missing", "not toml", "no kind", "no agency table"])
    def test_invalid_setting_naming_the_variable_when_the_file_is_not_a_registry(
            self, tmp_path, monkeypatch, text):
        # A careless operator's file ended `zhixing run` in a traceback (R41).
        extra = tmp_path / "agencies.toml"
        if text is not None:
            extra.write_text(text, encoding="utf-8")
        monkeypatch.setenv("ZHIXING_AGENCIES_FILE", str(extra))
        with pytest.raises(InvalidSetting, match="ZHIXING_AGENCIES_FILE"):
            AgencyRegistry.from_env()

    def test_refused_naming_the_id_when_an_agency_is_declared_twice(self, tmp_path):
        # A deployment's file silently re-declared a registered agency (another kind and
        # other actions: what a token naming it may pull and answer, R41).
        extra = tmp_path / "agencies.toml"
        extra.write_text(LOCAL_BANK + LOCAL_BANK, encoding="utf-8")
        with pytest.raises(InvalidAssetInput, match=r"bank\.leshan") as refused:
            AgencyRegistry.load(extra)
        assert refused.value.field == "id"
