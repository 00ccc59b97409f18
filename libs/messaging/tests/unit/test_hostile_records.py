"""A hostile Kafka record becomes a malformed delivery (and so a dead letter), whatever
its body: nothing a publisher sends may raise out of parsing and stop the consumer's
receive loop, which would drop the rest of the fetched batch unparked (DESIGN §4)."""

from __future__ import annotations

from zhixing.contracts.envelope import CloudEvent
from zhixing.messaging.sources import parse_record


def _headers() -> list[tuple[str, bytes]]:
    event = CloudEvent(id="e-1", source="/hostile", type="zhixing.cases.case_filed.v1",
                       time="2026-03-02T02:00:00Z", subject="s", court="川0104",
                       region="chengdu", sequence=1, position=1, data={})
    return event.to_kafka()[1]


class TestHostileBody:
    def test_the_record_is_malformed_when_its_json_nests_too_deeply(self):
        delivery = parse_record("t-0", 7, b"[" * 100_000, _headers())
        assert delivery.event is None
        assert "unreadable data" in delivery.malformed

    def test_the_record_is_malformed_when_its_data_is_not_utf8(self):
        delivery = parse_record("t-0", 8, b"\xff\xfe{", _headers())
        assert delivery.event is None and delivery.malformed
