"""What the relief application tests share: the case facts lookup as a dict, a 终本 case,
the wage and fund figures, and the steps of an application as one call each."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from zhixing.kernel.clock import FixedClock
from zhixing.relief.application import ReliefApplication
from zhixing.relief.domain.facts import CaseFacts, CaseParty, CaseStage
from zhixing.relief.domain.values import Hardship, HardshipCategory
from zhixing.relief.outbound import mapping_for

CASE_ID = "7f1c2a9e-0000-4000-8000-000000000014"
COURT = "川0104"
MONTHLY_WAGE_FEN = 8_000_00
"""川's 2025 average monthly wage in these tests: the R30 cap is 36 × ¥8,000 = ¥288,000."""
CAP_FEN = 36 * MONTHLY_WAGE_FEN
NARRATIVE = "申请人王某患重病，无力支付医疗费用"
"""A hardship narrative no event, error or log may show (R46)."""


class FakeFacts:
    """CaseFactsLookup as a dict: what the cases and assets events told, set by the test."""

    def __init__(self) -> None:
        self.cases: dict[str, CaseFacts] = {}
        self._next_read: list[Callable[[], object]] = []

    def get(self, case_id: str) -> CaseFacts | None:
        while self._next_read:  # taken first: the act may read the facts itself
            self._next_read.pop()()
        return self.cases.get(case_id)

    def on_next_read(self, act: Callable[[], object]) -> None:
        """Run `act` once, when the facts are next read: another process acting at that
        moment of a command (the facts are read between its checks and its save)."""
        self._next_read.append(act)

    def put(self, facts: CaseFacts) -> CaseFacts:
        self.cases[facts.case_id] = facts
        return facts


def zhongben_case(case_id: str = CASE_ID, applicants: int = 1, claim_fen: int = 500_000_00,
                  received_fen: int = 0, court_code: str = COURT, serial: int = 100,
                  stage: CaseStage = CaseStage.CONCLUDED,
                  identities: tuple[str, ...] | None = None) -> CaseFacts:
    """A 执 case in 终本 (R29: the debtor cannot pay) with `applicants` applicants
    (indices 0..n-1) and one respondent after them. `identities`: the applicants' identity
    keys in index order (default: applicant i is "zb1.applicant-i" in every case; "" for
    one relief keeps no identity index of)."""
    keys = identities if identities is not None else tuple(
        f"zb1.applicant-{i}" for i in range(applicants))
    parties = tuple(CaseParty(i, "applicant", "natural_person", keys[i])
                    for i in range(applicants))
    return CaseFacts(case_id=case_id, case_number=f"(2026){court_code}执{serial}号",
                     court_code=court_code, stage=stage, claim_total_fen=claim_fen,
                     received_total_fen=received_fen,
                     parties=(*parties, CaseParty(applicants, "respondent", "natural_person",
                                                  "zb1.respondent")))


def hardship() -> Hardship:
    return Hardship(category=HardshipCategory.MEDICAL, narrative=NARRATIVE)


def applied(app: ReliefApplication, party_index: int = 0, requested_fen: int = 50_000_00,
            case_id: str = CASE_ID, application_id: str | None = None,
            applied_on: date = date(2026, 3, 2)) -> str:
    """An application filed; its id."""
    case = app.apply(case_id, party_index, requested_fen, hardship(), False, applied_on,
                     "officer-1", application_id=application_id)
    return str(case.id)


def reviewed(app: ReliefApplication, party_index: int = 0, requested_fen: int = 50_000_00,
             case_id: str = CASE_ID, application_id: str | None = None) -> str:
    """An application filed and reviewed by the officer (R31: the decision comes after)."""
    application_id = applied(app, party_index, requested_fen, case_id, application_id)
    app.review(application_id, requested_fen, "符合救助条件，建议批准", "officer-1")
    return application_id


def approved(app: ReliefApplication, amount_fen: int = 50_000_00, party_index: int = 0,
             case_id: str = CASE_ID, decided_on: date = date(2026, 3, 6)) -> str:
    application_id = reviewed(app, party_index, amount_fen, case_id)
    app.approve(application_id, amount_fen, decided_on, "president-1", None)
    return application_id


def paid(app: ReliefApplication, amount_fen: int = 50_000_00, party_index: int = 0,
         case_id: str = CASE_ID, disbursed_on: date = date(2026, 3, 10)) -> str:
    application_id = approved(app, amount_fen, party_index, case_id)
    app.disburse(application_id, disbursed_on, "finance-1")
    return application_id


def public_events(app: ReliefApplication) -> list[Any]:
    """Every integration event the application's log maps to, in order."""
    mapping = mapping_for(app)
    return [event for _, domain_event in app.read_notifications(0, limit=1000)
            for event in mapping(domain_event)]


def at_beijing_morning(clock: FixedClock, day: date) -> None:
    clock.set(datetime(day.year, day.month, day.day, 2, 0, tzinfo=UTC))
