"""The `make run` demo of relief, against the served service with a 终本 case of 川0104
fed as the cases service publishes it (`api_support`): the wage table marked as
demonstration data, a fund per demo court with an appropriation and a donation, one
application rejected naming its rule, one approved, paid and notified."""

from __future__ import annotations

from testkit.assets import drain
from testkit.waiting import wait_until
from zhixing.contracts.pb.relief.v1 import relief_pb2 as pb

from .api_support import relief_served


def test_the_demo_pays_one_application_and_rejects_one_naming_r30_when_a_zhongben_case_arrives(
        tmp_path):
    with relief_served(tmp_path) as relief:
        assert relief.instance.load_demo() == 0  # files no enforcement case itself

        def paid() -> bool:
            fund = relief.call("GetFund", pb.GetFundRequest(), role="finance").fund
            return fund.disbursed_fen == 30_000_00

        wait_until(paid, timeout=30, what="the demo's relief to be paid")
        wage = relief.call("GetWage", pb.GetWageRequest(province="渝", year=2025)).wage
        assert wage.demonstration and "演示数据" in wage.source
        fund = relief.call("GetFund", pb.GetFundRequest(court_code="渝0105"),
                           role="finance", court="渝0105").fund
        assert fund.income_fen == 550_000_00
        drain(relief.instance)
        listed = relief.call("ListApplications", pb.ListApplicationsRequest()).applications
        assert sorted((a.status, a.rejection_rule) for a in listed) == [
            ("notified", ""), ("rejected", "R30")]  # the index follows the events
        paid_one = next(a.application_id for a in listed if a.status == "notified")

        def notified() -> bool:
            return relief.call("GetApplication", pb.GetApplicationRequest(
                application_id=paid_one)).application.status == "notified"

        wait_until(notified, timeout=30, what="the applicant to be told the funds arrived")
