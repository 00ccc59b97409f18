"""The partner mirror (examples/partner_mirror) on the real Kafka broker (R42, DESIGN §4).

The test plays the credit service: it puts DebtorCreditState records and DebtorCleared
tombstones on the compacted list topic, built from the contract models as the relay
builds them. A mirror started after the first round catches up and keeps following the
second; a mirror started after everything sees the same list, because the topic keeps
the latest record of every identity.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import pytest
from confluent_kafka import OFFSET_BEGINNING, Consumer, Message, TopicPartition
from confluent_kafka.admin import AdminClient, AlterConfigOpType, ConfigEntry, ConfigResource
from stdnum.cn import ric, uscc

from examples.partner_mirror import Change, ListMirror
from testkit.stack import stack_settings
from testkit.waiting import wait_until
from zhixing.contracts.envelope import CloudEvent, stable_event_id
from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.credit.v1 import DebtorCleared, DebtorCreditState
from zhixing.contracts.topics import CREDIT_LIST
from zhixing.credit.domain.restriction import conduct_mask
from zhixing.credit.index import State
from zhixing.eventstore.settings import Settings
from zhixing.messaging.kafka import DEFAULT_PARTITIONS, KafkaPublisher, ensure_topics

pytestmark = pytest.mark.connected

SOURCE = "/zhixing/chengdu/credit"
WAIT = 60  # seconds; catching up with a few hundred records takes well under 5 s
CONDUCT_SETS = (["flights", "soft_sleepers", "g_trains"], ["real_estate", "vehicles"],
                ["starred_hotels", "nightclubs", "golf", "travel", "private_schools"])


def resident_id(serial: int) -> str:
    body = f"51010419900101{serial:03d}"
    return body + ric.calc_check_digit(body + "0")


def credit_code(serial: int) -> str:
    body = f"91510100MA{serial:07d}"
    return body + uscc.calc_check_digit(body)


IDENTITIES = [resident_id(n) for n in range(200)] + [credit_code(n) for n in range(100)]


def debtor_state(number: int, identity: str, revision: int) -> DebtorCreditState:
    """A varied state: every third identity restricted (R12), every fifth restricted but
    not listed; a revision adds a case and shifts the conduct."""
    restricted = (number + revision) % 3 == 0 or number % 5 == 3
    since = date(2024, 1, 1) + timedelta(days=number)
    return DebtorCreditState(
        identity_number=identity, listed=number % 5 != 3, restricted=restricted,
        conduct=CONDUCT_SETS[(number + revision) % 3] if restricted else [],
        since=since.isoformat(),
        cases=[f"(2024)川0104执{number}-{n}号" for n in range(number % 4 + 1 + revision)],
        as_of=(date(2026, 3, 2) + timedelta(days=revision)).isoformat())


def expected(model: DebtorCreditState) -> State:
    """The index state a partner must see, computed here from the fields themselves."""
    return State(model.listed, model.restricted, conduct_mask(model.conduct),
                 (date.fromisoformat(model.since) - date(1970, 1, 1)).days, len(model.cases))


class CreditList:
    """The compacted topic of one test, the test's publisher, and the list it should hold."""

    def __init__(self, settings: Settings) -> None:
        self.bootstrap, self.namespace = settings.kafka_bootstrap, settings.topic_namespace
        self.topic = settings.topic(CREDIT_LIST)
        ensure_topics(self.bootstrap, [self.topic])
        self.publisher = KafkaPublisher(self.bootstrap)
        self.admin = AdminClient({"bootstrap.servers": self.bootstrap})
        self.truth: dict[str, State | None] = {}
        self.latest: dict[str, DebtorCreditState] = {}
        self.position = 0

    def publish(self, events: list[DebtorCreditState | DebtorCleared]) -> None:
        records = [self._record(event) for event in events]
        self.publisher.publish_all(self.topic, records)
        for event in events:
            if isinstance(event, DebtorCreditState):
                self.truth[event.identity_number] = expected(event)
                self.latest[event.identity_number] = event
            else:
                self.truth[event.identity_number] = None
                self.latest.pop(event.identity_number, None)

    def _record(self, event: IntegrationEvent) -> tuple[bytes, bytes | None,
                                                          list[tuple[str, bytes]]]:
        self.position += 1
        cloud = CloudEvent(id=stable_event_id(SOURCE, self.position), source=SOURCE,
                           type=event.event_type, time="2026-03-02T02:00:00Z",
                           subject=event.key() or "", court="川0104", region="chengdu",
                           sequence=1, position=self.position,
                           data=event.model_dump(mode="json"), tombstone=event.tombstone)
        return (cloud.key, *cloud.to_kafka())

    def compact_eagerly(self) -> None:
        """Let the broker's cleaner compact this topic within seconds: segments roll
        every 100 ms, any superseded record makes them worth cleaning, and tombstones go
        at the first chance (a mirror starting later never needs them)."""
        entries = [ConfigEntry(name, value, incremental_operation=AlterConfigOpType.SET)
                   for name, value in {"segment.ms": "100", "min.cleanable.dirty.ratio": "0.001",
                                       "min.compaction.lag.ms": "0",
                                       "delete.retention.ms": "0"}.items()]
        resource = ConfigResource(ConfigResource.Type.TOPIC, self.topic,
                                  incremental_configs=entries)
        for future in self.admin.incremental_alter_configs([resource]).values():
            future.result(30)

    def compacted(self) -> bool:
        """Republish a few latest states (nothing changes, but the segments roll and the
        cleaner finds work); True once the topic holds fewer records than were sent."""
        self.publish(list(self.latest.values())[:12])
        return count_records(self.bootstrap, self.topic) < self.position

    def config(self, name: str) -> str:
        resource = ConfigResource(ConfigResource.Type.TOPIC, self.topic)
        return str(self.admin.describe_configs([resource])[resource].result(30)[name].value)

    def answers(self) -> list[State | None]:
        return [self.truth.get(identity) for identity in IDENTITIES]

    def close(self) -> None:
        self.publisher.close()


