"""The chart's pods run in the image (issue 13): the pod specs `helm template` renders
(dev.yaml) — args, env names and Secret references, securityContext, emptyDirs, probes —
run with podman (testkit.pod_spec translates them, refusing any field it does not know)
against a real PostgreSQL and a real Kafka that, like the chart's Strimzi cluster, speaks
SASL/SCRAM-SHA-512 over TLS and allows nothing beyond the KafkaUsers' ACLs, with the
topics of the KafkaTopics. Every migration Job exits 0; every role of every service
answers its rendered probes; a case filed over gRPC to the cases api comes back from the
case index, which only the cases worker fills from what the cases relay published.

What the values set cannot say for a loopback run: the bootstrap (`--set
kafka.bootstrap`), and the ports: pod_spec gives each `*_PORT` a free one and binds
`*_HOST` 0.0.0.0 on 127.0.0.1. Not run: scheduling, resources, preStop, kubelet timing.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest
import yaml
from confluent_kafka.admin import NewTopic

from testkit.client import ZhixingClient
from testkit.filings import file_case_request
from testkit.kafka_chart import CHART, acls, helm, of_kind
from testkit.pod_spec import RUNC, Pod, Secret, logs, podman, started, state, translate
from testkit.processes import serving
from testkit.secured_kafka import SecuredKafka, secured_kafka
from testkit.waiting import wait_until
from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb
from zhixing.runtime.service import ENTRY_POINT_GROUP
from zhixing.security.identity import Identity
from zhixing.security.tokens import issue_token

pytestmark = [pytest.mark.image, pytest.mark.timeout(900)]

REPO = Path(__file__).resolve().parents[2]
SERVICE = "cases"
"""The service whose Deployments run (its api, relay and worker make the end-to-end path)."""
SERVICES = sorted(point.name for point in entry_points(group=ENTRY_POINT_GROUP))
"""Every registered service, by name (nothing of theirs imported to list them)."""
START_SECONDS = 120.0
COURT = "川0104"


def build() -> str:
    """The image (infra/image/build.sh; a warm build is skipped)."""
    built = subprocess.run([str(REPO / "infra/image/build.sh")], capture_output=True,
                           text=True, timeout=1700)
    assert built.returncode == 0, f"build.sh failed: {built.stderr[-3000:]}"
    return built.stdout.strip().splitlines()[-1]


def render(image: str, bootstrap: str) -> list[dict[str, Any]]:
    repository, tag = image.rsplit(":", 1)
    out = subprocess.run([helm(), "template", "zhixing", str(CHART), "-f",
                          str(CHART / "values" / "dev.yaml"), "--set", f"kafka.bootstrap={bootstrap}",
                          "--set", f"image.repository={repository}", "--set", f"image.tag={tag}"],
                         check=True, capture_output=True, text=True).stdout
    return [doc for doc in yaml.safe_load_all(out) if doc]


def containers(docs: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The container of every Deployment and Job (the chart's pods have one each)."""
    for doc in docs:
        if doc["kind"] in ("Deployment", "Job"):
            yield from doc["spec"]["template"]["spec"]["containers"]


def literal(container: dict[str, Any], name: str) -> str | None:
    found = [e["value"] for e in container.get("env", []) if e["name"] == name and "value" in e]
    return str(found[0]) if found else None


def kafka_users(docs: list[dict[str, Any]]) -> set[str]:
    """The KafkaUsers the rendered containers log in as."""
    return {user for c in containers(docs) if (user := literal(c, "ZHIXING_KAFKA_SASL_USERNAME"))}


