"""The contract reference (docs/reference/, issue 18): current, and complete — every RPC of
protos/ and every integration event has its section, each RPC its rules."""

from __future__ import annotations

import importlib
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import zhixing.contracts.pb as generated
from zhixing.contracts.events import all_models

pytestmark = pytest.mark.contract
ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "docs" / "reference"


def rpcs() -> list[tuple[str, str, str]]:
    """(package, service full name, method) of every RPC of the generated contracts."""
    found = []
    for module in pkgutil.walk_packages(generated.__path__, f"{generated.__name__}."):
        if module.name.endswith("_pb2"):
            file = importlib.import_module(module.name).DESCRIPTOR
            found += [(file.package, s.full_name, m.name)
                      for s in file.services_by_name.values() for m in s.methods]
    return sorted(found)


def rpc_section(package: str, service: str, method: str) -> str:
    """The text of one RPC's section on its package's page ("" when it has none)."""
    page = (PAGES / f"{package}.md").read_text(encoding="utf-8")
    match = re.search(rf"^### {method}\n\n`/{re.escape(service)}/{method}`.*?(?=^##)", page,
                      re.MULTILINE | re.DOTALL)
    return match.group(0) if match else ""


class TestReferenceIsCurrent:
    def test_check_passes_when_the_committed_pages_match_the_contracts(self):
        result = subprocess.run([sys.executable, "scripts/reference.py", "check"], cwd=ROOT,
                                capture_output=True, text=True, timeout=240, check=False)
        assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"


class TestEveryRpcAppears:
    def test_the_contracts_have_their_rpcs_when_loaded(self):
        assert len(rpcs()) >= 70

    @pytest.mark.parametrize(("package", "service", "method"), rpcs(),
                             ids=lambda v: v.rsplit(".", 1)[-1])
    def test_rpc_has_a_section_with_its_callers_and_rules_when_the_page_is_read(
            self, package, service, method):
        section = rpc_section(package, service, method)
        assert section, f"{service}/{method} has no section on {package}.md"
        assert "**Who may call**" in section and "**Rules its refusals can name" in section


def rules_named(package: str, service: str, method: str) -> set[str]:
    """The rule IDs the RPC's section lists ("- **R27** (…) — …")."""
    return set(re.findall(r"^- \*\*(R[\d()]+)\*\*", rpc_section(package, service, method),
                          re.MULTILINE))


class TestRuleListsAreDerived:
    # Each pair is what the code declares or raises today (the source named in the id);
    # a derivation that lost that source drops the rule and fails here.
    @pytest.mark.parametrize(("package", "service", "method", "rule"), [
        ("zhixing.credit.v1", "zhixing.credit.v1.CreditService", "DecideListing", "R1"),
        ("zhixing.credit.v1", "zhixing.credit.v1.CreditCheckService", "BatchCheck", "R42"),
        ("zhixing.cases.v1", "zhixing.cases.v1.CasesService", "AssignCase", "R27"),
        ("zhixing.cases.v1", "zhixing.cases.v1.CasesService", "ConcludeCase", "R16(4)"),
        ("zhixing.cases.v1", "zhixing.cases.v1.CasesService", "ConcludeCase", "R17"),
        ("zhixing.cases.v1", "zhixing.cases.v1.CasesService", "GetCase", "R46"),
    ], ids=["bound-R1", "bound-R42", "raised-in-domain-R27", "tuple-of-preconditions-R16(4)",
            "tuple-of-preconditions-R17", "policy-R46"])
    def test_rpc_lists_the_rule_when_the_code_declares_or_raises_it(
            self, package, service, method, rule):
        assert rule in rules_named(package, service, method)

    @pytest.mark.parametrize(("package", "service", "method", "rule"), [
        ("zhixing.credit.v1", "zhixing.credit.v1.CreditCheckService", "Check", "R42"),
        ("zhixing.assets.v1", "zhixing.assets.v1.AgencyGatewayService", "PullRequests", "R41"),
    ], ids=["partner-R42", "agency-R41"])
    def test_member_scoped_rpc_lists_the_membership_rule_when_the_policy_checks_the_agency(
            self, package, service, method, rule):
        # The policy refuses a partner's (agency's) token whose agency claim is missing or
        # unregistered with R42 (R41): `R42 [agency]: the token's partner is not registered`.
        assert rule in rules_named(package, service, method)

    def test_public_rpc_lists_no_policy_refusal_when_its_policy_admits_anyone(self):
        named = rules_named("zhixing.publicity.v1", "zhixing.publicity.v1.PublicityService",
                            "ListDishonest")
        assert "R46" not in named


class TestEveryEventAppears:
    @pytest.mark.parametrize("model", all_models(), ids=lambda m: m.__name__)
    def test_event_has_a_section_with_type_topic_and_key_when_the_page_is_read(self, model):
        page = (PAGES / "events.md").read_text(encoding="utf-8")
        match = re.search(rf"^### {model.__name__}\n\n- \*\*Type\*\* \(`ce_type`\): "
                          rf"`{re.escape(model.event_type)}`\n- \*\*Topic\*\*: .+\n"
                          rf"- \*\*Key\*\* .+\n- \*\*Tombstone\*\*: (yes|no)", page, re.MULTILINE)
        assert match, f"{model.event_type} has no section on events.md"
        assert match.group(1) == ("yes" if model.tombstone else "no")
