"""What relief knows of an enforcement case (R29: can the debtor pay? R30: what is still
unpaid?), from the cases and assets events, fed as their consumers feed them."""

from __future__ import annotations

import copy
from types import SimpleNamespace

import pytest

from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.assets.v1 import NetworkInquiryCompleted
from zhixing.contracts.events.cases.v1 import (
    CaseClosed,
    CaseConcluded,
    CaseFiled,
    CaseResumed,
    MoneyDisbursed,
    MoneyReceived,
    PartyV1,
)
from zhixing.contracts.topics import ASSETS_EVENTS, CASES_EVENTS
from zhixing.messaging.consumer import InOrder
from zhixing.relief.domain.facts import CaseStage
from zhixing.relief.policies.recovery import RecoveryPolicy
from zhixing.relief.projections.case_facts import (
    CASE_TABLES,
    INQUIRY_TABLES,
    CaseFactsQueries,
    CaseFactsView,
)
from zhixing.runtime.rebuild import targets
from zhixing.runtime.service import Consumes

from .read_support import BACKENDS, FakeRelief, deliver, feed, rows, settings_for

CASE_ID, COURT, NUMBER = "9d0c5e1a-0000-4000-8000-000000000077", "川0104", "(2026)川0104执77号"
RESUMED_ID = "9d0c5e1a-0000-4000-8000-000000000078"
HEAD = {"case_id": CASE_ID, "case_number": NUMBER, "court_code": COURT}
APPLICANT_NAME, DEBTOR_NAME = "李四", "王五"
APPLICANT_ID, DEBTOR_ID = "510104198003121234", "51010419750101201X"
PARTIES = [
    PartyV1(role="applicant", kind="natural_person", name=APPLICANT_NAME,
            identity_number=APPLICANT_ID),
    PartyV1(role="applicant", kind="organisation", name="成都锦城建设有限公司",
            identity_number="91510104MA6CQ1W2E1"),
    PartyV1(role="respondent", kind="natural_person", name=DEBTOR_NAME,
            identity_number=DEBTOR_ID)]
CLAIM = 100_000_00
VIEWS = ("relief_case_facts", "relief_case_receipts", "relief_case_floors",
         "relief_case_inquiries")


def filed(case_id: str = CASE_ID, number: str = NUMBER, claim: int = CLAIM,
          case_type: str = "执", linked: tuple[str, str] | None = None,
          parties: list[PartyV1] = PARTIES) -> CaseFiled:
    link = {"linked_case_id": linked[0], "link_kind": linked[1]} if linked else {}
    return CaseFiled(case_id=case_id, case_number=number, court_code=COURT,
                     case_type=case_type, filed_on="2026-01-05", basis_kind="judgment",
                     basis_document_number="(2025)川0104民初1号", parties=parties,
                     claim_total_fen=claim, **link)


def received(receipt: str, amount: int) -> MoneyReceived:
    return MoneyReceived(**HEAD, receipt_id=receipt, source="deduction", amount_fen=amount,
                         received_on="2026-02-02", disburse_by="2026-03-04")


def concluded(unpaid: int) -> CaseConcluded:
    return CaseConcluded(**HEAD, concluded_on="2026-05-06", unpaid_fen=unpaid,
                         requery_dates=["2026-11-06"], respondents=PARTIES[2:])


def inquiry(inquiry_id: str, found: bool, revision: int = 0) -> NetworkInquiryCompleted:
    return NetworkInquiryCompleted(
        inquiry_id=inquiry_id, case_id=CASE_ID, court_code=COURT,
        debtor_identity_number=DEBTOR_ID, completed_on="2026-02-10",
        agency_kinds=["bank_deposit", "vehicle"], disposable_property_found=found,
        revision=revision)


@pytest.fixture(params=[BACKENDS[0], pytest.param(BACKENDS[1], marks=pytest.mark.connected)])
def view(request, tmp_path):
    """The view on a fresh store; `send(*events)` delivers each once, in order."""
    settings = settings_for(request.param, tmp_path)
    store = settings.sql_store("relief")
    CaseFactsView.migrate(store)
    positions = iter(range(1, 10_000))

    def send(*events: IntegrationEvent) -> None:
        for event in events:
            deliver(store, CaseFactsView(cipher=settings.field_cipher), event,
                    next(positions))

    send.cipher = settings.field_cipher  # type: ignore[attr-defined]  # for a rebuild's view
    yield store, send, CaseFactsQueries(store)
    store.close()


