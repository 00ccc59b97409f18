"""R43 across regions, for real: Chengdu's credit service lists a debtor; MirrorMaker 2
(the real one, from the Kafka distribution) copies Chengdu's compacted list to
Chongqing's broker as `chengdu.<topic>` (DESIGN §7); Chongqing's `Check` then says the
debtor is listed — and, once Chengdu removes the listing, that it is not (the tombstone
crosses too).

Chengdu uses the stack of `make test`; Chongqing gets a second Kafka broker of its own
(infra/kafka/kafka.sh), and MirrorMaker 2 runs between them for the test's duration.
"""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from testkit.stack import stack_settings
from testkit.waiting import wait_until
from zhixing.contracts.topics import CREDIT_LIST
from zhixing.credit.api.regions import PeerList, RegionView
from zhixing.credit.application import CreditApplication
from zhixing.credit.application.list_feed import ListFeed, ListView
from zhixing.credit.application.listings import Decision
from zhixing.credit.bootstrap import build
from zhixing.credit.projections.cases_seen import CaseFacts, Debtor
from zhixing.eventstore.settings import Settings
from zhixing.messaging.kafka import CompactedTopicReader, ensure_topics
from zhixing.messaging.relay import Relay

pytestmark = pytest.mark.connected
ROOT = Path(__file__).resolve().parents[2]
DEBTOR = "11010519491231002X"
CASE = CaseFacts("c-r43", "(2026)川0104执43号", "川0104",
                 (Debtor(DEBTOR, "王五", "natural_person"),), 100_000_00, 0,
                 "2026-01-05", "2026-01-15", True, 0)


@pytest.fixture
def chongqing_broker(tmp_path) -> Iterator[str]:
    state = tmp_path / "kafka-chongqing"
    subprocess.run([str(ROOT / "infra/kafka/kafka.sh"), "start", str(state)], check=True,
                   capture_output=True, timeout=180)
    try:
        env = dict(line.split("=", 1) for line in (state / "kafka.env").read_text().split())
        yield env["ZHIXING_KAFKA_BOOTSTRAP"]
    finally:
        subprocess.run([str(ROOT / "infra/kafka/kafka.sh"), "stop", str(state)],
                       capture_output=True, timeout=120)


@pytest.fixture
def mirror_maker(tmp_path, chongqing_broker) -> Iterator[tuple[Settings, str]]:
    """MirrorMaker 2, dedicated mode, copying Chengdu's list topic to Chongqing."""
    chengdu = stack_settings(tmp_path)
    topic = chengdu.topic(CREDIT_LIST)
    config = tmp_path / "mm2.properties"
    config.write_text("\n".join([
        "clusters = chengdu, chongqing",
        f"chengdu.bootstrap.servers = {chengdu.kafka_bootstrap}",
        f"chongqing.bootstrap.servers = {chongqing_broker}",
        "chengdu->chongqing.enabled = true",
        f"chengdu->chongqing.topics = {topic.replace('.', chr(92) + '.')}",
        "chongqing->chengdu.enabled = false",
        *(f"{name}.replication.factor = 1" for name in (
            "checkpoints.topic", "heartbeats.topic", "offset-syncs.topic", "offset.storage",
            "status.storage", "config.storage")),
        "replication.factor = 1",
        "refresh.topics.interval.seconds = 2",
        "emit.heartbeats.enabled = false",
        "emit.checkpoints.enabled = false",
        "sync.group.offsets.enabled = false",
    ]) + "\n")
    ensure_topics(chengdu.kafka_bootstrap, [topic])  # compacted, before MM2 looks
    log = (tmp_path / "mm2.log").open("w")
    process = subprocess.Popen(
        ["java", "-cp", os.environ.get("ZHIXING_KAFKA_CP", str(
            Path.home() / ".cache/zhixing/kafka/libs/*")),
         "org.apache.kafka.connect.mirror.MirrorMaker", str(config)],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield chengdu, chongqing_broker
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()


def publish(instance, settings: Settings) -> None:
    """Chengdu's relay: everything the credit service decided, onto Chengdu's broker."""
    relay = Relay(instance.outbox, instance.store, settings.kafka_bootstrap)
    try:
        while relay.run_once():
            pass
    finally:
        relay.close()


def test_a_debtor_listed_in_chengdu_is_listed_for_chongqings_partners(tmp_path, mirror_maker):
    chengdu, chongqing_broker = mirror_maker
    instance = build(chengdu)
    app: CreditApplication = instance.outbox.app  # type: ignore[assignment]
    app.decide_listing(CASE, Decision(DEBTOR, [2], "以暴力方法抗拒执行", "(2026)川0104执43号之一",
                                      date(2026, 3, 2), True))
    publish(instance, chengdu)

    chongqing_app = CreditApplication(Settings(var_dir=tmp_path / "chongqing",
                                               region="chongqing"))
    peer = PeerList(CompactedTopicReader(chongqing_broker,
                                         chengdu.peer_topic("chengdu", CREDIT_LIST)))
    chongqing = RegionView(ListView(ListFeed(chongqing_app)), [peer])
    try:
        state = wait_until(lambda: chongqing.get(DEBTOR), timeout=120,
                           what="Chengdu's listing to reach Chongqing through MirrorMaker 2")
        assert (state.listed, state.restricted, state.cases) == (True, True, 1)
        assert chongqing.check_many([DEBTOR, "11010519491231002X"])[0].listed

        app.case_closed(CASE.case_id, "executed_in_full", date(2026, 3, 3))
        publish(instance, chengdu)
        wait_until(lambda: chongqing.get(DEBTOR) is None, timeout=120,
                   what="Chengdu's removal (a tombstone) to reach Chongqing")
    finally:
        chongqing.stop()
        chongqing_app.close()
        instance.close()