def secret_for(docs: list[dict[str, Any]], by_variable: dict[str, str],
                passwords: dict[str, str]) -> Secret:
    """The Secrets' keys the rendered containers reference, each holding what the code
    reads under that variable (a KafkaUser's password: the one its container logs in as).
    Keys of variables the test has no value for are left out (ZHIXING_CIPHER_OLD_KEYS is
    optional: no old key yet); a required one then fails in pod_spec."""
    secret: Secret = {}
    for container in containers(docs):
        for item in container.get("env", []):
            ref = item.get("valueFrom", {}).get("secretKeyRef")
            if ref is None:
                continue
            if item["name"] == "ZHIXING_KAFKA_SASL_PASSWORD":
                user = literal(container, "ZHIXING_KAFKA_SASL_USERNAME")
                assert user, f"{container['args']}: a SCRAM password without a user name"
                secret[(ref["name"], ref["key"])] = passwords[user]
            elif item["name"] in by_variable:
                secret[(ref["name"], ref["key"])] = by_variable[item["name"]]
    return secret


@pytest.fixture(scope="module")
def image() -> str:
    return build()


@pytest.fixture(scope="module")
def postgres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    script, folder = str(REPO / "infra/postgres/postgres.sh"), tmp_path_factory.mktemp("postgres")
    try:
        subprocess.run([script, "start", str(folder)], check=True, capture_output=True, timeout=300)
        line = (folder / "postgres.env").read_text().strip()
        yield line.split("=", 1)[1]
    finally:
        subprocess.run([script, "stop", str(folder)], capture_output=True, timeout=120)


@dataclass(frozen=True)
class Cluster:
    docs: list[dict[str, Any]]
    secret: Secret
    jwt: str
    base_env: dict[str, str]


def keys(image: str) -> tuple[str, str]:
    """A cipher key and audit keys, made by the image's own commands (as docs/kubernetes.md)."""
    offline = ["run", "--rm", *RUNC, "--network", "none", image]
    return (podman(*offline, "cipher-key").stdout.strip(),
            podman(*offline, "audit-key", "new").stdout.strip())