@pytest.fixture
def credit_list(tmp_path) -> Iterator[CreditList]:
    topic = CreditList(stack_settings(tmp_path))
    yield topic
    topic.close()


@contextmanager
def running(credit_list: CreditList) -> Iterator[ListMirror]:
    """A mirror connected now, following in a thread of its own, as a partner runs it."""
    mirror = ListMirror()
    mirror.connect_kafka(credit_list.bootstrap, credit_list.topic)
    stop = threading.Event()
    thread = threading.Thread(target=mirror.run, args=(stop, 0.1), daemon=True)
    thread.start()
    try:
        yield mirror
    finally:
        stop.set()
        thread.join(30)
        mirror.close()


def first_round() -> list[DebtorCreditState | DebtorCleared]:
    return [debtor_state(n, identity, 0) for n, identity in enumerate(IDENTITIES)]


def second_round() -> list[DebtorCreditState | DebtorCleared]:
    """Every fifth cleared; the next ones updated; every tenth cleared and listed again."""
    events: list[DebtorCreditState | DebtorCleared] = []
    for n, identity in enumerate(IDENTITIES):
        if n % 5 == 0:
            events.append(DebtorCleared(identity_number=identity))
        if n % 5 == 1 or n % 10 == 0:
            events.append(debtor_state(n, identity, 1))
    return events


