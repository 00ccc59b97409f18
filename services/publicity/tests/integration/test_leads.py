"""Leads (执行线索) and reward notices (悬赏公告) through the publicity service's RPCs, in
process on SQLite: a lead only on what the portal publishes (a listing, a 终本 case, a
notice in force) — never on a removed listing, a withdrawn notice or an unknown id; the
reporter follows it by reference and learns where it stands, never its text; a court
posts and withdraws notices for its own cases only (R46), gone at once (R61)."""

from __future__ import annotations

import re
from dataclasses import replace
from types import SimpleNamespace

import grpc
import pytest

from testkit.assets import case_filed, cloud_event, drain, feed
from testkit.serving import serving
from zhixing.contracts.events.assets.v1 import LeadAccepted, LeadVerified
from zhixing.contracts.events.cases.v1 import CaseConcluded, PartyV1
from zhixing.contracts.events.credit.v1 import (
    ConsumptionRestrictionIssued,
    ConsumptionRestrictionPublished,
    ListingPublished,
    ListingRemoved,
)
from zhixing.contracts.events.publicity.v1 import LeadReported
from zhixing.contracts.pb.publicity.v1 import desk_pb2, desk_pb2_grpc, publicity_pb2_grpc
from zhixing.contracts.pb.publicity.v1 import publicity_pb2 as pb
from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.keys import KeyRing, new_key
from zhixing.eventstore.settings import Settings
from zhixing.eventstore.sql import SqlStore
from zhixing.publicity.bootstrap import build
from zhixing.publicity.projections.leads import LeadQueries, LeadsProjection
from zhixing.security.identity import Identity
from zhixing.security.tokens import bearer_metadata, issue_token

DEBTOR_ID = "510104199803121239"
CASE = SimpleNamespace(case_id="c1", case_number="(2026)川0104执7号", court_code="川0104",
                       claim_total_fen=100_000_00,
                       debtors=[SimpleNamespace(name="王五", identity_number=DEBTOR_ID)])
TEXT = "他在城南停有一辆白色轿车，车牌川A12345"


def listing(listing_id: str) -> ListingPublished:
    return ListingPublished(
        listing_id=listing_id, court_code="川0104", debtor_identity_number=DEBTOR_ID,
        case_id="c1", case_number=CASE.case_number, debtor_name="王五", debtor_kind="person",
        grounds=[1], decided_on="2026-02-20", published_on="2026-03-01")


@pytest.fixture
def portal(tmp_path):
    clock_file = tmp_path / "clock"
    clock_file.write_text("2026-03-02T02:00:00+00:00")
    settings = Settings(var_dir=tmp_path, grpc_port=0, clock_file=str(clock_file))
    instance = build(settings)
    feed(instance, case_filed(CASE))
    for position, event in enumerate([listing("L1"), listing("L2"), ListingRemoved(
            listing_id="L2", court_code="川0104", debtor_identity_number=DEBTOR_ID,
            case_id="c1", reason=3, triggered_on="2026-03-01", remove_by="2026-03-04",
            removed_on="2026-03-02")], start=2):
        feed(instance, cloud_event(event.event_type, event.listing_id,
                                   event.model_dump(mode="json"), position))
    with serving(instance, settings) as target:
        channel = grpc.insecure_channel(target)
        yield SimpleNamespace(
            public=publicity_pb2_grpc.PublicityServiceStub(channel),
            desk=desk_pb2_grpc.PublicityDeskServiceStub(channel), instance=instance,
            officer=_token(settings, "川0104"), stranger=_token(settings, "川0105"))
        channel.close()
    instance.close()


def _token(settings: Settings, court: str) -> list[tuple[str, str]]:
    return bearer_metadata(issue_token(Identity(subject=f"officer@{court}", role="officer",
                                                court=court), settings.jwt_secret))


def refused(call) -> tuple[grpc.StatusCode, str]:
    with pytest.raises(grpc.RpcError) as raised:
        call()
    return raised.value.code(), raised.value.details()


def report(portal, source: str = "listing", source_id: str = "L1", text: str = TEXT):
    return portal.public.ReportLead(pb.ReportLeadRequest(
        source=source, source_id=source_id, property_kind="vehicle", text=text,
        contact="13800001111"))


