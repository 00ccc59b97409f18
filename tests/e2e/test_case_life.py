"""A case's whole life, driven over gRPC in both run modes (issue: the cases service).

file → assign → notice → nothing found (the assets and credit services' events, built
from their contract models) → 终本 → property found on re-query → 执恢 → money deducted
into the new case's account → disbursed → closed; the read models are checked after
every step. Time travels through a clock file shared by all processes (DESIGN §10).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote
from urllib.request import urlopen

import grpc
import pytest

from testkit.client import ZhixingClient
from testkit.filings import file_case_request
from testkit.stack import process_env, stack_settings
from testkit.waiting import wait_until
from zhixing.contracts.events.assets.v1 import FundsDeducted, NetworkInquiryCompleted
from zhixing.contracts.events.credit.v1 import ConsumptionRestrictionIssued, DebtorListed
from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb
from zhixing.eventstore.settings import Settings
from zhixing.runtime.inject import publish_event
from zhixing.security.identity import Identity
from zhixing.security.tokens import issue_token

pytestmark = pytest.mark.e2e

COURT, TEAM = "川0104", "执行一组"
QUERIED = ["bank_deposit", "vehicle", "real_estate", "securities", "tax"]


@dataclass
class Suite:
    """One running suite: its gRPC target, token secret, clock file and event injection."""

    target: str
    public_target: str
    """Where the public progress is served (the publicity API)."""
    secret: str
    clock_file: Path
    inject_settings: Settings
    web: str
    """The public web pages' base URL."""

    def on_zhongben_page(self, case_number: str) -> bool:
        """Whether the 终本案件库 page lists the case (R19): a row links to it."""
        page = urlopen(f"{self.web}/zhongben", timeout=10).read().decode()
        return f"/cases?number={quote(case_number)}" in page

    def travel(self, iso_day: str) -> None:
        self.clock_file.write_text(f"{iso_day}T10:00:00+08:00")

    def inject(self, event, subject: str) -> None:  # type: ignore[no-untyped-def]
        publish_event(self.inject_settings, event.event_type, event.model_dump(mode="json"),
                      subject=subject)


class Officer:
    """The lead officer of 执行一组 at 川0104, working through gRPC."""

    def __init__(self, suite: Suite, court: str = COURT, team: str = TEAM) -> None:
        token = issue_token(Identity(f"officer-{court}", "officer", court, team=team),
                            suite.secret)
        self.client = ZhixingClient(suite.target, token)
        self.public = ZhixingClient(suite.public_target)
        self.rpc = self.client.cases

    def __call__(self, method: str, **fields):  # type: ignore[no-untyped-def]
        request = getattr(pb, f"{method}Request")(**fields)
        return getattr(self.rpc, method)(request, metadata=self.client.metadata, timeout=15)

    def status_in_index(self, case_number: str) -> str:
        listed = self("ListCases", court_code=COURT, page_size=100)
        return next((c.status for c in listed.cases if c.case_number == case_number), "")

    def await_status(self, case_number: str, status: str, public: str) -> None:
        """The case index and the public progress both show the step."""
        wait_until(lambda: self.status_in_index(case_number) == status, timeout=60,
                   what=f"{case_number} {status} in ListCases")
        wait_until(lambda: self._public_label(case_number) == public, timeout=60,
                   what=f"{case_number} {public} in GetCaseProgress")

    def _public_label(self, case_number: str) -> str:
        try:
            return self.public.case_progress(case_number).status_label
        except grpc.RpcError:
            return ""


