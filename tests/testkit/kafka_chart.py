"""The chart rendered with helm, and its KafkaUsers' ACLs read as Kafka's authorizer
reads them (docs/kafka-on-kubernetes.md)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
CHART = ROOT / "helm" / "zhixing"


def helm() -> str:
    """helm from the tool chain's cache (infra/k8s/tools.sh builds it once)."""
    cache = Path(os.environ.get("ZHIXING_K8S_CACHE", Path.home() / ".cache" / "zhixing" / "k8s"))
    found = cache / "bin" / "helm"
    if not os.access(found, os.X_OK):
        bin_dir = subprocess.run([str(ROOT / "infra" / "k8s" / "tools.sh"), "helm"], check=True,
                                 capture_output=True, text=True).stdout.strip().splitlines()[-1]
        found = Path(bin_dir) / "helm"
    return str(found)


def render(value_set: str, chart: Path = CHART, extra: Path | None = None) -> list[dict[str, Any]]:
    """The chart's objects for one of helm/zhixing/values/<value_set>.yaml (and `extra`)."""
    more = ["-f", str(extra)] if extra is not None else []
    out = subprocess.run([helm(), "template", "zhixing", str(chart), "-f",
                          str(CHART / "values" / f"{value_set}.yaml"), *more],
                         check=True, capture_output=True, text=True).stdout
    return [doc for doc in yaml.safe_load_all(out) if doc]


def of_kind(docs: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [d for d in docs if d["kind"] == kind]


def acls(docs: list[dict[str, Any]], user: str) -> list[dict[str, Any]]:
    """The ACL rules of the KafkaUser named `user`."""
    found = [d for d in of_kind(docs, "KafkaUser") if d["metadata"]["name"] == user]
    assert len(found) == 1, f"no KafkaUser {user}"
    rules: list[dict[str, Any]] = found[0]["spec"]["authorization"]["acls"]
    return rules


def allowed(rules: list[dict[str, Any]], operation: str, kind: str, name: str) -> bool:
    """Whether `rules` allow `operation` on the resource, as Kafka's authorizer reads them
    (Describe is implied by Read and Write)."""
    implied = {"Describe": {"Describe", "Read", "Write", "All"}}.get(operation, {operation, "All"})
    for rule in rules:
        resource = rule["resource"]
        if resource["type"] != kind or not implied & set(rule["operations"]):
            continue
        if resource.get("patternType") == "prefix":
            if name.startswith(resource["name"]):
                return True
        elif resource["name"] in (name, "*"):
            return True
    return False
