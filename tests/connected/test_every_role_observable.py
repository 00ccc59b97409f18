"""Every role of `make cluster` is observable: each process — api, relay and worker of
every service, as scripts/cluster.sh starts them on PostgreSQL and Kafka — answers
/healthz and /readyz and serves Prometheus text on /metrics, and the figures move when
a case is filed (DESIGN §9)."""

from __future__ import annotations

from urllib.error import HTTPError
from urllib.request import urlopen

import pytest
from prometheus_client.parser import text_string_to_metric_families

from testkit.client import ZhixingClient
from testkit.filings import file_case_request
from testkit.processes import Processes, free_port, serving
from testkit.stack import process_env, stack_settings
from testkit.suites import ROLES
from testkit.waiting import wait_until
from zhixing.security.identity import Identity
from zhixing.security.tokens import issue_token

pytestmark = pytest.mark.connected

FAMILIES = {
    "api": {"zhixing_command_duration_seconds", "zhixing_events_appended"},
    "relay": {"zhixing_relay_published", "zhixing_relay_position", "zhixing_relay_lag"},
    "worker": {"zhixing_consumer_lag", "zhixing_consumer_position", "zhixing_dead_letters",
               "zhixing_consumer_processed", "zhixing_job_last_success_timestamp_seconds"},
}


def scrape(port: int) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of a process's /metrics, by (name, labels)."""
    with urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as answer:
        text = answer.read().decode()
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def families(port: int) -> set[str]:
    with urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as answer:
        return {f.name for f in text_string_to_metric_families(answer.read().decode())}


def status(port: int, path: str) -> int:
    try:
        with urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as answer:
            return int(answer.status)
    except HTTPError as refused:
        return refused.code
    except OSError:
        return 0  # not listening yet


def value(samples: dict, name: str, **labels: str) -> float:
    """The sum of a metric's samples that carry `labels`."""
    return sum(v for (n, sample_labels), v in samples.items()
               if n == name and set(labels.items()) <= set(sample_labels))


@pytest.fixture(scope="class")
def cluster(tmp_path_factory):
    """Each service's roles as their own processes, each with its own metrics port
    (started once for the class: eleven processes)."""
    tmp_path = tmp_path_factory.mktemp("cluster")
    settings = stack_settings(tmp_path)
    env = process_env(settings)
    processes = Processes(tmp_path)
    ports: dict[str, int] = {}
    grpc_targets: dict[str, str] = {}
    for service, roles in ROLES.items():
        for role in roles:
            name, own = f"{service}-{role}", {"ZHIXING_METRICS_PORT": str(free_port())}
            if role == "api":
                own |= {"ZHIXING_GRPC_PORT": str(free_port()), "ZHIXING_HTTP_PORT": str(free_port())}
                grpc_targets[service] = f"127.0.0.1:{own['ZHIXING_GRPC_PORT']}"
            processes.start(name, [service, role], {**env, **own})
            ports[name] = int(own["ZHIXING_METRICS_PORT"])
    try:
        for name, port in ports.items():
            wait_until(lambda p=port: status(p, "/readyz") == 200, timeout=120,
                       what=f"{name} to be ready: {processes.log(name)[-500:]}")
        wait_until(lambda: serving(grpc_targets["cases"]), timeout=60, what="cases gRPC")
        yield settings, ports, grpc_targets
    finally:
        processes.stop_all()


class TestEveryRoleObservable:
    def test_every_process_is_alive_ready_and_exports_its_families_when_started(self, cluster):
        _, ports, _ = cluster
        for name, port in ports.items():
            role = name.rsplit("-", 1)[1]
            assert status(port, "/healthz") == 200, name
            assert status(port, "/readyz") == 200, name
            assert FAMILIES[role] <= families(port), name
            assert value(scrape(port), "zhixing_ready") == 1, name  # what alerts read

    def test_the_figures_move_along_the_pipeline_when_a_case_is_filed(self, cluster):
        settings, ports, targets = cluster
        token = issue_token(Identity("ops", "officer", "川0104"), settings.jwt_secret)
        client = ZhixingClient(targets["cases"], token)
        try:
            client.file_case(file_case_request(1, request_id="ops-1"))
        finally:
            client.close()
        api = scrape(ports["cases-api"])
        assert value(api, "zhixing_command_duration_seconds_count",
                     rpc="zhixing.cases.v1.CasesService/FileCase", code="OK") == 1
        assert value(api, "zhixing_events_appended_total", service="cases") > 0
        wait_until(lambda: value(scrape(ports["cases-relay"]), "zhixing_relay_published_total",
                                 service="cases") > 0, timeout=60, what="the relay to publish")
        for worker, group in (("cases-worker", "cases.case-index"),
                              ("publicity-worker", "publicity.case-progress")):
            wait_until(lambda w=worker, g=group: value(scrape(ports[w]), "zhixing_consumer_processed_total",
                                                       group=g) > 0,
                       timeout=60, what=f"{group} to process the filing")
            positions = [labels for (name, labels) in scrape(ports[worker])
                         if name == "zhixing_consumer_position" and ("group", group) in labels]
            assert positions, f"{worker} records no position for {group}"
        sweep = scrape(ports["cases-worker"])
        assert ("zhixing_oldest_overdue_node_days", (("service", "cases"),)) in sweep
        assert value(sweep, "zhixing_job_last_success_timestamp_seconds", job="cases.node-sweep") > 0
        relay = scrape(ports["cases-relay"])
        assert value(relay, "zhixing_relay_position", service="cases") > 0
        wait_until(lambda: value(scrape(ports["cases-relay"]), "zhixing_relay_lag",
                                 service="cases") == 0, timeout=60, what="the relay to catch up")