def live_a_whole_life(suite: Suite) -> list[tuple[str, str]]:
    """Drive one case through its life; returns (step, what the read models showed)."""
    officer, seen = Officer(suite), []
    suite.travel("2026-03-02")
    filed = officer.client.file_case(file_case_request(0, court=COURT, request_id="life-1"))
    number, ref = filed.case_number, pb.CaseRef(case_id=filed.case_id)
    officer.await_status(number, "filed", "已立案")

    # Assignment was due 2026-03-11 (R27): the periodic sweep reports it overdue.
    suite.travel("2026-03-12")
    wait_until(lambda: [e.details["node"] for e in officer("GetTimeline", case=ref).entries
                        if e.act == "NodeOverdue"] == ["assign"], timeout=60,
               what="the sweep reporting the assignment overdue")
    seen.append(("overdue", "assign"))

    officer("AssignCase", case=ref, team=TEAM, lead_officer="officer-e2e")
    officer("ServeNotice", case=ref)
    officer.await_status(number, "executing", "执行中")
    case = officer("GetCase", case_id=filed.case_id).case
    debtor = case.respondents[0].identity_number

    # Nothing disposable found; restriction and listing decided (assets, credit services).
    # In embedded mode the assets service's own inquiry (every agency overdue since
    # 03-12, no kind answered) may be recorded before or after this one: R16(3) weighs both.
    suite.inject(NetworkInquiryCompleted(
        inquiry_id="inq-1", case_id=filed.case_id, court_code=COURT,
        debtor_identity_number=debtor, completed_on="2026-03-20", agency_kinds=QUERIED,
        disposable_property_found=False), filed.case_id)
    suite.inject(ConsumptionRestrictionIssued(
        restriction_id="res-1", case_id=filed.case_id, court_code=COURT,
        debtor_identity_number=debtor, decided_on="2026-03-21"), filed.case_id)
    suite.inject(DebtorListed(
        listing_id="lst-1", case_id=filed.case_id, court_code=COURT,
        debtor_identity_number=debtor, decided_on="2026-03-21", grounds=[1]), filed.case_id)
    officer("InterviewApplicant", case=ref, summary="告知已采取的措施及终本的法律后果")

    def unmet() -> list[str]:
        return [u.rule for u in officer("CheckConclusion", case=ref).unmet]

    wait_until(lambda: unmet() == ["R16(4)"], timeout=60, what="only R16(4) left")
    seen.append(("checklist at 2 months", ",".join(unmet())))

    suite.travel("2026-06-10")
    officer("ConcludeCase", case=ref)
    officer.await_status(number, "concluded", "终结本次执行程序（终本）")
    # Once a second: the portal's budget for pages is 60 a minute per client (issue 17).
    wait_until(lambda: suite.on_zhongben_page(number), timeout=60, what="终本案件库 listing",
               interval=1.0)
    seen.append(("终本", officer.status_in_index(number)))

    # An R18 re-query finds property; the applicant asks to resume.
    suite.travel("2026-12-15")
    suite.inject(NetworkInquiryCompleted(
        inquiry_id="inq-2", case_id=filed.case_id, court_code=COURT,
        debtor_identity_number=debtor, completed_on="2026-12-15", agency_kinds=QUERIED,
        disposable_property_found=True, requery=True), filed.case_id)
    # In embedded mode the assets service runs too: its own inquiry may be on the timeline.
    wait_until(lambda: any(e.act == "InquiryRecorded" and e.details.get("completed_on") ==
                           "2026-12-15" for e in officer("GetTimeline", case=ref).entries),
               timeout=60, what="re-query on the timeline")
    resumed = officer("ResumeCase", case=ref, reason="property_found").case
    officer.await_status(number, "concluded", "已恢复执行")
    wait_until(lambda: not suite.on_zhongben_page(number), timeout=60,
               what="the resumed case gone from the 终本案件库 (R61)", interval=1.0)
    new_ref = pb.CaseRef(case_id=resumed.case_id)
    officer("AssignCase", case=new_ref, team=TEAM, lead_officer="officer-e2e")
    seen.append(("执恢", resumed.case_number.split(")")[1]))

    # The deposit is deducted into the new case's account (assets service event).
    claim = resumed.claim.principal_fen + resumed.claim.interest_fen + resumed.claim.costs_fen
    suite.inject(FundsDeducted(measure_id="m-1", case_id=resumed.case_id, court_code=COURT,
                               amount_fen=claim, deducted_on="2026-12-20"), resumed.case_id)
    wait_until(lambda: officer("GetAccount", case=new_ref).account.received_fen == claim,
               timeout=60, what="the deduction in the case account")
    account = officer("GetAccount", case=new_ref).account
    for payee, owed in sorted(account.owed_fen.items()):
        if owed:
            officer("Disburse", case=new_ref, reference=f"pay-{payee}", payee=payee,
                    amount_fen=owed)
    account = officer("GetAccount", case=new_ref).account
    seen.append(("disbursed", f"{account.disbursed_fen}/{account.received_fen}/"
                              f"{account.balance_fen}"))
    officer("CloseCase", case=new_ref, closure="executed_in_full")
    officer.await_status(resumed.case_number, "closed", "执行完毕")
    seen.append(("closed", officer("GetCase", case_id=resumed.case_id).case.closure))
    officer.client.close()
    officer.public.close()
    return seen