@pytest.fixture(scope="module")
def cluster(image: str, postgres: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    # The KafkaUsers, from a first rendering: their SCRAM credentials must exist when the
    # broker's storage is formatted, before its port (the bootstrap) is known.
    passwords = {user: secrets.token_hex(16) for user in kafka_users(render(image, "127.0.0.1:9"))}
    with secured_kafka(tmp_path_factory.mktemp("kafka"), passwords) as kafka:
        docs = render(image, kafka.bootstrap)
        prepare_kafka(kafka, docs, set(passwords))
        cipher, audit = keys(image)
        jwt = secrets.token_hex(32)
        # What the code reads, by variable; which Secret holds it is the chart's business.
        by_variable = {"ZHIXING_PG_DSN": postgres, "ZHIXING_CIPHER_KEY": cipher,
                       "ZHIXING_AUDIT_KEYS": audit, "ZHIXING_JWT_SECRET": jwt,
                       "ZHIXING_KAFKA_SSL_CA_PEM": kafka.ca_pem}
        base = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/root")}
        yield Cluster(docs, secret_for(docs, by_variable, passwords), jwt, base)


def prepare_kafka(kafka: SecuredKafka, docs: list[dict[str, Any]], users: set[str]) -> None:
    """What Strimzi's operators would do: the KafkaTopics' topics, the KafkaUsers' ACLs."""
    topics = [NewTopic(t["spec"]["topicName"], num_partitions=t["spec"]["partitions"],
                       replication_factor=t["spec"]["replicas"],
                       config={k: str(v) for k, v in t["spec"].get("config", {}).items()})
              for t in of_kind(docs, "KafkaTopic")]
    admin = kafka.admin()  # held until every future is done
    for future in admin.create_topics(topics).values():
        future.result(60)
    for user in sorted(users):
        kafka.grant(user, acls(docs, user))


def workload(docs: list[dict[str, Any]], kind: str, service: str, role: str) -> dict[str, Any]:
    found = [d for d in of_kind(docs, kind)
             if d["spec"]["template"]["spec"]["containers"][0].get("args") == [service, role]]
    assert len(found) == 1, f"{kind} of {service} {role}: {len(found)} rendered"
    spec: dict[str, Any] = found[0]
    return spec


def pod(cluster: Cluster, kind: str, service: str, role: str) -> Pod:
    doc = workload(cluster.docs, kind, service, role)
    return translate(doc["metadata"]["name"], doc["spec"]["template"]["spec"], cluster.secret,
                     is_job=kind == "Job")


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as reply:
            return int(reply.status)
    except urllib.error.HTTPError as error:
        return int(error.code)
    except (urllib.error.URLError, OSError):
        return 0


def ready(running: Pod) -> bool:
    if status(running.probe_url("readinessProbe")) == 200:
        return True
    assert state(running)[0] == "running", f"{running.name} stopped: {logs(running)}"
    return False


@pytest.fixture(scope="module")
def migrated(cluster: Cluster) -> dict[str, float]:
    """Every service's migration Job, one after another as Helm's hooks run: seconds each."""
    took: dict[str, float] = {}
    for job in of_kind(cluster.docs, "Job"):
        args = job["spec"]["template"]["spec"]["containers"][0].get("args", [])
        if args[1:] != ["migrate"]:
            continue
        service, role = args
        start = time.monotonic()
        with started(pod(cluster, "Job", service, role), cluster.base_env) as running:
            wait_until(lambda: state(running)[0] == "exited", timeout=START_SECONDS,
                       what=f"{service} migrate to end", interval=0.2)
            code = state(running)[1]
            assert code == "0", f"{service} migrate exited {code}: {logs(running)}"
        took[service] = time.monotonic() - start
    return took


@contextmanager
def roles_of(cluster: Cluster, service: str) -> Iterator[dict[str, Pod]]:
    """A service's Deployments' pods (each role it renders), each ready by its probe. They
    do not wait for the migration Jobs (a role makes its schema too), so a failed
    migration and a failed role are told apart."""
    rendered = [args for d in of_kind(cluster.docs, "Deployment")
                if len(args := d["spec"]["template"]["spec"]["containers"][0].get("args", [])) == 2]
    with ExitStack() as stack:
        pods = {role: stack.enter_context(started(pod(cluster, "Deployment", service, role),
                                                  cluster.base_env))
                for name, role in rendered if name == service}
        for role, running in pods.items():
            wait_until(lambda running=running: ready(running), timeout=START_SECONDS,
                       what=f"{service} {role} readinessProbe", interval=0.2)
        yield pods


@pytest.fixture(scope="module")
def roles(cluster: Cluster) -> Iterator[dict[str, Pod]]:
    with roles_of(cluster, SERVICE) as pods:
        yield pods


def test_every_migration_job_exits_0_when_run_as_rendered(migrated: dict[str, float]) -> None:
    assert set(SERVICES) <= set(migrated)
    print("\nmigrations (s): " + ", ".join(f"{k} {v:.1f}" for k, v in migrated.items()))


@pytest.mark.parametrize("service", SERVICES)
def test_every_probe_answers_200_when_the_roles_run_as_rendered(cluster: Cluster, service: str) -> None:
    with roles_of(cluster, service) as pods:
        assert pods, f"no Deployment of {service} rendered"
        for role, running in pods.items():
            for kind in ("startupProbe", "livenessProbe", "readinessProbe"):
                url = running.probe_url(kind)
                assert status(url) == 200, f"{service} {role} {kind} {url}: {logs(running)}"


def test_filed_case_is_listed_when_relay_and_worker_carried_it(cluster: Cluster,
                                                                roles: dict[str, Pod]) -> None:
    api = roles["api"]
    grpc_port = next(p for p in api.container["ports"] if p["name"] == "grpc")["containerPort"]
    target = f"127.0.0.1:{api.ports[grpc_port]}"
    wait_until(lambda: serving(target), timeout=10, what="gRPC SERVING on the api")
    client = ZhixingClient(target, issue_token(Identity("podplay", "officer", COURT), cluster.jwt))
    try:
        number = client.file_case(file_case_request(7, court=COURT, request_id="podplay-7")).case_number

        def listed() -> bool:
            page = client.cases.ListCases(pb.ListCasesRequest(court_code=COURT, page_size=50),
                                          metadata=client.metadata, timeout=10)
            return number in {c.case_number for c in page.cases}

        wait_until(listed, timeout=60, what=f"{number} in the case index", interval=0.2)
    finally:
        client.close()
