"""A rendered pod spec of the chart run with podman, as a kubelet would run it, on the host's
network: command and args, env (Secrets resolved from a test Secret, the downward API's
pod name), the pod's and the container's securityContext, emptyDirs, and the probes
answered where the container really listens. Everything is taken from the rendered YAML;
a field this helper does not know makes it fail, so a new field of the chart is either
translated here or named as not run (`NOT_RUN`), never silently dropped.

On the host's network every pod would take the same ports (50051, 9464): each variable
`*_PORT` whose value is a port the container declares, or any `*_PORT` of a Job, gets a
free port instead, and `*_HOST` 0.0.0.0 becomes 127.0.0.1 (loopback only). A probe's
port is then found as the kubelet finds it (by name or number among the container's
ports) and mapped through that substitution: a probe on a port nothing listens on fails.
"""

from __future__ import annotations

import os
import re
import secrets as random
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from testkit.processes import free_port

PODMAN = ["podman", "--cgroup-manager", "cgroupfs"]  # crun and systemd cgroups fail here
RUNC = ["--runtime", "runc", "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024"]
"""runc with the ulimits it may set here (crun fails on this kernel's cgroups)."""
RUN = [*RUNC, "--network", "host"]
NOT_RUN = {
    "pod": {"affinity", "topologySpreadConstraints", "nodeSelector", "imagePullSecrets",
            "serviceAccountName", "automountServiceAccountToken", "enableServiceLinks"},
    "container": {"resources", "lifecycle", "imagePullPolicy"},
}
"""Fields left to a cluster: scheduling, accounts (no token is mounted either way),
resource limits (cgroups v1 limits fail with runc here), preStop (a stop is a SIGTERM)."""
POD_FIELDS = {"securityContext", "volumes", "containers", "restartPolicy",
              "terminationGracePeriodSeconds"}
CONTAINER_FIELDS = {"name", "image", "command", "args", "securityContext", "env",
                    "volumeMounts", "ports", "startupProbe", "livenessProbe", "readinessProbe"}
UNITS = {"": 1, "Ki": 1024, "Mi": 1024**2, "Gi": 1024**3, "k": 1000, "M": 1000**2, "G": 1000**3}

Secret = dict[tuple[str, str], str]
"""(Secret name, key) → value: what `kubectl create secret` would hold."""


def _bytes(quantity: str) -> int:
    match = re.fullmatch(r"(\d+)([KMG]i?|k)?", quantity)
    assert match, f"cannot read the quantity {quantity!r}"
    return int(match.group(1)) * UNITS[match.group(2) or ""]


@dataclass
class Pod:
    """One container of a rendered pod, as podman will run it."""

    name: str
    argv: list[str]
    env: dict[str, str]
    ports: dict[int, int] = field(default_factory=dict)
    """Declared (or rendered) port → the free loopback port it became."""
    container: dict[str, Any] = field(default_factory=dict)
    grace: int = 30

    def probe_url(self, kind: str) -> str:
        """The URL the kubelet would ask for the container's `kind` (readinessProbe…)."""
        get = self.container[kind]["httpGet"]
        port = get["port"]
        if isinstance(port, str):
            named = [p["containerPort"] for p in self.container.get("ports", []) if p["name"] == port]
            assert named, f"{self.name}: {kind} names the port {port!r}, which it does not declare"
            port = named[0]
        assert port in self.ports, f"{self.name}: {kind} asks port {port}, no setting makes it listen there"
        return f"http://127.0.0.1:{self.ports[port]}{get['path']}"


def _security(pod_ctx: dict[str, Any], ctx: dict[str, Any]) -> list[str]:
    merged = {**pod_ctx, **ctx}
    args: list[str] = []
    known = {"runAsNonRoot", "runAsUser", "runAsGroup", "fsGroup", "readOnlyRootFilesystem",
             "allowPrivilegeEscalation", "privileged", "capabilities", "seccompProfile"}
    assert set(merged) <= known, f"securityContext fields not translated: {set(merged) - known}"
    uid, gid = merged.get("runAsUser"), merged.get("runAsGroup")
    if uid is not None:
        args += ["--user", f"{uid}:{gid}" if gid is not None else str(uid)]
    if merged.get("runAsNonRoot"):
        assert uid not in (None, 0), "runAsNonRoot without a non-zero runAsUser"
    if "fsGroup" in merged:
        args += ["--group-add", str(merged["fsGroup"])]
    if merged.get("readOnlyRootFilesystem"):
        args += ["--read-only", "--read-only-tmpfs=false"]
    if merged.get("allowPrivilegeEscalation") is False:
        args += ["--security-opt", "no-new-privileges"]
    assert not merged.get("privileged"), "a privileged container"
    capabilities = merged.get("capabilities", {})
    args += [a for cap in capabilities.get("drop", []) for a in ("--cap-drop", cap)]
    args += [a for cap in capabilities.get("add", []) for a in ("--cap-add", cap)]
    # RuntimeDefault is podman's default seccomp profile; anything else is not translated.
    assert merged.get("seccompProfile", {"type": "RuntimeDefault"}) == {"type": "RuntimeDefault"}
    return args