def delegate_and_hear_back(suite: Suite) -> tuple[str, str, int]:
    """委托执行 across the region: 川0104 delegates to 渝0103, which gets a 执协 case through
    the events, enforces it and closes it; the result flows back to 川0104's case."""
    officer = Officer(suite)
    filed = officer.client.file_case(file_case_request(1, court=COURT, request_id="life-2"))
    officer("AssignCase", case=pb.CaseRef(case_id=filed.case_id), team=TEAM,
            lead_officer="officer-e2e")
    officer("DelegateCase", case=pb.CaseRef(case_id=filed.case_id), to_court="渝0103")
    chongqing = Officer(suite, court="渝0103", team="执行三组")
    assisting = wait_until(lambda: next(
        (c for c in chongqing("ListCases", court_code="渝0103").cases if c.case_type == "执协"),
        None), timeout=60, what="the 执协 case at 渝0103")
    ref = pb.CaseRef(case_id=assisting.case_id)
    chongqing("AssignCase", case=ref, team="执行三组", lead_officer="officer-cq")
    chongqing("RecordPayment", case=ref, reference="cq-slip", amount_fen=assisting.claim_total_fen)
    for payee, owed in chongqing("GetAccount", case=ref).account.owed_fen.items():
        chongqing("Disburse", case=ref, reference=f"cq-{payee}", payee=payee, amount_fen=owed)
    chongqing("CloseCase", case=ref, closure="executed_in_full")
    back = wait_until(lambda: officer("GetCase", case_id=filed.case_id).case.delegation
                      if officer("GetCase", case_id=filed.case_id).case.delegation.result_closure
                      else None, timeout=60, what="the 执协 result back at 川0104")
    officer.client.close()
    chongqing.client.close()
    return back.assisting_case_number, back.result_closure, back.recovered_fen


@pytest.fixture(scope="module")
def lives() -> dict[str, list[tuple[str, str]]]:
    return {}


class TestWholeLife:
    def test_cluster_mode_on_kafka_and_postgresql(self, tmp_path, processes, lives):
        settings = stack_settings(tmp_path)
        clock = tmp_path / "clock"
        env = process_env(settings, ZHIXING_CLOCK_FILE=str(clock), ZHIXING_SWEEP_SECONDS="1")
        api = processes.start_api("cases-api", ["cases", "api"], env)
        processes.start("cases-relay", ["cases", "relay"], env)
        processes.start("cases-worker", ["cases", "worker"], env)
        processes.start("publicity-worker", ["publicity", "worker"], env)
        public = processes.start_api("publicity-api", ["publicity", "api"], env)
        suite = Suite(api, public, settings.jwt_secret, clock, settings,
                      processes.web["publicity-api"])
        lives["cluster"] = seen = live_a_whole_life(suite)
        assert seen == EXPECTED
        assert delegate_and_hear_back(suite) == DELEGATED

    def test_embedded_mode_lives_the_same_life(self, tmp_path, processes, lives):
        env = {k: v for k, v in os.environ.items()
               if k not in ("ZHIXING_PG_DSN", "ZHIXING_KAFKA_BOOTSTRAP")}
        clock = tmp_path / "clock"
        env.update(ZHIXING_VAR=str(tmp_path / "var"), ZHIXING_CLOCK_FILE=str(clock),
                   ZHIXING_SWEEP_SECONDS="1")
        target = processes.start_api("embedded", ["run", "--no-demo"], env)
        settings = Settings.from_env(env)
        suite = Suite(target, target, settings.jwt_secret, clock, settings,
                      processes.web["embedded"])
        seen = live_a_whole_life(suite)
        assert seen == EXPECTED
        assert delegate_and_hear_back(suite) == DELEGATED
        if "cluster" in lives:
            assert seen == lives["cluster"]


EXPECTED = [
    ("overdue", "assign"),
    ("checklist at 2 months", "R16(4)"),
    ("终本", "concluded"),
    ("执恢", "川0104执恢1号"),
    ("disbursed", "1000000/1000000/0"),
    ("closed", "executed_in_full"),
]

DELEGATED = ("(2026)渝0103执协1号", "executed_in_full", 1_000_001)
