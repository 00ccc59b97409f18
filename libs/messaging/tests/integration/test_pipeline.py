"""The tracked consumer over the notification-log source (embedded mode, DESIGN §5)."""

from __future__ import annotations

from zhixing.contracts.envelope import CloudEvent
from zhixing.messaging.consumer import TrackedConsumer
from zhixing.messaging.sources import Delivery, NotificationLogSource


def drain(consumer: TrackedConsumer) -> None:
    while consumer.run_once(timeout=0.01):
        pass


class TestOutbox:
    def test_event_ids_are_stable_when_the_log_is_read_again(self, outbox, write_notes):
        write_notes("a", "b")
        first = [e.id for entry in outbox.read(0) for e in entry.events]
        again = [e.id for entry in outbox.read(0) for e in entry.events]
        assert first == again and len(set(first)) == 2

    def test_envelope_carries_sequence_position_and_subject(self, outbox, write_notes):
        write_notes("a")
        [entry] = outbox.read(0)
        [event] = entry.events
        assert (event.sequence, event.position, event.region) == (1, entry.position, "chengdu")
        assert event.type == "test.Noted" and event.data == {"text": "a"}

    def test_kafka_form_round_trips(self, outbox, write_notes):
        write_notes("a")
        [event] = outbox.read(0)[0].events
        value, headers = event.to_kafka()
        assert CloudEvent.from_kafka(value, headers) == event


class TestTrackedConsumer:
    def test_every_event_is_applied_once_in_order(self, outbox, write_notes, note_view,
                                                  view_store):
        write_notes("a", "b", "c")
        drain(TrackedConsumer(NotificationLogSource(outbox), note_view, view_store, group="v"))
        assert note_view.texts() == ["a", "b", "c"]

    def test_restart_resumes_after_the_tracked_position(self, outbox, write_notes, note_view,
                                                        view_store):
        write_notes("a", "b")
        drain(TrackedConsumer(NotificationLogSource(outbox), note_view, view_store, group="v"))
        write_notes("c")
        drain(TrackedConsumer(NotificationLogSource(outbox), note_view, view_store, group="v"))
        assert note_view.texts() == ["a", "b", "c"]

    def test_duplicate_ce_id_is_skipped(self, outbox, write_notes, note_view, view_store):
        write_notes("a")
        [event] = outbox.read(0)[0].events
        replayed = [Delivery("x/0", 1, event), Delivery("x/0", 2, event)]

        class Replay(NotificationLogSource):
            def poll(self, timeout: float) -> list[Delivery]:
                batch, replayed[:] = list(replayed), []
                return batch

        drain(TrackedConsumer(Replay(outbox), note_view, view_store, group="v"))
        assert note_view.texts() == ["a"]

    def test_id_seen_in_an_earlier_batch_is_skipped_in_a_later_one(self, outbox, write_notes,
                                                                   note_view, view_store):
        write_notes("a", "b")
        first, second = [e for entry in outbox.read(0) for e in entry.events]
        batches = [[Delivery("x/0", 1, first)], [Delivery("x/0", 2, first),
                                                  Delivery("x/0", 3, second)]]

        class Replay(NotificationLogSource):
            def poll(self, timeout: float) -> list[Delivery]:
                return batches.pop(0) if batches else []

        drain(TrackedConsumer(Replay(outbox), note_view, view_store, group="v"))
        assert note_view.texts() == ["a", "b"]

    def test_poison_is_parked_and_later_events_still_applied(self, outbox, write_notes,
                                                             note_view, view_store):
        write_notes("a", "poison", "b")
        consumer = TrackedConsumer(NotificationLogSource(outbox), note_view, view_store,
                                   group="v")
        drain(consumer)
        assert note_view.texts() == ["a", "b"]
        with view_store.transaction() as cur:
            cur.execute("SELECT error FROM dead_letters WHERE consumer = 'v'")
            [(error,)] = cur.fetchall()
        assert "cannot show poison" in error
