"""CloudEvents on the wire by the spec (issue 18, D3): the Sequence extension sorts, the
court is left out rather than empty, the trace context is the Distributed Tracing
extension too — and records written before all this still read."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from zhixing.contracts.envelope import CloudEvent, MalformedEvent, sequence_text
from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.cases.v1 import CaseAssigned
from zhixing.contracts.events.credit.v1 import DebtorCleared, DebtorCreditState
from zhixing.contracts.examples import every, example

TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
AGGREGATE = "7d1f2c5e-0000-4000-8000-000000000001"


def _cloud(event: IntegrationEvent, version: int = 3, traceparent: str = "") -> CloudEvent:
    return CloudEvent.of(event, source="/zhixing/chengdu/cases", region="chengdu", position=41,
                         aggregate_id=AGGREGATE, version=version,
                         timestamp=datetime(2026, 3, 2, 1, 30, tzinfo=UTC), traceparent=traceparent)


def _headers(cloud: CloudEvent) -> dict[str, bytes]:
    return dict(cloud.to_kafka()[1])


def _without(headers: list[tuple[str, bytes]], *names: str) -> list[tuple[str, bytes]]:
    return [(k, v) for k, v in headers if k not in names]


class TestSequenceExtension:
    def test_sequence_is_zero_padded_to_20_digits_when_written(self):
        assert _headers(_cloud(example(CaseAssigned), version=10))["ce_sequence"] == b"00000000000000000010"

    def test_sequences_sort_as_versions_when_compared_as_strings(self):
        versions = [10, 9, 100, 1, 2**63, 0, 99]
        written = [_headers(_cloud(example(CaseAssigned), version=v))["ce_sequence"] for v in versions]
        assert [int(text) for text in sorted(written)] == sorted(versions)

    def test_sequence_is_read_as_the_int_when_padded_or_not(self):
        value, headers = _cloud(example(CaseAssigned), version=10).to_kafka()
        unpadded = [*_without(headers, "ce_sequence"), ("ce_sequence", b"10")]  # before issue 18
        assert CloudEvent.from_kafka(value, headers).sequence == 10
        assert CloudEvent.from_kafka(value, unpadded).sequence == 10

    @pytest.mark.parametrize("text", [b"", b"-1", b"+1", b"1_0", b" 1", b"\xd9\xa3", b"1" * 21])
    def test_record_is_malformed_naming_the_header_when_sequence_is_not_decimal(self, text):
        value, headers = _cloud(example(CaseAssigned)).to_kafka()
        with pytest.raises(MalformedEvent, match="ce_sequence must be 1 to 20 decimal digits"):
            CloudEvent.from_kafka(value, [*_without(headers, "ce_sequence"), ("ce_sequence", text)])

    def test_writing_refuses_a_version_out_of_range_when_negative_or_too_long(self):
        for version in (-1, 10**20):
            with pytest.raises(ValueError, match="sequence must be 0 to"):
                sequence_text(version)


class TestCourtExtension:
    def test_court_header_is_absent_when_the_event_names_no_court(self):
        for model in (DebtorCreditState, DebtorCleared):
            cloud = _cloud(example(model))
            assert cloud.court == ""
            assert "ce_court" not in _headers(cloud)

    def test_court_header_carries_the_court_when_the_event_names_one(self):
        assert _headers(_cloud(example(CaseAssigned)))["ce_court"] == b"\xe5\xb7\x9d0104"  # 川0104

    def test_court_reads_empty_when_the_header_is_missing_or_empty(self):
        value, headers = _cloud(example(CaseAssigned)).to_kafka()
        missing = _without(headers, "ce_court")
        assert CloudEvent.from_kafka(value, missing).court == ""
        assert CloudEvent.from_kafka(value, [*missing, ("ce_court", b"")]).court == ""


class TestTracingExtension:
    def test_trace_context_is_both_extension_and_w3c_header_when_the_event_has_one(self):
        headers = _headers(_cloud(example(CaseAssigned), traceparent=TRACEPARENT))
        assert headers["ce_traceparent"] == headers["traceparent"] == TRACEPARENT.encode()

    def test_no_trace_headers_when_the_event_has_no_trace_context(self):
        assert {"ce_traceparent", "traceparent"}.isdisjoint(_headers(_cloud(example(CaseAssigned))))

    def test_trace_context_is_read_when_only_the_w3c_header_was_written(self):
        value, headers = _cloud(example(CaseAssigned), traceparent=TRACEPARENT).to_kafka()
        assert CloudEvent.from_kafka(value, _without(headers, "ce_traceparent")).traceparent == TRACEPARENT


class TestEveryType:
    def test_every_example_reads_back_equal_when_written_as_the_relay_writes(self):
        for event in every():
            cloud = _cloud(event, traceparent=TRACEPARENT)
            assert CloudEvent.from_kafka(*cloud.to_kafka()) == (
                cloud if not event.tombstone else CloudEvent(**{**cloud.__dict__, "data": {}}))

    def test_tombstone_has_a_null_value_and_every_header_when_written(self):
        value, headers = _cloud(example(DebtorCleared), traceparent=TRACEPARENT).to_kafka()
        assert value is None
        assert {"ce_specversion", "content-type", "ce_id", "ce_type", "ce_subject",
                "ce_sequence", "ce_traceparent"} <= dict(headers).keys()

    def test_subject_is_the_model_key_else_the_aggregate_when_enveloped(self):
        assert _cloud(example(DebtorCreditState)).subject == example(DebtorCreditState).key()
        assert _cloud(example(CaseAssigned)).subject == AGGREGATE