def _volumes(spec: dict[str, Any], mounts: list[dict[str, Any]]) -> list[str]:
    volumes = {v["name"]: v for v in spec.get("volumes", [])}
    args: list[str] = []
    for mount in mounts:
        volume = volumes[mount["name"]]
        assert set(volume) == {"name", "emptyDir"}, f"volume {volume['name']}: only emptyDir is translated"
        assert set(mount) <= {"name", "mountPath", "readOnly"}, f"mount fields: {set(mount)}"
        size = volume["emptyDir"].get("sizeLimit")
        # an emptyDir is a fresh directory, mode 0777, group fsGroup: a tmpfs of its size
        args += ["--mount", ",".join(
            ["type=tmpfs", f"destination={mount['mountPath']}", "tmpfs-mode=0777",
             *([f"tmpfs-size={_bytes(size)}"] if size else []),
             *(["ro=true"] if mount.get("readOnly") else [])])]
    return args


def _env(container: dict[str, Any], secret: Secret, pod_name: str,
         is_job: bool) -> tuple[dict[str, str], dict[int, int]]:
    declared = {p["containerPort"] for p in container.get("ports", [])}
    env: dict[str, str] = {}
    ports: dict[int, int] = {}
    for item in container.get("env", []):
        name = item["name"]
        if "value" in item:
            value = str(item["value"])
            if name.endswith("_PORT") and (is_job or int(value) in declared):
                ports[int(value)] = free_port()
                value = str(ports[int(value)])
            elif name.endswith("_HOST") and value == "0.0.0.0":
                value = "127.0.0.1"
            env[name] = value
            continue
        source = item["valueFrom"]
        if "fieldRef" in source:
            assert source["fieldRef"]["fieldPath"] == "metadata.name", f"{name}: {source}"
            env[name] = pod_name
            continue
        ref = source["secretKeyRef"]
        found = secret.get((ref["name"], ref["key"]))
        if found is None:
            assert ref.get("optional"), f"{name}: no key {ref['key']!r} in Secret {ref['name']!r}"
            continue
        env[name] = found
    return env, ports


def translate(pod_name: str, spec: dict[str, Any], secret: Secret, is_job: bool) -> Pod:
    """The `podman run` of a pod spec's one container (the chart's pods have one)."""
    assert set(spec) <= POD_FIELDS | NOT_RUN["pod"], f"pod fields: {set(spec) - POD_FIELDS - NOT_RUN['pod']}"
    assert len(spec["containers"]) == 1, "one container per pod"
    container = spec["containers"][0]
    unknown = set(container) - CONTAINER_FIELDS - NOT_RUN["container"]
    assert not unknown, f"container fields not translated: {unknown}"
    env, ports = _env(container, secret, pod_name, is_job)
    name = f"podplay-{pod_name}-{random.token_hex(3)}"
    argv = ["run", "--detach", "--name", name, *RUN,
            *_security(spec.get("securityContext", {}), container.get("securityContext", {})),
            *_volumes(spec, container.get("volumeMounts", [])),
            *[a for key in env for a in ("--env", key)],  # values from podman's environment
            *(["--entrypoint", container["command"][0]] if container.get("command") else []),
            container["image"], *container.get("command", [])[1:], *container.get("args", [])]
    return Pod(name, argv, env, ports, container, int(spec.get("terminationGracePeriodSeconds", 30)))


def podman(*args: str, env: dict[str, str] | None = None, timeout: float = 120,
           check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([*PODMAN, *args], capture_output=True, text=True, timeout=timeout, env=env)
    if check:
        assert done.returncode == 0, f"podman {args[0]} failed: {done.stderr[-2000:]}"
    return done


@contextmanager
def started(pod: Pod, base_env: dict[str, str]) -> Iterator[Pod]:
    """The pod's container running; stopped (its grace period) and removed afterwards."""
    try:
        podman(*pod.argv, env={**engine_env(), **base_env, **pod.env})
        yield pod
    finally:
        podman("rm", "--force", "--time", str(pod.grace), pod.name, check=False, timeout=pod.grace + 60)


def engine_env() -> dict[str, str]:
    """The operator's own container-engine settings (its storage, registries), so the pod
    runs where `podman inspect`, `logs` and `rm` — which inherit them — look for it."""
    return {name: value for name, value in os.environ.items()
            if name.startswith(("CONTAINERS_", "XDG_RUNTIME_DIR"))}


def state(pod: Pod) -> tuple[str, str]:
    """The container's status (running, exited…) and exit code."""
    found = podman("inspect", "--format", "{{.State.Status}} {{.State.ExitCode}}", pod.name).stdout
    status, code = found.split()
    return status, code


def logs(pod: Pod) -> str:
    done = podman("logs", pod.name, check=False)
    return (done.stdout + done.stderr)[-3000:]
