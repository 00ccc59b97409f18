"""The exactly-once pipeline on a real Kafka broker and a real PostgreSQL (DESIGN §5)."""

from __future__ import annotations

import os
import signal

import pytest
from confluent_kafka import Consumer, Producer, TopicPartition

from testkit.processes import Processes
from testkit.stack import process_env
from testkit.waiting import wait_until
from zhixing.cases.outbound import CaseOutbound
from zhixing.contracts.topics import CASES_EVENTS, dead_letters
from zhixing.messaging import relay as relay_module
from zhixing.messaging.consumer import TrackedConsumer
from zhixing.messaging.kafka import KafkaEventSource, ensure_topics
from zhixing.messaging.outbox import Outbox
from zhixing.messaging.relay import Relay

pytestmark = pytest.mark.connected

def relay_position(store) -> int:
    with store.transaction() as cur:
        cur.execute("SELECT COALESCE(MAX(position), 0) FROM relay_position")
        return int(cur.fetchone()[0])


def drain_until(consumer: TrackedConsumer, done, timeout: float, what: str) -> None:
    wait_until(lambda: consumer.run_once(timeout=0.2) >= 0 and done(), timeout=timeout, what=what)


def outbox_for(settings, cases_app) -> Outbox:
    return Outbox(cases_app, CaseOutbound(cases_app), topic=settings.topic(CASES_EVENTS),
                  wire=settings.topic,
                  region=settings.region)


def publish_all(settings, cases_app) -> None:
    outbox = outbox_for(settings, cases_app)
    ensure_topics(settings.kafka_bootstrap, [outbox.topic])
    relay = Relay(outbox, settings.sql_store("cases"), settings.kafka_bootstrap)
    try:
        while relay.run_once():
            pass
    finally:
        relay.close()


class NeverCommits(KafkaEventSource):
    """A consumer that dies before every Kafka commit (effects are committed)."""

    def processed(self, deliveries) -> None:
        return None


class TestRelayCrash:
    def test_consumer_holds_each_event_once_when_the_relay_is_killed_mid_way(
            self, settings, cases_app, file_cases, applied_log, consumer_store, tmp_path):
        file_cases(5000)
        head = cases_app.max_notification_id()
        env = process_env(settings, ZHIXING_RELAY_BATCH="50")
        store = settings.sql_store("cases")
        relay_module.migrate(store)
        processes = Processes(tmp_path)
        try:
            relay = processes.start("relay", ["cases", "relay"], env)
            killed_at = wait_until(lambda: relay_position(store), timeout=60,
                                   what="the relay to publish its first batch")
            os.kill(relay.pid, signal.SIGKILL)
            relay.wait(10)
            assert killed_at < head, "relay finished before it could be killed"
            processes.start("relay-restarted", ["cases", "relay"], env)
            wait_until(lambda: relay_position(store) == head, timeout=120,
                       what="the restarted relay to reach the end of the log")
        finally:
            processes.stop_all()
        source = KafkaEventSource(settings.kafka_bootstrap, settings.topic(CASES_EVENTS), "probe")
        consumer = TrackedConsumer(source, applied_log, consumer_store, group="probe")
        drain_until(consumer, lambda: applied_log.counts()[1] >= 5000, 120, "5,000 events")
        consumer.run_once(timeout=1.0)  # anything still in flight would show as a duplicate
        source.close()
        assert applied_log.counts() == (5000, 5000)


class TestConsumerCrash:
    def test_no_duplicate_and_nothing_missed_when_restarted_before_any_kafka_commit(
            self, settings, cases_app, file_cases, applied_log, consumer_store):
        topic = settings.topic(CASES_EVENTS)
        file_cases(30)
        publish_all(settings, cases_app)
        first = TrackedConsumer(NeverCommits(settings.kafka_bootstrap, topic, "crashy"),
                                applied_log, consumer_store, group="crashy")
        drain_until(first, lambda: applied_log.counts()[0] >= 30, 60, "30 effects")
        first.source.close()  # the "crash": effects and tracking committed, Kafka not
        file_cases(10)
        publish_all(settings, cases_app)
        second = TrackedConsumer(NeverCommits(settings.kafka_bootstrap, topic, "crashy"),
                                 applied_log, consumer_store, group="crashy")
        drain_until(second, lambda: applied_log.counts()[0] >= 40, 60, "40 effects")
        second.run_once(timeout=1.0)
        second.source.close()
        assert applied_log.counts() == (40, 40)
        assert second.processed_count == 10  # it resumed at the tracked offsets, not at 0
        assert committed_offsets(settings.kafka_bootstrap, topic, "crashy") == []


class TestPoisonMessage:
    def test_poison_goes_to_the_dlq_with_its_origin_and_later_events_still_apply(
            self, settings, cases_app, file_cases, applied_log, consumer_store):
        topic = settings.topic(CASES_EVENTS)
        ensure_topics(settings.kafka_bootstrap, [topic])
        poison = Producer({"bootstrap.servers": settings.kafka_bootstrap})
        poison.produce(topic, key=b"x", value=b"{not json", partition=0,
                       headers=[("ce_specversion", b"1.0")])
        poison.flush(10)
        file_cases(5)
        publish_all(settings, cases_app)
        source = KafkaEventSource(settings.kafka_bootstrap, topic, "strict")
        consumer = TrackedConsumer(source, applied_log, consumer_store, group="strict")
        drain_until(consumer, lambda: applied_log.counts()[0] >= 5, 60, "5 good events")
        source.close()
        [record] = read_all(settings.kafka_bootstrap, dead_letters(topic, "strict"), 1)
        headers = dict(record.headers())
        assert headers["dlq_original_topic"] == topic.encode()
        assert headers["dlq_original_partition"] == b"0"
        assert headers["dlq_original_offset"] == b"0"
        assert b"missing CloudEvents headers" in headers["dlq_error"]
        assert record.value() == b"{not json"
        assert applied_log.counts() == (5, 5)
        assert committed_offsets(settings.kafka_bootstrap, topic, "strict")  # lag dashboards


