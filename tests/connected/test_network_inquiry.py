"""网络查控 over a real Kafka broker and PostgreSQL: the assets service's relay, worker
and sweep in threads, `zhixing agency-sim` answering on the request and reply topics
with a 5% error rate and one silent bank (R41, DESIGN §5)."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
from eventsourcing.utils import get_topic

from testkit.assets import set_clock
from testkit.stack import stack_settings
from testkit.waiting import wait_until
from zhixing.agency_sim import Behaviour, Simulator
from zhixing.agency_sim.kafka_channel import KafkaChannel
from zhixing.assets.application.inquiries import CaseRef, Debtor
from zhixing.assets.bootstrap import build
from zhixing.assets.domain.inquiry import Inquiry
from zhixing.kernel.clock import FileClock
from zhixing.runtime import runners

pytestmark = [pytest.mark.connected, pytest.mark.timeout(900)]

INQUIRIES = 1000
SILENT = "bank.ccb"
MAX_ATTEMPTS = 3  # network_inquiry.max_attempts


def debtor_id(index: int) -> str:
    from stdnum.cn import ric
    body = f"51010419{80 + index % 20:02d}0{1 + index % 9}1{index % 10}{index % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


def cases(count: int) -> list[CaseRef]:
    return [CaseRef(f"c-{i:05d}", f"(2026)川0104执{i + 1}号", "川0104",
                    (Debtor(debtor_id(i), "王某"),), claim_total_fen=10_000_00)
            for i in range(count)]


class Running:
    """The service's relay and worker loops, and the simulator, each in a thread."""

    def __init__(self, instance, settings, simulator: Simulator) -> None:
        self.stop = threading.Event()
        loops = [*runners.relay_loops(instance, settings),
                 *runners.worker_loops(instance, settings), simulator.run]
        self.threads = [threading.Thread(target=loop, args=(self.stop,), daemon=True)
                        for loop in loops]
        for thread in self.threads:
            thread.start()

    def close(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(30)


def decoded(app, event_class) -> list:
    """Stored events of one class only (filtered by topic in the store, then decoded)."""
    found, position = [], 0
    while batch := app.notification_log.select(start=position, limit=500, inclusive_of_start=False,
                                               topics=[get_topic(event_class)]):
        found += [app.mapper.to_domain_event(n) for n in batch]
        position = batch[-1].id
    return found


def exhausted(app) -> set[str]:
    """Requests that erred on every attempt: they wait out their deadline (overdue)."""
    failures = Counter(e.request_id for e in decoded(app, Inquiry.AnswerFailed))
    return {request for request, count in failures.items() if count >= MAX_ATTEMPTS}


def count_stored(settings, event_class) -> int:
    """How many events of that class are stored — by topic, without decoding any."""
    with psycopg.connect(settings.postgres_dsn) as connection:
        row = connection.execute(
            f'SELECT COUNT(*) FROM "{settings.schema("assets")}".assets_events '
            "WHERE topic = %s", (get_topic(event_class),)).fetchone()
    return int(row[0])


@pytest.fixture
def stack(tmp_path):
    clock_file = tmp_path / "clock"
    clock_file.write_text("2026-03-02T10:00:00+08:00")
    settings = stack_settings(tmp_path, clock_file=str(clock_file), sweep_seconds=0.5)
    instance = build(settings)
    channel = KafkaChannel.connect(settings.kafka_bootstrap, group=f"sim-{settings.topic_namespace}",
                                   region=settings.region, topic=settings.topic)
    simulator = Simulator(channel, Behaviour(latency_ms=(5, 50), error_rate=0.05,
                                             silent=frozenset({SILENT}), agencies=frozenset(),
                                             seed=7), duration=None, idle_exit=None,
                          progress=None, progress_every=0)
    running = Running(instance, settings, simulator)
    yield settings, instance, simulator
    running.close()
    instance.close()


class TestThousandInquiries:
    def test_every_inquiry_completes_with_the_silent_bank_overdue_and_no_answer_twice(self, stack):
        settings, instance, simulator = stack
        app = instance.outbox.app
        agencies = len(app.agencies)
        for case in cases(INQUIRIES):
            app.start_inquiries(case, "filing")

        expected = INQUIRIES * (agencies - 1)  # every request but the silent bank's
        wait_until(lambda: count_stored(settings, Inquiry.Answered) + len(exhausted(app))
                   >= expected, timeout=600, interval=2, what=f"{expected} requests settled")
        assert simulator.stats.errored > 0  # the 5% errors happened and were asked again

        now = FileClock(Path(settings.clock_file)).now()
        set_clock(settings, now + timedelta(hours=73))  # past network_inquiry.reply_hours
        wait_until(lambda: count_stored(settings, Inquiry.Completed) == INQUIRIES, timeout=600,
                   interval=0.5, what="every inquiry completed")

        gave_up = exhausted(app)
        answered = Counter(e.request_id for e in decoded(app, Inquiry.Answered))
        assert len(answered) + len(gave_up) == expected
        assert max(answered.values()) == 1  # no answer applied twice
        overdue = decoded(app, Inquiry.AnswerOverdue)
        assert len(overdue) == INQUIRIES + len(gave_up)
        assert {e.request_id for e in overdue if e.request["agency_id"] != SILENT} == gave_up
        assert all(SILENT in e.overdue_agency_ids for e in decoded(app, Inquiry.Completed))
