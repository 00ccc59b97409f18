"""The fast KPI path (issue 16, R33): per-case records recomputed from each case's facts,
figures summed in SQL — the same figures and drill-downs as computing them from every
fact (`kpi_facts.FactQueries`), whatever order random cases' events arrive in."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import pytest

from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.cases.v1 import (
    DeadlineExtended,
    DeadlinesCounted,
    ExecutionNoticeServed,
    NodeOverdue,
)
from zhixing.contracts.events.credit.v1 import (
    ConsumptionRestrictionIssued,
    DebtorListed,
    ListingDeclined,
    ListingRemoved,
)
from zhixing.contracts.events.relief.v1 import ReliefApplied, ReliefApproved, ReliefRejected
from zhixing.supervision.domain.kpi import FIGURES
from zhixing.supervision.projections import kpi_records
from zhixing.supervision.projections.case_kpis import CaseKpiView
from zhixing.supervision.projections.kpi_facts import FactQueries
from zhixing.supervision.projections.kpi_queries import KpiQueries

from .read_support import (
    BACKENDS,
    DEBTOR_ID,
    cipher,
    closed,
    concluded,
    feed,
    filed,
    head,
    inquiry,
    kpi_store,
    received,
    respondent,
)

COURTS = ("川0104", "川0105", "渝0101")
PERIODS = (("2026-01", "2026-06"), ("2025-11", "2026-03"), ("2026-03", "2026-03"),
           ("2025-09", "2026-12"))
KINDS = ("bank_deposit", "vehicle", "real_estate", "securities", "wechat")
CIPHER = cipher()
OTHER_ID = "510104198003121234"


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


def _on(start: date, rng: random.Random, most: int) -> str:
    return (start + timedelta(days=rng.randrange(most))).isoformat()


def case_events(n: int, rng: random.Random) -> list[IntegrationEvent]:
    """One random case: any of the facts the figures read, some missing, some twice."""
    court = rng.choice(COURTS)
    case = head(n, court)
    debtor = rng.choice([DEBTOR_ID, DEBTOR_ID, OTHER_ID])  # the other: not a respondent
    start = date(2025, 9, 1) + timedelta(days=rng.randrange(420))
    events: list[IntegrationEvent] = []
    if rng.random() < 0.92:  # a few cases' filing never told
        events.append(filed(n, start.isoformat(), court=court, claim=rng.randrange(1, 10**7),
                            case_type=rng.choice(["执", "执", "执恢"])))
    for k in range(rng.randrange(3)):
        events.append(received(n, f"r{k}", rng.randrange(1, 10**6), _on(start, rng, 300),
                               court=court))
    if rng.random() < 0.7:
        on = _on(start, rng, 40)
        events.append(ExecutionNoticeServed(**case, served_on=on, property_report_due=on,
                                            listing_warning=True, respondents=[respondent()]))
    for _ in range(rng.randrange(3)):
        events.append(NodeOverdue(**case, node=rng.choice(["notice", "report", "close"]),
                                  rule="R27", due_on=_on(start, rng, 250)))
    if rng.random() < 0.5:
        events.append(DeadlinesCounted(**case, deadlines=[{
            "node": "close", "due_on": _on(start, rng, 200), "provisional": False}],
            counted_on=_on(start, rng, 5)))
    if rng.random() < 0.2:
        events.append(DeadlineExtended(**case, node="close", due_on=_on(start, rng, 300),
                                       approved_by="院长"))
    events += _closures(n, court, start, rng)
    events += _r16(n, court, start, rng, debtor)
    events += _timed(n, court, start, rng, debtor)
    return events


def _closures(n: int, court: str, start: date, rng: random.Random) -> list[IntegrationEvent]:
    roll, day = rng.random(), _on(start + timedelta(days=60), rng, 200)
    found: list[IntegrationEvent] = []
    if roll < 0.4:
        found.append(concluded(n, day, court=court,
                               requery_dates=(_on(start, rng, 500),)))
    if 0.3 < roll < 0.8:  # some cases both: the first closure counts (终本 wins a tie)
        found.append(closed(n, day if rng.random() < 0.3 else _on(start, rng, 260),
                            court=court, closure=rng.choice(["executed_in_full", "settled"])))
    return found


def _r16(n: int, court: str, start: date, rng: random.Random,
         debtor: str) -> list[IntegrationEvent]:
    case_id, found = head(n, court)["case_id"], []
    for k in range(rng.randrange(3)):
        found.append(inquiry(n, _on(start, rng, 150), court=court, identity=debtor,
                             found=rng.random() < 0.2, requery=rng.random() < 0.1,
                             revision=rng.randrange(2), inquiry_id=f"q{n}-{k % 2}",
                             kinds=rng.choice([list(KINDS[:4]),
                                               rng.sample(KINDS, rng.randrange(2, 6))])))
    if rng.random() < 0.8:
        found.append(ConsumptionRestrictionIssued(
            case_id=case_id, court_code=court, debtor_identity_number=debtor,
            decided_on=_on(start, rng, 150), restriction_id=f"R{n}"))
    if rng.random() < 0.8:
        found.append(rng.choice([
            DebtorListed(case_id=case_id, court_code=court, debtor_identity_number=debtor,
                         decided_on=_on(start, rng, 150), listing_id=f"L{n}", grounds=[1]),
            ListingDeclined(case_id=case_id, court_code=court, debtor_identity_number=debtor,
                            decided_on=_on(start, rng, 150), reason_rule="R4")]))
    return found


def _timed(n: int, court: str, start: date, rng: random.Random,
           debtor: str) -> list[IntegrationEvent]:
    case_id, found = head(n, court)["case_id"], []
    if rng.random() < 0.3:
        found.append(ListingRemoved(
            listing_id=f"L{n}", court_code=court, debtor_identity_number=debtor,
            case_id=case_id, reason=1, triggered_on=_on(start, rng, 200),
            remove_by=_on(start, rng, 220), removed_on=_on(start, rng, 230)))
    if rng.random() < 0.25:
        relief = {"application_id": f"A{n}", "relief_case_number": f"司救{n}",
                  "case_id": case_id, "court_code": court}
        found.append(ReliefApplied(**relief, party_index=0, requested_fen=100,
                                   applied_on=_on(start, rng, 60),
                                   decide_by=_on(start, rng, 90)))
        decided = _on(start, rng, 120)
        found.append(ReliefApproved(**relief, amount_fen=100, fund_year=2026,
                                    decided_on=decided) if rng.random() < 0.6 else
                     ReliefRejected(**relief, rule="R30", decided_on=decided))
    return found


def random_events(seed: int, cases: int = 60) -> list[IntegrationEvent]:
    """`cases` random cases' events, some delivered twice, shuffled across the topics."""
    rng = random.Random(seed)
    events = [e for n in range(cases) for e in case_events(n, rng)]
    events += rng.sample(events, len(events) // 10)
    rng.shuffle(events)
    return events


def answers(kpis: Any) -> list[Any]:
    """Every query of the fast and the facts path, over several periods and scopes."""
    found: list[Any] = []
    for period in PERIODS:
        for court in COURTS:
            found.append(kpis.court_months(court, *period))
        for region in ("川", "成渝", "渝0101"):
            found.append(kpis.region(region, *period))
            found.append(kpis.region_months(region, *period))
        for figure in FIGURES:
            found.append(kpis.drill("成渝", *period, figure))
            found.append(kpis.drill("川", *period, figure, page_size=3, offset=2))
    return found


class TestFastFigures:
    @pytest.mark.parametrize("seed", [16, 1604, 33])
    def test_figures_equal_the_facts_computation_when_random_cases_arrive_shuffled(
            self, backend, tmp_path, seed):
        store = kpi_store(backend, tmp_path)
        try:
            feed(store, CaseKpiView(CIPHER), random_events(seed))
            fast, facts = answers(KpiQueries(store)), answers(FactQueries(store))
            assert len(fast) == len(facts)
            for got, want in zip(fast, facts, strict=True):
                assert got == want
            totals = [rows[-1] for rows in fast if rows and hasattr(rows[-1], "zhongben")]
            assert all(sum(getattr(t, f) for t in totals) for f in (
                "zhongben_compliant", "zhongben", "overdue_nodes", "removals", "relief_decided",
                "first_closed_within_limit", "pending_at_start"))
        finally:
            store.close()

    def test_records_are_the_same_when_the_events_arrive_in_another_order(self, backend,
                                                                          tmp_path):
        events, rows = random_events(7), []
        for order in range(2):
            store = kpi_store(backend, tmp_path / str(order))
            try:
                feed(store, CaseKpiView(CIPHER), random.Random(order).sample(events, len(events)))
                with store.transaction(read_only=True) as cur:
                    cur.execute("SELECT * FROM supervision_kpi_records ORDER BY case_id")
                    rows.append(cur.fetchall())
            finally:
                store.close()
        assert rows[0] == rows[1] and len(rows[0]) > 40


    def test_records_are_the_same_when_computed_once_at_the_end_of_a_bulk_load(self, backend,
                                                                                tmp_path):
        events, rows = random_events(8), []
        for bulk in (False, True):
            store = kpi_store(backend, tmp_path / str(bulk))
            try:
                feed(store, CaseKpiView(CIPHER, records=not bulk), events)
                if bulk:
                    assert kpi_records.backfill(store) > 40
                with store.transaction(read_only=True) as cur:
                    cur.execute("SELECT * FROM supervision_kpi_records ORDER BY case_id")
                    rows.append(cur.fetchall())
            finally:
                store.close()
        assert rows[0] == rows[1]


class TestRecord:
    def test_a_zhongben_record_names_its_unmet_rules_when_asked_for_a_case_file(self, backend,
                                                                                tmp_path):
        store = kpi_store(backend, tmp_path)
        try:
            feed(store, CaseKpiView(CIPHER), [filed(1, "2026-01-05"),
                                              concluded(1, "2026-03-30")])
            row = KpiQueries(store).record(head(1)["case_id"])
            assert row is not None
            assert (row.closure, row.unmet) == ("zhongben", ("R16(1)", "R16(2)", "R16(3)",
                                                             "R16(4)"))
            assert row.detail == "unmet R16(1), R16(2), R16(3), R16(4)"
            assert KpiQueries(store).record("case-never-filed") is None
        finally:
            store.close()
