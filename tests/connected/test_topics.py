"""Topic creation on the real broker."""

from __future__ import annotations

import subprocess
import sys
import uuid

import pytest

from testkit.stack import stack_settings

pytestmark = pytest.mark.connected


def test_a_topic_named_twice_is_created_once_without_crashing(tmp_path):
    """Two subscriptions of one service on the same topic ask for it twice; librdkafka
    kills the process (SIGSEGV) when a create request repeats a topic."""
    settings = stack_settings(tmp_path)
    topic = f"{settings.topic_namespace}.twice.{uuid.uuid4().hex[:6]}"
    script = ("import sys; from zhixing.messaging.kafka import ensure_topics; "
              "ensure_topics(sys.argv[1], [sys.argv[2], sys.argv[2]]); print('ok')")
    done = subprocess.run([sys.executable, "-c", script, settings.kafka_bootstrap, topic],
                          capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout.strip()) == (0, "ok"), done.stderr[-500:]


def test_the_credit_list_is_compacted_even_when_a_producer_created_it_first(tmp_path):
    """Kafka auto-creates a topic on first produce, with the delete policy: the list
    would lose listed debtors by age. `ensure_topics` sets compaction on it."""
    from confluent_kafka import Producer
    from confluent_kafka.admin import AdminClient, ConfigResource, ResourceType

    from zhixing.contracts.topics import CREDIT_LIST
    from zhixing.messaging.kafka import ensure_topics

    settings = stack_settings(tmp_path)
    topic = settings.topic(CREDIT_LIST)
    producer = Producer({"bootstrap.servers": settings.kafka_bootstrap})
    producer.produce(topic, b"{}", b"key")
    assert producer.flush(30) == 0
    admin, resource = AdminClient({"bootstrap.servers": settings.kafka_bootstrap}), \
        ConfigResource(ResourceType.TOPIC, topic)

    def policy() -> str:
        return str(admin.describe_configs([resource])[resource].result()["cleanup.policy"].value)

    assert policy() == "delete"
    ensure_topics(settings.kafka_bootstrap, [topic])
    assert policy() == "compact"
