"""CreditService and CreditCheckService called in-process: only the listing court's
judges decide (R46), replies masked (R60), partners check and report (R42) and are
counted without their identities being logged."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date

import grpc
import pytest

from testkit.servicers import Aborted, call_as
from zhixing.contracts.pb.credit.v1 import check_pb2, credit_pb2
from zhixing.credit.api.check import CreditCheckServicer
from zhixing.credit.api.court import CreditServicer
from zhixing.credit.application.bases import CheckBases
from zhixing.credit.application.list_feed import ListFeed, ListView
from zhixing.credit.application.partners import PartnerDesk
from zhixing.credit.partners import PartnerRegistry
from zhixing.credit.projections.cases_seen import CasesSeen, CasesSeenQueries
from zhixing.eventstore.settings import Settings
from zhixing.security.audit import AuditLog
from zhixing.security.identity import Identity

from ..conftest import COMPANY_CODE, DEBTOR_ID, LEGAL_REP_ID

COURT = "川0104"
JUDGE = Identity("judge-1", "judge", COURT)
AIRLINE = Identity("airline-ca", "partner", agency="airline.ca")


class Suite:
    def __init__(self, app, case, tmp_path) -> None:
        settings = Settings(var_dir=tmp_path)
        store = settings.sql_store("credit")
        self.cipher = cipher = settings.field_cipher
        CasesSeen.migrate(store)
        PartnerDesk.migrate(store)
        self.app, self.case, self.store = app, case, store
        self.audit, self.desk = AuditLog(store), PartnerDesk(store, cipher)
        self.view = ListView(ListFeed(app))
        self._seen(case)
        self.court = CreditServicer(app, self.audit, CasesSeenQueries(store, cipher), self.desk)
        self.check = CreditCheckServicer(self.view, self.desk, app.clock,
                                         partners=PartnerRegistry.load(), audit=self.audit,
                                         bases=CheckBases(app))

    def _seen(self, case) -> None:
        """The case as the credit service learns it from the cases events."""
        debtors = [{"identity_number": d.identity_number, "name": d.name, "kind": d.kind}
                   for d in case.debtors]
        with self.store.transaction() as cur:
            cur.execute(
                "INSERT INTO credit_cases (case_id, case_number, court_code, debtors, "
                "claim_total_fen, received_fen, notice_served_on, notice_deadline, warned) "
                "VALUES (%s, %s, %s, %s, %s, 0, %s, %s, 1)",
                (case.case_id, case.case_number, case.court_code, self.cipher.seal_json(debtors),
                 case.claim_total_fen, case.notice_served_on, case.notice_deadline))

    def decide(self, identity=JUDGE, debtor=DEBTOR_ID, **changes):
        fields = {"case_ref": self.case.case_number, "debtor_identity_number": debtor,
                  "grounds": [2], "facts": "以暴力方法抗拒执行",
                  "decision_number": "(2026)川0104执100号之一", "signed_by_president": True}
        request = credit_pb2.DecideListingRequest(**{**fields, **changes})
        return call_as(identity, self.court, "DecideListing", request)

    def checked(self, identity: str, caller=AIRLINE):
        self.view.refresh()
        return call_as(caller, self.check, "Check",
                       check_pb2.CheckRequest(identity_number=identity))


@pytest.fixture
def suite(app, case, tmp_path) -> Iterator[Suite]:
    running = Suite(app, case, tmp_path)
    yield running
    running.view.stop()


class TestWhoDecides:
    """R46: only the judges and president of the court that holds the case."""

    def test_a_judge_of_the_court_lists_and_the_reply_is_masked(self, suite):
        listing = suite.decide().listing
        assert listing.published and listing.debtor == DEBTOR_ID[:6] + "********" + DEBTOR_ID[-4:]

    @pytest.mark.parametrize("caller", [Identity("officer-1", "officer", COURT), AIRLINE],
                             ids=["officer", "partner"])
    def test_others_are_refused_and_the_refusal_audited(self, suite, caller):
        with pytest.raises(Aborted) as refusal:
            suite.decide(identity=caller)
        assert refusal.value.code == grpc.StatusCode.PERMISSION_DENIED
        assert any(e.outcome == "denied" for e in suite.audit.entries(limit=50))

    def test_the_same_listing_is_answered_when_the_decision_is_sent_again(self, suite):
        first = suite.decide().listing
        assert suite.decide().listing.listing_id == first.listing_id

    def test_already_exists_naming_decision_number_when_reused_for_other_grounds(self, suite):
        suite.decide()
        with pytest.raises(Aborted) as refusal:
            suite.decide(facts="隐匿财产")
        assert refusal.value.code == grpc.StatusCode.ALREADY_EXISTS
        assert "[decision_number]" in refusal.value.details

    def test_an_unknown_case_is_not_found(self, suite):
        request = credit_pb2.DecideListingRequest(case_ref="(2026)川0104执999号")
        with pytest.raises(Aborted) as refusal:
            call_as(JUDGE, suite.court, "DecideListing", request)
        assert refusal.value.code == grpc.StatusCode.NOT_FOUND

    def test_an_organisation_without_its_legal_representative_names_r14(self, suite):
        with pytest.raises(Aborted) as refusal:
            suite.decide(debtor=COMPANY_CODE)  # an organisation without its persons
        assert refusal.value.code == grpc.StatusCode.INVALID_ARGUMENT
        assert "R14" in refusal.value.details
        assert COMPANY_CODE not in refusal.value.details


class TestAnotherCourt:
    """R46 without an existence leak: another court's case or listing is answered as an
    unknown one (same code, same details), and the attempt is audited."""

    STRANGER = Identity("judge-2", "judge", "渝0103")

    def test_the_answer_is_an_unknown_cases_when_another_court_decides(self, suite):
        with pytest.raises(Aborted) as theirs:
            suite.decide(identity=self.STRANGER)
        with pytest.raises(Aborted) as unknown:
            call_as(self.STRANGER, suite.court, "DecideListing",
                    credit_pb2.DecideListingRequest(case_ref="(2026)川0104执999号"))
        assert (theirs.value.code, theirs.value.details) == (
            unknown.value.code, unknown.value.details)
        assert theirs.value.code == grpc.StatusCode.NOT_FOUND

    def test_the_answer_is_an_unknown_ids_when_another_court_removes_a_listing(self, suite):
        listing = suite.decide().listing
        answers = []
        for listing_id in (listing.listing_id, "00000000-0000-4000-8000-000000000999"):
            with pytest.raises(Aborted) as refusal:
                call_as(self.STRANGER, suite.court, "RemoveListing",
                        credit_pb2.RemoveListingRequest(listing_id=listing_id, reason=1))
            answers.append((refusal.value.code, refusal.value.details))
        assert answers[0] == answers[1] and answers[0][0] == grpc.StatusCode.NOT_FOUND

    def test_the_refused_attempt_is_audited_when_another_court_removes_a_listing(self, suite):
        listing = suite.decide().listing
        with pytest.raises(Aborted):
            call_as(self.STRANGER, suite.court, "RemoveListing",
                    credit_pb2.RemoveListingRequest(listing_id=listing.listing_id, reason=1))
        [entry] = [e for e in suite.audit.entries(limit=50) if e.outcome == "denied"]
        assert (entry.actor, entry.court, entry.target, entry.action) == (
            "judge-2", "渝0103", listing.case_number,
            "/zhixing.credit.v1.CreditService/RemoveListing")


class TestPartners:
    """R42: Check, BatchCheck and ReportAction; counted per partner."""

    def test_check_answers_listed_and_restricted_with_the_conduct(self, suite):
        assert suite.checked(DEBTOR_ID).state.listed is False
        suite.decide()
        answer = suite.checked(DEBTOR_ID)
        assert answer.valid and answer.state.listed and answer.state.restricted
        assert "flights" in answer.state.conduct and answer.state.since == "2026-03-02"

    def test_an_organisations_legal_representative_is_restricted(self, suite):
        suite.decide(debtor=COMPANY_CODE, persons=[credit_pb2.Person(
            role="legal_representative", name="李四", identity_number=LEGAL_REP_ID)])
        state = suite.checked(LEGAL_REP_ID).state
        assert (state.listed, state.restricted) == (False, True)

    def test_a_malformed_identity_is_answered_invalid(self, suite):
        answer = suite.checked(DEBTOR_ID[:-1] + "0" if DEBTOR_ID[-1] != "0" else "1")
        assert answer.valid is False and answer.state.listed is False

    def test_batch_check_answers_in_order(self, suite):
        suite.decide()
        suite.view.refresh()
        batches = [check_pb2.BatchCheckRequest(identity_numbers=[LEGAL_REP_ID, DEBTOR_ID]),
                   check_pb2.BatchCheckRequest(identity_numbers=[DEBTOR_ID])]
        answers = call_as(AIRLINE, suite.check, "BatchCheck", batches)
        assert [[s.listed for s in a.states] for a in answers] == [[False, True], [True]]

    def test_checks_are_counted_per_partner_without_identities(self, suite, caplog):
        """R42 counted, R60 never logged: neither the logs nor the audit hold it."""
        with caplog.at_level(logging.DEBUG):
            suite.checked(DEBTOR_ID)
            call_as(AIRLINE, suite.check, "BatchCheck",
                    [check_pb2.BatchCheckRequest(identity_numbers=[DEBTOR_ID] * 5)])
            suite.desk.flush()
        assert suite.desk.checks("airline.ca") == {"2026-03-02": 6}
        assert DEBTOR_ID not in caplog.text
        assert all(DEBTOR_ID not in str(e) for e in suite.audit.entries(limit=100))

    def test_a_malformed_identity_in_a_batch_is_answered_not_listed(self, suite):
        """One answer per identity, as Check answers it; the batch goes on."""
        suite.decide()
        suite.view.refresh()
        batch = check_pb2.BatchCheckRequest(identity_numbers=[
            DEBTOR_ID, "12345", f" {DEBTOR_ID.lower()} "])
        answers = call_as(AIRLINE, suite.check, "BatchCheck", [batch])
        assert [s.listed for s in answers[0].states] == [True, False, True]

    def test_a_caller_without_a_partner_id_is_refused(self, suite):
        with pytest.raises(Aborted) as refusal:
            suite.checked(DEBTOR_ID, caller=Identity("someone", "partner"))
        assert refusal.value.code == grpc.StatusCode.PERMISSION_DENIED

    def test_a_reported_block_is_recorded_once_and_shown_to_the_court(self, suite):
        suite.decide()
        report = check_pb2.ReportActionRequest(
            report_id="CA-2026-1", identity_number=DEBTOR_ID, action="flight_ticket",
            conduct="flights", occurred_at="2026-03-02T09:00:00+08:00", detail="购票被拒")
        assert call_as(AIRLINE, suite.check, "ReportAction", report).recorded is True
        assert call_as(AIRLINE, suite.check, "ReportAction", report).recorded is False
        record = call_as(JUDGE, suite.court, "GetDebtorRecord",
                         credit_pb2.GetDebtorRecordRequest(identity_number=DEBTOR_ID))
        assert [(a.partner, a.action) for a in record.actions] == [("airline.ca",
                                                                    "flight_ticket")]
        assert record.state.listed and len(record.listings) == 1

    def test_already_exists_naming_report_id_when_reused_for_another_report(self, suite):
        report = check_pb2.ReportActionRequest(
            report_id="CA-2026-2", identity_number=DEBTOR_ID, action="flight_ticket",
            conduct="flights", detail="购票被拒")
        call_as(AIRLINE, suite.check, "ReportAction", report)
        report.action = "hotel"
        with pytest.raises(Aborted) as refusal:
            call_as(AIRLINE, suite.check, "ReportAction", report)
        assert refusal.value.code == grpc.StatusCode.ALREADY_EXISTS
        assert "[report_id]" in refusal.value.details
        assert [a.action for a in suite.desk.actions(DEBTOR_ID)] == ["flight_ticket"]

    def test_a_report_with_an_unknown_conduct_names_r13(self, suite):
        report = check_pb2.ReportActionRequest(report_id="x", identity_number=DEBTOR_ID,
                                               action="loan", conduct="yachts")
        with pytest.raises(Aborted) as refusal:
            call_as(AIRLINE, suite.check, "ReportAction", report)
        assert "R13" in refusal.value.details


class TestDebtorRecord:
    def test_good_faith_shows_on_the_record_of_a_debtor_never_listed(self, suite, app, case):
        """自动履行正向激励: paid in full by the notice's deadline."""
        app.record_good_faith(case.case_id, case.case_number, COURT, [DEBTOR_ID],
                              date(2026, 1, 14), case.notice_deadline)
        record = call_as(JUDGE, suite.court, "GetDebtorRecord",
                         credit_pb2.GetDebtorRecordRequest(identity_number=DEBTOR_ID))
        assert list(record.good_faith_cases) == [case.case_number]
        assert record.state.listed is False and not record.listings

    def test_another_courts_listings_and_the_partners_reports_are_not_shown(self, suite):
        """R46: the record is for the courts that listed or restricted the debtor."""
        suite.decide()
        call_as(AIRLINE, suite.check, "ReportAction", check_pb2.ReportActionRequest(
            report_id="CA-1", identity_number=DEBTOR_ID, action="flight_ticket"))
        other = Identity("judge-9", "judge", "渝0103")
        record = call_as(other, suite.court, "GetDebtorRecord",
                         credit_pb2.GetDebtorRecordRequest(identity_number=DEBTOR_ID))
        assert not record.listings and not record.restrictions and not record.actions
        assert record.state.listed is True, "the state partners see is public to courts"

    def test_invalid_argument_naming_the_field_when_the_identity_is_a_name(self, suite):
        with pytest.raises(Aborted) as refusal:
            call_as(JUDGE, suite.court, "GetDebtorRecord",
                    credit_pb2.GetDebtorRecordRequest(identity_number="张三"))
        assert refusal.value.code == grpc.StatusCode.INVALID_ARGUMENT
        assert "[identity_number]" in refusal.value.details and "张三" not in refusal.value.details

