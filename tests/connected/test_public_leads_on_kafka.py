"""Leads from the public reach the case's team over a real Kafka broker and PostgreSQL
(issue 17, R27): the assets service's worker takes LeadReported from the publicity topic —
delivered twice, as a relay may after a failover (DESIGN §5) — makes ONE investigation
lead for the case's team with its R27 day, lists it, and its relay publishes ONE
LeadAccepted. The publicity→assets→publicity round trip is the e2e tests' (tests/e2e)."""

from __future__ import annotations

import threading
import uuid
from typing import Any

import pytest
from confluent_kafka import OFFSET_BEGINNING, Consumer, TopicPartition

from testkit.stack import stack_settings
from testkit.waiting import wait_until
from zhixing.assets.bootstrap import build
from zhixing.assets.projections.leads import LeadListQueries
from zhixing.contracts.envelope import CloudEvent, stable_event_id
from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.assets.v1 import LeadAccepted
from zhixing.contracts.events.cases.v1 import CaseAssigned, CaseFiled, PartyV1
from zhixing.contracts.events.publicity.v1 import LeadReported
from zhixing.contracts.topics import ASSETS_EVENTS, CASES_EVENTS, PUBLICITY_EVENTS
from zhixing.messaging.kafka import KafkaPublisher, ensure_topics
from zhixing.runtime import runners

pytestmark = pytest.mark.connected

CASE_ID, NUMBER, COURT = str(uuid.UUID(int=0x1717)), "(2026)川0104执1717号", "川0104"
LEAD_ID = str(uuid.UUID(int=0x17170001))
WAIT = 30  # seconds; each step takes well under 2 s


def cloud(source: str, subject: str, sequence: int, event: IntegrationEvent,
          region: str) -> tuple[str, Any, Any]:
    envelope = CloudEvent(
        id=stable_event_id(f"{source}/{subject}", sequence), source=source,
        type=event.event_type, time="2026-03-02T02:00:00Z", subject=subject, court=COURT,
        region=region, sequence=sequence, position=sequence,
        data=event.model_dump(mode="json"))
    return (envelope.key, *envelope.to_kafka())


def accepted_on_topic(consumer: Consumer, seen: list[CloudEvent]) -> list[CloudEvent]:
    for message in consumer.consume(num_messages=500, timeout=0.1):
        if message.error() is None:
            seen.append(CloudEvent.from_kafka(message.value(), message.headers()))
    return [e for e in seen if e.type == LeadAccepted.event_type]


def test_one_lead_for_the_team_and_one_lead_accepted_when_lead_reported_twice(tmp_path):
    settings = stack_settings(tmp_path)
    instance = build(settings)
    stop, failures = threading.Event(), []

    def guarded(loop: runners.Loop) -> None:
        try:
            loop(stop)
        except BaseException as error:  # recorded: a dead loop fails the test
            failures.append(error)

    threads = [threading.Thread(target=guarded, args=(loop,), daemon=True) for loop in
               [*runners.relay_loops(instance, settings),
                *runners.worker_loops(instance, settings)]]
    events_topic = settings.topic(ASSETS_EVENTS)
    ensure_topics(settings.kafka_bootstrap, [events_topic, settings.topic(CASES_EVENTS),
                                             settings.topic(PUBLICITY_EVENTS)])
    probe = Consumer({"bootstrap.servers": settings.kafka_bootstrap,
                      "group.id": f"probe-{events_topic}", "enable.auto.commit": False})
    try:
        for thread in threads:
            thread.start()
        publisher = KafkaPublisher(settings.kafka_bootstrap)
        parties = [PartyV1(role="respondent", kind="natural_person", name="王五",
                           identity_number="510104199803121239")]
        publisher.publish_all(settings.topic(CASES_EVENTS), [
            cloud("/zhixing/chengdu/cases", CASE_ID, 1, CaseFiled(
                case_id=CASE_ID, case_number=NUMBER, court_code=COURT, case_type="执",
                filed_on="2026-03-02", basis_kind="judgment",
                basis_document_number="(2025)川0104民初1号", parties=parties,
                claim_total_fen=100_000_00), settings.region),
            cloud("/zhixing/chengdu/cases", CASE_ID, 2, CaseAssigned(
                case_id=CASE_ID, case_number=NUMBER, court_code=COURT, team="执行一组",
                lead_officer="officer-1", assigned_on="2026-03-02"), settings.region)])
        cases = LeadListQueries(instance.store)
        wait_until(lambda: _team_of(instance) == "执行一组", timeout=WAIT,
                   what="the case known to assets with its team")
        reported = LeadReported(
            lead_id=LEAD_ID, reference="XS-7K3M-Q9TP", case_id=CASE_ID, case_number=NUMBER,
            court_code=COURT, source="listing", source_id="L1", property_kind="vehicle",
            text="他在城南停有一辆白色轿车", reported_on="2026-03-02")
        record = cloud("/zhixing/chengdu/publicity", LEAD_ID, 1, reported, settings.region)
        publisher.publish_all(settings.topic(PUBLICITY_EVENTS), [record, record])

        [row] = wait_until(lambda: cases.of_court(COURT), timeout=WAIT,
                           what="the lead in the court's list")
        assert row.team == "执行一组"
        lead = instance.outbox.app.get_lead(LEAD_ID)
        assert (lead.team, lead.verify_by) == ("执行一组", "2026-03-09")  # R27: 5 working days
        partitions = probe.list_topics(events_topic, timeout=10).topics[events_topic].partitions
        probe.assign([TopicPartition(events_topic, p, OFFSET_BEGINNING) for p in partitions])
        seen: list[CloudEvent] = []
        [accepted] = wait_until(lambda: accepted_on_topic(probe, seen), timeout=WAIT,
                                what="LeadAccepted on the assets topic")
        assert accepted.data["verify_by"] == "2026-03-09" and "text" not in accepted.data
        assert len(accepted_on_topic(probe, seen)) == 1, "the redelivery published nothing"
        assert not failures
    finally:
        stop.set()
        for thread in threads:
            thread.join(30)
        probe.close()
        instance.close()


def _team_of(instance: Any) -> str:
    with instance.store.transaction(read_only=True) as cur:
        cur.execute("SELECT team FROM assets_cases WHERE case_id = %s", (CASE_ID,))
        row = cur.fetchone()
    return str(row[0]) if row else ""
