"""`zhixing agency-sim`: simulated agencies answer through the public contracts only.

No Kafka and no assets service here: the Kafka channel runs over a fake consumer and
publisher; the gRPC channel against a fake gateway is in tests/integration."""

from __future__ import annotations

import io
import threading
import time
from datetime import datetime

import pytest
from confluent_kafka import KafkaException

from testkit.waiting import wait_until
from zhixing.agency_sim import (
    Behaviour,
    DueAnswers,
    Reply,
    Responder,
    Simulator,
    Verdict,
)
from zhixing.agency_sim.data import holdings_for
from zhixing.agency_sim.kafka_channel import KafkaChannel, reply_event
from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events import parse
from zhixing.contracts.events.assets.v1 import AgencyAnswered, AgencyRequest
from zhixing.kernel.clock import FixedClock

from ..sim_kit import INFO_KINDS, NOON, request, resident_id


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class TestAgencyData:
    def test_the_same_seed_gives_the_same_holdings_when_asked_again(self):
        debtor = resident_id("510104", 7)
        for kind, agency in (("bank_deposit", "bank.icbc"), ("vehicle", "police.vehicles"),
                             ("real_estate", "estate.sichuan")):
            assert holdings_for(agency, kind, debtor, 3) == holdings_for(agency, kind, debtor, 3)

    def test_holdings_vary_by_debtor_and_by_seed(self):
        debtors = [resident_id("510104", n) for n in range(200)]
        answers = [holdings_for("bank.icbc", "bank_deposit", d, 0) for d in debtors]
        references = {h.reference for found in answers for h in found}
        assert any(answers) and not all(answers)
        assert len(references) == sum(len(found) for found in answers)
        reseeded = [holdings_for("bank.icbc", "bank_deposit", d, 1) for d in debtors]
        assert reseeded != answers

    def test_about_sixty_percent_of_persons_hold_a_deposit_at_a_bank(self):
        debtors = [resident_id(region, n) for region in ("510104", "500112") for n in range(1000)]
        found = sum(bool(holdings_for("bank.ccb", "bank_deposit", d, 0)) for d in debtors)
        assert 0.55 <= found / len(debtors) <= 0.65

    def test_a_chongqing_registry_answers_with_chongqing_flats(self):
        debtors = [resident_id("500112", n) for n in range(200)]
        flats = [h for d in debtors for h in holdings_for("estate.chongqing", "real_estate", d, 0)]
        assert flats and all(h.reference.startswith("渝") and "重庆市" in h.description
                             and 300_000_00 < h.value_fen < 3_000_000_00 for h in flats)

    def test_vehicles_carry_the_plate_of_the_debtors_home(self):
        for region, prefix in (("510104", "川A"), ("500112", "渝A")):
            cars = [h for n in range(100)
                    for h in holdings_for("police.vehicles", "vehicle", resident_id(region, n), 0)]
            assert cars and all(h.reference.startswith(prefix) for h in cars)

    def test_information_agencies_report_nothing_disposable(self):
        debtors = [resident_id("510104", n) for n in range(50)]
        infos = [h for d in debtors for kind in INFO_KINDS
                 for h in holdings_for(f"{kind}.agency", kind, d, 0)]
        assert infos and all(not h.disposable and h.value_fen == 0 for h in infos)

    def test_organisations_have_equity_but_no_household_registration(self):
        company = "91510104MA6CQ1W2EW"
        assert holdings_for("police.household", "household", company, 0) == []
        assert any(holdings_for("market.samr", "equity", company, seed) for seed in range(10))


class TestBehaviour:
    @pytest.mark.parametrize("rate", [0.05, 0.3])
    def test_the_error_rate_holds_within_one_and_a_half_points_over_ten_thousand_draws(self, rate):
        behaviour = Behaviour(error_rate=rate, seed=11)
        errors = sum(behaviour.fails(request(n)) for n in range(10_000))
        assert abs(errors / 10_000 - rate) <= 0.015

    def test_a_retry_draws_its_fate_afresh(self):
        behaviour = Behaviour(error_rate=0.5)
        failed_first = [n for n in range(1000) if behaviour.fails(request(n))]
        failed_again = [n for n in failed_first if behaviour.fails(request(n, attempt=2))]
        assert 0.4 < len(failed_again) / len(failed_first) < 0.6

    @pytest.mark.parametrize("knobs", [{"latency_ms": (500, 50)}, {"latency_ms": (-1, 5)},
                                       {"error_rate": 1.5}, {"latency_ms": (0, 10**23)}])
    def test_nonsense_knobs_are_refused(self, knobs):
        with pytest.raises(ValueError):
            Behaviour(**knobs)


