"""Every metric an alert or a dashboard reads is one the code registers, every alert says
what it means and links a runbook, and every alert has promtool cases that make it fire
and keep it silent (issue 13, DESIGN §9). No tool needed: this runs in the unit step.

The registered names are read from prometheus_client's registry after importing where
the suite defines its metrics, plus the families its scrape-time collectors yield; the
names used are parsed out of the PromQL of helm/zhixing/files/alerts.yaml and of
helm/zhixing/dashboards/*.json.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from prometheus_client import REGISTRY, Metric

ROOT = Path(__file__).resolve().parents[2]
ALERTS = ROOT / "helm" / "zhixing" / "files" / "alerts.yaml"
DASHBOARDS = sorted((ROOT / "helm" / "zhixing" / "dashboards").glob("*.json"))
PROMTOOL_TESTS = sorted((ROOT / "tests" / "deploy" / "alerts").glob("*.test.yaml"))
RUNBOOK_SECTIONS = ("## What it means", "## First checks", "## Commands", "## When to escalate")

SYNTHESIZED = {"up"}
"""Series Prometheus writes itself for every target it scrapes, not the code."""

_KEYWORDS = {
    "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless",
    "bool", "offset", "sum", "min", "max", "avg", "count", "stddev", "stdvar", "topk",
    "bottomk", "quantile", "count_values", "group", "inf", "nan",
}
_SUFFIXES = {"counter": ("_total",), "histogram": ("_bucket", "_sum", "_count"),
             "summary": ("_sum", "_count", ""), "gauge": ("",), "info": ("_info",),
             "unknown": ("",), "stateset": ("",), "gaugehistogram": ("_bucket", "_gsum",
                                                                      "_gcount")}


def _series_names(families: Iterable[Metric]) -> set[str]:
    """The sample names a family is exposed under (`zhixing_store_errors` → `_total`)."""
    return {family.name + suffix for family in families for suffix in _SUFFIXES[family.type]}


def registered() -> set[str]:
    """What the suite's processes expose on /metrics."""
    import zhixing.observability.metrics  # noqa: F401 - defines (registers) every metric
    from zhixing.runtime.lag import LagCollector
    from zhixing.runtime.probes import Readiness
    from zhixing.runtime.watched import ReadinessCollector, RebuildCollector

    collectors = [LagCollector([], []), ReadinessCollector(Readiness({})), RebuildCollector([])]
    return _series_names(REGISTRY.collect()) | _series_names(
        family for collector in collectors for family in collector.collect())


def metric_names(expr: str) -> set[str]:
    """The metric names a PromQL expression (or a Grafana query) selects."""
    text = re.sub(r"label_values\((.*),\s*\w+\s*\)", r"\1", expr)  # Grafana variable query
    text = re.sub(r"\$\{[^}]*\}|\$\w+", "", text)  # Grafana variables
    text = re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'', '""', text)  # strings
    text = re.sub(r"\{[^}]*\}", "", text)  # label matchers
    text = re.sub(r"\[[^\]]*\]", "", text)  # ranges and subqueries
    text = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", text)
    names = set()
    for found in re.finditer(r"(?<![\w:.])([A-Za-z_:][\w:]*)(\s*\()?", text):
        name, call = found.group(1), found.group(2)
        if not call and name.lower() not in _KEYWORDS:
            names.add(name)
    return names


def alert_rules() -> list[dict[str, Any]]:
    groups = yaml.safe_load(ALERTS.read_text(encoding="utf-8"))["groups"]
    return [rule for group in groups for rule in group["rules"]]


def dashboard_queries(path: Path) -> Iterator[str]:
    """Every query of a dashboard: its panels' targets and its variables."""
    board = json.loads(path.read_text(encoding="utf-8"))
    for panel in _panels(board.get("panels", [])):
        for target in panel.get("targets", []):
            yield target["expr"]
    for variable in board.get("templating", {}).get("list", []):
        if variable.get("type") == "query":
            query = variable["query"]
            yield query["query"] if isinstance(query, dict) else query


def _panels(panels: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for panel in panels:
        yield panel
        yield from _panels(panel.get("panels", []))  # rows hold panels


def promtool_cases() -> list[dict[str, Any]]:
    return [case for path in PROMTOOL_TESTS
            for test in yaml.safe_load(path.read_text(encoding="utf-8"))["tests"]
            for case in test.get("alert_rule_test", [])]


class TestMetricNames:
    def test_names_are_found_when_parsing_promql(self):
        expr = ('sum by (namespace, group) (rate(zhixing_dead_letters_total{code=~"A|B"}[5m]))'
                ' / on (namespace) group_left max(up{job="x"}) > bool 0.5 unless '
                'histogram_quantile(0.99, sum by (le) (rate(x_bucket[$__rate_interval])))')
        assert metric_names(expr) == {"zhixing_dead_letters_total", "up", "x_bucket"}

    def test_the_registry_holds_counters_under_their_exposed_names(self):
        names = registered()
        assert {"zhixing_store_errors_total", "zhixing_command_duration_seconds_count",
                "zhixing_consumer_lag", "zhixing_ready"} <= names

    def test_every_alert_reads_only_metrics_the_code_registers(self):
        known = registered() | SYNTHESIZED
        used = {rule["alert"]: metric_names(rule["expr"]) for rule in alert_rules()}
        assert all(used.values()), "an alert's expression selects no metric"
        unknown = {alert: sorted(names - known) for alert, names in used.items() if names - known}
        assert unknown == {}

    @pytest.mark.parametrize("path", DASHBOARDS, ids=lambda p: p.name)
    def test_every_dashboard_reads_only_metrics_the_code_registers(self, path):
        known = registered() | SYNTHESIZED
        used = set().union(*(metric_names(q) for q in dashboard_queries(path)))
        assert used, f"{path.name} queries no metric"
        assert sorted(used - known) == []


class TestAlertsSayWhatToDo:
    def test_there_are_dashboards_and_promtool_tests_to_check(self):
        assert DASHBOARDS and PROMTOOL_TESTS

    @pytest.mark.parametrize("rule", alert_rules(), ids=lambda r: r["alert"])
    def test_alert_pages_or_tickets_in_plain_words_when_it_fires(self, rule):
        assert rule["labels"]["severity"] in ("critical", "warning")
        assert {"summary", "description", "runbook_url"} <= set(rule["annotations"])
        assert rule["annotations"]["runbook_url"] == f"docs/runbooks/alerts/{rule['alert']}.md"

    @pytest.mark.parametrize("rule", alert_rules(), ids=lambda r: r["alert"])
    def test_runbook_says_meaning_checks_commands_and_escalation(self, rule):
        runbook = ROOT / rule["annotations"]["runbook_url"]
        text = runbook.read_text(encoding="utf-8")
        missing = [section for section in RUNBOOK_SECTIONS if section not in text]
        assert missing == [], f"{runbook.name} lacks {missing}"

    @pytest.mark.parametrize("rule", alert_rules(), ids=lambda r: r["alert"])
    def test_alert_has_a_case_that_fires_and_one_that_stays_silent(self, rule):
        cases = [case for case in promtool_cases() if case["alertname"] == rule["alert"]]
        assert any(case.get("exp_alerts") for case in cases), "no case where it fires"
        assert any(not case.get("exp_alerts") for case in cases), "no case where it is silent"
