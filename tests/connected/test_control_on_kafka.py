"""查封、扣押、冻结 over a real Kafka broker and PostgreSQL (R20, R22, DESIGN §5).

Two instances of the assets service share one database, as two processes would: each
runs its worker loops (tracked consumers and the sweep job) in threads, the first also
its relay. Cases arrive as CaseFiled/CaseAssigned CloudEvents on the cases topic; the
test commands the application, reads the measures read model, and reads what the
service published from its events topic with a plain Kafka consumer.
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
from confluent_kafka import OFFSET_BEGINNING, Consumer, TopicPartition

from testkit.assets import set_clock
from testkit.stack import stack_settings
from testkit.waiting import wait_until
from zhixing.assets.application.inquiries import CaseRef
from zhixing.assets.bootstrap import build
from zhixing.assets.domain.control_terms import MeasureOrder
from zhixing.assets.projections.cases_seen import CasesSeenQueries
from zhixing.assets.projections.measures import MeasureQueries
from zhixing.cases.demo import credit_code
from zhixing.contracts.envelope import CloudEvent, stable_event_id
from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.assets.v1 import MeasureExpiring, MeasureLapsed, MeasureTookEffect
from zhixing.contracts.events.cases.v1 import CaseAssigned, CaseFiled, PartyV1
from zhixing.contracts.topics import ASSETS_EVENTS, CASES_EVENTS
from zhixing.kernel.clock import china_tz
from zhixing.messaging.kafka import KafkaPublisher, ensure_topics
from zhixing.runtime import runners
from zhixing.runtime.service import Job, ServiceInstance

pytestmark = pytest.mark.connected

START = "2026-03-02T10:00:00+08:00"  # a Monday
ACCOUNT = "asset:deposit:6222020402001234567"
CASES_SOURCE = "/zhixing/chengdu/cases"
WAIT = 30  # seconds for anything the loops do; each step takes well under 2 s


def beijing(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=china_tz())


@dataclass(frozen=True)
class FiledCase:
    """A case as the cases service announces it: filed, then assigned to a team."""

    case_id: str
    case_number: str
    court_code: str
    team: str
    debtor_code: str

    def events(self) -> list[IntegrationEvent]:
        parties = [PartyV1(role="applicant", kind="natural_person", name="张伟",
                           identity_number="510104198001011234"),
                   PartyV1(role="respondent", kind="organisation", name="成都锦城建设有限公司",
                           identity_number=self.debtor_code)]
        return [
            CaseFiled(case_id=self.case_id, case_number=self.case_number,
                      court_code=self.court_code, case_type="执", filed_on="2026-03-02",
                      basis_kind="judgment", basis_document_number="(2025)川0104民初1号",
                      parties=parties, claim_total_fen=100_000_00),
            CaseAssigned(case_id=self.case_id, case_number=self.case_number,
                         court_code=self.court_code, team=self.team,
                         lead_officer="officer-1", assigned_on="2026-03-02"),
        ]


CHENGDU = FiledCase(str(uuid.UUID(int=0x104)), "(2026)川0104执17号", "川0104", "执行一组",
                    credit_code("91510104MA6C", "Q1W2E"))
CHONGQING = FiledCase(str(uuid.UUID(int=0x5003)), "(2026)渝0103执5号", "渝0103", "执行二组",
                      credit_code("91500103MA5U", "7X8Y9"))


def freeze(served_at: datetime, ruling_number: str, term_months: int = 0) -> MeasureOrder:
    """冻结 of 10,000 yuan in the debtor's company account (R20 class: deposit)."""
    return MeasureOrder(asset_id=ACCOUNT, kind="freeze", asset_kind="deposit",
                        ruling_number=ruling_number, amount_fen=10_000_00,
                        served_at=served_at, term_months=term_months)