class TestResponder:
    def responder(self, **knobs) -> tuple[Responder, FakeMonotonic]:
        clock = FakeMonotonic()
        knobs.setdefault("error_rate", 0.0)
        return Responder(Behaviour(**knobs), clock=FixedClock(NOON), monotonic=clock), clock

    def test_silent_agencies_never_answer(self):
        responder, clock = self.responder(silent=frozenset({"bank.ccb"}))
        verdicts = {responder.accept(request(n, agency_id="bank.ccb")) for n in range(50)}
        clock.now += 60
        assert verdicts == {Verdict.IGNORED} and responder.release() == []

    def test_agencies_outside_the_simulated_subset_are_ignored(self):
        responder, _ = self.responder(agencies=frozenset({"tax.sta"}))
        assert responder.accept(request(1, agency_id="bank.icbc")) is Verdict.IGNORED
        assert responder.accept(request(1, "tax.sta", "tax")) is Verdict.SCHEDULED

    def test_answers_are_released_when_due_in_due_order(self):
        responder, clock = self.responder(latency_ms=(0, 1000))
        requests = [request(n) for n in range(40)]
        due = {r.request_id: clock.now + responder.behaviour.latency_seconds(r) for r in requests}
        for r in requests:
            responder.accept(r)
        released: list[tuple[float, str]] = []
        while responder.pending:
            clock.now += 0.01
            released += [(clock.now, reply.request.request_id) for reply in responder.release()]
        assert [rid for _, rid in released] == sorted(due, key=due.__getitem__)
        assert all(due[rid] <= at < due[rid] + 0.011 for at, rid in released)

    def test_a_request_redelivered_at_the_same_attempt_is_answered_once(self):
        responder, clock = self.responder()
        verdicts = [responder.accept(request(5)) for _ in range(3)]
        clock.now += 1
        assert verdicts == [Verdict.SCHEDULED, Verdict.REDELIVERED, Verdict.REDELIVERED]
        assert len(responder.release()) == 1

    def test_a_retry_at_a_higher_attempt_is_answered_again(self):
        responder, _ = self.responder()
        responder.accept(request(5))
        assert responder.accept(request(5, attempt=2)) is Verdict.SCHEDULED
        assert responder.accept(request(5, attempt=1)) is Verdict.REDELIVERED

    def test_answers_validate_as_agency_answered_events(self):
        responder, clock = self.responder(error_rate=0.3)
        kinds = [("bank.icbc", "bank_deposit"), ("estate.sichuan", "real_estate"), ("tax.sta", "tax")]
        for n in range(30):
            for agency, kind in kinds:
                responder.accept(request(n, agency, kind))
        clock.now += 1
        replies = responder.release()
        outcomes = {reply.answer.outcome for reply in replies}
        assert outcomes == {"found", "nothing", "error"}
        for reply in replies:
            assert AgencyAnswered.model_validate(reply.answer.model_dump(mode="json")) == reply.answer
            assert reply.answer.agency_id == reply.request.agency_id
            assert (reply.answer.outcome == "error") == bool(reply.answer.error)


def test_due_answers_hand_out_only_what_is_due_earliest_first():
    due = DueAnswers()
    for at, serial in ((3.0, 3), (1.0, 1), (2.0, 2), (1.0, 4)):
        due.push(at, request(serial))
    assert [r.inquiry_id for r in due.pop_due(2.0)] == ["inq-1", "inq-4", "inq-2"]
    assert due.next_due() == 3.0 and len(due) == 1


# ---- the Kafka channel over a fake consumer and publisher ---------------------------


class FakeMessage:
    def __init__(self, value: bytes, headers: list[tuple[str, bytes]]) -> None:
        self._value, self._headers = value, headers

    def error(self) -> None:
        return None

    def value(self) -> bytes:
        return self._value

    def headers(self) -> list[tuple[str, bytes]]:
        return self._headers


class FakeConsumer:
    def __init__(self, messages: list[FakeMessage]) -> None:
        self.messages, self.closed, self.polls = messages, False, 0

    def consume(self, num_messages: int, timeout: float) -> list[FakeMessage]:
        self.polls += 1
        taken, self.messages = self.messages[:num_messages], self.messages[num_messages:]
        if not taken:
            time.sleep(min(timeout, 0.01))
        return taken

    def close(self) -> None:
        self.closed = True


class FakePublisher:
    def __init__(self, failures: int = 0) -> None:
        self.records: list[tuple[str, tuple]] = []
        self.failures, self.closed = failures, False

    def publish_all(self, topic: str, records: list, timeout: float = 60) -> None:
        if self.failures:
            self.failures -= 1
            raise KafkaException("broker gone")
        self.records += [(topic, record) for record in records]

    def close(self) -> None:
        self.closed = True


def on_the_wire(r: AgencyRequest) -> FakeMessage:
    event = CloudEvent(id=f"ce-{r.request_id}-{r.attempt}", source="/zhixing/chengdu/assets",
                       type=AgencyRequest.event_type, time="2026-03-02T04:00:00Z",
                       subject=r.request_id, court=r.court_code, region="chengdu",
                       sequence=1, position=1, data=r.model_dump(mode="json"))
    return FakeMessage(*event.to_kafka())


