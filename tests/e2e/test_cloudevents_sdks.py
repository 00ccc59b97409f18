"""The official CloudEvents SDKs read every record Zhixing publishes (issue 18, D3).

One record of every registered event type goes onto a topic of the real Kafka broker of
`make test`, enveloped and produced as the relay does (`CloudEvent.of` as the outbox
builds it, `to_kafka()`, the project's `KafkaPublisher`), with a trace context and two
events of one case at versions 9 and 10. The readers of examples/cloudevents-readers —
Java (io.cloudevents:cloudevents-kafka) and JavaScript (npm `cloudevents` over kafkajs) —
print one JSON line per record. Every type must be read by both, the Sequence extension
must sort as the versions do, `ce_traceparent` must arrive as an extension, a record with
no court must carry no court, and the tombstone must be reported by the consumer the
README shows rather than thrown on.

The readers are built once into ~/.cache/zhixing (keyed by their files' contents): Maven
from Maven Central, npm from the npm registry.
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from testkit.sdk_readers import READERS, java_reader, js_reader
from testkit.stack import stack_settings
from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events import IntegrationEvent, all_models
from zhixing.contracts.events.cases.v1 import CaseAssigned, DeadlineExtended
from zhixing.contracts.events.credit.v1 import DebtorCleared, DebtorCreditState
from zhixing.contracts.examples import every, example, identity_number
from zhixing.messaging.kafka import KafkaPublisher, ensure_topics

pytestmark = pytest.mark.connected

TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
CASE = str(uuid.UUID(int=0xC45E))
"""The case whose events at versions 9 and 10 go on the topic (same key: one partition)."""
READ_TIMEOUT = 180  # seconds: a JVM and a node process joining a group on 2 busy cores


def _cloud(event: IntegrationEvent, position: int, version: int,
           aggregate_id: str | None = None) -> CloudEvent:
    context = event.event_type.split(".")[2]  # cn.zhixing.<context>.v1.<Event>
    return CloudEvent.of(event, source=f"/zhixing/chengdu/{context}", region="chengdu",
                         position=position, aggregate_id=aggregate_id or str(uuid.uuid4()),
                         version=version, timestamp=datetime(2026, 3, 2, 1, 30, tzinfo=UTC),
                         traceparent=TRACEPARENT)


def _records() -> list[CloudEvent]:
    """One of every type (versions 1-3), then the case's events at versions 9 and 10."""
    clouds = [_cloud(event, n + 1, 1 + n % 3) for n, event in enumerate(every())]
    return [*clouds, _cloud(example(CaseAssigned), len(clouds) + 1, 9, CASE),
            _cloud(example(DeadlineExtended), len(clouds) + 2, 10, CASE)]


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str, list[CloudEvent]]:
    settings = stack_settings(tmp_path_factory.mktemp("sdks"))
    topic = settings.topic("zhixing.cloudevents-sdks.v1")
    ensure_topics(settings.kafka_bootstrap, [topic])
    clouds = _records()
    publisher = KafkaPublisher(settings.kafka_bootstrap)
    try:
        publisher.publish_all(topic, [(cloud.key, *cloud.to_kafka()) for cloud in clouds])
    finally:
        publisher.close()
    return settings.kafka_bootstrap, topic, clouds


def _read(command: list[str], env: dict[str, str] | None, published: Any) -> list[dict[str, Any]]:
    bootstrap, topic, clouds = published
    done = subprocess.run([*command, bootstrap, topic, str(len(clouds))], env=env,
                          capture_output=True, text=True, timeout=READ_TIMEOUT, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line for line in lines if "error" in line] == [], "records the SDK could not read"
    return lines


@pytest.fixture(scope="module")
def read_by(published: Any) -> dict[str, list[dict[str, Any]]]:
    java, (js, js_env) = java_reader(), js_reader()
    return {"java": _read(java, None, published), "js": _read(js, js_env, published)}


def _lines(process: subprocess.Popen[str], count: int) -> list[dict[str, Any]]:
    """The first `count` lines a running process prints, each within READ_TIMEOUT."""
    lines: queue.Queue[str] = queue.Queue()
    assert process.stdout is not None
    stdout = process.stdout
    threading.Thread(target=lambda: [lines.put(line) for line in stdout], daemon=True).start()
    try:
        return [json.loads(lines.get(timeout=READ_TIMEOUT)) for _ in range(count)]
    except queue.Empty:
        raise AssertionError(f"the process printed fewer than {count} lines") from None


SDKS = ("java", "js")


