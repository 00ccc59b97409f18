"""The chart's workloads as an attacker and an on-call engineer read them (issue 13).

Rendered by the real helm (``infra/k8s/tools.sh`` builds it into ~/.cache/zhixing/k8s):
who may reach which pod (NetworkPolicy), where pods may send data, and the values that
each pass a type check but would break a drain, a scale or Pod Security — each refused
by ``helm template`` with a message naming the field, not later by the server or the
kubelet.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

pytestmark = pytest.mark.kubernetes

CHART = Path(__file__).resolve().parents[2] / "helm" / "zhixing"
HELM = Path.home() / ".cache" / "zhixing" / "k8s" / "bin" / "helm"
COURT_APIS = {"cases", "assets", "credit", "relief", "supervision"}


def _template(*sets: str) -> subprocess.CompletedProcess[str]:
    args = [str(HELM), "template", "zhixing", str(CHART), "--namespace", "courts"]
    for each in sets:
        args += ["--set", each]
    return subprocess.run(args, capture_output=True, text=True, timeout=60, check=False)


def _objects(*sets: str) -> list[dict[str, Any]]:
    done = _template(*sets)
    assert done.returncode == 0, done.stderr
    return [obj for obj in yaml.safe_load_all(done.stdout) if obj]


def _refusal(*sets: str) -> str:
    done = _template(*sets)
    assert done.returncode != 0, f"helm template accepted {sets}"
    return done.stderr


@pytest.fixture(scope="module")
def rendered() -> list[dict[str, Any]]:
    return _objects()


def _policies(objects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [obj for obj in objects if obj["kind"] == "NetworkPolicy"]


def _workloads(objects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The services' own objects (their roles and Jobs), not the monitoring parts'
    (the OpenTelemetry collector has its own policy and image)."""
    return [obj for obj in objects if "zhixing.court/service" in obj["metadata"].get("labels", {})
            or (obj["kind"] == "NetworkPolicy"
                and obj["metadata"]["labels"].get("app.kubernetes.io/component") != "monitoring")]


def _ingress_of(objects: list[dict[str, Any]], service: str, role: str) -> list[dict[str, Any]]:
    """Every ingress rule of a policy selecting that role's pods (by their labels)."""
    pod = next(obj for obj in objects if obj["kind"] == "Deployment"
               and obj["metadata"]["name"] == f"zhixing-{service}-{role}")
    labels = pod["spec"]["template"]["metadata"]["labels"]
    return [rule for policy in _policies(objects)
            if policy["spec"]["podSelector"]["matchLabels"].items() <= labels.items()
            for rule in policy["spec"].get("ingress", [])]


def test_court_apis_take_calls_only_from_their_namespace_when_no_client_is_listed(rendered):
    for service in COURT_APIS:
        rules = [rule for rule in _ingress_of(rendered, service, "api")
                 if any(port["port"] == "grpc" for port in rule["ports"])]
        assert rules, f"{service}: no rule for its gRPC port"
        for rule in rules:
            assert rule.get("from") == [{"podSelector": {}}], f"{service}: {rule}"


def test_court_apis_take_calls_from_a_listed_namespace_when_one_is_given():
    objects = _objects("networkPolicy.courtClientNamespaces={gateway}")
    rules = _ingress_of(objects, "cases", "api")
    peers = [peer for rule in rules if "from" in rule and rule["ports"][0]["port"] == "grpc"
             for peer in rule["from"]]
    assert {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "gateway"}}} in peers


def test_public_api_takes_calls_from_anyone_when_no_client_is_listed(rendered):
    rules = _ingress_of(rendered, "publicity", "api")
    public = [rule for rule in rules if "from" not in rule]
    assert public and {port["port"] for port in public[0]["ports"]} == {"grpc", "http"}


