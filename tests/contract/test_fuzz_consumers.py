"""The fuzz suite over every consumer's payloads (issue 12, kept in make test): for each
consumer group and each integration event its typed handlers declare (`@on(Model)`),
payloads generated from the contract's schema and mutated from the events the suite
really published. Each is processed, or parked as a dead letter for a named reason —
`UnreadableEvent` (it does not fit its contract) or a rule's refusal; never another
exception (an OverflowError, a KeyError) and never a crash of the consumer loop.

In-process on SQLite, seeded (`derandomize`), `ZHIXING_FUZZ_PAYLOADS` payloads per
consumer and event type (default `PAYLOADS`).
"""

from __future__ import annotations

import os
from collections import Counter

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from testkit.fuzz_consumers import FuzzedConsumer, build, fuzzed_consumers, pump, refusal_names
from testkit.fuzz_events import Corpus, payloads
from zhixing.contracts.events import registered

pytestmark = pytest.mark.contract

PAYLOADS = int(os.environ.get("ZHIXING_FUZZ_PAYLOADS", "20"))
FUZZ = settings(max_examples=PAYLOADS, derandomize=True, deadline=None, database=None,
                suppress_health_check=list(HealthCheck), print_blob=False,
                phases=[Phase.explicit, Phase.generate])
"""No shrinking: a finding is reported as generated (each delivery costs a transaction)."""
OUTCOMES = {"processed", "unreadable", "refused"}
REASONS: dict[str, str] = {}
SEEN: Counter[str] = Counter()
"""Outcomes by event type: processed, unreadable, refused."""


@pytest.fixture(scope="module")
def consumers(tmp_path_factory):
    instances = build(tmp_path_factory.mktemp("consumers"))
    corpus = pump(instances)
    try:
        yield fuzzed_consumers(instances), corpus
    finally:
        for instance in instances:
            instance.close()


def outcome(reason: str, refusals: set[str]) -> str:
    """"processed", "unreadable" or "refused"; anything else is the failure itself."""
    kind = reason.split(":", 1)[0]
    if not reason:
        return "processed"
    if kind == "UnreadableEvent":
        return "unreadable"
    return "refused" if kind in refusals else reason


def fuzz_one(consumer: FuzzedConsumer, event_type: str, corpus: Corpus,
             refusals: set[str]) -> None:
    @FUZZ
    @given(data=payloads(consumer.reads[event_type], corpus))
    def check(data):
        reason = consumer.deliver(event_type, data)
        result = outcome(reason, refusals)
        SEEN[f"{event_type} {result if result in OUTCOMES else 'failed'}"] += 1
        if result not in OUTCOMES:
            REASONS[f"{consumer.group} {event_type} {reason.split(':', 1)[0]}"] = reason[:200]
        assert result in {"processed", "unreadable", "refused"}, (
            f"{consumer.group} parked {event_type} for: {result[:300]}")

    check()


class TestEveryConsumer:
    def test_every_declared_event_of_every_consumer_is_fuzzed_when_the_suite_is_built(
            self, consumers):
        fuzzed, _ = consumers
        declared = {t for c in fuzzed for t in c.reads}
        assert declared and declared <= set(registered())
        assert {c.group.split(".")[0] for c in fuzzed} >= {"cases", "assets", "credit",
                                                           "publicity"}

    def test_each_payload_is_processed_or_parked_for_a_named_reason_when_fuzzed(
            self, consumers):
        fuzzed, corpus = consumers
        refusals, failures = refusal_names(), []
        for consumer in fuzzed:
            for event_type in sorted(consumer.reads):
                try:
                    fuzz_one(consumer, event_type, corpus, refusals)
                except Exception as failure:  # gather them all: one report, every finding
                    failures.append(f"{consumer.group} {event_type}: {failure}"[:600])
        types = {key.rsplit(" ", 1)[0] for key in SEEN}
        print(f"\nconsumer fuzz: {sum(SEEN.values())} payloads over {len(types)} event "
              f"types and {len(fuzzed)} consumer groups; "
              f"{dict(Counter(k.rsplit(' ', 1)[1] for k in SEEN.elements()))}")
        for key in sorted(SEEN):
            print(f"  {key}: {SEEN[key]}")
        for key in sorted(REASONS):
            print(f"  !! {key}: {REASONS[key]}")
        assert failures == []
