"""`zhixing publicity rebuild dishonest_list` in a cluster: replayed from the credit topic
on a real Kafka broker into PostgreSQL, the public list equals the live one row for row."""

from __future__ import annotations

import io
import uuid

import pytest
from confluent_kafka import Producer

from testkit.waiting import wait_until
from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events.credit.v1 import ListingPublished, ListingRemoved
from zhixing.contracts.topics import CREDIT_EVENTS
from zhixing.messaging.consumer import TrackedConsumer
from zhixing.messaging.kafka import KafkaEventSource, ensure_topics
from zhixing.publicity.bootstrap import build
from zhixing.publicity.projections.dishonest_list import TABLES
from zhixing.runtime import rebuild

pytestmark = pytest.mark.connected
COURTS = ("川0104", "渝0103")
PERSON_ID = "510104199803121239"


def cloud(event, subject: str) -> CloudEvent:  # type: ignore[no-untyped-def]
    return CloudEvent(id=uuid.uuid4().hex, source="/zhixing/chengdu/credit",
                      type=event.event_type, time="2026-05-10T01:00:00Z", subject=subject,
                      court=event.court_code, region="chengdu", sequence=1, position=0,
                      data=event.model_dump(mode="json"))


def history(n: int) -> list[CloudEvent]:
    events = []
    for i in range(n):
        events.append(cloud(ListingPublished(
            listing_id=f"L{i}", court_code=COURTS[i % 2], debtor_identity_number=PERSON_ID,
            case_id=f"c{i}", case_number=f"(2026)川0104执{i}号", debtor_name="张三丰",
            debtor_kind="person", grounds=[1], decided_on="2026-04-20",
            published_on="2026-05-10"), f"L{i}"))
        if i % 4 == 0:
            events.append(cloud(ListingRemoved(
                listing_id=f"L{i}", court_code=COURTS[i % 2], debtor_identity_number=PERSON_ID,
                case_id=f"c{i}", reason=1, triggered_on="2026-06-01", remove_by="2026-06-04",
                removed_on="2026-06-02"), f"L{i}"))
    return events


def publish(bootstrap: str, topic: str, events: list[CloudEvent]) -> None:
    producer = Producer({"bootstrap.servers": bootstrap, "enable.idempotence": True})
    for event in events:
        value, headers = event.to_kafka()
        producer.produce(topic, value=value, key=event.key, headers=headers)
    assert producer.flush(30) == 0


def tables(store) -> dict[str, list[tuple[object, ...]]]:  # type: ignore[no-untyped-def]
    with store.transaction(read_only=True) as cur:
        found = {}
        for name in TABLES.tables:
            cur.execute(f"SELECT * FROM {name}")
            found[name] = sorted(cur.fetchall())
        return found


class TestRebuildFromTheTopic:
    def test_the_public_list_equals_the_live_one_when_rebuilt_from_kafka(self, settings):
        topic = settings.topic(CREDIT_EVENTS)
        ensure_topics(settings.kafka_bootstrap, [topic])
        publish(settings.kafka_bootstrap, topic, history(200))
        publicity = build(settings)
        target = rebuild.targets(publicity)["dishonest_list"]
        live = TrackedConsumer(KafkaEventSource(settings.kafka_bootstrap, topic, target.group),
                               target.projection, publicity.store, group=target.group)
        try:
            wait_until(lambda: live.run_once(0.2) >= 0 and live.processed_count >= 250,
                       timeout=90, what="the live consumer to read the topic")
            before = tables(publicity.store)
            version = rebuild.run(settings, "publicity", "dishonest_list", out=io.StringIO())
            assert (version, tables(publicity.store)) == (2, before)
            assert len(before["dishonest_list"]) == 150
        finally:
            live.source.close()
            publicity.close()