def test_workers_and_relays_take_only_the_metrics_scrape_when_deployed(rendered):
    for obj in _workloads(rendered):
        if obj["kind"] != "Deployment" or obj["metadata"]["name"].endswith("-api"):
            continue
        service, role = obj["metadata"]["name"].split("-")[1:3]
        rules = _ingress_of(rendered, service, role)
        assert [port["port"] for rule in rules for port in rule["ports"]] == ["metrics"], service
        assert all(rule.get("from") for rule in rules), f"{service}-{role}: metrics open to anyone"


def test_every_egress_rule_names_where_it_goes_when_deployed(rendered):
    egress = [rule for policy in _policies(_workloads(rendered))
              for rule in policy["spec"].get("egress", [])]
    assert egress
    for rule in egress:
        assert rule.get("to"), f"egress to anywhere on {rule['ports']}"


def test_chart_refuses_a_flow_to_anywhere_when_it_names_no_peer():
    stderr = _refusal("networkPolicy.postgres.podLabels=null")
    assert "networkPolicy.postgres names no namespace, podLabels or cidrs" in stderr, stderr


def test_metrics_scrape_comes_only_from_the_monitoring_pods_when_they_are_named():
    objects = _objects("networkPolicy.monitoringPodLabels.app\\.kubernetes\\.io/name=prometheus")
    peers = [peer for rule in _ingress_of(objects, "cases", "worker") for peer in rule["from"]]
    assert peers == [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "monitoring"}},
                      "podSelector": {"matchLabels": {"app.kubernetes.io/name": "prometheus"}}}]


def test_chart_refuses_root_when_any_id_is_zero():
    for field in ("runAsUser", "runAsGroup", "fsGroup"):
        assert f"/podSecurity/{field}" in _refusal(f"podSecurity.{field}=0")


def test_image_is_pinned_by_digest_when_one_is_given():
    digest = "sha256:" + "ab" * 32
    images = {container["image"] for _, pod in _pods(_objects(f"image.digest={digest}"))
              for container in pod["containers"]}
    assert images == {f"localhost/zhixing@{digest}"}


def test_chart_refuses_an_image_tag_when_it_is_latest_or_not_a_tag():
    assert "/image/tag" in _refusal("image.tag=latest")
    assert "/image/tag" in _refusal("image.tag=dev\nx: y")


def test_chart_refuses_a_grace_period_when_it_is_shorter_than_the_drain():
    stderr = _refusal("settings.terminationGracePeriodSeconds=50", "settings.preStopSeconds=10")
    assert ("settings.terminationGracePeriodSeconds (50) must be at least "
            "settings.preStopSeconds (10) + 45") in stderr, stderr


def test_chart_refuses_autoscaling_bounds_when_min_is_above_max():
    stderr = _refusal("roleDefaults.worker.autoscaling.minReplicas=4")
    assert "roles.worker: autoscaling.minReplicas (4) is above maxReplicas (3)" in stderr, stderr


def test_chart_refuses_a_worker_when_it_would_run_no_replica():
    assert "/roleDefaults/worker/replicas" in _refusal("roleDefaults.worker.replicas=0")


