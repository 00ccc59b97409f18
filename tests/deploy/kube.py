"""The chart's verification kit: tools, renders and a real API server (issue 13).

Every tool is a real binary built once by ``infra/k8s/tools.sh`` into
``~/.cache/zhixing/k8s/bin``; the CRDs and kubeconform's schemas come from
``infra/k8s/crds.sh``; the control plane from ``infra/k8s/apiserver.sh``. Nothing here
runs at import: ``tests/deploy/conftest.py`` builds these from fixtures.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
CHART = REPO / "helm" / "zhixing"
VALUE_SETS = CHART / "values"
K8S = REPO / "infra" / "k8s"
RELEASE = "zhixing"
DEFAULT_SET = "default"
# Every tool the chart's verification runs; the control plane's three come with apiserver.sh.
TOOLS = ("helm", "kubeconform", "kube-score", "kubectl", "etcd", "kube-apiserver", "kube-controller-manager")
_HOOK = "helm.sh/hook"

Obj = dict[str, Any]


def value_set_names() -> list[str]:
    """The chart's defaults plus every file under helm/zhixing/values/, by stem."""
    return [DEFAULT_SET, *sorted(path.stem for path in VALUE_SETS.glob("*.yaml"))]


def chart_values() -> dict[str, Any]:
    """The chart's default values (values.yaml)."""
    return yaml.safe_load((CHART / "values.yaml").read_text()) or {}


def unknown_keys() -> list[str]:
    """Where an unknown key must be refused: the top, each section of values.schema.json
    that is an object, and each service's own block."""
    schema = json.loads((CHART / "values.schema.json").read_text())
    sections = [name for name, spec in schema["properties"].items() if "object" in str(spec.get("type"))]
    services = [f"services.{name}" for name in (chart_values().get("services") or {})]
    return [f"{path}zzUnknown" for path in ["", *(f"{name}." for name in [*sections, *services])]]


def value_args(value_set: str) -> list[str]:
    """helm's ``-f`` for a value set (the defaults need none)."""
    return [] if value_set == DEFAULT_SET else ["-f", str(VALUE_SETS / f"{value_set}.yaml")]


def namespace_of(value_set: str) -> str:
    """One namespace per value set: their objects share names."""
    return f"zhixing-{value_set}"


