"""`zhixing dlq list|show|replay` on a real broker (issue 13; the poison-message runbook):
a consumer that failed on every event parked them; the operator sees where and why,
fixes the consumer and replays one — it is applied once."""

from __future__ import annotations

import re
import subprocess

import pytest

from testkit.processes import ZHIXING
from testkit.stack import process_env
from testkit.waiting import wait_until
from zhixing.contracts.topics import CASES_EVENTS, dead_letters
from zhixing.messaging.consumer import TrackedConsumer
from zhixing.messaging.dlq import depths
from zhixing.messaging.kafka import KafkaEventSource

from .test_pipeline_on_kafka import publish_all

pytestmark = pytest.mark.connected
GROUP = "strict"


class Broken:
    """A consumer's handler with a defect: every event fails."""

    def handle(self, event, cursor) -> None:
        raise ValueError("defect under test")


def consume(settings, handler, store, group: str, done, what: str) -> None:
    source = KafkaEventSource(settings.kafka_bootstrap, settings.topic(CASES_EVENTS), group)
    consumer = TrackedConsumer(source, handler, store, group=group)
    try:
        wait_until(lambda: consumer.run_once(timeout=0.2) >= 0 and done(), timeout=60, what=what)
    finally:
        source.close()


def dlq(settings, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([ZHIXING, "dlq", *args], env=process_env(settings),
                          capture_output=True, text=True, timeout=60, check=False)


class TestPoisonMessageRunbook:
    def test_replayed_record_applies_once_when_the_consumer_was_fixed(
            self, settings, cases_app, file_cases, applied_log, consumer_store):
        file_cases(1)
        publish_all(settings, cases_app)
        parked_topic = dead_letters(settings.topic(CASES_EVENTS), GROUP)
        consume(settings, Broken(), consumer_store, GROUP,
                lambda: depths(settings.kafka_bootstrap).get(parked_topic, 0) >= 1,
                "the broken consumer to park its events")
        depth = depths(settings.kafka_bootstrap)[parked_topic]

        listed = dlq(settings, "list")
        assert listed.returncode == 0, listed.stderr
        assert f"{parked_topic}\t{depth}" in listed.stdout.splitlines()
        shown = dlq(settings, "show", parked_topic)
        assert shown.returncode == 0, shown.stderr
        first = shown.stdout.splitlines()[0]
        # The dead letter keeps its key, so its partition is the key's: only the offset is known.
        place, event_type, _ = first.split("\t", 2)
        assert re.fullmatch(r"\d+:0", place) and event_type == "cn.zhixing.cases.v1.CaseFiled"
        assert "\tce_id=" in first
        assert f"from {settings.topic(CASES_EVENTS)}/" in first
        assert "ValueError: defect under test" in first
        assert "张伟" not in shown.stdout  # the values (personal data) are never printed

        replayed = dlq(settings, "replay", parked_topic, place)
        assert replayed.returncode == 0, replayed.stderr
        consume(settings, applied_log, consumer_store, GROUP,
                lambda: applied_log.counts()[0] >= 1, "the fixed consumer to apply the replay")
        assert applied_log.counts() == (1, 1)
        ce_id = first.split("\t")[2].removeprefix("ce_id=")
        with consumer_store.transaction() as cur:
            cur.execute("SELECT ce_id FROM applied")
            assert cur.fetchall() == [(ce_id,)]

    def test_refused_with_one_line_when_the_place_is_not_partition_offset(self, settings):
        done = dlq(settings, "replay", "some.topic.dlq.group", "zero")
        assert done.returncode == 2
        assert "partition:offset" in done.stderr and "Traceback" not in done.stderr
