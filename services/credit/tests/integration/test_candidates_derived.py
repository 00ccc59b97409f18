"""The candidates view of the whole credit service is derived from the log (STYLE 17):
the servicer writes nothing beside the command, so a crash between the command and the
view cannot leave them disagreeing, and a rebuild from the events gives the same rows."""

from __future__ import annotations

from datetime import date

import grpc
import pytest

from testkit.assets import cloud_event, drain
from testkit.serving import serving
from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.cases.v1 import (
    CaseFiled,
    ExecutionNoticeServed,
    PartyV1,
    PropertyReportMissed,
    SettlementDefaulted,
)
from zhixing.contracts.pb.credit.v1 import credit_pb2, credit_pb2_grpc
from zhixing.contracts.topics import CASES_EVENTS
from zhixing.credit.application import CreditApplication
from zhixing.credit.application.listings import Decision
from zhixing.credit.bootstrap import build
from zhixing.credit.projections.candidates import Candidates
from zhixing.credit.projections.cases_seen import CasesSeenQueries
from zhixing.eventstore.settings import Settings
from zhixing.eventstore.sql import SqlStore
from zhixing.security.grpc_auth import bearer_metadata
from zhixing.security.identity import Identity
from zhixing.security.tokens import issue_token

from ..conftest import COMPANY_CODE, DEBTOR_ID

CASE_ID, COURT, NUMBER = "7f1c2a9e-0000-4000-8000-000000000088", "川0104", "(2026)川0104执88号"
HEAD = {"case_id": CASE_ID, "case_number": NUMBER, "court_code": COURT}
DEBTORS = [PartyV1(role="respondent", kind="natural_person", name="王五",
                   identity_number=DEBTOR_ID),
           PartyV1(role="respondent", kind="organisation", name="成都锦城建设有限公司",
                   identity_number=COMPANY_CODE)]
CASE_EVENTS: list[IntegrationEvent] = [
    CaseFiled(**HEAD, case_type="执", filed_on="2026-01-02", basis_kind="judgment",
              basis_document_number="(2025)川0104民初1号", parties=DEBTORS,
              claim_total_fen=100_000_00),
    ExecutionNoticeServed(**HEAD, served_on="2026-01-05", property_report_due="2026-01-15",
                          listing_warning=True, respondents=DEBTORS),
    PropertyReportMissed(**HEAD, due_on="2026-01-15", respondents=DEBTORS),
    SettlementDefaulted(**HEAD, defaulted_on="2026-02-20", respondents=DEBTORS[:1])]
"""What the cases service said about the case: both debtors are proposed (R1(4)), the
person twice (R1(6))."""


DECISION = {"debtor_identity_number": DEBTOR_ID, "grounds": [4], "facts": "拒不报告财产",
            "decision_number": "(2026)川0104执88号之一", "signed_by_president": True}


def command_only(settings: Settings, store: SqlStore) -> None:
    """What the DecideListing servicer runs — the application's command — and nothing
    after it: the process dies there."""
    app = CreditApplication(settings, clock=settings.clock())
    try:
        app.decide_listing(CasesSeenQueries(store, settings.field_cipher).find(CASE_ID),
                           Decision(**DECISION, decided_on=date(2026, 3, 2)))
    finally:
        app.close()


def decide_over_grpc(instance, settings: Settings) -> None:
    """A judge of the court calls DecideListing on the served instance."""
    token = issue_token(Identity("judge-1", "judge", COURT), settings.jwt_secret)
    with serving(instance, settings) as address, grpc.insecure_channel(address) as channel:
        credit_pb2_grpc.CreditServiceStub(channel).DecideListing(
            credit_pb2.DecideListingRequest(case_ref=NUMBER, decided_on="2026-03-02",
                                            **DECISION),
            metadata=bearer_metadata(token), timeout=10)


def rows(store: SqlStore) -> list[tuple]:
    with store.transaction(read_only=True) as cur:
        cur.execute("SELECT * FROM credit_candidates ORDER BY case_id, identity_number, ground")
        candidates = cur.fetchall()
        cur.execute("SELECT * FROM credit_decisions ORDER BY case_id, identity_number")
        return [*map(tuple, candidates), *map(tuple, cur.fetchall())]