def _pods(objects: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    return [(f"{obj['kind']}/{obj['metadata']['name']}", obj["spec"]["template"]["spec"])
            for obj in _workloads(objects) if obj["kind"] in ("Deployment", "Job")]


# Every value set's pods and every Job (hooks and rebuilds too: the defaults list no
# rebuild, so one is asked for here).
EVERY_POD = ["services.cases.rebuild={case_index}", "services.publicity.rebuild={dishonest_list}"]


@pytest.mark.parametrize("value_set", ["", "dev", "single-region", "two-regions"])
def test_every_pod_is_restricted_and_tokenless_when_rendered(value_set):
    sets = [*EVERY_POD]
    done = subprocess.run(
        [str(HELM), "template", "zhixing", str(CHART), "--namespace", "courts",
         *(["-f", str(CHART / "values" / f"{value_set}.yaml")] if value_set else []),
         *(arg for each in sets for arg in ("--set", each))],
        capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    pods = _pods([obj for obj in yaml.safe_load_all(done.stdout) if obj])
    assert {name.split("/")[0] for name, _ in pods} == {"Deployment", "Job"}
    for name, pod in pods:
        assert pod["automountServiceAccountToken"] is False, name
        assert pod["securityContext"]["runAsNonRoot"] is True, name
        assert pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}, name
        assert not {"hostNetwork", "hostPID", "hostIPC"} & set(pod), name
        assert all("emptyDir" in volume for volume in pod["volumes"]), name
        for container in pod["containers"]:
            context = container["securityContext"]
            assert (context["allowPrivilegeEscalation"], context["readOnlyRootFilesystem"],
                    context["capabilities"]) == (False, True, {"drop": ["ALL"]}), name
            assert container["resources"]["limits"].keys() >= {"cpu", "memory"}, name


def test_secrets_reach_pods_only_by_reference_and_jwt_only_apis_when_rendered():
    secret_like = ("KEY", "SECRET", "DSN", "PASSWORD", "TOKEN")
    for name, pod in _pods(_objects(*EVERY_POD)):
        for container in pod["containers"]:
            env = {var["name"]: var for var in container["env"]}
            for var_name, var in env.items():
                if any(word in var_name for word in secret_like):
                    assert "value" not in var and "secretKeyRef" in var["valueFrom"], (name, var_name)
            for jwt in ("ZHIXING_JWT_SECRET", "ZHIXING_JWT_OLD_SECRETS"):  # rotation window too
                assert (jwt in env) == name.endswith("-api"), (name, jwt)


def test_chart_refuses_a_rebuild_name_when_it_is_no_label_value():
    # It labels the Job's pods (zhixing.court/projection): a label value ends alphanumeric.
    assert "/services/cases/rebuild/0" in _refusal("services.cases.rebuild={case_index_}")


OIDC = ("commandCentre.oidc.issuer=https://sso.example/realms/courts",
        "commandCentre.oidc.clientId=zhixing",
        "commandCentre.oidc.redirectUrl=https://zx.example/command/oidc/callback",
        "commandCentre.oidc.egress.cidrs={10.20.0.0/16}")


def test_oidc_settings_reach_the_supervision_api_only_with_the_secret_by_reference():
    """Issue 16: the command centre's OpenID provider, on the supervision api alone (the
    one process serving /command/); the client secret from a Secret, never a value."""
    objects = _objects(*OIDC)
    for name, pod in _pods(objects):
        env = {var["name"]: var for var in pod["containers"][0]["env"]}
        assert ("ZHIXING_OIDC_ISSUER" in env) == name.endswith("supervision-api"), name
        if name.endswith("supervision-api"):
            assert env["ZHIXING_OIDC_CLIENT_SECRET"]["valueFrom"]["secretKeyRef"] == {
                "name": "zhixing-oidc", "key": "client-secret"}
            assert env["ZHIXING_OIDC_COURT_CLAIM"]["value"] == "court"
            assert env["ZHIXING_COMMAND_DEV_SIGNIN"]["value"] == "0"  # no pasted tokens
    egress = [p for p in _policies(objects) if p["metadata"]["name"].endswith("-oidc")]
    assert len(egress) == 1 and egress[0]["spec"]["egress"][0]["to"] == [
        {"ipBlock": {"cidr": "10.20.0.0/16"}}]
    assert not any("ZHIXING_OIDC_ISSUER" in str(pod) for _, pod in _pods(_objects()))


def test_chart_refuses_an_oidc_client_secret_when_it_is_a_value():
    assert "/commandCentre/oidc/clientSecret" in _refusal(*OIDC, "commandCentre.oidc.clientSecret=s3")


def test_chart_refuses_an_oidc_issuer_when_no_egress_says_where_it_is():
    assert "commandCentre.oidc.egress" in _refusal(*OIDC[:3])