class Published:
    """The service's events topic read from its first offset by a plain consumer
    (assigned, not subscribed: no group to join, nothing committed)."""

    def __init__(self, bootstrap: str, topic: str) -> None:
        self.consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": f"probe-{topic}",
                                  "enable.auto.commit": False})
        partitions = self.consumer.list_topics(topic, timeout=10).topics[topic].partitions
        self.consumer.assign([TopicPartition(topic, p, OFFSET_BEGINNING) for p in partitions])
        self.events: list[CloudEvent] = []

    def of(self, model: type[IntegrationEvent], measure_id: object) -> list[dict[str, Any]]:
        """Data of every `model` event about the measure received so far, in order."""
        for message in self.consumer.consume(num_messages=500, timeout=0.1):
            if message.error() is None:
                self.events.append(CloudEvent.from_kafka(message.value(), message.headers()))
        return [e.data for e in self.events
                if e.type == model.event_type and e.data["measure_id"] == str(measure_id)]

    def close(self) -> None:
        self.consumer.close()


class Sweeps:
    """Counts completed passes of an instance's sweep job: a pass begun after the clock
    moved has seen the new date."""

    def __init__(self, instance: ServiceInstance) -> None:
        self.done = 0
        instance.jobs = [Job(job.name, job.every_seconds, self._counting(job.run))
                         for job in instance.jobs]

    def _counting(self, run: Any) -> Any:
        def counted() -> int:
            changed = run()
            self.done += 1
            return int(changed)

        return counted


