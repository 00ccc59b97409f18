"""Fixtures of the chart's verification (marker ``kubernetes``, issue 13): the built tools,
the CRD and kubeconform schemas, one render per value set and namespace, and one real
control plane for the session; a summary of what each value set went through is printed
at the end (``make chart`` shows it too)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from .cluster import Cluster
from .kube import K8S, Rendered, Schemas, Tools, helm_template, run, value_set_names


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test taking ``value_set`` runs once per value set (helm/zhixing/values/*.yaml
    and the defaults): a value set added later is checked without touching the tests."""
    if "value_set" in metafunc.fixturenames and not _parametrized(metafunc, "value_set"):
        metafunc.parametrize("value_set", value_set_names())


def _parametrized(metafunc: pytest.Metafunc, name: str) -> bool:
    """A test module may choose its own value sets with @pytest.mark.parametrize."""
    for marker in metafunc.definition.iter_markers("parametrize"):
        names = marker.args[0]
        if name in ([n.strip() for n in names.split(",")] if isinstance(names, str) else names):
            return True
    return False


@dataclass
class Summary:
    """What each value set went through, for the end of the run."""

    rows: dict[str, dict[str, str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def record(self, value_set: str, check: str, outcome: str) -> None:
        self.rows.setdefault(value_set, {})[check] = outcome

    def lines(self) -> list[str]:
        out = [f"  {value_set}: " + "; ".join(f"{check} {outcome}" for check, outcome in checks.items())
               for value_set, checks in sorted(self.rows.items())]
        return out + [f"  {note}" for note in self.notes]


_SUMMARY = pytest.StashKey[Summary]()


@pytest.fixture(scope="session")
def summary(request: pytest.FixtureRequest) -> Summary:
    found = Summary()
    request.config.stash[_SUMMARY] = found
    return found


def pytest_terminal_summary(terminalreporter, config):  # type: ignore[no-untyped-def]
    found = config.stash.get(_SUMMARY, None)
    if found is not None and (found.rows or found.notes):
        terminalreporter.section("the chart, per value set")
        for line in found.lines():
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def tools() -> Tools:
    """helm, kubeconform, kube-score, kubectl and the control plane, built once."""
    return Tools.build()


@pytest.fixture(scope="session")
def schemas() -> Schemas:
    return Schemas.build()


@pytest.fixture(scope="session")
def render(tools: Tools):  # type: ignore[no-untyped-def]
    """``render(value_set, namespace)``: the chart rendered (once per pair) or a failure
    quoting helm's error."""
    cache: dict[tuple[str, str], Rendered] = {}

    def rendered(value_set: str, namespace: str) -> Rendered:
        if (value_set, namespace) not in cache:
            done = helm_template(tools, value_set, "--namespace", namespace)
            if done.returncode != 0:
                pytest.fail(f"helm template ({value_set}) failed:\n{done.stderr.strip()}", pytrace=False)
            cache[value_set, namespace] = Rendered.parse(value_set, namespace, done.stdout)
        return cache[value_set, namespace]

    return rendered


@pytest.fixture(scope="session")
def cluster(tools: Tools, schemas: Schemas, tmp_path_factory: pytest.TempPathFactory,
            summary: Summary) -> Iterator[Cluster]:
    """etcd + kube-apiserver + kube-controller-manager on loopback, CRDs applied; stopped
    at the end of the session whatever happened."""
    state = tmp_path_factory.mktemp("k8s")
    try:
        running = Cluster.up(tools, state)
    except Exception:
        run([str(K8S / "apiserver.sh"), "down", str(state)], timeout=120)  # whatever did start
        raise
    summary.notes.append(f"control plane up (etcd, kube-apiserver, kube-controller-manager, "
                         f"CRDs applied) in {running.start_seconds:.1f} s")
    began = time.monotonic()
    try:
        yield running
    finally:
        running.down()
        summary.notes.append(f"tests against the API server took {time.monotonic() - began:.1f} s")
