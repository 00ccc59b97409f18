"""The partner mirror finding the list's topic (examples/partner_mirror), without a broker:
a topic created a moment before the mirror starts may not be in the metadata yet."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from examples.partner_mirror.mirror import _partitions

TOPIC = "t1.zhixing.credit.list.v1"


class BrokerMetadata:
    """What `list_topics` answers, look after look: the topic missing, then known but
    without a leader yet, then with its partitions — as right after its creation."""

    def __init__(self, *answers: SimpleNamespace | None) -> None:
        self.answers = list(answers)
        self.looks = 0

    def list_topics(self, topic: str, timeout: float) -> SimpleNamespace:
        answer = self.answers[min(self.looks, len(self.answers) - 1)]
        self.looks += 1
        return SimpleNamespace(topics={topic: answer} if answer is not None else {})


NO_LEADER = SimpleNamespace(error="LEADER_NOT_AVAILABLE", partitions={})
READY = SimpleNamespace(error=None, partitions={2: object(), 0: object(), 1: object()})


class TestFindingTheTopic:
    def test_partitions_are_found_when_the_topic_reaches_the_metadata_late(self):
        broker = BrokerMetadata(None, NO_LEADER, READY)
        assert (_partitions(broker, TOPIC, timeout=30), broker.looks) == ([0, 1, 2], 3)

    def test_lookup_error_names_the_topic_when_it_never_appears(self):
        broker = BrokerMetadata(None)
        with pytest.raises(LookupError, match=f"topic {TOPIC} not found on the broker"):
            _partitions(broker, TOPIC, timeout=0.3)
        assert broker.looks >= 2
