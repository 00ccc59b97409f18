"""The KPI read model on a fresh store — SQLite, and PostgreSQL in the connected run
(STYLE 10) — fed as its four consumers feed it (one transaction per delivery), with
contract events built by small factories."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from testkit.assets import cloud_event
from testkit.stack import stack_settings
from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.assets.v1 import NetworkInquiryCompleted
from zhixing.contracts.events.cases.v1 import (
    CaseClosed,
    CaseConcluded,
    CaseFiled,
    ExecutionNoticeServed,
    MoneyReceived,
    PartyV1,
)
from zhixing.contracts.events.credit.v1 import (
    ConsumptionRestrictionIssued,
    DebtorListed,
    ListingDeclined,
)
from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.keys import KeyRing, new_key
from zhixing.eventstore.settings import Settings
from zhixing.eventstore.sql import SqlStore
from zhixing.messaging.consumer import Handler
from zhixing.supervision.projections.case_kpis import CaseKpiView

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.connected)]
COURT = "川0104"
DEBTOR_ID, DEBTOR_NAME = "51010419750101201X", "王五"
KINDS = ["bank_deposit", "vehicle", "real_estate", "securities"]


def kpi_store(backend: str, var_dir: Path) -> SqlStore:
    """The supervision store with the KPI tables installed, on `backend`."""
    settings = Settings(var_dir=var_dir) if backend == "sqlite" else stack_settings(var_dir)
    store = settings.sql_store("supervision")
    CaseKpiView.migrate(store)
    return store


def cipher() -> FieldCipher:
    return FieldCipher(KeyRing.from_text(new_key()))


def subject_of(event: IntegrationEvent) -> str:
    return str(getattr(event, "application_id", "") or getattr(event, "listing_id", "")
               or getattr(event, "inquiry_id", "") or getattr(event, "case_id", ""))


def feed(store: SqlStore, handler: Handler, events: Iterable[IntegrationEvent],
         first: int = 1) -> None:
    """Each event in its own transaction, at positions from `first`."""
    for position, event in enumerate(events, first):
        with store.transaction() as cursor:
            handler.handle(cloud_event(event.event_type, subject_of(event),
                                       event.model_dump(mode="json"), position), cursor)


def head(n: int, court: str = COURT) -> dict[str, str]:
    return {"case_id": f"case-{court}-{n}", "case_number": f"(2026){court}执{n}号",
            "court_code": court}


def respondent(identity: str = DEBTOR_ID) -> PartyV1:
    return PartyV1(role="respondent", kind="natural_person", name=DEBTOR_NAME,
                   identity_number=identity)


def filed(n: int, on: str, *, court: str = COURT, claim: int = 100_000_00,
          case_type: str = "执", identity: str = DEBTOR_ID) -> CaseFiled:
    applicant = PartyV1(role="applicant", kind="natural_person", name="李四",
                        identity_number="510104198003121234")
    return CaseFiled(**head(n, court), case_type=case_type, filed_on=on, basis_kind="judgment",
                     basis_document_number="(2025)川0104民初1号",
                     parties=[applicant, respondent(identity)], claim_total_fen=claim)


def closed(n: int, on: str, *, court: str = COURT, closure: str = "executed_in_full",
           recovered: int = 0) -> CaseClosed:
    return CaseClosed(**head(n, court), closure=closure, closed_on=on, recovered_fen=recovered,
                      respondents=[respondent()])


def concluded(n: int, on: str, *, court: str = COURT,
              requery_dates: tuple[str, ...] = ()) -> CaseConcluded:
    return CaseConcluded(**head(n, court), concluded_on=on, unpaid_fen=1,
                         requery_dates=list(requery_dates), respondents=[respondent()])


def received(n: int, receipt: str, amount: int, on: str, court: str = COURT) -> MoneyReceived:
    return MoneyReceived(**head(n, court), receipt_id=receipt, source="deduction",
                         amount_fen=amount, received_on=on, disburse_by=on)


def compliant_facts(n: int, *, court: str = COURT, identity: str = DEBTOR_ID,
                    declined: bool = False, inquire: bool = True) -> list[IntegrationEvent]:
    """R16(1)–(3) done in February 2026 (the filing on 2026-01-05 makes R16(4) hold from
    2026-04-08)."""
    case = head(n, court)
    listing: IntegrationEvent = (
        ListingDeclined(case_id=case["case_id"], court_code=court,
                        debtor_identity_number=identity, decided_on="2026-02-12",
                        reason_rule="R4") if declined else
        DebtorListed(case_id=case["case_id"], court_code=court, debtor_identity_number=identity,
                     decided_on="2026-02-12", listing_id=f"L{n}", grounds=[1]))
    return [
        ExecutionNoticeServed(**case, served_on="2026-01-09", property_report_due="2026-01-19",
                              listing_warning=True, respondents=[respondent(identity)]),
        ConsumptionRestrictionIssued(case_id=case["case_id"], court_code=court,
                                     debtor_identity_number=identity, decided_on="2026-02-11",
                                     restriction_id=f"R{n}"),
        listing,
        *([inquiry(n, "2026-02-10", court=court, identity=identity)] if inquire else [])]


def inquiry(n: int, on: str, *, court: str = COURT, identity: str = DEBTOR_ID,
            found: bool = False, requery: bool = False, revision: int = 0,
            kinds: list[str] = KINDS, inquiry_id: str = "") -> NetworkInquiryCompleted:
    return NetworkInquiryCompleted(
        inquiry_id=inquiry_id or f"Q{court}{n}-{on}", case_id=head(n, court)["case_id"],
        court_code=court, debtor_identity_number=identity, completed_on=on,
        agency_kinds=kinds, disposable_property_found=found, requery=requery,
        revision=revision)
