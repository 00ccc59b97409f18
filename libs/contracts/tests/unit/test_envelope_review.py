"""Review of issue 18's envelope as an attacker (R-A): `ce_sequence` and `ce_position`
are read into the views' BIGINT version columns, so a record whose number no store can
hold is malformed when read — parked at once, naming the header — rather than failing
every handler attempt with the driver's overflow."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from zhixing.contracts.envelope import CloudEvent, MalformedEvent
from zhixing.contracts.events.cases.v1 import CaseAssigned
from zhixing.contracts.examples import example

INT64_MAX = 2**63 - 1


def _record(**headers: bytes) -> tuple[bytes | None, list[tuple[str, bytes]]]:
    cloud = CloudEvent.of(example(CaseAssigned), source="/zhixing/chengdu/cases",
                          region="chengdu", position=41, aggregate_id="a", version=3,
                          timestamp=datetime(2026, 3, 2, 1, 30, tzinfo=UTC))
    value, written = cloud.to_kafka()
    return value, [(k, v) for k, v in written if k not in headers] + list(headers.items())


class TestNumbersAStoreCanHold:
    @pytest.mark.parametrize("header", ["ce_sequence", "ce_position"])
    @pytest.mark.parametrize("number", [INT64_MAX + 1, 10**20 - 1])
    def test_record_is_malformed_naming_the_header_when_beyond_a_signed_64_bit_int(
            self, header, number):
        value, headers = _record(**{header: str(number).encode()})
        with pytest.raises(MalformedEvent, match=f"{header} must be at most {INT64_MAX}"):
            CloudEvent.from_kafka(value, headers)

    def test_the_largest_signed_64_bit_int_is_read_when_padded_to_20_digits(self):
        value, headers = _record(ce_sequence=f"{INT64_MAX:020d}".encode())
        assert CloudEvent.from_kafka(value, headers).sequence == INT64_MAX