@pytest.fixture
def service(backend):
    """The credit service (SQLite, or PostgreSQL in the connected run) that has seen the
    case's events."""
    settings = backend
    instance = build(settings)
    [cases] = [sub for sub in instance.consumes if sub.topic == settings.topic(CASES_EVENTS)]
    for position, event in enumerate(CASE_EVENTS, 1):
        with instance.store.transaction() as cursor:  # as the tracked consumer would
            cases.handler.handle(cloud_event(event.event_type, CASE_ID,
                                             event.model_dump(mode="json"), position), cursor)
    yield instance, settings
    instance.close()


def undecided(instance, settings: Settings) -> list[tuple[str, int]]:
    return sorted((c.identity_number, c.ground)
                  for c in CasesSeenQueries(instance.store, settings.field_cipher).candidates(COURT))


class TestDecidedFromTheLog:
    def test_the_listed_debtor_leaves_the_candidates_when_the_service_restarts_after_the_command(
            self, service):
        instance, settings = service
        assert undecided(instance, settings) == sorted([(DEBTOR_ID, 4), (DEBTOR_ID, 6), (COMPANY_CODE, 4)])
        instance.close()
        command_only(settings, settings.sql_store("credit"))
        restarted = build(settings)
        try:
            assert drain(restarted) > 0
            assert undecided(restarted, settings) == [(COMPANY_CODE, 4)]
        finally:
            restarted.close()

    def test_the_rebuilt_view_equals_the_live_one_row_for_row_when_replayed_from_the_events(
            self, service):
        instance, settings = service
        decide_over_grpc(instance, settings)
        assert drain(instance) > 0
        live = rows(instance.store)
        assert undecided(instance, settings) == [(COMPANY_CODE, 4)]
        with instance.store.transaction() as cur:
            for statement in ("DROP TABLE credit_candidates", "DROP TABLE credit_decisions",
                              "DELETE FROM tracking WHERE consumer = 'credit.candidates'",
                              "DELETE FROM seen_events WHERE consumer = 'credit.candidates'"):
                cur.execute(statement)
        Candidates.migrate(instance.store)
        # The decisions first this time: the topics keep no order between them.
        assert drain(instance) > 0
        for position, event in enumerate(CASE_EVENTS, 1):
            with instance.store.transaction() as cur:
                Candidates(settings.field_cipher).handle(cloud_event(event.event_type, CASE_ID,
                                                event.model_dump(mode="json"), position), cur)
        assert rows(instance.store) == live


class TestDeclinedFromTheLog:
    def test_the_declined_debtor_leaves_list_candidates_when_the_event_is_projected(
            self, service):
        """DeclineListing writes no view: the ListingDeclined event, projected, does."""
        instance, settings = service
        token = issue_token(Identity("judge-1", "judge", COURT), settings.jwt_secret)
        with serving(instance, settings) as address, grpc.insecure_channel(address) as channel:
            stub = credit_pb2_grpc.CreditServiceStub(channel)

            def listed() -> list[str]:
                return sorted(c.because for c in stub.ListCandidates(
                    credit_pb2.ListCandidatesRequest(), metadata=bearer_metadata(token),
                    timeout=10).candidates)

            assert listed() == ["PropertyReportMissed", "PropertyReportMissed",
                                "SettlementDefaulted"]
            stub.DeclineListing(credit_pb2.DeclineListingRequest(
                case_ref=NUMBER, debtor_identity_number=DEBTOR_ID, reason_rule="R3",
                reason="已提供充分有效担保", decided_on="2026-03-02"),
                metadata=bearer_metadata(token), timeout=10)
            assert listed() == ["PropertyReportMissed", "PropertyReportMissed",
                                "SettlementDefaulted"]  # not yet projected
            assert drain(instance) > 0
            assert listed() == ["PropertyReportMissed"]
        assert undecided(instance, settings) == [(COMPANY_CODE, 4)]
