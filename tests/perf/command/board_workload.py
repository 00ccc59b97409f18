"""The court board's and the alert queue's share of the command-centre benchmark (issue 16):
for each case the KPI projection holds (its id, 案号, court and filing day), the events the
board read model (`BoardView`: assignment, network-inquiry requests to agencies and their
answers, control measures, relief funds) and the alert index (`AlertIndex`: node_overdue
alerts, some acknowledged or closed) follow — seeded, so every run makes the same.

They are fed to the two read models by their own handlers, a transaction per batch, as
their consumers would (`feed`); the KPI view does not see them (its figures stay the same
year's). No names, no identity numbers: agencies and officers by code."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.assets.v1 import (
    AgencyAnswered,
    AgencyAnswerOverdue,
    MeasureReleased,
    MeasureTookEffect,
    NetworkInquiryStarted,
)
from zhixing.contracts.events.cases.v1 import CaseAssigned
from zhixing.contracts.events.relief.v1 import FundCredited, ReliefApproved
from zhixing.contracts.events.supervision.v1 import AlertAcknowledged, AlertClosed, AlertRaised
from zhixing.eventstore.sql import SqlStore
from zhixing.supervision.projections.alert_index import AlertIndex
from zhixing.supervision.projections.board_facts import BoardView

KINDS = ("bank", "vehicle", "land", "securities")
"""40 agencies, ten of each kind; each inquiry asks two: a bank and one other."""
NODES = ("notice", "property_report", "inquiry", "close")
BATCH = 2000


@dataclass(frozen=True)
class Case:
    """A case as the KPI projection holds it."""

    case_id: str
    case_number: str
    court_code: str
    filed_on: date


def cases_of(store: SqlStore) -> list[Case]:
    """Every case the KPI projection was told of, in a fixed order."""
    with store.transaction(read_only=True) as cur:
        cur.execute("SELECT case_id, case_number, court_code, filed_on "
                    "FROM supervision_kpi_cases ORDER BY case_id")
        return [Case(str(a), str(b), str(c), date.fromisoformat(str(d)))
                for a, b, c, d in cur.fetchall()]


def case_events(case: Case, rng: random.Random) -> Iterator[IntegrationEvent]:
    """One case's board and alert events (about eight)."""
    head = {"case_id": case.case_id, "case_number": case.case_number,
            "court_code": case.court_code}
    n = rng.randrange(1_000_000)
    yield CaseAssigned(**head, team=f"{case.court_code}-T{n % 6}",
                       lead_officer=f"officer-{case.court_code}-{n % 25:02d}",
                       assigned_on=(case.filed_on + timedelta(days=1)).isoformat())
    started = case.filed_on + timedelta(days=rng.randrange(3, 20))
    inquiry = f"b-{case.case_id}"
    asked = [f"bank-{rng.randrange(10):02d}",
             f"{rng.choice(KINDS[1:])}-{rng.randrange(10):02d}"]
    yield NetworkInquiryStarted(inquiry_id=inquiry, case_id=case.case_id,
                                court_code=case.court_code, debtor_identity_number="",
                                started_at=f"{started.isoformat()}T09:00:00+08:00",
                                agency_ids=asked)
    for agency in asked:
        roll, request = rng.random(), f"{inquiry}:{agency}"
        if roll < 0.85:
            answered = started + timedelta(days=rng.randrange(0, 12))
            yield AgencyAnswered(request_id=request, agency_id=agency,
                                 answered_at=f"{answered.isoformat()}T15:00:00+08:00",
                                 outcome="found" if rng.random() < 0.3 else "nothing")
        elif roll < 0.95:
            yield AgencyAnswerOverdue(inquiry_id=inquiry, case_id=case.case_id,
                                      court_code=case.court_code, request_id=request,
                                      agency_id=agency, agency_kind=agency.split("-")[0],
                                      reply_by=f"{started + timedelta(days=7)}T17:00:00+08:00")
    yield from _measure(case, head, rng)
    yield from _alert(case, rng)