class Running:
    """Loops in threads; a loop that dies is recorded, not lost."""

    def __init__(self, loops: list[runners.Loop]) -> None:
        self.stop = threading.Event()
        self.failures: list[BaseException] = []
        self.threads = [threading.Thread(target=self._guarded, args=(loop,), daemon=True)
                        for loop in loops]
        for thread in self.threads:
            thread.start()

    def _guarded(self, loop: runners.Loop) -> None:
        try:
            loop(self.stop)
        except BaseException as error:
            self.failures.append(error)

    def close(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(30)


class AssetsOnKafka:
    """Two instances of the assets service on the stack, and the test's views of it."""

    def __init__(self, settings: Any) -> None:
        self.settings = settings
        self.instances = [build(settings), build(settings)]
        self.apps = [instance.outbox.app for instance in self.instances]
        self.sweeps = [Sweeps(instance) for instance in self.instances]
        store = self.instances[0].store
        self.measures, self.cases = MeasureQueries(store), CasesSeenQueries(
            store, settings.field_cipher)
        first, second = self.instances
        self.running = Running([*runners.relay_loops(first, settings),
                                *runners.worker_loops(first, settings),
                                *runners.worker_loops(second, settings)])
        events = settings.topic(ASSETS_EVENTS)
        ensure_topics(settings.kafka_bootstrap, [events])
        self.published = Published(settings.kafka_bootstrap, events)
        self.publisher = KafkaPublisher(settings.kafka_bootstrap)

    def file(self, case: FiledCase) -> CaseRef:
        """Announce the case on the cases topic; its reference once the service knows it."""
        records = []
        for sequence, event in enumerate(case.events(), start=1):
            cloud = CloudEvent(
                id=stable_event_id(f"{CASES_SOURCE}/{case.case_id}", sequence),
                source=CASES_SOURCE, type=event.event_type,
                time="2026-03-02T02:00:00Z", subject=case.case_id, court=case.court_code,
                region=self.settings.region, sequence=sequence, position=sequence,
                data=event.model_dump(mode="json"))
            records.append((cloud.key, *cloud.to_kafka()))
        self.publisher.publish_all(self.settings.topic(CASES_EVENTS), records)
        seen = wait_until(lambda: (found := self.cases.find(case.case_id)) and found.team
                          and found, timeout=WAIT, what=f"{case.case_number} known to assets")
        return seen.ref

    def rows(self, asset_id: str = ACCOUNT) -> list[tuple[str, str, int | None]]:
        """The asset's live measures in the read model: (measure, status, rank)."""
        return [(r.measure_id, r.status, r.rank) for r in self.measures.queue(asset_id)]

    def status(self, measure_id: object) -> tuple[str, int | None] | None:
        """The measure's (status, rank) in the read model; None before it arrives."""
        rows = [r for case in (CHENGDU, CHONGQING) for r in self.measures.of_case(case.case_id)
                if r.measure_id == str(measure_id)]
        return (rows[0].status, rows[0].rank) if rows else None

    def swept_after_now(self) -> None:
        """Wait until each instance has completed two sweep passes from now on."""
        marks = [sweeps.done for sweeps in self.sweeps]
        wait_until(lambda: all(s.done >= m + 2 for s, m in zip(self.sweeps, marks, strict=True)),
                   timeout=WAIT, what="two sweep passes on each instance")

    def close(self) -> None:
        self.running.close()
        self.published.close()
        self.publisher.close()
        for instance in self.instances:
            instance.close()


@pytest.fixture
def assets(tmp_path):
    clock_file = tmp_path / "clock"
    clock_file.write_text(START)
    settings = stack_settings(tmp_path, clock_file=str(clock_file), sweep_seconds=0.2)
    service = AssetsOnKafka(settings)
    yield service
    service.close()
    assert not service.running.failures, f"a loop died: {service.running.failures!r}"


class TestQueuePromotionAcrossCourts:
    def test_the_waiting_measure_of_another_court_takes_effect_when_the_first_is_released(
            self, assets):
        # R22: 渝0103 queues behind 川0104 on the same account; the release promotes it.
        chengdu, chongqing = assets.file(CHENGDU), assets.file(CHONGQING)
        first = assets.apps[0].impose_measure(
            chengdu, freeze(beijing(2026, 3, 2, 9, 0), "(2026)川0104执17号之一"), "freeze-cd")
        waiting = assets.apps[1].impose_measure(
            chongqing, freeze(beijing(2026, 3, 2, 9, 30), "(2026)渝0103执5号之一"), "freeze-cq")
        assert (first.status, waiting.status, waiting.rank) == ("effective", "queued", 1)
        wait_until(lambda: assets.rows() == [(str(first.id), "effective", 0),
                                             (str(waiting.id), "queued", 1)],
                   timeout=WAIT, what="both measures in the read model, 渝0103 waiting")

        assets.apps[1].release_measure(first.id, "paid")

        [took_effect] = wait_until(
            lambda: [d for d in assets.published.of(MeasureTookEffect, waiting.id)
                     if d["from_queue"]], timeout=WAIT, what="MeasureTookEffect from the queue")
        assert (took_effect["court_code"], took_effect["case_id"], took_effect["effective_on"],
                took_effect["expires_on"]) == ("渝0103", CHONGQING.case_id, "2026-03-02",
                                               "2027-03-02")
        wait_until(lambda: assets.rows() == [(str(waiting.id), "effective", 0)],
                   timeout=WAIT, what="渝0103's measure in effect in the read model")
        assert assets.status(first.id) == ("released", None)
        assert assets.apps[0].rank_of(assets.apps[0].get_measure(waiting.id)) == 0


class TestTermLapse:
    def test_an_unrenewed_deposit_freeze_is_reminded_then_lapses_after_its_last_day(
            self, assets):
        # R20: deposits 1 year; reminder 10 working days before the end (policy);
        # not renewed, the measure lapses the day after its last day.
        case = assets.file(CHENGDU)
        measure = assets.apps[0].impose_measure(
            case, freeze(beijing(2026, 3, 2, 9, 0), "(2026)川0104执17号之一", 12), "freeze-1")
        assert measure.expires_on == "2027-03-02"
        wait_until(lambda: assets.status(measure.id) == ("effective", 0), timeout=WAIT,
                   what="the freeze in effect in the read model")

        set_clock(assets.settings, beijing(2027, 2, 15))  # 11 working days left
        assets.swept_after_now()
        assert not [e for _, e in assets.apps[0].read_notifications(0)
                    if type(e).__name__ == "Reminded"]

        set_clock(assets.settings, beijing(2027, 2, 16))  # 10 working days left
        [expiring] = wait_until(lambda: assets.published.of(MeasureExpiring, measure.id),
                                timeout=WAIT, what="MeasureExpiring on Kafka")
        assert expiring["expires_on"] == "2027-03-02"
        assert assets.published.of(MeasureLapsed, measure.id) == []
        assert assets.status(measure.id) == ("effective", 0)

        set_clock(assets.settings, beijing(2027, 3, 3))  # the day after the last day
        [lapsed] = wait_until(lambda: assets.published.of(MeasureLapsed, measure.id),
                              timeout=WAIT, what="MeasureLapsed on Kafka")
        assert lapsed["lapsed_on"] == "2027-03-03"
        wait_until(lambda: assets.status(measure.id) == ("lapsed", None), timeout=WAIT,
                   what="the freeze lapsed in the read model")
        assert assets.rows() == []
