"""The chart's KafkaUsers are enough, and no more, for the suite's own clients: a broker
that authenticates with SCRAM and allows nothing without an ACL gets exactly the ACLs
the chart renders (as Strimzi's User Operator would apply them) and the topics of its
KafkaTopics; the clients log in through `ZHIXING_KAFKA_*`, as `zhixing.kafka.env` sets
them: SCRAM over TLS with the cluster CA as PEM text, or a client certificate
(docs/kafka-on-kubernetes.md)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from confluent_kafka import Consumer, ConsumerGroupTopicPartitions, KafkaException, Producer
from confluent_kafka.admin import AdminClient, NewTopic

from testkit.kafka_chart import acls, of_kind, render
from testkit.secured_kafka import SecuredKafka, secured_kafka
from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.topics import (
    ASSETS_REPLIES,
    AUDIT_CHECKPOINTS,
    CALENDAR_EVENTS,
    CASES_EVENTS,
    assets_requests,
    dead_letters,
)
from zhixing.messaging.dlq import depths, parked, replay
from zhixing.messaging.kafka import (
    CompactedTopicReader,
    KafkaEventSource,
    KafkaPublisher,
    ensure_topics,
)
from zhixing.messaging.kafka_security import client_config

pytestmark = pytest.mark.connected

PASSWORDS = {"zhixing-cases": "cases-pass-1", "zhixing-agency-bank-deposit": "bank-pass-2",
             "zhixing-keda": "keda-pass-3", "zhixing-operator": "operator-pass-4"}
GROUP = "cases.case-index"


@pytest.fixture(scope="module")
def kafka(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SecuredKafka]:
    users = render("single-region")
    with secured_kafka(tmp_path_factory.mktemp("secured-kafka"), PASSWORDS) as broker:
        admin = broker.admin()
        # Strimzi's Topic Operator makes the KafkaTopics (one partition each: the dev set)
        topics = [NewTopic(t["spec"]["topicName"], num_partitions=1, replication_factor=1,
                           config={k: str(v) for k, v in t["spec"]["config"].items()})
                  for t in of_kind(render("dev"), "KafkaTopic")]
        for future in admin.create_topics(topics).values():
            future.result(60)
        for user in PASSWORDS:
            broker.grant(user, acls(users, user))
        yield broker


def login(monkeypatch: pytest.MonkeyPatch, kafka: SecuredKafka, user: str,
          password: str | None = None) -> None:
    for name, value in kafka.env(user, password or PASSWORDS[user]).items():
        monkeypatch.setenv(name, value)


def event(subject: str) -> tuple[bytes, bytes, list[tuple[str, bytes]]]:
    cloud = CloudEvent(id=f"acl-{subject}", source="/acl-test", type="zhixing.cases.case_filed.v1",
                       time="2026-03-02T02:00:00Z", subject=subject, court="川0104",
                       region="chengdu", sequence=1, position=1, data={})
    value, headers = cloud.to_kafka()
    return subject.encode(), value, headers


def read_all(kafka: SecuredKafka, topic: str, timeout: float = 30) -> list[Any]:
    """Every record of a one-partition topic, read as the admin."""
    reader = Consumer({**kafka.admin_config(), "group.id": "admin-probe", "auto.offset.reset": "earliest"})
    reader.subscribe([topic])
    found: list[Any] = []
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline and not found:
            found += [m for m in reader.consume(100, 1.0) if m.error() is None]
    finally:
        reader.close()
    return found


class TestService:
    def test_a_service_ensures_publishes_consumes_and_parks_when_it_has_only_its_acls(
            self, kafka, monkeypatch):
        login(monkeypatch, kafka, "zhixing-cases")
        before = set(kafka.admin().list_topics(timeout=10).topics)
        ensure_topics(kafka.bootstrap, [CASES_EVENTS, CALENDAR_EVENTS, AUDIT_CHECKPOINTS,
                                        dead_letters(CASES_EVENTS, GROUP)])
        assert set(kafka.admin().list_topics(timeout=10).topics) == before  # nothing created
        publisher = KafkaPublisher(kafka.bootstrap)
        try:
            publisher.publish_all(CASES_EVENTS, [event("case-1")])
        finally:
            publisher.close()
        source = KafkaEventSource(kafka.bootstrap, CASES_EVENTS, GROUP)
        source.start(lambda _stream: None)
        try:
            deliveries: list[Any] = []
            deadline = time.monotonic() + 60
            while not deliveries and time.monotonic() < deadline:
                deliveries = source.poll(1.0)  # blocks on the broker
            assert deliveries, f"{GROUP} received nothing within 60 s"
            assert source.dead_letter(deliveries[0], "poison for the ACL test", GROUP)
            source.processed(deliveries)  # the group's commit: Read on the group
        finally:
            source.close()
        parked = read_all(kafka, dead_letters(CASES_EVENTS, GROUP))
        assert [dict(m.headers())["dlq_consumer_group"] for m in parked] == [GROUP.encode()]
        reader = CompactedTopicReader(kafka.bootstrap, AUDIT_CHECKPOINTS)
        try:
            deadline = time.monotonic() + 30
            while not reader.caught_up() and time.monotonic() < deadline:
                reader.poll(0.5)
            assert reader.caught_up()
        finally:
            reader.close()

    def test_a_service_is_refused_when_it_writes_a_topic_it_does_not_own(self, kafka, monkeypatch):
        login(monkeypatch, kafka, "zhixing-cases")
        publisher = KafkaPublisher(kafka.bootstrap)
        try:
            with pytest.raises(KafkaException, match="TOPIC_AUTHORIZATION_FAILED"):
                publisher.publish_all(assets_requests("bank_deposit"), [event("case-2")], timeout=30)
        finally:
            publisher.close()

    def test_a_client_is_refused_when_its_password_is_wrong(self, kafka, monkeypatch):
        login(monkeypatch, kafka, "zhixing-cases", password="not-the-password")
        with pytest.raises(KafkaException):
            ensure_topics(kafka.bootstrap, [CASES_EVENTS], timeout=10)


def assert_refused(consumer: Consumer) -> None:
    """Polls until the broker answers the subscribed consumer with an error (60 s at most)
    and checks it is an authorisation refusal; the consumer is closed either way."""
    try:
        errors: list[str] = []
        deadline = time.monotonic() + 60
        while not errors and time.monotonic() < deadline:
            errors += [m.error().str() for m in consumer.consume(10, 1.0) if m.error() is not None]
        assert any("authoriz" in e.lower() for e in errors), errors
    finally:
        consumer.close()


class TestKeda:
    def test_keda_reads_a_groups_offsets_but_no_record_when_it_measures_the_lag(
            self, kafka, monkeypatch):
        login(monkeypatch, kafka, "zhixing-keda")
        admin = AdminClient(client_config(kafka.bootstrap))
        (offsets,) = admin.list_consumer_group_offsets(
            [ConsumerGroupTopicPartitions(GROUP)]).values()
        assert offsets.result(30).group_id == GROUP
        consumer = Consumer(client_config(kafka.bootstrap, {"group.id": GROUP,
                                                            "auto.offset.reset": "earliest"}))
        consumer.subscribe([CASES_EVENTS])
        assert_refused(consumer)


class TestMutualTls:
    def test_a_service_logs_in_with_its_certificate_when_mutual_tls_is_chosen(
            self, kafka, monkeypatch):
        for name, value in kafka.tls_env("zhixing-cases").items():
            monkeypatch.setenv(name, value)
        publisher = KafkaPublisher(kafka.tls_bootstrap)
        try:
            publisher.publish_all(CASES_EVENTS, [event("case-tls")], timeout=30)
            with pytest.raises(KafkaException, match="TOPIC_AUTHORIZATION_FAILED"):
                publisher.publish_all(assets_requests("tax"), [event("case-tls-2")], timeout=30)
        finally:
            publisher.close()


class TestAgency:
    def test_an_agency_reads_its_requests_and_answers_when_it_logs_in(self, kafka, monkeypatch):
        admin_producer = Producer(kafka.admin_config())
        admin_producer.produce(assets_requests("bank_deposit"), b"{}", b"request-1")
        assert admin_producer.flush(30) == 0
        login(monkeypatch, kafka, "zhixing-agency-bank-deposit")
        consumer = Consumer(client_config(kafka.bootstrap, {
            "group.id": "agency.bank_deposit.gateway-1", "auto.offset.reset": "earliest"}))
        consumer.subscribe([assets_requests("bank_deposit")])
        try:
            received: list[Any] = []
            deadline = time.monotonic() + 60
            while not received and time.monotonic() < deadline:
                for message in consumer.consume(10, 1.0):
                    assert message.error() is None, message.error()
                    received.append(message)
            assert [m.key() for m in received] == [b"request-1"]
        finally:
            consumer.close()
        producer = Producer(client_config(kafka.bootstrap))
        producer.produce(ASSETS_REPLIES, b"{}", b"request-1")
        assert producer.flush(30) == 0

    def test_an_agency_is_refused_when_it_reads_another_kinds_requests(self, kafka, monkeypatch):
        login(monkeypatch, kafka, "zhixing-agency-bank-deposit")
        consumer = Consumer(client_config(kafka.bootstrap, {
            "group.id": "agency.bank_deposit.gateway-2", "auto.offset.reset": "earliest"}))
        consumer.subscribe([assets_requests("tax")])
        assert_refused(consumer)


class TestOperator:
    def test_the_operator_lists_and_shows_dead_letters_when_it_logs_in(self, kafka, monkeypatch):
        # docs/runbooks/poison-message.md with the operator's KafkaUser: its ACLs read every
        # DLQ, and the tool's consumer group must be one they allow.
        topic = dead_letters(CASES_EVENTS, "publicity.zhongben")
        admin_producer = Producer(kafka.admin_config())
        admin_producer.produce(topic, b"{}", b"case-9", headers=[
            ("ce_id", b"acl-case-9"), ("dlq_original_topic", CASES_EVENTS.encode())])
        assert admin_producer.flush(30) == 0
        login(monkeypatch, kafka, "zhixing-operator")
        assert depths(kafka.bootstrap)[topic] == 1
        (record,) = parked(kafka.bootstrap, topic, 10)
        assert record.headers["ce_id"] == "acl-case-9"

    def test_the_topics_writer_replays_a_dead_letter_when_the_runbook_runs_it_in_its_pod(
            self, kafka, monkeypatch):
        # poison-message.md runs `zhixing dlq replay` in the writer's relay: cases reads
        # the record publicity's group parked and puts it back on its own topic.
        topic = dead_letters(CASES_EVENTS, "publicity.case-progress")
        key, value, headers = event("case-replayed")
        admin_producer = Producer(kafka.admin_config())
        admin_producer.produce(topic, value, key, headers=[
            *headers, ("dlq_original_topic", CASES_EVENTS.encode())])
        assert admin_producer.flush(30) == 0
        login(monkeypatch, kafka, "zhixing-cases")
        done = replay(kafka.bootstrap, topic, 0, 0)
        assert done.headers["ce_id"] == "acl-case-replayed"
        replayed = [m for m in read_all(kafka, CASES_EVENTS, timeout=30)
                    if m.key() == b"case-replayed"]
        assert replayed