class TestMirrorOfTheCompactedList:
    def test_mirror_holds_the_whole_list_when_it_reports_caught_up(self, credit_list):
        credit_list.publish(first_round())
        with running(credit_list) as mirror:
            wait_until(mirror.caught_up, timeout=WAIT, what="the mirror caught up")
            assert (mirror.check_many(IDENTITIES), len(mirror)) == (
                credit_list.answers(), len(IDENTITIES))

    def test_mirror_gives_the_latest_state_when_it_keeps_following(self, credit_list):
        credit_list.publish(first_round())
        with running(credit_list) as mirror:
            wait_until(mirror.caught_up, timeout=WAIT, what="the mirror caught up")
            credit_list.publish(second_round())
            wait_until(lambda: mirror.check_many(IDENTITIES) == credit_list.answers(),
                       timeout=WAIT, what="the mirror following the second round")
            assert (mirror.check(IDENTITIES[5]), mirror.check(IDENTITIES[10]),
                    mirror.skipped) == (None, credit_list.truth[IDENTITIES[10]], 0)

    def test_new_mirror_agrees_when_started_after_all_changes(self, credit_list):
        credit_list.publish(first_round())
        credit_list.publish(second_round())
        with running(credit_list) as mirror:
            wait_until(mirror.caught_up, timeout=WAIT, what="the new mirror caught up")
            cleared = sum(state is None for state in credit_list.answers())
            assert (mirror.check_many(IDENTITIES), len(mirror), cleared) == (
                credit_list.answers(), len(IDENTITIES) - 30, 30)

    def test_new_mirror_agrees_when_the_log_has_really_been_compacted(self, credit_list):
        credit_list.compact_eagerly()
        credit_list.publish(first_round())
        credit_list.publish(second_round())
        wait_until(credit_list.compacted, timeout=WAIT, interval=0.5,
                   what="the broker's cleaner compacting the list")
        with running(credit_list) as mirror:
            wait_until(mirror.caught_up, timeout=WAIT, what="the new mirror caught up")
            assert mirror.check_many(IDENTITIES) == credit_list.answers()

    def test_tombstone_is_a_null_value_when_an_identity_is_cleared(self, credit_list):
        identity = IDENTITIES[0]
        credit_list.publish([debtor_state(0, identity, 0), DebtorCleared(identity_number=identity)])
        records = raw_records(credit_list, count=2)
        assert [(m.key(), m.value(), dict(m.headers())["ce_type"]) for m in records] == [
            (identity.encode(), records[0].value(), DebtorCreditState.event_type.encode()),
            (identity.encode(), None, DebtorCleared.event_type.encode())]


def bad_records(credit_list: CreditList) -> None:
    """Five records a mirror must skip, and one it must pass over: a value that is not
    JSON, an identity with a wrong check character (the index refuses it), a state whose
    `listed` is not a boolean, a `since` before 1970 (the index refuses it: the state
    before it stays), a conduct list of lists, and a type this version does not know."""
    good = credit_list._record(debtor_state(7, IDENTITIES[7], 5))
    wrong = IDENTITIES[8][:17] + ("0" if IDENTITIES[8][17] != "0" else "1")
    state = json.loads(credit_list._record(debtor_state(9, wrong, 0))[1] or b"")
    newer = [(name, b"cn.zhixing.credit.v9.Unknown" if name == "ce_type" else value)
             for name, value in good[2]]
    credit_list.publisher.publish_all(credit_list.topic, [
        (IDENTITIES[7].encode(), b"{not json", good[2]),
        (wrong.encode(), json.dumps(state).encode(), good[2]),
        (IDENTITIES[9].encode(), json.dumps(state | {"listed": "maybe"}).encode(), good[2]),
        (IDENTITIES[12].encode(), json.dumps(state | {"since": "1969-12-31"}).encode(),
         good[2]),
        (IDENTITIES[13].encode(), json.dumps(state | {"conduct": [["flights"]]}).encode(),
         good[2]),
        (IDENTITIES[10].encode(), good[1], newer)])


class TestCatchUpInParallel:
    """`catch_up_kafka`: one process per partition reads the list as of the start (issue
    19), and the mirror follows on from where they stopped."""

    def test_caught_up_mirror_equals_one_read_record_by_record_when_records_are_bad(
            self, credit_list):
        credit_list.publish(first_round())
        bad_records(credit_list)
        credit_list.publish(second_round())
        parallel = ListMirror()
        try:
            parallel.catch_up_kafka(credit_list.bootstrap, credit_list.topic, timeout=WAIT,
                                    processes=DEFAULT_PARTITIONS)
            caught = (parallel.check_many(IDENTITIES), len(parallel), parallel.skipped,
                      parallel.caught_up())
        finally:
            parallel.close()
        with running(credit_list) as one_by_one:
            wait_until(one_by_one.caught_up, timeout=WAIT, what="the mirror caught up")
            read = (one_by_one.check_many(IDENTITIES), len(one_by_one), one_by_one.skipped)
        assert caught == (credit_list.answers(), len(IDENTITIES) - 30, 5, True) == (*read, True)

    def test_caught_up_mirror_follows_changes_made_after_it_started(self, credit_list):
        credit_list.publish(first_round())
        mirror = ListMirror()
        try:
            mirror.catch_up_kafka(credit_list.bootstrap, credit_list.topic, timeout=WAIT)
            credit_list.publish(second_round())

            def following() -> bool:
                mirror.poll(0.1)
                return mirror.check_many(IDENTITIES) == credit_list.answers()

            wait_until(following, timeout=WAIT, what="the mirror following the second round")
            assert (len(mirror), mirror.skipped) == (len(IDENTITIES) - 30, 0)
        finally:
            mirror.close()

    def test_catch_up_refuses_when_the_mirror_already_holds_entries(self, credit_list):
        mirror = ListMirror()
        mirror.apply(Change(IDENTITIES[0], State(True, False, 0, 0, 1)))
        with pytest.raises(RuntimeError, match="empty mirror"):
            mirror.catch_up_kafka(credit_list.bootstrap, credit_list.topic, timeout=WAIT)