class TestCloudEventsOnTheWire:
    def test_a_published_record_parses_with_the_official_sdk_in_binary_mode(
            self, settings, cases_app, file_cases):
        from cloudevents.core.bindings.kafka import KafkaMessage, from_binary_event

        file_cases(1)
        publish_all(settings, cases_app)
        [record] = read_all(settings.kafka_bootstrap, settings.topic(CASES_EVENTS), 1)
        message = KafkaMessage(headers=dict(record.headers()), key=record.key(),
                               value=record.value())
        event = from_binary_event(message)
        case = cases_app.find_case(f"({cases_app.clock.today().year})川0104执1号")
        assert event.get_specversion() == "1.0"
        assert event.get_type() == "cn.zhixing.cases.v1.CaseFiled"
        assert event.get_source() == "/zhixing/chengdu/cases"
        assert event.get_subject() == str(case.id)
        assert event.get_extension("court") == "川0104"
        assert event.get_extension("region") == "chengdu"
        assert event.get_extension("sequence") == "00000000000000000001"  # Sequence extension, D3
        assert event.get_data()["case_number"] == case.case_number
        assert record.key() == str(case.id).encode()

    def test_the_publishers_correlation_id_header_is_the_events_id_when_published(
            self, settings, cases_app, file_cases):
        file_cases(1)
        publish_all(settings, cases_app)
        [record] = read_all(settings.kafka_bootstrap, settings.topic(CASES_EVENTS), 1)
        headers = dict(record.headers())
        # kcat shows every header: the one FastStream adds must not be a stray random id
        assert headers["correlation_id"] == headers["ce_id"]


class TestTraceOnTheWire:
    def test_the_record_carries_the_trace_of_the_command_that_filed_the_case(
            self, settings, file_cases):
        from zhixing.cases.application import CasesApplication
        from zhixing.observability.tracing import configure_tracing, current_traceparent, tracer

        configure_tracing("connected-test")
        app = CasesApplication(settings, traceparent=current_traceparent)
        with tracer("test").start_as_current_span("FileCase") as command:
            file_cases(1, app=app)
        publish_all(settings, app)
        [record] = read_all(settings.kafka_bootstrap, settings.topic(CASES_EVENTS), 1)
        traceparent = dict(record.headers())["traceparent"].decode()
        assert traceparent.split("-")[1] == f"{command.get_span_context().trace_id:032x}"
        # and as the CloudEvents Distributed Tracing extension (issue 18, D3)
        assert dict(record.headers())["ce_traceparent"].decode() == traceparent
        app.close()


def committed_offsets(bootstrap: str, topic: str, group: str) -> list[int]:
    probe = Consumer({"bootstrap.servers": bootstrap, "group.id": group})
    try:
        partitions = [TopicPartition(topic, p) for p in range(3)]
        return [tp.offset for tp in probe.committed(partitions, timeout=10) if tp.offset >= 0]
    finally:
        probe.close()


def read_all(bootstrap: str, topic: str, expected: int, timeout: float = 30) -> list:
    reader = Consumer({"bootstrap.servers": bootstrap, "group.id": f"reader-{topic}",
                       "auto.offset.reset": "earliest", "enable.auto.commit": False})
    reader.subscribe([topic])
    records: list = []
    try:
        wait_until(lambda: records.extend(m for m in reader.consume(100, 0.5) if not m.error())
                   or len(records) >= expected, timeout=timeout, what=f"{expected} on {topic}")
        return records
    finally:
        reader.close()


class TestRebalance:
    def test_each_event_applies_once_when_a_second_consumer_joins_mid_stream(
            self, settings, cases_app, file_cases, applied_log, consumer_store):
        import threading

        topic = settings.topic(CASES_EVENTS)
        file_cases(300)
        publish_all(settings, cases_app)
        stop = threading.Event()
        first = TrackedConsumer(KafkaEventSource(settings.kafka_bootstrap, topic, "pair"),
                                applied_log, consumer_store, group="pair")
        second = TrackedConsumer(KafkaEventSource(settings.kafka_bootstrap, topic, "pair"),
                                 applied_log, consumer_store, group="pair")
        threads = [threading.Thread(target=c.run, args=(stop,)) for c in (first, second)]
        threads[0].start()
        try:
            wait_until(lambda: applied_log.counts()[0] > 0, timeout=60,
                       what="the first consumer to start applying")
            file_cases(100)
            publish_all(settings, cases_app)
            threads[1].start()  # the group rebalances while events are in flight
            wait_until(lambda: applied_log.counts()[1] >= 400, timeout=120, what="400 events")
        finally:
            stop.set()
            for thread in threads:
                if thread.is_alive():
                    thread.join(60)
        assert applied_log.counts() == (400, 400)