def _measure(case: Case, head: dict[str, str], rng: random.Random
             ) -> Iterator[IntegrationEvent]:
    if rng.random() >= 0.3:
        return
    effective = case.filed_on + timedelta(days=rng.randrange(10, 60))
    measure = {"measure_id": f"m-{case.case_id}", "case_id": head["case_id"],
               "court_code": head["court_code"], "asset_id": f"asset-{case.case_id}"}
    yield MeasureTookEffect(**measure, kind="freeze", asset_class="bank_deposit",
                            amount_fen=rng.randrange(1_000_00, 100_000_00),
                            effective_on=effective.isoformat(),
                            expires_on=(effective + timedelta(days=365)).isoformat())
    if rng.random() < 0.4:
        yield MeasureReleased(**measure, ground="paid",
                              released_on=(effective + timedelta(days=90)).isoformat())


def _alert(case: Case, rng: random.Random) -> Iterator[IntegrationEvent]:
    if rng.random() >= 0.3:
        return
    alert = {"alert_id": f"alert-{case.case_id}", "court_code": case.court_code}
    due = case.filed_on + timedelta(days=rng.randrange(10, 120))
    yield AlertRaised(**alert, kind="node_overdue", rule="R27", case_id=case.case_id,
                      case_number=case.case_number, subject=rng.choice(NODES),
                      act_by_role="officer", due_on=due.isoformat(),
                      raised_on=(due + timedelta(days=1)).isoformat())
    roll = rng.random()
    if roll < 0.3:
        yield AlertAcknowledged(**alert, by="president-1",
                                acknowledged_on=(due + timedelta(days=2)).isoformat())
    elif roll < 0.8:
        yield AlertClosed(**alert, closed_on=(due + timedelta(days=5)).isoformat(),
                          by_event="cn.zhixing.cases.v1.NodeCompleted")


def funds(courts: list[str], rng: random.Random) -> Iterator[IntegrationEvent]:
    """Each court's relief fund credited once a year; a few approvals against it."""
    for court in courts:
        for year in (2025, 2026):
            yield FundCredited(fund_id=f"fund-{court}-{year}", court_code=court, year=year,
                               kind="appropriation", entry_id=f"e-{court}-{year}",
                               document_number=f"财{year}-1", amount_fen=2_000_000_00,
                               credited_on=f"{year}-01-10", balance_fen=2_000_000_00)
            for k in range(5):
                yield ReliefApproved(application_id=f"ba-{court}-{year}-{k}",
                                     relief_case_number=f"司救执b{year}{k}",
                                     case_id=f"relief-{court}-{k}", court_code=court,
                                     amount_fen=rng.randrange(1_000_00, 50_000_00),
                                     fund_year=year, decided_on=f"{year}-03-0{k + 1}")


def _cloud(event: IntegrationEvent, position: int) -> CloudEvent:
    subject = str(getattr(event, "case_id", "") or getattr(event, "alert_id", ""))
    return CloudEvent(id=f"board-{position}", source="/bench", type=event.event_type,
                      time="2026-01-01T00:00:00Z", subject=subject,
                      court=str(getattr(event, "court_code", "")), region="chengdu",
                      sequence=1, position=position, data=event.model_dump(mode="json"))


def feed(store: SqlStore, cases: list[Case], seed: int = 16) -> dict[str, int]:
    """Every case's board and alert events through `BoardView` and `AlertIndex`; how
    many of each type."""
    rng, board, alerts = random.Random(seed), BoardView(), AlertIndex()
    counts: dict[str, int] = {}
    batch: list[IntegrationEvent] = []

    def flush() -> None:
        with store.transaction() as cur:
            for position, event in enumerate(batch, sum(counts.values())):
                handler: Any = alerts if event.event_type.startswith(
                    "cn.zhixing.supervision.") else board
                handler.handle(_cloud(event, position), cur)
        for event in batch:
            kind = event.event_type.rsplit(".", 1)[1]
            counts[kind] = counts.get(kind, 0) + 1
        batch.clear()

    def all_events() -> Iterator[IntegrationEvent]:
        yield from funds(sorted({case.court_code for case in cases}), rng)
        for case in cases:
            yield from case_events(case, rng)

    for event in all_events():
        batch.append(event)
        if len(batch) == BATCH:
            flush()
    if batch:
        flush()
    return counts
