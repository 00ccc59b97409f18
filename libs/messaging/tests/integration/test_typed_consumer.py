"""A typed handler under the tracked consumer: an unreadable payload is parked."""

from __future__ import annotations

from typing import Any

from zhixing.messaging.consumer import InOrder, TrackedConsumer
from zhixing.messaging.sources import Delivery, NotificationLogSource

from ..bells import Belfry, Rang, envelope


class TestUnderTheTrackedConsumer:
    def test_a_payload_that_fails_validation_is_parked_when_others_pass(self, view_store):
        good, bad = (envelope(Rang.event_type, {"bell": "a"}, id="ok"),
                     envelope(Rang.event_type, {"times": "x"}, id="bad"))
        belfry = Belfry()
        batches = [[Delivery("x/0", 1, good), Delivery("x/0", 2, bad)]]

        class Replay(NotificationLogSource):
            def poll(self, timeout: float) -> list[Delivery]:
                return batches.pop(0) if batches else []

        consumer = TrackedConsumer(Replay(_NoLog()), InOrder(belfry), view_store, group="b")
        consumer.run_once(0)
        assert belfry.heard[-1] == ("rang", Rang(bell="a"))
        with view_store.transaction() as cur:
            cur.execute("SELECT position, error FROM dead_letters WHERE consumer = 'b'")
            [(position, error)] = cur.fetchall()
        assert position == 2 and error.startswith("UnreadableEvent: Rang (ce_id bad): bell: Field required")


class _NoLog:
    stream = "x/0"

    def read(self, after: int, limit: int | None = None) -> list[Any]:
        return []