def kafka_run(messages: list[FakeMessage], publisher: FakePublisher, **knobs) -> Simulator:
    behaviour = Behaviour(latency_ms=(0, 20), error_rate=knobs.pop("error_rate", 0.0), **knobs)
    channel = KafkaChannel(FakeConsumer(messages), publisher, region="chengdu")
    simulator = Simulator(channel, behaviour, idle_exit=0.3, retry_delay=0.05)
    simulator.run()
    return simulator


class TestKafkaChannel:
    def reply(self, attempt: int = 1, at: datetime = NOON) -> Reply:
        """An answer that found something (debtor 7 holds a deposit at seed 0)."""
        r = request(7, attempt=attempt)
        behaviour = Behaviour(latency_ms=(0, 0), error_rate=0.0)
        responder = Responder(behaviour, clock=FixedClock(at), monotonic=lambda: 0.0)
        responder.accept(r)
        return responder.release()[0]

    def test_an_answer_round_trips_through_the_cloudevents_envelope(self):
        reply = self.reply()
        assert reply.answer.holdings
        event = CloudEvent.from_kafka(*reply_event(reply, "chengdu").to_kafka())
        assert (event.type, event.source, event.subject, event.court) == (
            AgencyAnswered.event_type, "/agencies/bank.icbc", reply.request.request_id, "川0104")
        assert parse(event.type, event.data) == reply.answer

    def test_the_same_attempt_keeps_its_event_id_and_a_retry_gets_a_new_one(self):
        first, again = self.reply(), self.reply(at=NOON.replace(hour=5))
        retry = self.reply(attempt=2)
        assert reply_event(first, "chengdu").id == reply_event(again, "chengdu").id
        assert reply_event(retry, "chengdu").id != reply_event(first, "chengdu").id

    def test_requests_are_answered_on_the_replies_topic_keyed_by_request_id(self):
        requests = [request(n) for n in range(20)]
        publisher = FakePublisher()
        unreadable, redelivered = FakeMessage(b"{}", []), on_the_wire(requests[0])
        simulator = kafka_run([*map(on_the_wire, requests), unreadable, redelivered], publisher)
        assert {topic for topic, _ in publisher.records} == {"zhixing.assets.replies.v1"}
        assert sorted(key for _, (key, _, _) in publisher.records) == sorted(
            r.request_id.encode() for r in requests)
        stats = simulator.stats
        assert (stats.seen, stats.answered, stats.redelivered, stats.unreadable) == (20, 20, 1, 1)

    def test_answers_the_broker_did_not_take_are_sent_again(self):
        publisher = FakePublisher(failures=1)
        simulator = kafka_run([on_the_wire(request(n)) for n in range(5)], publisher)
        assert len(publisher.records) == 5 and simulator.stats.transport_failures == 1

    def test_errors_are_answered_as_errors_with_a_short_reason(self):
        publisher = FakePublisher()
        simulator = kafka_run([on_the_wire(request(n)) for n in range(50)], publisher, error_rate=1.0)
        answers = [parse(CloudEvent.from_kafka(value, headers).type,
                         CloudEvent.from_kafka(value, headers).data)
                   for _, (_, value, headers) in publisher.records]
        assert simulator.stats.errored == 50
        assert all(a.outcome == "error" and 0 < len(a.error) <= 10 for a in answers)


class TestRun:
    def test_a_run_stops_and_closes_its_channel_when_its_stop_event_is_set(self):
        consumer, publisher = FakeConsumer([]), FakePublisher()
        simulator, stop = Simulator(KafkaChannel(consumer, publisher)), threading.Event()
        worker = threading.Thread(target=simulator.run, args=(stop,))
        worker.start()
        wait_until(lambda: consumer.polls > 2, timeout=5, what="the simulator polling")
        stop.set()
        worker.join(5)
        assert not worker.is_alive() and consumer.closed and publisher.closed

    def test_a_run_ends_after_its_duration(self):
        started = time.monotonic()
        Simulator(KafkaChannel(FakeConsumer([]), FakePublisher()), duration=0.3).run()
        assert 0.3 <= time.monotonic() - started < 3

    def test_summary_and_progress_show_no_identity_reference_or_name(self):
        requests = [request(n, agency, kind) for n in range(30) for agency, kind in
                    (("bank.icbc", "bank_deposit"), ("police.vehicles", "vehicle"))]
        publisher, progress = FakePublisher(), io.StringIO()
        channel = KafkaChannel(FakeConsumer([on_the_wire(r) for r in requests]), publisher)
        simulator = Simulator(channel, Behaviour(latency_ms=(0, 5)), idle_exit=0.3,
                              progress=progress, progress_every=0)
        simulator.run()
        shown = progress.getvalue() + simulator.summary()
        references = [h["reference"] for _, (_, value, headers) in publisher.records
                      for h in CloudEvent.from_kafka(value, headers).data["holdings"]]
        assert references and "60 seen" in simulator.summary()
        for secret in (*references, *(r.debtor_identity_number for r in requests), "张伟"):
            assert secret not in shown
