"""`zhixing asset` control and disposal commands against the real assets service, served
in-process over gRPC: refusals are one line naming the rule (exit 1), bad input names
the option (exit 2), money is read and printed in yuan.

The service's clock stands at Monday 2 March 2026, 10:00 in Beijing. The case is a 执
case of 川0104 assigned to 执行一组, against one company; the bank reports a deposit of
50,000 yuan and the police a car worth 80,000 yuan.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import grpc
import pytest
from stdnum.cn import uscc
from typer.testing import CliRunner, Result

from testkit.assets import case_filed, cloud_event, drain, feed, set_clock
from testkit.serving import serving
from zhixing.assets.application.inquiries import CaseRef, Debtor
from zhixing.assets.bootstrap import build
from zhixing.assets.cli import app
from zhixing.contracts.pb.assets.v1 import gateway_pb2 as gw
from zhixing.contracts.pb.assets.v1 import gateway_pb2_grpc, inquiry_pb2, inquiry_pb2_grpc
from zhixing.eventstore.settings import Settings
from zhixing.security.grpc_auth import bearer_metadata
from zhixing.security.identity import Identity
from zhixing.security.tokens import issue_token

NOW = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # 10:00 in Beijing
COURT, TEAM = "川0104", "执行一组"
COMPANY = "91510104MA6CQ1W2E" + uscc.calc_check_digit("91510104MA6CQ1W2E")
CASE = CaseRef("7f1c2a9e-0000-4000-8000-000000000031", "(2026)川0104执31号", COURT,
               (Debtor(COMPANY, "成都锦城建设有限公司"),), team=TEAM, claim_total_fen=100_000_00)
RULING = "(2026)川0104执31号之一"


@dataclass
class Assets:
    """The served assets service and the ids of what the agencies reported."""

    settings: Settings
    deposit: str
    car: str

    def run(self, *args: str) -> Result:
        return CliRunner().invoke(app, list(args))

    def frozen(self, *options: str) -> str:
        """Freeze 10,000 yuan of the deposit; the measure's id."""
        done = self.run("freeze", CASE.case_number, self.deposit, "--ruling", RULING,
                        "--amount", "10000", *options)
        assert done.exit_code == 0, done.stderr
        return re.search(r"measure (\S+)", done.stdout).group(1)

    def valued(self) -> str:
        """The car detained and its disposal valued at 100,000 yuan; the disposal's id."""
        detained = self.run("detain", CASE.case_number, self.car, "--ruling", RULING,
                            "--amount", "80000")
        assert detained.exit_code == 0, detained.stderr
        started = self.run("dispose", CASE.case_number, self.car, "--class", "movable")
        assert started.exit_code == 0, started.stderr
        disposal_id = re.search(r"disposal (\S+)", started.stdout).group(1)
        valued = self.run("value", disposal_id, "--method", "appraisal", "--value", "100000",
                          "--on", "2026-03-02")
        assert valued.exit_code == 0, valued.stderr
        return disposal_id


@pytest.fixture
def assets(tmp_path, monkeypatch) -> Iterator[Assets]:
    clock_file = tmp_path / "clock"
    clock_file.write_text(NOW.isoformat())
    settings = Settings(var_dir=tmp_path, grpc_port=0, clock_file=str(clock_file))
    instance = build(settings)
    feed(instance, case_filed(CASE))
    feed(instance, cloud_event("cn.zhixing.cases.v1.CaseAssigned", CASE.case_id, {
        "case_id": CASE.case_id, "case_number": CASE.case_number, "court_code": COURT,
        "team": TEAM, "lead_officer": "officer-1", "assigned_on": "2026-03-02"}, position=2))
    drain(instance)
    with serving(instance, settings) as target:
        for name, value in (("ZHIXING_GRPC_TARGET", target), ("ZHIXING_JWT_SECRET",
                            settings.jwt_secret), ("ZHIXING_TEAM", TEAM),
                            ("ZHIXING_COURT", COURT), ("ZHIXING_ROLE", "officer")):
            monkeypatch.setenv(name, value)
        monkeypatch.delenv("ZHIXING_TOKEN", raising=False)
        channel = grpc.insecure_channel(target)
        answer(settings, channel, "bank.icbc", "deposit", "6222000011112222", 50_000_00)
        answer(settings, channel, "police.vehicles", "vehicle", "川A12345", 80_000_00)
        found = {h.asset_kind: h.asset_id for h in picture(settings, channel).holdings}
        channel.close()
        yield Assets(settings, deposit=found["deposit"], car=found["vehicle"])
    instance.close()


