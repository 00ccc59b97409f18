"""The chart's monitoring objects (issue 13): a ServiceMonitor per service × role
selecting the workloads' Service on port `metrics`, dashboards as ConfigMaps for Grafana's
sidecar, the OpenTelemetry Collector, and the OTEL_* environment every container gets
from `zhixing.monitoring.env`. Rendered with `helm template` (infra/k8s/tools.sh helm).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from .test_alerts import CHART, run, tool

pytestmark = pytest.mark.kubernetes

VALUES = yaml.safe_load((CHART / "values.yaml").read_text())
ROLES = sorted((service, role) for service, spec in VALUES["services"].items()
               for role in spec["roles"])
ENV_PROBE = """{{- /* test only: what a container of cases' worker gets */ -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: env-probe
data:
  env: |
    {{- include "zhixing.monitoring.env" (dict "root" $ "service" "cases" "role" "worker") | nindent 4 }}
"""


def render(tmp_path: Path, *value_files: Path, values: dict[str, Any] | None = None,
           chart: Path = CHART) -> list[dict[str, Any]]:
    given = tmp_path / "given.yaml"
    given.write_text(yaml.safe_dump(values or {}))
    args = [arg for path in (*value_files, given) for arg in ("-f", str(path))]
    done = run(tool("helm"), "template", "zx", str(chart), "-n", "zhixing", *args)
    assert done.returncode == 0, done.stderr
    return [doc for doc in yaml.safe_load_all(done.stdout) if doc]


def of_kind(docs: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [doc for doc in docs if doc["kind"] == kind]


def container_env(tmp_path: Path, values: dict[str, Any]) -> dict[str, Any]:
    """The env `zhixing.monitoring.env` gives cases' worker, from a copy of the chart
    with one template that includes it."""
    chart = tmp_path / "zhixing"
    shutil.copytree(CHART, chart)
    (chart / "templates" / "env-probe.yaml").write_text(ENV_PROBE)
    [probe] = [d for d in render(tmp_path, values=values, chart=chart)
               if d["metadata"]["name"] == "env-probe"]
    return {e["name"]: e.get("value", e.get("valueFrom")) for e in yaml.safe_load(probe["data"]["env"])}


class TestServiceMonitors:
    def test_one_per_service_and_role_of_the_services_list(self, tmp_path):
        monitors = of_kind(render(tmp_path), "ServiceMonitor")
        assert sorted(m["metadata"]["name"] for m in monitors) == [
            f"zx-zhixing-{service}-{role}" for service, role in ROLES]
        assert ("cases", "worker") in ROLES

    def test_selects_the_roles_service_and_scrapes_port_metrics(self, tmp_path):
        [worker] = [m for m in of_kind(render(tmp_path), "ServiceMonitor")
                    if m["metadata"]["name"] == "zx-zhixing-cases-worker"]
        assert worker["spec"]["selector"]["matchLabels"] == {
            "app.kubernetes.io/name": "zhixing", "app.kubernetes.io/instance": "zx",
            "zhixing.court/service": "cases", "zhixing.court/role": "worker"}
        [endpoint] = worker["spec"]["endpoints"]
        assert (endpoint["port"], endpoint["path"]) == ("metrics", "/metrics")
        assert {r["targetLabel"]: r["replacement"] for r in endpoint["relabelings"]} == {
            "zhixing_service": "cases", "zhixing_role": "worker"}

    def test_each_selects_exactly_one_workload_service_with_a_port_named_metrics(self, tmp_path):
        docs = render(tmp_path)
        services = of_kind(docs, "Service")
        for monitor in of_kind(docs, "ServiceMonitor"):
            wanted = monitor["spec"]["selector"]["matchLabels"].items()
            [selected] = [s for s in services if wanted <= s["metadata"]["labels"].items()]
            assert "metrics" in {port["name"] for port in selected["spec"]["ports"]}

    def test_none_when_service_monitors_are_off(self, tmp_path):
        docs = render(tmp_path, values={"monitoring": {"serviceMonitors": {"enabled": False}}})
        assert of_kind(docs, "ServiceMonitor") == []


class TestDashboards:
    def test_each_dashboard_is_a_configmap_labelled_for_grafana(self, tmp_path):
        maps = [m for m in of_kind(render(tmp_path), "ConfigMap")
                if m["metadata"]["labels"].get("grafana_dashboard") == "1"]
        files = sorted(p.name for p in (CHART / "dashboards").glob("*.json"))
        assert sorted(name for m in maps for name in m["data"]) == files
        for board in maps:
            [(name, text)] = board["data"].items()
            assert json.loads(text)["uid"] == name.removesuffix(".json")


class TestOpenTelemetry:
    def test_roles_send_spans_to_the_releases_collector_when_no_endpoint_is_set(self, tmp_path):
        env = container_env(tmp_path, {})
        assert env["OTEL_TRACES_EXPORTER"] == "otlp"
        assert env["OTEL_EXPORTER_OTLP_ENDPOINT"] == "http://zx-zhixing-otel-collector.zhixing.svc:4317"
        assert env["OTEL_EXPORTER_OTLP_INSECURE"] == "true"
        assert env["OTEL_SERVICE_NAME"] == "zhixing-cases-worker"

    def test_resource_attributes_name_service_role_region_and_pod(self, tmp_path):
        env = container_env(tmp_path, {"region": {"name": "chongqing", "peers": ["chengdu"]}})
        attributes = dict(pair.split("=", 1) for pair in env["OTEL_RESOURCE_ATTRIBUTES"].split(","))
        assert attributes["zhixing.service"] == "cases"
        assert attributes["zhixing.role"] == "worker"
        assert attributes["cloud.region"] == "chongqing"
        assert attributes["k8s.pod.name"] == "$(K8S_POD_NAME)"
        assert env["K8S_POD_NAME"] == {"fieldRef": {"fieldPath": "metadata.name"}}

    def test_region_is_the_one_monitoring_names_when_it_names_one(self, tmp_path):
        env = container_env(tmp_path, {"monitoring": {"otel": {"region": "chengdu-dr"}}})
        assert "cloud.region=chengdu-dr" in env["OTEL_RESOURCE_ATTRIBUTES"].split(",")

    def test_roles_may_reach_the_collector_when_the_release_runs_one(self, tmp_path):
        [policy] = [p for p in of_kind(render(tmp_path), "NetworkPolicy")
                    if p["metadata"]["name"] == "zx-zhixing-to-otel"]
        assert policy["spec"]["podSelector"]["matchLabels"] == {
            "app.kubernetes.io/name": "zhixing", "app.kubernetes.io/instance": "zx"}
        [rule] = policy["spec"]["egress"]
        assert rule["to"][0]["podSelector"]["matchLabels"]["zhixing.court/role"] == "otel-collector"
        assert sorted(p["port"] for p in rule["ports"]) == [4317, 4318]

    def test_collector_egress_names_where_it_goes_when_rendered_with_defaults(self, tmp_path):
        # A rule without `to` allows the port to any address: an easy way out for a pod.
        [policy] = [p for p in of_kind(render(tmp_path), "NetworkPolicy")
                    if p["spec"]["podSelector"]["matchLabels"].get("zhixing.court/role")
                    == "otel-collector"]
        assert policy["spec"]["egress"], "the collector may at least ask DNS"
        assert all(rule.get("to") for rule in policy["spec"]["egress"]), policy["spec"]["egress"]

    def test_spans_are_exported_nowhere_when_tracing_is_off(self, tmp_path):
        env = container_env(tmp_path, {"monitoring": {"otel": {"enabled": False}}})
        assert env["OTEL_TRACES_EXPORTER"] == "none"
        assert "OTEL_EXPORTER_OTLP_ENDPOINT" not in env

    def test_collector_pipeline_uses_every_exporter_after_the_memory_limiter(self, tmp_path):
        docs = render(tmp_path, values={"monitoring": {"otel": {"collector": {"exporters": {
            "otlp": {"endpoint": "tempo:4317"}}}}}})
        [config] = [m for m in of_kind(docs, "ConfigMap")
                    if m["metadata"]["name"] == "zx-zhixing-otel-collector"]
        collector = yaml.safe_load(config["data"]["collector.yaml"])
        traces = collector["service"]["pipelines"]["traces"]
        assert traces["processors"] == ["memory_limiter", "batch"]
        assert traces["exporters"] == ["debug", "otlp"]  # the default one is kept too
        assert set(collector["receivers"]["otlp"]["protocols"]) == {"grpc", "http"}

    def test_no_collector_deployment_when_the_collector_is_off(self, tmp_path):
        docs = render(tmp_path, values={"monitoring": {"otel": {
            "endpoint": "http://otel.observability:4317", "collector": {"enabled": False}}}})
        assert [d for d in of_kind(docs, "Deployment") if "otel" in d["metadata"]["name"]] == []

    def test_refused_when_tracing_has_neither_endpoint_nor_collector(self, tmp_path):
        given = tmp_path / "given.yaml"
        given.write_text(yaml.safe_dump({"monitoring": {"otel": {"collector": {"enabled": False}}}}))
        done = run(tool("helm"), "template", "zx", str(CHART), "-f", str(given))
        assert done.returncode != 0
        assert "monitoring.otel" in done.stderr


class TestValueSets:
    @pytest.mark.parametrize("name", ["single-region", "two-regions", "dev"])
    def test_value_set_renders_its_monitoring(self, tmp_path, name):
        docs = render(tmp_path, CHART / "values" / f"{name}.yaml")
        kinds = {doc["kind"] for doc in docs if doc["metadata"].get("labels", {}).get(
            "app.kubernetes.io/component") == "monitoring"}
        if name == "dev":  # no Prometheus operator, Grafana or tracing back end assumed
            assert kinds == set()
        else:
            assert {"ServiceMonitor", "PrometheusRule", "ConfigMap", "Deployment"} <= kinds
