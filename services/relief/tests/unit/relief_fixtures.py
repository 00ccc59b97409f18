"""Builders of relief cases, funds and case facts for the relief domain tests (no I/O)."""

from __future__ import annotations

from datetime import date
from typing import Any

from eventsourcing.persistence import JSONTranscoder

from zhixing.eventstore.mapper import PydanticMapper
from zhixing.kernel.calendar import WorkingCalendar
from zhixing.relief.domain import deadlines
from zhixing.relief.domain.facts import CaseFacts, CaseParty, CaseStage
from zhixing.relief.domain.fund import Fund
from zhixing.relief.domain.relief_case import ReliefCase
from zhixing.relief.domain.values import Hardship, HardshipCategory
from zhixing.relief.domain.wage import WageEntry

CALENDAR = WorkingCalendar.default()
"""The kernel calendar over its bundled schedules (2026: the chinese-calendar package)."""
COURT = "川0104"
APPLIED_ON = date(2026, 3, 2)
NARRATIVE = "申请人因病住院，家庭无其他收入来源，医疗费用无力承担。"
WAGE_2025_FEN = 8_000_00
"""A demonstration figure for 川 2025 (not a published statistic): cap ¥288,000.00."""
CAP_FEN = 36 * WAGE_2025_FEN
MAPPER = PydanticMapper(transcoder=JSONTranscoder())


def facts(**changes: Any) -> CaseFacts:
    """A case in 终本 with an unpaid claim of ¥500,000.00 and one applicant (#0) against
    one respondent (#1)."""
    fields: dict[str, Any] = {
        "case_id": "case-1", "case_number": "(2026)川0104执1号", "court_code": COURT,
        "stage": CaseStage.CONCLUDED, "claim_total_fen": 600_000_00,
        "received_total_fen": 100_000_00,
        "parties": (CaseParty(0, "applicant", "natural_person"),
                    CaseParty(1, "respondent", "organisation")),
    }
    fields.update(changes)
    return CaseFacts(**fields)


def wage(monthly_wage_fen: int = WAGE_2025_FEN, year: int = 2025) -> WageEntry:
    return WageEntry(province="川", year=year, monthly_wage_fen=monthly_wage_fen,
                     source="四川省统计公报（演示数据）", entered_by="admin-1",
                     demonstration=True)


def fund(credited_fen: int = 1_000_000_00) -> Fund:
    """The 川0104 fund of 2026 with one appropriation."""
    opened = Fund(court_code=COURT, year=2026)
    opened.credit("appropriation", "entry-1", "锦财行〔2026〕1号", date(2026, 1, 5),
                  credited_fen)
    return opened


def filed(**changes: Any) -> ReliefCase:
    """A complete application by party #0 for ¥50,000.00 filed on `APPLIED_ON`."""
    applied_on = changes.pop("applied_on", APPLIED_ON)
    fields: dict[str, Any] = {
        "case_id": "case-1", "case_number": "(2026)川0104执1号", "court_code": COURT,
        "relief_case_number": "(2026)川0104司救执1号", "party_index": 0,
        "requested_fen": 50_000_00, "hardship": Hardship(HardshipCategory.MEDICAL, NARRATIVE),
        "other_organ_paid": False, "applied_on": applied_on,
        "decide_by": deadlines.decide_by(CALENDAR, applied_on), "by": "officer-1",
    }
    fields.update(changes)
    return ReliefCase.file(**fields)


def approved(amount_fen: int = 50_000_00, **changes: Any) -> ReliefCase:
    case = filed(**changes)
    case.review(amount_fen, "符合救助条件", "officer-1")
    case.approve(amount_fen, case.applied_on, "president-1", None, 2026, wage())
    return case


def disbursed(amount_fen: int = 50_000_00, on: date = date(2026, 3, 9)) -> ReliefCase:
    case = approved(amount_fen)
    case.disburse(on, deadlines.notify_by(CALENDAR, on), "finance-1")
    return case


def replayed(aggregate: Any) -> Any:
    """The aggregate again from its events as the store keeps them (JSON and back)."""
    copy = None
    for domain_event in aggregate.collect_events():
        copy = MAPPER.to_domain_event(MAPPER.to_stored_event(domain_event)).mutate(copy)
    return copy


def from_snapshot(aggregate: Any) -> Any:
    """The aggregate again from a snapshot as the store keeps it (JSON and back); its
    pending events are taken as saved."""
    aggregate.collect_events()
    taken = type(aggregate).Snapshot.take(aggregate)
    return MAPPER.to_domain_event(MAPPER.to_stored_event(taken)).mutate(None)