def answer(settings: Settings, channel: grpc.Channel, agency: str, kind: str, reference: str,
           value_fen: int) -> None:
    """The agency answers every request addressed to it with one holding."""
    gateway = gateway_pb2_grpc.AgencyGatewayServiceStub(channel)
    metadata = bearer_metadata(issue_token(Identity(subject=agency, role="agency",
                                                    agency=agency), settings.jwt_secret))
    pulled = gateway.PullRequests(gw.PullRequestsRequest(), metadata=metadata).requests
    holding = gw.Holding(asset_kind=kind, reference=reference, description=kind,
                         value_fen=value_fen, disposable=True)
    gateway.SubmitAnswers(gw.SubmitAnswersRequest(answers=[
        gw.AgencyAnswer(request_id=r.request_id, outcome="found", holdings=[holding])
        for r in pulled]), metadata=metadata)


def picture(settings: Settings, channel: grpc.Channel) -> inquiry_pb2.GetPropertyPictureResponse:
    metadata = bearer_metadata(issue_token(Identity("o1", "officer", COURT, TEAM),
                                           settings.jwt_secret))
    return inquiry_pb2_grpc.AssetInquiryServiceStub(channel).GetPropertyPicture(
        inquiry_pb2.GetPropertyPictureRequest(case_id=CASE.case_number), metadata=metadata)


class TestFreeze:
    def test_measures_show_it_effective_with_its_expiry_when_a_deposit_is_frozen(self, assets):
        measure_id = assets.frozen()
        listed = assets.run("measures", CASE.case_number, "--on", "2026-03-02")
        [row] = [line for line in listed.stdout.splitlines() if line.startswith(measure_id)]
        assert "effective" in row and "until 2027-03-02" in row and "10000.00" in row

    def test_exit_1_naming_r20_when_a_deposit_is_frozen_for_13_months(self, assets):
        refused = assets.run("freeze", CASE.case_number, assets.deposit, "--ruling", RULING,
                             "--amount", "10000", "--months", "13")
        assert refused.exit_code == 1
        assert refused.stderr.startswith("zhixing: FAILED_PRECONDITION: R20")
        assert len(refused.stderr.splitlines()) == 1

    def test_exit_2_naming_the_amount_when_it_is_not_a_number(self, assets):
        refused = assets.run("freeze", CASE.case_number, assets.deposit, "--ruling", RULING,
                             "--amount", "ten thousand")
        assert refused.exit_code == 2 and "[amount]" in refused.stderr

    def test_exit_2_naming_served_at_when_it_has_no_offset(self, assets):
        refused = assets.run("freeze", CASE.case_number, assets.deposit, "--ruling", RULING,
                             "--amount", "10000", "--served-at", "2026-03-02T09:00:00")
        assert refused.exit_code == 2 and "[served-at]" in refused.stderr

    def test_the_same_measure_when_the_request_id_is_repeated(self, assets):
        first = assets.frozen("--request-id", "r-1")
        assert assets.frozen("--request-id", "r-1") == first


class TestPermissions:
    def test_exit_1_naming_r46_when_another_team_freezes(self, assets):
        refused = assets.run("freeze", CASE.case_number, assets.deposit, "--ruling", RULING,
                             "--amount", "10000", "--team", "执行二组")
        assert refused.exit_code == 1
        assert refused.stderr.startswith("zhixing: PERMISSION_DENIED: R46")


