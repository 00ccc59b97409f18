"""Helpers for the assets service's tests: events as they arrive on the topics, and
driving a service instance's consumers in-process."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events.cases.v1 import CaseAssigned
from zhixing.eventstore.settings import Settings
from zhixing.messaging.consumer import TrackedConsumer
from zhixing.messaging.sources import NotificationLogSource


def case_filed(case: Any, case_type: str = "执") -> CloudEvent:
    """The cases service's CaseFiled for `case`, as it arrives on the topic."""
    parties = [{"role": "applicant", "kind": "natural_person", "name": "张伟",
                "identity_number": "510104198001011234"}]
    parties += [{"role": "respondent", "kind": "natural_person", "name": d.name,
                 "identity_number": d.identity_number} for d in case.debtors]
    return cloud_event("cn.zhixing.cases.v1.CaseFiled", case.case_id, {
        "case_id": case.case_id, "case_number": case.case_number, "court_code": case.court_code,
        "case_type": case_type, "filed_on": "2026-03-02", "basis_kind": "judgment",
        "basis_document_number": "(2025)川0104民初1号", "parties": parties,
        "claim_total_fen": case.claim_total_fen})


def case_assigned(case: Any, position: int = 2) -> CloudEvent:
    """The cases service's CaseAssigned of `case` to its team, as it arrives on the topic."""
    assigned = CaseAssigned(case_id=case.case_id, case_number=case.case_number,
                            court_code=case.court_code, team=case.team,
                            lead_officer="officer-1", assigned_on="2026-03-02")
    return cloud_event(CaseAssigned.event_type, case.case_id,
                       assigned.model_dump(mode="json"), position)


def cloud_event(event_type: str, subject: str, data: dict[str, Any], position: int = 1,
                source: str = "/test") -> CloudEvent:
    """An event as it arrives on a topic (`source`: who sent it)."""
    return CloudEvent(id=f"{event_type}:{subject}:{position}", source=source, type=event_type,
                      time="2026-03-02T02:00:00Z", subject=subject, court="川0104",
                      region="chengdu", sequence=1, position=position, data=data)


def feed(instance: Any, event: CloudEvent) -> None:
    """Deliver `event` to every handler of `instance` subscribed to its topic family, as
    the tracked consumer would (one transaction, then flush for batching handlers)."""
    family = event.type.split(".")[2]  # cn.zhixing.<context>.v1.Type
    topic = "zhixing.assets.replies.v1" if event.type.endswith("AgencyAnswered") \
        else f"zhixing.{family}.events.v1"
    for sub in instance.consumes:
        if sub.topic == topic:
            with instance.store.transaction() as cursor:
                sub.handler.handle(event, cursor)
                if hasattr(sub.handler, "flush"):
                    sub.handler.flush()


def drain(instance: Any) -> int:
    """Run the service's consumers of its own topics until they are caught up."""
    own = set(instance.outbox.topics)
    consumers = [TrackedConsumer(NotificationLogSource(instance.outbox.view(sub.topic)),
                                 sub.handler, instance.store, group=sub.group)
                 for sub in instance.consumes if sub.topic in own]
    total = 0
    while moved := sum(c.run_once(0.01) for c in consumers):
        total += moved
    return total


def set_clock(settings: Settings, moment: datetime) -> None:
    """Move the clock file the service instance reads its time from."""
    with open(settings.clock_file, "w", encoding="utf-8") as file:
        file.write(moment.isoformat())
