"""One active relay per service on PostgreSQL (issue 13, Operations): a second relay
stands by while the first publishes, and takes over when the first is killed — the
topic then holds every integration event of the log once."""

from __future__ import annotations

import os
import signal
import uuid
from urllib.error import URLError
from urllib.request import urlopen

import pytest
from confluent_kafka import OFFSET_BEGINNING, Consumer, TopicPartition

from testkit.processes import Processes, free_port
from testkit.stack import process_env
from testkit.waiting import wait_until
from zhixing.cases.outbound import CaseOutbound
from zhixing.contracts.topics import CASES_EVENTS
from zhixing.messaging.outbox import Outbox

pytestmark = pytest.mark.connected


def ready_text(port: int) -> str:
    try:
        with urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as answer:
            return str(answer.read().decode())
    except (URLError, OSError):
        return ""


def relay_active_metric(port: int) -> str:
    with urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as answer:
        lines = answer.read().decode().splitlines()
    return next(line for line in lines if line.startswith('zhixing_relay_active{service="cases"}'))


def expected_ids(settings, cases_app) -> list[str]:
    """The ce_ids of every integration event the cases log routes to its topic."""
    outbox = Outbox(cases_app, CaseOutbound(cases_app), topic=settings.topic(CASES_EVENTS),
                    wire=settings.topic, region=settings.region)
    ids: list[str] = []
    position = 0
    while entries := outbox.read_routed(position, 500):
        ids += [event.id for entry in entries for _topic, event in entry.routed]
        position = entries[-1].position
    return ids


def topic_ids(settings) -> list[str]:
    """Every record's ce_id on the cases topic, from the beginning to the end."""
    topic = settings.topic(CASES_EVENTS)
    consumer = Consumer({"bootstrap.servers": settings.kafka_bootstrap,
                         "group.id": f"probe-{uuid.uuid4().hex[:8]}", "enable.auto.commit": False})
    try:
        partitions = consumer.list_topics(topic, timeout=10).topics[topic].partitions
        ends = {p: consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=10)[1]
                for p in partitions}
        consumer.assign([TopicPartition(topic, p, OFFSET_BEGINNING) for p in partitions])
        ids: list[str] = []
        done: dict[int, int] = {p: 0 for p in partitions}
        while any(done[p] < ends[p] for p in partitions):
            message = consumer.poll(5)
            assert message is not None, "the topic ended before its high watermarks"
            if message.error():
                continue
            done[message.partition()] = message.offset() + 1
            ids.append(dict(message.headers() or [])["ce_id"].decode())
        return ids
    finally:
        consumer.close()


class TestSingleActiveRelay:
    def test_topic_holds_each_event_once_when_a_standby_takes_over_from_a_killed_relay(
            self, settings, cases_app, file_cases, tmp_path):
        env = process_env(settings, ZHIXING_RELAY_BATCH="20",
                          ZHIXING_AUDIT_KEY_FILE=str(tmp_path / "audit.keys"),
                          ZHIXING_AUDIT_CHECKPOINTS=str(tmp_path / "checkpoints.jsonl"))
        ports = {"first": free_port(), "second": free_port()}
        processes = Processes(tmp_path)
        try:
            first = processes.start("first", ["cases", "relay"],
                                    {**env, "ZHIXING_METRICS_PORT": str(ports["first"])})
            wait_until(lambda: "active" in ready_text(ports["first"]), timeout=60,
                       what="the first relay to be active")
            processes.start("second", ["cases", "relay"],
                            {**env, "ZHIXING_METRICS_PORT": str(ports["second"])})
            wait_until(lambda: "standby" in ready_text(ports["second"]), timeout=60,
                       what="the second relay to stand by")
            # Both follow the log now: two publishers would put each new event twice.
            file_cases(100)
            wanted = expected_ids(settings, cases_app)
            wait_until(lambda: len(topic_ids(settings)) >= len(wanted), timeout=60,
                       what="the active relay to publish the first cases")
            assert relay_active_metric(ports["second"]).endswith(" 0.0")
            assert relay_active_metric(ports["first"]).endswith(" 1.0")
            os.kill(first.pid, signal.SIGKILL)
            first.wait(10)
            file_cases(100)
            wait_until(lambda: "active" in ready_text(ports["second"]), timeout=60,
                       what="the standby to take over")
            wanted = expected_ids(settings, cases_app)
            wait_until(lambda: len(topic_ids(settings)) >= len(wanted), timeout=60,
                       what="the second relay to publish the cases filed after the kill")
        finally:
            processes.stop_all()
        published = topic_ids(settings)
        assert len(published) == len(wanted), "events published twice"
        assert set(published) == set(wanted), "events lost"


class TestLease:
    def test_second_lease_waits_until_the_first_session_ends(self, settings):
        from zhixing.messaging.lease import AdvisoryLease

        first = AdvisoryLease(settings.postgres_dsn, settings.schema("cases"))
        second = AdvisoryLease(settings.postgres_dsn, settings.schema("cases"))
        try:
            assert (first.held(), second.held(), first.held()) == (True, False, True)
            first.close()
            assert second.held()
        finally:
            first.close()
            second.close()

    def test_server_drops_a_vanished_holder_within_seconds_when_keepalives_are_set(
            self, settings):
        from zhixing.messaging.lease import AdvisoryLease

        lease = AdvisoryLease(settings.postgres_dsn, settings.schema("cases"))
        try:
            assert lease.held()
            conn = lease._conn
            shown = [conn.execute(f"SHOW tcp_keepalives_{name}").fetchone()[0]
                     for name in ("idle", "interval", "count")]
            assert shown == ["10", "5", "3"]
        finally:
            lease.close()

    def test_holder_stands_by_and_another_takes_over_when_its_session_is_killed(self, settings):
        """The lock lives on the lease's own session: killing that session (a failover, an
        administrator's pg_terminate_backend) is losing the lock, seen at the next look."""
        import psycopg

        from zhixing.messaging.lease import AdvisoryLease

        first = AdvisoryLease(settings.postgres_dsn, settings.schema("cases"))
        second = AdvisoryLease(settings.postgres_dsn, settings.schema("cases"))
        try:
            assert (first.held(), second.held()) == (True, False)
            pid = first._conn.info.backend_pid
            with psycopg.connect(settings.postgres_dsn, autocommit=True) as admin:
                assert admin.execute("SELECT pg_terminate_backend(%s)", (pid,)).fetchone()[0]
                wait_until(lambda: not admin.execute(
                    "SELECT 1 FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone(),
                    timeout=10, what="the killed session gone")
            assert first.held() is False
            assert second.held() is True
            assert first.held() is False, "the killed holder took the lock back"
        finally:
            first.close()
            second.close()