class TestStage:
    def test_case_is_under_enforcement_with_its_parties_by_index_when_filed(self, view):
        _, send, queries = view
        send(filed())
        facts = queries.get(CASE_ID)
        assert (facts.case_number, facts.court_code, facts.stage, facts.claim_total_fen) == (
            NUMBER, COURT, CaseStage.UNDER_ENFORCEMENT, CLAIM)
        assert [(p.index, p.role, p.kind) for p in facts.parties] == [
            (0, "applicant", "natural_person"), (1, "applicant", "organisation"),
            (2, "respondent", "natural_person")]
        assert all(p.identity_key.startswith("zb1.") for p in facts.parties)
        assert not facts.debtor_cannot_pay

    def test_case_is_none_when_no_filing_was_seen(self, view):
        _, send, queries = view
        send(received("r-1", 5_00))
        assert queries.get(CASE_ID) is None

    def test_debtor_cannot_pay_when_the_case_is_concluded(self, view):
        """R29: 终本 — the case ended without disposable property."""
        _, send, queries = view
        send(filed(), concluded(CLAIM))
        facts = queries.get(CASE_ID)
        assert facts.stage is CaseStage.CONCLUDED and facts.debtor_cannot_pay

    def test_case_is_closed_and_its_resumption_under_enforcement_when_resumed(self, view):
        """恢复执行: the original ends; the 执恢 case carries the unpaid remainder."""
        _, send, queries = view
        send(filed(), concluded(CLAIM - 20_000_00),
             CaseResumed(**HEAD, resumed_on="2026-09-01", new_case_id=RESUMED_ID,
                         new_case_number="(2026)川0104执恢3号", reason="property_found"),
             filed(RESUMED_ID, "(2026)川0104执恢3号", CLAIM - 20_000_00, "执恢"))
        assert queries.get(CASE_ID).stage is CaseStage.CLOSED
        resumed = queries.get(RESUMED_ID)
        assert (resumed.stage, resumed.unpaid_fen) == (CaseStage.UNDER_ENFORCEMENT,
                                                       CLAIM - 20_000_00)

    def test_stage_stays_closed_when_the_conclusion_is_delivered_again_late(self, view):
        store, send, queries = view
        send(filed(), concluded(CLAIM))
        send(CaseClosed(**HEAD, closure="terminated", closed_on="2026-07-01", recovered_fen=0,
                        respondents=PARTIES[2:]))
        deliver(store, CaseFactsView(), concluded(CLAIM), 2)  # the 终本 notification again
        assert queries.get(CASE_ID).stage is CaseStage.CLOSED


    def test_a_resumed_case_names_the_case_it_resumes_when_filed_as_its_resumption(self, view):
        """R29 follows a 执恢 case back to its original: one payment per party per case."""
        _, send, queries = view
        send(filed(), filed(RESUMED_ID, "(2026)川0104执恢3号", CLAIM, "执恢",
                            linked=(CASE_ID, "resumes")),
             filed("9d0c5e1a-0000-4000-8000-000000000079", "(2026)川0104执异1号", CLAIM,
                   "执异", linked=(CASE_ID, "objection")))
        assert queries.get(RESUMED_ID).resumes_case_id == CASE_ID
        assert queries.get("9d0c5e1a-0000-4000-8000-000000000079").resumes_case_id == ""
        assert queries.get(CASE_ID).resumes_case_id == ""


    def test_a_party_is_told_in_the_case_it_resumes_by_its_identity_when_listed_in_another_order(
            self, view):
        """R29: the same party, whatever its index in the 执恢 case — by role, kind and a
        blind index of its identity number (never the number, R60)."""
        _, send, queries = view
        reordered = [PARTIES[1], PARTIES[2], PARTIES[0]]
        send(filed(), filed(RESUMED_ID, "(2026)川0104执恢3号", CLAIM, "执恢",
                            linked=(CASE_ID, "resumes"), parties=reordered))
        original, resumed = queries.get(CASE_ID), queries.get(RESUMED_ID)
        assert [p.index for p in original.counterparts(resumed.party(2))] == [0]
        assert [p.index for p in original.counterparts(resumed.party(0))] == [1]
        assert original.party(0).identity_key.startswith("zb1.")
        assert APPLICANT_ID not in original.party(0).identity_key


