"""Builders of alerts, matters, registers and suggestions for the supervision domain
tests (no I/O), and the store's round trip (events and snapshots as JSON)."""

from __future__ import annotations

from datetime import date
from typing import Any

from eventsourcing.persistence import JSONTranscoder

from zhixing.eventstore.mapper import PydanticMapper
from zhixing.kernel.calendar import WorkingCalendar
from zhixing.supervision.domain import deadlines
from zhixing.supervision.domain.alert import Alert
from zhixing.supervision.domain.procuratorial import ProcuratorialMatter
from zhixing.supervision.domain.suggestion import JudicialSuggestion
from zhixing.supervision.domain.values import InterferenceRecord

CALENDAR = WorkingCalendar.default()
"""The kernel calendar over its bundled schedules (to 2026: the chinese-calendar package;
no 2027 schedule ships, so a count into 2027 is provisional)."""
COURT = "川0104"
CASE_ID = "case-1"
CASE_NUMBER = "(2026)川0104执1号"
RAISED_ON = date(2026, 3, 10)
MAPPER = PydanticMapper(transcoder=JSONTranscoder())
NAME = "张某某"
ASKED = "请求对某案暂缓执行，并关照被执行人。"


def raised(**changes: Any) -> Alert:
    """A node_overdue alert on the notice node of case-1 (R27), due 2026-03-09."""
    fields: dict[str, Any] = {
        "kind": "node_overdue", "rule": "R27", "court_code": COURT, "case_id": CASE_ID,
        "case_number": CASE_NUMBER, "subject": "notice", "act_by_role": "officer",
        "act_by": "team-1", "due_on": date(2026, 3, 9), "raised_on": RAISED_ON,
        "source_event": "cn.zhixing.cases.v1.NodeOverdue",
    }
    fields.update(changes)
    return Alert.raise_(**fields)


def received(kind: str = "suggestion", on: date = date(2026, 3, 2),
             **changes: Any) -> ProcuratorialMatter:
    """A matter of `kind` received on `on`, its last day counted by the rules (R34)."""
    fields: dict[str, Any] = {
        "kind": kind, "document_number": "锦检民（行）建〔2026〕1号",
        "procuratorate": "成都市锦江区人民检察院", "case_id": CASE_ID,
        "case_number": CASE_NUMBER, "court_code": COURT, "received_on": on,
        "summary": "建议依法及时执行", "reply_by": deadlines.reply_by(CALENDAR, kind, on),
        "by": "president-1",
    }
    fields.update(changes)
    return ProcuratorialMatter.receive(**fields)


def sent(on: date = date(2026, 3, 2), **changes: Any) -> JudicialSuggestion:
    """A judicial suggestion to an agency's superior, handling due in 2 months (R37)."""
    fields: dict[str, Any] = {
        "kind": "judicial", "court_code": COURT, "recipient": "成都市某区住房和城乡建设局",
        "agency_id": "agency-1", "case_id": CASE_ID,
        "document_number": "(2026)川0104司建1号", "reason": "协助单位逾期未反馈查询结果",
        "sent_on": on, "handle_by": deadlines.suggestion_handle_by(CALENDAR, on),
        "by": "president-1",
    }
    fields.update(changes)
    return JudicialSuggestion.send(**fields)


def a_record(**changes: Any) -> InterferenceRecord:
    """A call from an official asking to delay enforcement of case-1 (demonstration)."""
    fields: dict[str, Any] = {
        "who_name": NAME, "who_unit": "某区某局", "who_post": "副局长", "means": "call",
        "occurred_on": date(2026, 4, 1), "case_id": CASE_ID, "case_number": CASE_NUMBER,
        "asked": ASKED, "corrects": "",
    }
    fields.update(changes)
    return InterferenceRecord(**fields)


def replayed(aggregate: Any) -> Any:
    """The aggregate again from its events as the store keeps them (JSON and back)."""
    copy = None
    for domain_event in aggregate.collect_events():
        copy = MAPPER.to_domain_event(MAPPER.to_stored_event(domain_event)).mutate(copy)
    return copy


def from_snapshot(aggregate: Any) -> Any:
    """The aggregate again from a snapshot as the store keeps it (JSON and back)."""
    aggregate.collect_events()
    taken = type(aggregate).Snapshot.take(aggregate)
    return MAPPER.to_domain_event(MAPPER.to_stored_event(taken)).mutate(None)
