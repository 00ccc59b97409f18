"""Synthetic integration events for the supervision KPI benchmark: enforcement cases of 20
courts (川 and 渝) filed over 2025–2026, each with the events the four topics tell of it —
filing, notice, counted close limit, receipts, overdue nodes, 结案 or 终本 (with re-query
dates), the network inquiry, restriction and listing decisions, some removals and some
relief. Seeded: every run makes the same events. Identity numbers are valid (check
character computed), names are placeholders."""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Iterator
from dataclasses import asdict
from datetime import date, timedelta

from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.assets.v1 import NetworkInquiryCompleted
from zhixing.contracts.events.cases.v1 import (
    CaseClosed,
    CaseConcluded,
    CaseFiled,
    DeadlinesCounted,
    ExecutionNoticeServed,
    MoneyReceived,
    NodeOverdue,
    PartyV1,
)
from zhixing.contracts.events.credit.v1 import (
    ConsumptionRestrictionIssued,
    DebtorListed,
    ListingRemoved,
)
from zhixing.contracts.events.relief.v1 import ReliefApplied, ReliefApproved

COURTS = tuple(f"川01{n:02d}" for n in range(1, 11)) + tuple(f"渝01{n:02d}" for n in range(1, 11))
KINDS = ["bank_deposit", "vehicle", "real_estate", "securities"]
START = date(2025, 1, 1)
_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]


def resident_id(serial: int) -> str:
    """A valid 18-digit resident ID (GB 11643 check character) for `serial`."""
    born = date(1960, 1, 1) + timedelta(days=serial % 15_000)
    body = f"510104{born:%Y%m%d}{serial % 1000:03d}"
    check = (12 - sum(int(d) * w for d, w in zip(body, _WEIGHTS, strict=True)) % 11) % 11
    return body + ("X" if check == 10 else str(check))


def _day(d: date) -> str:
    return d.isoformat()


def case_events(i: int, rng: random.Random) -> Iterator[IntegrationEvent]:
    """The events of case `i` (about ten), on their four topics."""
    court = COURTS[i % len(COURTS)]
    head = {"case_id": f"case-{i}", "case_number": f"({2025 + i % 2}){court}执{i}号",
            "court_code": court}
    debtor = resident_id(i)
    party = PartyV1(role="respondent", kind="natural_person", name="被执行人", identity_number=debtor)
    filed = START + timedelta(days=rng.randrange(700))
    claim = rng.randrange(1_000_00, 1_000_000_00)
    yield CaseFiled(**head, case_type="执" if i % 5 else "执恢", filed_on=_day(filed),
                    basis_kind="judgment", basis_document_number="(2024)民初1号",
                    parties=[party], claim_total_fen=claim)
    yield ExecutionNoticeServed(**head, served_on=_day(filed + timedelta(days=5)),
                                property_report_due=_day(filed + timedelta(days=15)),
                                listing_warning=True, respondents=[party])
    yield DeadlinesCounted(**head, deadlines=[{"node": "close", "provisional": False,
                                               "due_on": _day(filed + timedelta(days=183))}],
                           counted_on=_day(filed))
    yield MoneyReceived(**head, receipt_id="r1", source="deduction", amount_fen=claim // 3,
                        received_on=_day(filed + timedelta(days=40)),
                        disburse_by=_day(filed + timedelta(days=70)))
    if rng.random() < 0.3:
        yield NodeOverdue(**head, node="notice", rule="R27",
                          due_on=_day(filed + timedelta(days=10)))
    yield NetworkInquiryCompleted(
        inquiry_id=f"q-{i}", case_id=head["case_id"], court_code=court,
        debtor_identity_number=debtor, completed_on=_day(filed + timedelta(days=30)),
        agency_kinds=KINDS, disposable_property_found=rng.random() < 0.4)
    decided = _day(filed + timedelta(days=50))
    yield ConsumptionRestrictionIssued(case_id=head["case_id"], court_code=court,
                                       debtor_identity_number=debtor, decided_on=decided,
                                       restriction_id=f"r-{i}")
    yield DebtorListed(case_id=head["case_id"], court_code=court, debtor_identity_number=debtor,
                       decided_on=decided, listing_id=f"L-{i}", grounds=[1])
    yield from _ending(i, rng, head, party, filed, claim)


def _ending(i: int, rng: random.Random, head: dict[str, str], party: PartyV1, filed: date,
            claim: int) -> Iterator[IntegrationEvent]:
    roll = rng.random()
    ended = filed + timedelta(days=rng.randrange(30, 300))
    if roll < 0.5:
        yield CaseClosed(**head, closure="executed_in_full", closed_on=_day(ended),
                         recovered_fen=claim, respondents=[party])
        removed = ended + timedelta(days=rng.randrange(1, 6))
        yield ListingRemoved(listing_id=f"L-{i}", court_code=head["court_code"],
                             debtor_identity_number=party.identity_number,
                             case_id=head["case_id"], reason=1, triggered_on=_day(ended),
                             remove_by=_day(ended + timedelta(days=3)), removed_on=_day(removed))
    elif roll < 0.8:
        yield CaseConcluded(**head, concluded_on=_day(ended), unpaid_fen=claim - claim // 3,
                            requery_dates=[_day(ended + timedelta(days=182 * k))
                                           for k in range(1, 11)], respondents=[party])
    if rng.random() < 0.05:
        relief = {"application_id": f"a-{i}", "relief_case_number": f"司救执{i}",
                  "case_id": head["case_id"], "court_code": head["court_code"]}
        applied = filed + timedelta(days=60)
        yield ReliefApplied(**relief, party_index=0, requested_fen=1_000_00,
                            applied_on=_day(applied),
                            decide_by=_day(applied + timedelta(days=14)))
        yield ReliefApproved(**relief, amount_fen=1_000_00, fund_year=applied.year,
                             decided_on=_day(applied + timedelta(days=rng.randrange(5, 20))))


def envelopes(count: int, seed: int = 15) -> Iterator[tuple[str, str]]:
    """(topic, CloudEvent JSON) for `count` events, case after case."""
    rng, made, i = random.Random(seed), 0, 0
    while made < count:
        for event in case_events(i, rng):
            if made == count:
                return
            cloud = CloudEvent(id=uuid.UUID(int=rng.getrandbits(128)).hex, source="/bench",
                               type=event.event_type, time="2026-01-01T00:00:00Z",
                               subject=str(getattr(event, "case_id", "")),
                               court=str(getattr(event, "court_code", "")), region="chengdu",
                               sequence=1, position=0, data=event.model_dump(mode="json"))
            made += 1
            yield event.topic, json.dumps(asdict(cloud), ensure_ascii=False, sort_keys=True)
        i += 1
