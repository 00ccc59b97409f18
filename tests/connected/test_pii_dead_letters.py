"""The personal-data scanner reads the dead letters of a cluster: the errors parked in
each PostgreSQL schema and the headers of each Kafka dead-letter topic (issue 12, R60)."""

from __future__ import annotations

import psycopg
import pytest
from confluent_kafka import Producer

from testkit.pii.scan import scan
from testkit.pii.sources import kafka_dead_letters, postgres_dead_letters
from testkit.stack import stack_settings
from zhixing.cases.demo import resident_id
from zhixing.contracts.topics import CASES_EVENTS, dead_letters
from zhixing.messaging.kafka import ensure_topics
from zhixing.messaging.tracking import Tracking

pytestmark = pytest.mark.connected

PERSON = resident_id("510104", "19800101", "123")


class TestClusterDeadLetters:
    def test_a_full_id_in_a_parked_error_is_found_when_it_is_in_postgresql(self, tmp_path):
        settings = stack_settings(tmp_path)
        store = settings.sql_store("cases")
        Tracking(store, "cases.worker")
        with store.transaction() as cur:
            cur.execute("INSERT INTO dead_letters (consumer, stream, position, error) "
                        "VALUES (%s, %s, %s, %s)", ("cases.worker", "s/0", 7, f"bad {PERSON}"))
        store.close()
        findings, _ = scan(postgres_dead_letters(settings.postgres_dsn, settings.schema_prefix))
        assert [f.where for f in findings] == [f"dead letters {settings.schema('cases')}"]
        with psycopg.connect(settings.postgres_dsn, autocommit=True) as db:
            db.execute(f'DROP SCHEMA "{settings.schema("cases")}" CASCADE')

    def test_a_full_id_in_a_dead_letters_headers_is_found_when_it_is_on_kafka(self, tmp_path):
        settings = stack_settings(tmp_path)
        topic = dead_letters(settings.topic(CASES_EVENTS), "publicity.case-progress")
        ensure_topics(settings.kafka_bootstrap, [topic])
        producer = Producer({"bootstrap.servers": settings.kafka_bootstrap})
        producer.produce(topic, b"{}", headers={"dlq_error": f"bad party {PERSON}".encode()})
        producer.flush(10)
        findings, _ = scan(kafka_dead_letters(settings.kafka_bootstrap, settings.topic_namespace))
        assert [f.where for f in findings] == [f"dead letters {topic}"]