class TestReportLead:
    def test_answers_a_reference_and_status_without_the_text_when_on_a_listing(self, portal):
        receipt = report(portal)
        assert re.fullmatch(r"XS-[2-9A-Z]{4}-[2-9A-Z]{4}", receipt.reference)
        assert receipt.reported_on == "2026-03-02"
        drain(portal.instance)
        status = portal.public.GetLeadStatus(pb.GetLeadStatusRequest(
            reference=receipt.reference.lower()))
        assert (status.status, status.status_label, status.verify_by) == (
            "reported", "已提交", "")
        wire = status.SerializeToString()
        assert "白色轿车".encode() not in wire and b"13800001111" not in wire
        assert CASE.case_number.encode() not in wire

    def test_status_follows_the_team_when_assets_accepts_and_verifies(self, portal):
        reference = report(portal).reference
        drain(portal.instance)
        lead_id = _lead_id(portal, reference)
        for position, event in enumerate([
                LeadAccepted(lead_id=lead_id, case_id="c1", court_code="川0104",
                             accepted_on="2026-03-02", verify_by="2026-03-09"),
                LeadVerified(lead_id=lead_id, case_id="c1", court_code="川0104",
                             outcome="property_found", verified_on="2026-03-05")], start=9):
            feed(portal.instance, cloud_event(event.event_type, lead_id,
                                              event.model_dump(mode="json"), position))
        status = portal.public.GetLeadStatus(pb.GetLeadStatusRequest(reference=reference))
        assert (status.status, status.outcome, status.outcome_label) == (
            "verified", "property_found", "查实财产")
        assert (status.verify_by, status.verified_on) == ("2026-03-09", "2026-03-05")

    def test_on_a_zhongben_case_by_number_when_the_case_is_in_the_library(self, portal):
        concluded = CaseConcluded(
            case_id="c1", case_number=CASE.case_number, court_code="川0104",
            concluded_on="2026-03-01", unpaid_fen=5_000_00, requery_dates=["2026-09-01"],
            respondents=[PartyV1(role="respondent", kind="natural_person", name="王五",
                                 identity_number=DEBTOR_ID)])
        feed(portal.instance, cloud_event(concluded.event_type, "c1",
                                          concluded.model_dump(mode="json"), 7))
        assert report(portal, "zhongben", CASE.case_number).reference

    def test_on_a_restriction_only_once_it_is_published_r10(self, portal):
        issued = ConsumptionRestrictionIssued(
            case_id="c1", court_code="川0104", restriction_id="R1", case_number=CASE.case_number,
            debtor_identity_number=DEBTOR_ID, decided_on="2026-03-01", debtor_name="王五",
            debtor_kind="person", publish_on="2026-03-02")
        feed(portal.instance, cloud_event(issued.event_type, "R1",
                                          issued.model_dump(mode="json"), 7))
        code, _ = refused(lambda: report(portal, "restriction", "R1"))
        assert code is grpc.StatusCode.NOT_FOUND, "R10: not reportable before it is published"
        published = ConsumptionRestrictionPublished(
            restriction_id="R1", case_id="c1", court_code="川0104",
            debtor_identity_number=DEBTOR_ID, published_on="2026-03-02")
        feed(portal.instance, replace(cloud_event(  # the restriction's second event
            published.event_type, "R1", published.model_dump(mode="json"), 8), sequence=2))
        assert report(portal, "restriction", "R1").reference

    @pytest.mark.parametrize(("source", "source_id"), [
        ("listing", "L2"), ("listing", "nope"), ("zhongben", CASE.case_number),
        ("reward", "00000000-0000-4000-8000-000000000000"), ("restriction", "R1")])
    def test_not_found_when_the_entry_is_removed_unpublished_or_unknown(
            self, portal, source, source_id):
        code, details = refused(lambda: report(portal, source, source_id))
        assert code is grpc.StatusCode.NOT_FOUND and "source_id" in details

    def test_refused_naming_text_and_its_bound_when_the_text_is_unbounded(self, portal):
        code, details = refused(lambda: report(portal, text="线" * 2001))
        assert code is grpc.StatusCode.INVALID_ARGUMENT
        assert "text" in details and "2000" in details and "线线线" not in details

    def test_not_found_naming_reference_when_it_names_no_lead(self, portal):
        code, details = refused(lambda: portal.public.GetLeadStatus(
            pb.GetLeadStatusRequest(reference="XS-2222-2222")))
        assert code is grpc.StatusCode.NOT_FOUND and "reference" in details


def _lead_id(portal, reference: str) -> str:
    with portal.instance.store.transaction(read_only=True) as cur:
        cur.execute("SELECT lead_id FROM public_leads WHERE reference = %s", (reference,))
        return str(cur.fetchone()[0])


def post(portal, metadata, case_number: str = CASE.case_number,
         text: str = "征集被执行人财产线索", reward: str = "按执行到位金额的10%"):
    return portal.desk.PostRewardNotice(desk_pb2.PostRewardNoticeRequest(
        case_number=case_number, reward=reward, text=text,
        valid_until="2026-06-30"), metadata=metadata).notice


