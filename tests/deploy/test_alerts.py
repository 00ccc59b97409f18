"""The alerts as Prometheus will load them (issue 13): `promtool check rules` accepts
helm/zhixing/files/alerts.yaml, `promtool test rules` runs tests/deploy/alerts/ (each
alert fires when it should and stays silent when it should not), and the PrometheusRule
the chart renders carries exactly those rules.

Tools come from infra/k8s/tools.sh (built once into ~/.cache/zhixing/k8s/bin).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.kubernetes

ROOT = Path(__file__).resolve().parents[2]
CHART = ROOT / "helm" / "zhixing"
ALERTS = CHART / "files" / "alerts.yaml"
PROMTOOL_TESTS = sorted((ROOT / "tests" / "deploy" / "alerts").glob("*.test.yaml"))
BIN = Path(os.environ.get("ZHIXING_K8S_CACHE", Path.home() / ".cache" / "zhixing" / "k8s")) / "bin"


def tool(name: str) -> str:
    path = BIN / name
    assert path.is_file(), f"{path} is missing: run infra/k8s/tools.sh {name}"
    return str(path)


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=300)


def rendered_rule(tmp_path: Path, values: dict) -> dict:
    """The PrometheusRule `helm template` renders with `values`."""
    given = tmp_path / "values.yaml"
    given.write_text(yaml.safe_dump({"monitoring": values}))
    done = run(tool("helm"), "template", "zx", str(CHART), "-n", "zhixing", "-f", str(given))
    assert done.returncode == 0, done.stderr
    [rule] = [doc for doc in yaml.safe_load_all(done.stdout)
              if doc and doc["kind"] == "PrometheusRule"]
    return rule


class TestPromtool:
    def test_rules_are_accepted_when_promtool_checks_the_file_the_chart_ships(self):
        done = run(tool("promtool"), "check", "rules", str(ALERTS))
        assert done.returncode == 0, done.stdout + done.stderr
        assert "SUCCESS" in done.stdout

    def test_every_alert_fires_and_stays_silent_as_its_unit_tests_say(self):
        assert PROMTOOL_TESTS
        done = run(tool("promtool"), "test", "rules", *map(str, PROMTOOL_TESTS),
                   cwd=PROMTOOL_TESTS[0].parent)
        assert done.returncode == 0, done.stdout + done.stderr


class TestPrometheusRule:
    def test_rendered_rule_holds_the_tested_file_when_nothing_is_added(self, tmp_path):
        rule = rendered_rule(tmp_path, {})
        assert rule["spec"]["groups"] == yaml.safe_load(ALERTS.read_text())["groups"]

    def test_runbook_links_are_prefixed_and_routing_labels_added_when_configured(self, tmp_path):
        rule = rendered_rule(tmp_path, {"alerts": {
            "enabled": True, "runbookBaseUrl": "https://git.court.example/zhixing/blob/main/",
            "alertLabels": {"team": "zhixing-sre", "severity": "ignored"}}})
        alerts = [r for group in rule["spec"]["groups"] for r in group["rules"]]
        lag = next(r for r in alerts if r["alert"] == "ZhixingConsumerLagHigh")
        assert lag["annotations"]["runbook_url"] == (
            "https://git.court.example/zhixing/blob/main/docs/runbooks/alerts/"
            "ZhixingConsumerLagHigh.md")
        assert lag["labels"] == {"severity": "critical", "team": "zhixing-sre"}

    def test_refused_naming_the_key_when_an_unknown_alerts_setting_is_given(self, tmp_path):
        given = tmp_path / "values.yaml"
        given.write_text(yaml.safe_dump({"monitoring": {"alerts": {"enabled": True,
                                                                    "runbookBase": "x"}}}))
        done = run(tool("helm"), "template", "zx", str(CHART), "-f", str(given))
        assert done.returncode != 0
        assert "runbookBase" in done.stderr