class TestMeasures:
    def test_flagged_for_renewal_when_the_term_ends_within_the_reminder_window(self, assets):
        measure_id = assets.frozen()
        listed = assets.run("measures", CASE.case_number, "--on", "2027-02-24")
        [row] = [line for line in listed.stdout.splitlines() if line.startswith(measure_id)]
        assert "EXPIRES 2027-03-02: renew (R20)" in row

    def test_not_flagged_when_the_term_ends_after_the_reminder_window(self, assets):
        assets.frozen()
        listed = assets.run("measures", CASE.case_number, "--on", "2026-03-02")
        assert "EXPIRES" not in listed.stdout and "0 expiring within 10" in listed.stdout


class TestDeduct:
    def test_the_amount_is_printed_when_frozen_money_is_deducted(self, assets):
        measure_id = assets.frozen()
        deducted = assets.run("deduct", measure_id, "--amount", "2500.50")
        assert deducted.exit_code == 0, deducted.stderr
        assert "划拨 2500.50 yuan" in deducted.stdout and "still frozen 7499.50" in deducted.stdout

    def test_exit_2_naming_the_amount_when_it_is_zero(self, assets):
        refused = assets.run("deduct", assets.frozen(), "--amount", "0")
        assert refused.exit_code == 2 and "[amount]" in refused.stderr


class TestRelease:
    def test_the_measure_is_released_on_the_ground_given(self, assets):
        released = assets.run("release", assets.frozen(), "paid")
        assert released.exit_code == 0, released.stderr
        assert "released (解除: paid)" in released.stdout

    def test_exit_2_when_the_ground_is_not_one_of_r25(self, assets):
        refused = assets.run("release", assets.frozen(), "bored")
        assert refused.exit_code == 2 and "'ground'" in refused.stderr


class TestAnnounce:
    def test_exit_1_naming_r47_when_the_starting_price_is_under_70_percent(self, assets):
        refused = assets.run("announce", assets.valued(), "--start-price", "69999.99",
                             "--starts-at", "2026-03-20T10:00:00+08:00",
                             "--platform", "淘宝网司法拍卖")
        assert refused.exit_code == 1
        assert refused.stderr.startswith("zhixing: INVALID_ARGUMENT: R47")

    def test_the_round_is_shown_when_the_starting_price_is_70_percent(self, assets):
        disposal_id = assets.valued()
        announced = assets.run("announce", disposal_id, "--start-price", "70000",
                               "--starts-at", "2026-03-20T10:00:00+08:00",
                               "--platform", "淘宝网司法拍卖")
        assert announced.exit_code == 0, announced.stderr
        assert "round 1 from 70000.00 yuan (deposit 7000.00)" in announced.stdout

    def test_exit_2_naming_starts_at_when_the_default_close_is_past_the_calendar(self, assets):
        # The default close is 24 hours after the opening: past 9999-12-31 it was an
        # OverflowError traceback.
        refused = assets.run("announce", "d-1", "--start-price", "70000",
                             "--starts-at", "9999-12-31T23:00:00+08:00", "--platform", "淘宝网司法拍卖")
        assert refused.exit_code == 2 and refused.stderr.startswith("zhixing: [starts-at]")


class TestProceeds:
    def test_proceeds_are_printed_when_the_round_sold_and_the_buyer_paid(self, assets):
        disposal_id = assets.valued()
        assets.run("announce", disposal_id, "--start-price", "70000",
                   "--starts-at", "2026-03-20T10:00:00+08:00", "--platform", "淘宝网司法拍卖")
        set_clock(assets.settings, datetime.fromisoformat("2026-03-20T11:00:00+08:00"))
        assets.run("bid", disposal_id, "--bid-id", "tb-1", "--bidder", "A0001",
                   "--amount", "75000", "--placed-at", "2026-03-20T11:00:00+08:00")
        set_clock(assets.settings, datetime.fromisoformat("2026-03-21T10:00:00+08:00"))
        assets.run("close-round", disposal_id)
        paid = assets.run("pay-proceeds", disposal_id)
        assert paid.exit_code == 0, paid.stderr
        assert "proceeds 75000.00 yuan paid 2026-03-21 (R28)" in paid.stdout
