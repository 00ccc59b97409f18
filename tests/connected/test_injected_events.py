"""Injected events in cluster mode (real Kafka) and the injected-events store on
PostgreSQL: the same contract checks, the other backends (STYLE 10)."""

from __future__ import annotations

import pytest

from testkit.waiting import wait_until
from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events import IntegrationEvent, parse
from zhixing.contracts.topics import ASSETS_EVENTS
from zhixing.messaging.injected import InjectedEvents
from zhixing.messaging.kafka import KafkaEventSource
from zhixing.messaging.sources import Delivery
from zhixing.runtime.inject import InvalidEvent, publish_event

pytestmark = pytest.mark.connected


class PropertyFound(IntegrationEvent):
    """A private test model, injected on the assets topic as an operator would."""

    event_type = "test.connected.PropertyFound"
    topic = ASSETS_EVENTS
    case_id: str
    court_code: str
    value_fen: int


FOUND = {"case_id": "c-1", "court_code": "川0104", "value_fen": 120_000_00}


def receive(settings, expected: int, timeout: float = 60) -> list[Delivery]:
    """What a fresh consumer group reads from the start of the assets topic."""
    source = KafkaEventSource(settings.kafka_bootstrap, settings.topic(ASSETS_EVENTS), "probe")
    source.start(lambda stream: None)
    received: list[Delivery] = []
    try:
        wait_until(lambda: received.extend(source.poll(0.5)) or len(received) >= expected,
                   timeout=timeout, what=f"{expected} record(s) on the assets topic")
    finally:
        source.close()
    return received


class TestInjectionOnKafka:
    def test_the_event_is_a_record_the_kafka_source_delivers_and_the_contract_parses(
            self, settings):
        published = publish_event(settings, PropertyFound.event_type, FOUND, subject="c-1")
        [delivery] = receive(settings, 1)
        event = delivery.event
        assert event is not None, delivery.malformed
        assert event.id == published.event.id and event.subject == "c-1"
        assert parse(event.type, event.data) == PropertyFound(**FOUND)
        assert delivery.stream.startswith(f"{settings.topic(ASSETS_EVENTS)}/")
        # The handle is the fetched batch; find this delivery's record in it.
        [record] = [r for r in delivery.handle.raw_message if r.offset() == delivery.position]
        assert record.key() == b"c-1"  # keyed by subject

    def test_invalid_data_puts_nothing_on_the_topic(self, settings):
        with pytest.raises(InvalidEvent, match="value_fen"):
            publish_event(settings, PropertyFound.event_type, {**FOUND, "value_fen": "lots"})
        publish_event(settings, PropertyFound.event_type, {**FOUND, "case_id": "c-2"})
        [delivery] = receive(settings, 1)
        assert delivery.event is not None and delivery.event.data["case_id"] == "c-2"


class TestInjectedEventsOnPostgres:
    def test_positions_increase_and_events_read_back_whole(self, settings):
        injected = InjectedEvents(settings.sql_store("injected"), settings.field_cipher)
        try:
            events = [_event(f"e{n}") for n in range(3)]
            positions = [injected.append(ASSETS_EVENTS, event) for event in events]
            entries = injected.log(ASSETS_EVENTS).read(positions[0])
            assert positions == sorted(positions) and len(set(positions)) == 3
            assert [e.events[0].id for e in entries] == ["e1", "e2"]
            assert injected.log(ASSETS_EVENTS).head() == positions[-1]
        finally:
            injected.close()


def _event(id: str) -> CloudEvent:
    return CloudEvent(id=id, source="/zhixing/chengdu/injected", type=PropertyFound.event_type,
                      time="2026-01-05T01:00:00Z", subject="c-1", court="川0104",
                      region="chengdu", sequence=0, position=0, data=FOUND)