class TestOfficialSdks:
    @pytest.mark.parametrize("sdk", SDKS)
    def test_every_type_is_read_with_its_data_when_published_as_the_relay_does(self, read_by, published, sdk):
        lines, clouds = read_by[sdk], published[2]
        assert len(lines) == len(clouds)
        events = {line["event"]["id"]: line["event"] for line in lines if not line["tombstone"]}
        for cloud in clouds:
            if cloud.tombstone:
                continue
            event = events[cloud.id]
            assert (event["type"], event["source"], event["subject"]) == (
                cloud.type, cloud.source, cloud.subject)
            assert event["data"] == cloud.data
        read_types = {line["event"]["type"] for line in lines if not line["tombstone"]}
        read_types |= {line["type"] for line in lines if line["tombstone"]}
        assert read_types == {model.event_type for model in all_models()}

    @pytest.mark.parametrize("sdk", SDKS)
    def test_sequence_sorts_in_version_order_when_versions_are_9_and_10(self, read_by, sdk):
        of_case = [line["event"] for line in read_by[sdk]
                   if not line["tombstone"] and line["event"]["subject"] == CASE]
        sequences = [event["sequence"] for event in of_case]  # in the order read (one partition)
        assert [int(sequence) for sequence in sequences] == [9, 10]
        assert sorted(sequences) == sequences  # "10" alone would sort before "9"

    @pytest.mark.parametrize("sdk", SDKS)
    def test_trace_context_is_the_tracing_extension_when_the_event_has_one(self, read_by, sdk):
        events = [line["event"] for line in read_by[sdk] if not line["tombstone"]]
        assert {event.get("traceparent") for event in events} == {TRACEPARENT}

    @pytest.mark.parametrize("sdk", SDKS)
    def test_court_is_absent_when_the_event_names_none(self, read_by, sdk):
        events = {line["event"]["type"]: line["event"] for line in read_by[sdk] if not line["tombstone"]}
        assert "court" not in events[DebtorCreditState.event_type]
        assert events[CaseAssigned.event_type]["court"] == "川0104"

    @pytest.mark.parametrize("sdk", SDKS)
    def test_tombstone_is_reported_by_key_when_the_value_is_null(self, read_by, sdk):
        [tombstone] = [line for line in read_by[sdk] if line["tombstone"]]
        cleared = example(DebtorCleared)
        assert (tombstone["type"], tombstone["key"], tombstone["subject"]) == (
            DebtorCleared.event_type, cleared.key(), cleared.key())

    def test_js_sdk_throws_on_a_tombstone_when_the_value_is_not_checked_first(self, published):
        _, env = js_reader()
        _, headers = next(c for c in published[2] if c.tombstone).to_kafka()
        script = ("const { Kafka } = require('cloudevents');"
                  "try { Kafka.toEvent({ key: 'k', value: null, headers: JSON.parse(process.argv[1]) });"
                  " console.log('read'); } catch (error) { console.log(error.message); }")
        done = subprocess.run(["node", "-e", script, json.dumps({k: v.decode() for k, v in headers})],
                              env=env, capture_output=True, text=True, timeout=60, check=True)
        assert done.stdout.strip() == "Value is null or undefined"  # why the README's check



class TestReadmeConsumer:
    """The README's consumer is examples/cloudevents-readers/js/mirror.js, verbatim."""

    def test_readme_shows_the_mirror_when_it_explains_tombstones(self):
        readme = (Path(__file__).parents[2] / "README.md").read_text()
        assert f"```js\n{(READERS / 'js' / 'mirror.js').read_text()}```" in readme

    def test_mirror_forgets_the_debtor_when_its_tombstone_arrives(self, published):
        bootstrap, topic, _ = published
        topic = f"{topic}.list"
        ensure_topics(bootstrap, [topic])
        state = example(DebtorCreditState)
        other = state.model_copy(update={"identity_number": identity_number(2)})
        clouds = [_cloud(state, 1, 1), _cloud(example(DebtorCleared), 2, 2), _cloud(other, 3, 1)]
        publisher = KafkaPublisher(bootstrap)
        try:
            publisher.publish_all(topic, [(cloud.key, *cloud.to_kafka()) for cloud in clouds])
        finally:
            publisher.close()
        _, env = js_reader()
        mirror = subprocess.Popen(["node", str(READERS / "js" / "mirror.js"), bootstrap, topic],
                                  env=env, stdout=subprocess.PIPE, text=True)
        try:
            seen = _lines(mirror, len(clouds))  # one line per record
        finally:
            mirror.terminate()
            mirror.wait(30)
        by_key = {key: [line["listed"] for line in seen if line["key"] == key]
                  for key in (state.identity_number, other.identity_number)}
        assert by_key == {state.identity_number: [True, False], other.identity_number: [True]}