class TestRewardNotices:
    def test_listed_masked_and_open_to_leads_when_posted_by_the_cases_court(self, portal):
        notice = post(portal, portal.officer)
        assert (notice.debtor_name, notice.debtor_identity) == ("王*", "510104********1239")
        drain(portal.instance)
        listed = portal.public.ListRewardNotices(pb.ListRewardNoticesRequest()).notices
        assert [n.notice_id for n in listed] == [notice.notice_id]
        assert listed[0].owed_fen == 100_000_00 and DEBTOR_ID not in str(listed[0])
        assert report(portal, "reward", notice.notice_id).reference

    def test_no_full_id_or_account_on_the_portal_when_the_text_spells_them_r60(
            self, portal):
        """The court's own words are public: an ID or an account typed into the notice
        shows its last 4 only; a phone to call stays (the notice asks for calls)."""
        spelt = (f"被执行人王五（身份证号{DEBTOR_ID}）名下账户 6222 0204 0200 1234 567，"
                 "举报电话13800001111")
        notice = post(portal, portal.officer, text=spelt, reward=f"联系{DEBTOR_ID}")
        drain(portal.instance)
        [listed] = portal.public.ListRewardNotices(pb.ListRewardNoticesRequest()).notices
        for answer in (notice, listed):
            wire = answer.SerializeToString()
            for number in (DEBTOR_ID, "6222 0204 0200 1234 567"):
                assert number.encode() not in wire
        assert listed.text.endswith("1239）名下账户 ***************4567，举报电话13800001111")

    def test_refused_by_the_numbers_court_when_another_court_posts_for_the_case_r46(
            self, portal):
        # The 案号 names its court (R39): refusing by it tells nothing the number did not.
        code, details = refused(lambda: post(portal, portal.stranger))
        assert code is grpc.StatusCode.PERMISSION_DENIED and "R46" in details

    def test_gone_at_once_and_closed_to_leads_when_withdrawn_r61(self, portal):
        notice = post(portal, portal.officer)
        code, _ = refused(lambda: portal.desk.WithdrawRewardNotice(
            desk_pb2.WithdrawRewardNoticeRequest(notice_id=notice.notice_id, reason="已履行"),
            metadata=portal.stranger))
        assert code is grpc.StatusCode.NOT_FOUND, "another court's notice is unknown to it"
        portal.desk.WithdrawRewardNotice(desk_pb2.WithdrawRewardNoticeRequest(
            notice_id=notice.notice_id, reason="已履行"), metadata=portal.officer)
        drain(portal.instance)
        assert not portal.public.ListRewardNotices(pb.ListRewardNoticesRequest()).notices
        code, _ = refused(lambda: report(portal, "reward", notice.notice_id))
        assert code is grpc.StatusCode.NOT_FOUND

    def test_posts_and_withdrawals_are_audited_with_the_case_number_r46(self, portal):
        notice = post(portal, portal.officer)
        portal.desk.WithdrawRewardNotice(desk_pb2.WithdrawRewardNoticeRequest(
            notice_id=notice.notice_id, reason="已履行"), metadata=portal.officer)
        rows = [(e.action.rsplit("/", 1)[-1], e.target, e.outcome)
                for e in portal.instance.audit.entries(50)]
        assert ("PostRewardNotice", CASE.case_number, "ok") in rows
        assert ("WithdrawRewardNotice", CASE.case_number, "ok") in rows

    @pytest.mark.parametrize(("page_size", "page_token", "field"), [
        (51, "", "page_size"), (0, "1.20.0000000000000000", "page_token"),
        (0, "20.400." + "0" * 16, "page_token")])
    def test_refused_naming_the_paging_bound_when_asked_beyond_it_r61(
            self, portal, page_size, page_token, field):
        code, details = refused(lambda: portal.public.ListRewardNotices(
            pb.ListRewardNoticesRequest(page_size=page_size, page_token=page_token)))
        assert code is grpc.StatusCode.INVALID_ARGUMENT and field in details

    def test_pages_newest_first_when_a_court_has_more_than_a_page(self, portal):
        ids = [post(portal, portal.officer).notice_id for _ in range(3)]
        drain(portal.instance)
        first = portal.public.ListRewardNotices(pb.ListRewardNoticesRequest(
            court_code="川0104", page_size=2))
        rest = portal.public.ListRewardNotices(pb.ListRewardNoticesRequest(
            court_code="川0104", page_size=2, page_token=first.next_page_token))
        assert sorted(n.notice_id for n in [*first.notices, *rest.notices]) == sorted(ids)
        assert len(first.notices) == 2 and not rest.next_page_token


class TestStatusOrder:
    def test_accepted_when_the_assets_answer_arrives_before_the_report_itself(self, tmp_path):
        # Two topics, two consumer groups: LeadAccepted may be projected first.
        store, cipher = SqlStore(sqlite_path=tmp_path / "v.db"), FieldCipher(
            KeyRing.from_text(new_key()))
        LeadsProjection.migrate(store)
        lead_id = "5d1c6a2e-0000-4000-8000-000000000009"
        accepted = LeadAccepted(lead_id=lead_id, case_id="c1", court_code="川0104",
                                accepted_on="2026-03-03", verify_by="2026-03-09")
        lead = LeadReported(lead_id=lead_id, reference="XS-2345-6789", case_id="c1",
                            case_number=CASE.case_number, court_code="川0104",
                            source="listing", source_id="L1", property_kind="other",
                            text=TEXT, reported_on="2026-03-02")
        for position, event in enumerate([accepted, lead]):
            with store.transaction() as cur:
                LeadsProjection(cipher).handle(cloud_event(
                    event.event_type, lead_id, event.model_dump(mode="json"), position), cur)
        status = LeadQueries(store, cipher).status("XS-2345-6789")
        assert (status.status, status.reported_on, status.verify_by) == (
            "accepted", "2026-03-02", "2026-03-09")
        store.close()
