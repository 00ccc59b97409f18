"""Injected events: a topic with no publisher in process still reads as a notification
log, so a tracked consumer follows it exactly as it follows a service's outbox."""

from __future__ import annotations

from dataclasses import replace

import pytest

from testkit.notes import NoteView
from zhixing.contracts.envelope import CloudEvent
from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.keys import KeyRing, new_key
from zhixing.eventstore.sql import SqlStore
from zhixing.messaging.consumer import TrackedConsumer
from zhixing.messaging.injected import InjectedEvents
from zhixing.messaging.sources import NotificationLogSource

TOPIC = "zhixing.test.injected.v1"


def noted(text: str, id: str = "") -> CloudEvent:
    return CloudEvent(id=id or f"id-{text}", source="/zhixing/chengdu/injected",
                      type="test.Noted", time="2026-01-05T01:00:00Z", subject="note-1",
                      court="川0104", region="chengdu", sequence=0, position=0,
                      data={"text": text})


def drain(consumer: TrackedConsumer) -> None:
    while consumer.run_once(timeout=0.01):
        pass


@pytest.fixture
def injected(tmp_path):
    events = InjectedEvents(SqlStore(sqlite_path=tmp_path / "injected" / "events.db"),
                            FieldCipher(KeyRing.from_text(new_key())))
    yield events
    events.close()


class TestInjectedEvents:
    def test_an_event_reads_back_whole_with_its_position(self, injected):
        position = injected.append(TOPIC, noted("a"))
        [entry] = injected.log(TOPIC).read(0)
        [event] = entry.events
        assert entry.position == event.position == position
        assert event == replace(noted("a"), position=position)

    def test_positions_increase_and_each_topic_reads_only_its_own(self, injected):
        first = injected.append(TOPIC, noted("a"))
        injected.append("zhixing.other.v1", noted("elsewhere"))
        second = injected.append(TOPIC, noted("b"))
        entries = injected.log(TOPIC).read(0)
        assert [e.position for e in entries] == [first, second] and first < second
        assert [e.events[0].data["text"] for e in entries] == ["a", "b"]
        assert injected.log(TOPIC).head() == second

    def test_read_starts_after_the_given_position_and_honours_the_limit(self, injected):
        positions = [injected.append(TOPIC, noted(t)) for t in "abc"]
        assert [e.position for e in injected.log(TOPIC).read(positions[0], 1)] == [positions[1]]

    def test_head_is_zero_when_nothing_was_injected_on_the_topic(self, injected):
        injected.append("zhixing.other.v1", noted("elsewhere"))
        assert injected.log(TOPIC).head() == 0

    def test_the_envelope_is_not_readable_in_the_file_when_injected(self, injected, tmp_path):
        """R60: an injected event carries personal data; it is sealed at rest."""
        injected.append(TOPIC, noted("欧阳明远 51010419800101105X"))
        injected.close()
        stored = b"".join(p.read_bytes() for p in (tmp_path / "injected").glob("events.db*"))
        assert "欧阳明远".encode() not in stored and b"51010419800101105X" not in stored
        assert b"\\u6b27" not in stored  # nor JSON-escaped

    def test_the_log_has_a_stream_of_its_own_per_topic(self, injected):
        assert injected.log(TOPIC).stream == f"injected/{TOPIC}/notifications"
        assert injected.log(TOPIC).topic == TOPIC


class TestFollowingInjectedEvents:
    def test_a_tracked_consumer_applies_each_injected_event_once(self, injected, view_store):
        view = NoteView(view_store)
        injected.append(TOPIC, noted("a"))
        injected.append(TOPIC, noted("b"))
        consumer = TrackedConsumer(NotificationLogSource(injected.log(TOPIC)), view, view_store,
                                   group="v")
        drain(consumer)
        drain(consumer)
        assert view.texts() == ["a", "b"]

    def test_restart_resumes_after_the_tracked_position(self, injected, view_store):
        view = NoteView(view_store)
        injected.append(TOPIC, noted("a"))
        drain(TrackedConsumer(NotificationLogSource(injected.log(TOPIC)), view, view_store,
                              group="v"))
        injected.append(TOPIC, noted("b"))
        restarted = TrackedConsumer(NotificationLogSource(injected.log(TOPIC)), view, view_store,
                                    group="v")
        drain(restarted)
        assert view.texts() == ["a", "b"]
        assert restarted.processed_count == 1
