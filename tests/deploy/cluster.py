"""A real control plane for the chart's tests: etcd, kube-apiserver and
kube-controller-manager on loopback, started and stopped by ``infra/k8s/apiserver.sh``.

There are no nodes: Deployments get ReplicaSets and Pods that stay Pending, which is
enough to see Pod Security admission refuse a pod (a ``FailedCreate`` event).
"""

from __future__ import annotations

import json
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .kube import K8S, Tools, checked, key_values, run, to_yaml

RESTRICTED = {
    "pod-security.kubernetes.io/enforce": "restricted",
    "pod-security.kubernetes.io/enforce-version": "latest",
    "pod-security.kubernetes.io/warn": "restricted",
    "pod-security.kubernetes.io/warn-version": "latest",
}
POLL_SECONDS = 0.5


@dataclass(frozen=True)
class Cluster:
    """A running control plane and the admin's kubeconfig."""

    state: Path
    kubeconfig: Path
    tools: Tools
    start_seconds: float

    @classmethod
    def up(cls, tools: Tools, state: Path) -> Cluster:
        """Start it (apiserver.sh waits for /readyz and applies the CRDs)."""
        began = time.monotonic()
        checked([str(K8S / "apiserver.sh"), "up", str(state)], timeout=600)
        env = key_values((state / "apiserver.env").read_text())
        return cls(state, Path(env["KUBECONFIG"]), tools, time.monotonic() - began)

    def down(self) -> None:
        checked([str(K8S / "apiserver.sh"), "down", str(self.state)], timeout=120)

    def kubectl(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return run([self.tools["kubectl"], "--kubeconfig", str(self.kubeconfig), *args], stdin=stdin)

    def helm(self, *args: str) -> subprocess.CompletedProcess[str]:
        return run([self.tools["helm"], "--kubeconfig", str(self.kubeconfig), *args], timeout=300)

    def get_json(self, *args: str) -> Any:
        done = self.kubectl("get", *args, "-o", "json")
        if done.returncode != 0:
            raise RuntimeError(f"kubectl get {' '.join(args)}: {done.stderr.strip()}")
        return json.loads(done.stdout)

    def restricted_namespace(self, name: str) -> None:
        """A namespace enforcing (and warning about) Pod Security "restricted"."""
        namespace = {"apiVersion": "v1", "kind": "Namespace",
                     "metadata": {"name": name, "labels": RESTRICTED}}
        done = self.kubectl("apply", "--server-side", "-f", "-", stdin=to_yaml([namespace]))
        if done.returncode != 0:
            raise RuntimeError(f"namespace {name}: {done.stderr.strip()}")
        # Pods without a serviceAccountName use "default", which the controller-manager
        # creates a moment after the namespace: a pod created before it would be refused.
        deadline = time.monotonic() + 60
        while self.kubectl("get", "serviceaccount", "default", "-n", name).returncode != 0:
            if time.monotonic() > deadline:
                raise RuntimeError(f"namespace {name}: no default ServiceAccount after 60 s")
            time.sleep(POLL_SECONDS)

    def create(self, namespace: str, objects: list[dict[str, Any]]) -> None:
        """``kubectl create`` of rendered objects; a refusal fails with the server's words."""
        if objects:
            done = self.kubectl("create", "-n", namespace, "-f", "-", stdin=to_yaml(objects))
            if done.returncode != 0:
                raise AssertionError(f"the server refused:\n{done.stderr.strip()}")

    def failed_creates(self, namespace: str) -> list[str]:
        """Every ``FailedCreate`` event: a controller could not create a Pod."""
        events = self.get_json("events", "-n", namespace, "--field-selector", "reason=FailedCreate")["items"]
        return [f"{e['involvedObject']['kind']}/{e['involvedObject']['name']}: {e['message']}"
                for e in events]

    def unsettled(self, namespace: str) -> list[str]:
        """Workloads whose controller has not yet created every Pod it wants."""
        waiting = []
        for deployment in self.get_json("deployments", "-n", namespace)["items"]:
            want = deployment["spec"].get("replicas", 1)
            have = deployment.get("status", {}).get("replicas", 0)
            if have < want:
                waiting.append(f"Deployment/{deployment['metadata']['name']} {have}/{want} pods")
        for job in self.get_json("jobs", "-n", namespace)["items"]:
            status = job.get("status", {})
            if not (status.get("active") or status.get("succeeded") or status.get("failed")):
                waiting.append(f"Job/{job['metadata']['name']} no pod yet")
        return waiting

    def settle(self, namespace: str, timeout: float = 90) -> list[str]:
        """Poll until every workload has its Pods or a Pod was refused; returns what still waits."""
        deadline = time.monotonic() + timeout
        while True:
            waiting = self.unsettled(namespace)
            if not waiting or self.failed_creates(namespace) or time.monotonic() > deadline:
                return waiting
            time.sleep(POLL_SECONDS)