def run(argv: list[str], *, stdin: str | None = None,
        timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """Run a tool; the caller reads returncode, stdout and stderr."""
    return subprocess.run(argv, input=stdin, capture_output=True, text=True, timeout=timeout, check=False)


def checked(argv: list[str], *, stdin: str | None = None, timeout: float = 180) -> str:
    """Run a tool that must succeed; its stdout, or an error quoting its stderr."""
    done = run(argv, stdin=stdin, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"{Path(argv[0]).name} {' '.join(argv[1:4])} … exited {done.returncode}:\n"
                           f"{done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


def key_values(text: str) -> dict[str, str]:
    """``name=value`` lines (what crds.sh and apiserver.env print)."""
    pairs = (line.split("=", 1) for line in text.splitlines() if "=" in line)
    return {name.strip(): value.strip() for name, value in pairs}


@dataclass(frozen=True)
class Tools:
    """Paths of the built binaries."""

    bin: Path

    @classmethod
    def build(cls) -> Tools:
        """Build whatever is missing (tools.sh waits on a lock for a build under way)."""
        out = checked([str(K8S / "tools.sh"), *TOOLS], timeout=3 * 3600)
        return cls(Path(out.strip().splitlines()[-1]))

    def __getitem__(self, name: str) -> str:
        return str(self.bin / name)


@dataclass(frozen=True)
class Schemas:
    """Where crds.sh put the CRD manifests and kubeconform's schemas."""

    crds: Path
    root: Path
    kubernetes_version: str

    @classmethod
    def build(cls) -> Schemas:
        """Generate once (cached); later calls read the cache in milliseconds."""
        found = key_values(checked([str(K8S / "crds.sh")], timeout=1800))
        return cls(Path(found["crds"]), Path(found["schemas"]), found["kubernetes_version"])

    def kubeconform_args(self) -> list[str]:
        """Kubernetes schemas, then the CRDs' — and nothing else: a kind without one fails."""
        kube = ("{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}"
                "/{{ .ResourceKind }}{{ .KindSuffix }}")
        crd = "{{ .ResourceKind }}_{{ .Group }}_{{ .ResourceAPIVersion }}"
        return ["-strict", "-summary", "-kubernetes-version", self.kubernetes_version,
                "-schema-location", f"{self.root}/kubernetes/{kube}.json",
                "-schema-location", f"{self.root}/crds/{crd}.json"]


@dataclass(frozen=True)
class Rendered:
    """One value set rendered by ``helm template`` (hooks included)."""

    value_set: str
    namespace: str
    text: str
    objects: list[Obj] = field(default_factory=list)

    @classmethod
    def parse(cls, value_set: str, namespace: str, text: str) -> Rendered:
        docs = [doc for doc in yaml.safe_load_all(text) if doc]
        return cls(value_set, namespace, text, docs)

    @property
    def hooks(self) -> list[Obj]:
        """Objects Helm runs as hooks (the migration Jobs): ``helm install`` waits on them."""
        return [obj for obj in self.objects if _HOOK in annotations(obj)]

    def hooks_of(self, phase: str) -> list[Obj]:
        """Hooks Helm runs at ``phase`` (e.g. ``pre-install``)."""
        return [obj for obj in self.hooks if phase in annotations(obj)[_HOOK].split(",")]

    @property
    def plain(self) -> list[Obj]:
        return [obj for obj in self.objects if _HOOK not in annotations(obj)]

    def kinds(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for obj in self.objects:
            counts[obj["kind"]] = counts.get(obj["kind"], 0) + 1
        return dict(sorted(counts.items()))


def annotations(obj: Obj) -> dict[str, str]:
    return (obj.get("metadata") or {}).get("annotations") or {}


def ident(obj: Obj) -> str:
    """``kind/name`` as kubectl ``-o name`` prints it (lowercase kind, group kept)."""
    group = obj["apiVersion"].rpartition("/")[0]
    kind = obj["kind"].lower() + (f".{group}" if group else "")
    return f"{kind}/{obj['metadata']['name']}"


def to_yaml(objects: list[Obj]) -> str:
    return yaml.safe_dump_all(objects, sort_keys=False)


def helm_template(tools: Tools, value_set: str, *extra: str) -> subprocess.CompletedProcess[str]:
    """``helm template`` of a value set into its namespace; the caller checks the outcome."""
    return run([tools["helm"], "template", RELEASE, str(CHART), "--namespace", namespace_of(value_set),
                *value_args(value_set), *extra])


def pod_templates(obj: Obj) -> Iterator[Obj]:
    """The pod spec(s) an object carries (Deployment, Job, CronJob, bare Pod)."""
    kind = obj.get("kind")
    spec = obj.get("spec") or {}
    if kind == "Pod":
        yield spec
    elif kind == "CronJob":
        yield spec["jobTemplate"]["spec"]["template"]["spec"]
    elif isinstance(spec.get("template"), dict) and "spec" in spec["template"]:
        yield spec["template"]["spec"]


def as_root(obj: Obj) -> Obj:
    """A copy of a workload patched to run as uid 0 — what the server must refuse."""
    patched: Obj = json.loads(json.dumps(obj))
    for pod in pod_templates(patched):
        pod.setdefault("securityContext", {}).update(runAsUser=0, runAsNonRoot=False)
        for container in pod.get("containers", []) + pod.get("initContainers", []):
            container.setdefault("securityContext", {}).update(runAsUser=0, runAsNonRoot=False)
    return patched