class TestTotals:
    def test_a_receipt_counts_once_when_its_event_is_delivered_again(self, view):
        store, send, queries = view
        send(filed(), received("r-1", 30_000_00))
        before = rows(store, *VIEWS)
        deliver(store, CaseFactsView(), received("r-1", 30_000_00), 2)  # same notification
        send(received("r-1", 30_000_00))  # re-published: another notification, same receipt
        assert rows(store, *VIEWS) == before
        assert queries.get(CASE_ID).unpaid_fen == CLAIM - 30_000_00

    def test_each_case_counts_its_receipt_when_two_accounts_use_one_reference(self, view):
        """A receipt's reference is unique within its case's account only."""
        _, send, queries = view
        other = {**HEAD, "case_id": RESUMED_ID, "case_number": "(2026)川0104执78号"}
        send(filed(), filed(RESUMED_ID, other["case_number"]), received("BANK-001", 1_000_00),
             MoneyReceived(**other, receipt_id="BANK-001", source="voluntary",
                           amount_fen=2_000_00, received_on="2026-02-02",
                           disburse_by="2026-03-04"))
        assert (queries.get(CASE_ID).received_total_fen,
                queries.get(RESUMED_ID).received_total_fen) == (1_000_00, 2_000_00)

    def test_received_rises_to_the_cases_count_when_a_receipt_was_not_seen(self, view):
        """R30's ceiling is never above what the cases service says is unpaid."""
        _, send, queries = view
        send(filed(), received("r-1", 10_000_00), concluded(CLAIM - 25_000_00))
        assert queries.get(CASE_ID).received_total_fen == 25_000_00

    def test_received_follows_the_disbursement_total_when_larger(self, view):
        _, send, queries = view
        send(filed(), received("r-1", 10_000_00),
             MoneyDisbursed(**HEAD, disbursement_id="d-1", payee="applicant:0",
                            amount_fen=10_000_00, disbursed_on="2026-02-20",
                            received_total_fen=40_000_00, claim_total_fen=CLAIM))
        assert queries.get(CASE_ID).received_total_fen == 40_000_00
        send(received("r-2", 50_000_00))
        assert queries.get(CASE_ID).received_total_fen == 60_000_00

    def test_totals_count_when_the_account_events_arrive_before_the_filing(self, view):
        """The account's events travel under the account's key: no order with the case's."""
        _, send, queries = view
        send(received("r-1", 10_000_00),
             MoneyDisbursed(**HEAD, disbursement_id="d-1", payee="applicant:0",
                            amount_fen=10_000_00, disbursed_on="2026-02-20",
                            received_total_fen=40_000_00, claim_total_fen=CLAIM),
             filed())
        assert queries.get(CASE_ID).received_total_fen == 40_000_00

    def test_a_smaller_total_told_later_lowers_nothing(self, view):
        _, send, queries = view
        send(filed(), MoneyDisbursed(**HEAD, disbursement_id="d-1", payee="costs",
                                     amount_fen=1_00, disbursed_on="2026-02-20",
                                     received_total_fen=40_000_00, claim_total_fen=CLAIM),
             concluded(CLAIM - 10_000_00))
        assert queries.get(CASE_ID).unpaid_fen == CLAIM - 40_000_00