def count_records(bootstrap: str, topic: str) -> int:
    """How many records the topic holds now: a plain consumer reads every partition to
    its end."""
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "probe",
                         "enable.auto.commit": False, "enable.partition.eof": True})
    consumer.assign([TopicPartition(topic, p, OFFSET_BEGINNING)
                     for p in range(DEFAULT_PARTITIONS)])
    counted, ended = [0], set()

    def at_the_end() -> bool:
        for message in consumer.consume(500, 0.1):
            if message.error() is None:
                counted[0] += 1
            else:
                ended.add(message.partition())
        return len(ended) == DEFAULT_PARTITIONS

    try:
        wait_until(at_the_end, timeout=WAIT, what=f"the end of {topic}")
    finally:
        consumer.close()
    return counted[0]


def raw_records(credit_list: CreditList, count: int) -> list[Message]:
    """The first `count` records of the topic as a plain consumer sees them."""
    consumer = Consumer({"bootstrap.servers": credit_list.bootstrap, "group.id": "probe",
                         "enable.auto.commit": False})
    consumer.assign([TopicPartition(credit_list.topic, p, OFFSET_BEGINNING)
                     for p in range(DEFAULT_PARTITIONS)])
    seen: list[Message] = []
    try:
        wait_until(lambda: seen.extend(m for m in consumer.consume(count, 0.1)
                                       if m.error() is None) or len(seen) >= count,
                   timeout=WAIT, what=f"{count} records on the topic")
    finally:
        consumer.close()
    return seen


class TestCommandLine:
    def test_each_check_prints_the_latest_state_when_run_as_a_module(self, credit_list):
        credit_list.publish(first_round())
        credit_list.publish(second_round())
        asked = [IDENTITIES[3], IDENTITIES[5], IDENTITIES[10]]
        done = subprocess.run(
            [sys.executable, "-m", "examples.partner_mirror", "--bootstrap",
             credit_list.bootstrap, "--namespace", credit_list.namespace,
             *(arg for identity in asked for arg in ("--check", identity))],
            cwd=Path(__file__).parents[2], capture_output=True, text=True, timeout=WAIT)
        lines = [json.loads(line) for line in done.stdout.splitlines()]
        assert (done.returncode, [(line["identity"], line["state"] and line["state"]["cases"])
                                  for line in lines]) == (0, [
            (IDENTITIES[3], 4), (IDENTITIES[5], None), (IDENTITIES[10], 4)]), done.stderr[-500:]

    def test_one_line_names_the_topic_when_it_does_not_exist(self, credit_list):
        done = subprocess.run(
            [sys.executable, "-m", "examples.partner_mirror", "--bootstrap",
             credit_list.bootstrap, "--namespace", "nowhere", "--check", IDENTITIES[0],
             "--timeout", "3"],  # looked for again until then: it may be just created
            cwd=Path(__file__).parents[2], capture_output=True, text=True, timeout=WAIT)
        assert (done.returncode, done.stderr.strip().splitlines()) == (1, [
            "partner_mirror: topic nowhere.zhixing.credit.list.v1 not found on the broker: "
            "check --bootstrap and --namespace"])


class TestListTopic:
    def test_topic_is_compacted_when_created_by_ensure_topics(self, credit_list):
        assert credit_list.config("cleanup.policy") == "compact"
