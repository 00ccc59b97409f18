"""`make run`'s demo, as a court would see it (issues 14 and 15), run once for the module:
- the relief service's part of it runs across services — a fund per demo court fed by an
  appropriation and a donation, relief paid on a 终本 demo case, and money later received
  on that case repaying the fund first (R32);
- the supervision service's part: on a demo case of 川0104, a procuratorial suggestion
  received (R34), an interference record naming the case (R35) and a judicial suggestion
  to an agency overdue on its answers (R37) — each marked as demonstration data;
- the publicity service's part (issue 17): a typical case (典型案例) of 川0104 published
  on the portal, its made-up names and numbers redacted (R60), and a reward notice
  (悬赏公告) on a demo case of 川0104 once that case arrived — both marked as
  demonstration data.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import grpc
import pytest

from testkit.pii.watch import SCANNED_ENV
from testkit.processes import Processes
from testkit.relief import ReliefCourt
from testkit.suites import BROKERLESS
from testkit.waiting import wait_until
from zhixing.contracts.pb.publicity.v1 import publicity_pb2 as pub
from zhixing.contracts.pb.publicity.v1.publicity_pb2_grpc import PublicityServiceStub
from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as sup
from zhixing.contracts.pb.supervision.v1.supervision_pb2_grpc import SupervisionServiceStub
from zhixing.security.grpc_auth import bearer_metadata
from zhixing.security.identity import Identity
from zhixing.security.tokens import issue_token

pytestmark = pytest.mark.e2e

DEMO_COURTS = ("川0104", "川0107", "渝0103", "渝0105", "川0106")
"""The cases demo's courts; each has a relief fund in the demo."""
CONCLUDED_COURTS = ("川0107", "渝0103")
"""The courts of the demo cases the cases demo takes to 终本 (its cases 6 and 7)."""
SUPERVISED = "川0104"
"""The court of the supervision demo's records."""
DEMO = "演示数据"


@pytest.fixture(scope="module")
def demo(tmp_path_factory, pii_watch) -> Iterator[tuple[str, str]]:
    """`zhixing run` with its demo, for the module: (gRPC target, token secret). Once it
    is over, the personal-data scanner reads what it left (as after every e2e scenario)."""
    var = tmp_path_factory.mktemp("demo")
    processes = Processes(var, extra_env=SCANNED_ENV, output_apart=True)
    pii_watch.begin()
    secret = uuid.uuid4().hex
    env = {k: v for k, v in os.environ.items() if k not in BROKERLESS}
    env.update(ZHIXING_VAR=str(var / "var"), ZHIXING_JWT_SECRET=secret)
    try:
        yield processes.start_api("embedded", ["run"], env), secret
    finally:
        findings = pii_watch.finish(processes)
    assert not findings, "\n".join(str(finding) for finding in findings[:20])


def kinds(court: ReliefCourt, code: str) -> list[str]:
    fund = court("GetFund", "finance", court_code=code, year=0, page_size=500)
    return [movement.kind for movement in fund.ledger]


class TestDemo:
    def test_demo_repays_the_relief_fund_when_money_comes_in_on_the_relieved_case(
            self, demo):
        target, secret = demo
        courts = {code: ReliefCourt(target, secret, code) for code in DEMO_COURTS}

        for code, court in courts.items():
            assert kinds(court, code)[:2] == ["appropriated", "donated"], code

        def repaid() -> list[str]:
            return [code for code in CONCLUDED_COURTS if "repaid" in kinds(courts[code], code)]

        wait_until(repaid, timeout=300, interval=1.0,
                   what="the demo's later recovery repaying a relief fund (R32)")
        code = repaid()[0]
        ledger = kinds(courts[code], code)
        assert ledger == ["appropriated", "donated", "reserved", "disbursed", "repaid"]
        listed = courts[code]("ListApplications", "officer")
        assert sorted(a.status for a in listed.applications) == ["notified", "rejected"]

    def test_demo_records_supervision_matters_on_a_demo_case_when_cases_arrive(self, demo):
        target, secret = demo
        president = bearer_metadata(issue_token(
            Identity(f"president-{SUPERVISED}", "president", SUPERVISED), secret))
        with grpc.insecure_channel(target) as channel:
            stub = SupervisionServiceStub(channel)

            def call(method: str, **fields: object) -> object:
                request = getattr(sup, f"{method}Request")(**fields)
                return getattr(stub, method)(request, metadata=president, timeout=30)

            matters = wait_until(lambda: call("ListMatters").matters, timeout=180,
                                 interval=1.0, what="the demo's procuratorial suggestion (R34)")
            suggestions = wait_until(lambda: call("ListSuggestions").suggestions,
                                     timeout=60, what="the demo's judicial suggestion (R37)")
            today = datetime.now(ZoneInfo("Asia/Shanghai")).date()
            summary = call("GetQuarterSummary", year=today.year,
                           quarter=(today.month - 1) // 3 + 1)
            checked = call("VerifyRegister")
            register = call("ReadInterference", purpose="演示检查", page_size=10).entries

        (matter,) = matters
        assert (matter.kind, matter.status, matter.court_code) == ("suggestion", "awaiting",
                                                                   SUPERVISED)
        assert DEMO in matter.document_number and matter.case_number
        (suggestion,) = suggestions
        assert (suggestion.kind, suggestion.agency_id, suggestion.status) == (
            "judicial", "bank.icbc", "sent")
        assert DEMO in suggestion.document_number
        assert suggestion.case_id == matter.case_id
        # R35: the record names the case; the quarter is not a nil report; the chain holds.
        assert (summary.count, summary.cases_named, summary.nil) == (1, 1, False)
        assert (checked.ok, checked.checked, checked.head_seq) == (True, 1, 1)
        (entry,) = register
        assert entry.who_name.startswith(DEMO) and entry.case_id == matter.case_id

    def test_demo_publishes_a_typical_case_on_the_portal_when_started(self, demo):
        target, _secret = demo
        with grpc.insecure_channel(target) as channel:
            stub = PublicityServiceStub(channel)
            cases = wait_until(lambda: stub.ListTypicalCases(pub.ListTypicalCasesRequest(),
                                                             timeout=30).cases,
                               timeout=60, what="the demo's typical case (典型案例)")
            (listed,) = cases
            found = stub.GetTypicalCase(pub.GetTypicalCaseRequest(
                typical_case_id=listed.typical_case_id), timeout=30).typical_case
        assert DEMO in found.title and found.court_code == SUPERVISED
        assert "张某" in found.body and "张三" not in found.body  # R60: names replaced

    def test_demo_posts_a_reward_notice_on_a_demo_case_when_cases_arrive(self, demo):
        target, _secret = demo
        with grpc.insecure_channel(target) as channel:
            stub = PublicityServiceStub(channel)
            notices = wait_until(lambda: stub.ListRewardNotices(
                pub.ListRewardNoticesRequest(), timeout=30).notices,
                timeout=180, interval=1.0, what="the demo's reward notice (悬赏公告)")
        (notice,) = notices
        assert DEMO in notice.reward and DEMO in notice.text
        assert notice.court_code == SUPERVISED and notice.case_number