class TestInquiries:
    def test_debtor_cannot_pay_when_every_inquiry_found_nothing(self, view):
        """R29: under enforcement, but the property inquiry found nothing disposable."""
        _, send, queries = view
        send(filed(), inquiry("q-1", False))
        facts = queries.get(CASE_ID)
        assert (facts.inquiries_completed, facts.property_found) == (1, False)
        assert facts.debtor_cannot_pay

    def test_property_is_found_when_an_inquiry_is_revised_later_with_property(self, view):
        """A late answer of an overdue agency found property: the debtor may pay."""
        _, send, queries = view
        send(filed(), inquiry("q-1", False), inquiry("q-2", False), inquiry("q-1", True, 1))
        facts = queries.get(CASE_ID)
        assert (facts.inquiries_completed, facts.property_found) == (2, True)
        assert not facts.debtor_cannot_pay

    def test_an_earlier_revision_arriving_late_changes_nothing(self, view):
        _, send, queries = view
        send(filed(), inquiry("q-1", True, 1), inquiry("q-1", False, 0))
        assert queries.get(CASE_ID).property_found

    def test_an_inquiry_seen_before_the_filing_counts_once_the_case_is_filed(self, view):
        """The assets and cases topics arrive in no fixed order between them."""
        _, send, queries = view
        send(inquiry("q-1", True), filed())
        assert queries.get(CASE_ID).property_found


class TestRebuild:
    CASES = (filed(), received("r-1", 30_000_00), concluded(CLAIM - 30_000_00),
             CaseClosed(**HEAD, closure="terminated", closed_on="2026-07-01",
                        recovered_fen=30_000_00, respondents=PARTIES[2:]))
    ASSETS = (inquiry("q-1", False), inquiry("q-1", True, 1), inquiry("q-2", False))

    def test_a_rebuild_gives_the_same_rows_when_each_topic_is_replayed_alone(self, view):
        """What `zhixing relief rebuild` does: one consumer's topic into a new version."""
        store, send, queries = view
        send(*self.CASES[:2], self.ASSETS[0], *self.CASES[2:], *self.ASSETS[1:])
        before = queries.get(CASE_ID)
        for follows, tables, events in (("cases", CASE_TABLES, self.CASES),
                                        ("assets", INQUIRY_TABLES, self.ASSETS)):
            replica = copy.copy(CaseFactsView(follows, cipher=send.cipher))
            replica.tables = tables.at(2)
            with store.transaction() as cur:
                tables.create(cur, 2)
            feed(store, replica, [*events, *(self.ASSETS if follows == "cases"
                                             else self.CASES)], first=100)
            live = rows(store, *(f"{t}__v1" for t in tables.tables))
            rebuilt = rows(store, *(f"{t}__v2" for t in tables.tables))
            assert list(rebuilt.values()) == list(live.values()) and all(live.values())
            with store.transaction() as cur:
                tables.swap(cur, 2)
        assert queries.get(CASE_ID) == before

    def test_each_part_is_rebuildable_when_wired_to_its_own_topic(self):
        handler = InOrder(CaseFactsView("cases"), RecoveryPolicy(FakeRelief()))
        instance = SimpleNamespace(consumes=[
            Consumes(CASES_EVENTS, handler, "relief.case-facts"),
            Consumes(ASSETS_EVENTS, CaseFactsView("assets"), "relief.case-facts-assets")])
        found = targets(instance)
        assert {name: (t.topic, t.group) for name, t in found.items()} == {
            "relief_case_facts": (CASES_EVENTS, "relief.case-facts"),
            "relief_case_inquiries": (ASSETS_EVENTS, "relief.case-facts-assets")}

    def test_a_view_following_one_topic_writes_nothing_of_the_other(self, view):
        store, _, _ = view
        deliver(store, CaseFactsView("cases"), inquiry("q-1", True), 1)
        deliver(store, CaseFactsView("assets"), filed(), 2)
        assert rows(store, *VIEWS) == {v: [] for v in VIEWS}


class TestPrivacy:
    def test_no_name_or_identity_number_is_kept_when_the_events_carry_them(self, view):
        """R60: relief names a party by its index; the inquiry's debtor ID is not kept."""
        store, send, _ = view
        send(filed(), inquiry("q-1", False))
        kept = repr(rows(store, *VIEWS))
        for personal in (APPLICANT_NAME, DEBTOR_NAME, APPLICANT_ID, DEBTOR_ID):
            assert personal not in kept
