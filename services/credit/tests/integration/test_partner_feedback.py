"""Partners are registered (R7, R42): only a partner of `partners.toml` checks and
reports, and a report names a known action at a real, recent moment (issue 12 item 8)."""

from __future__ import annotations

from collections.abc import Iterator

import grpc
import pytest

from testkit.servicers import Aborted, call_as
from zhixing.contracts.pb.credit.v1 import check_pb2
from zhixing.contracts.topics import PARTNER_KINDS
from zhixing.credit.partners import PartnerRegistry
from zhixing.security.identity import Identity

from ..conftest import DEBTOR_ID
from .test_credit_api import AIRLINE, Suite


@pytest.fixture
def suite(app, case, tmp_path) -> Iterator[Suite]:
    running = Suite(app, case, tmp_path)
    yield running
    running.view.stop()


class TestRegisteredPartners:
    """R7, R42 (issue 12 item 8): only a partner of `partners.toml` checks and reports."""

    UNKNOWN = Identity("someone", "partner", agency="nobody.example")

    @pytest.mark.parametrize("method, request_", [
        ("Check", check_pb2.CheckRequest(identity_number=DEBTOR_ID)),
        ("ReportAction", check_pb2.ReportActionRequest(
            report_id="X-1", identity_number=DEBTOR_ID, action="loan")),
        ("BatchCheck", [check_pb2.BatchCheckRequest(identity_numbers=[DEBTOR_ID])]),
    ], ids=["Check", "ReportAction", "BatchCheck"])
    def test_permission_denied_when_the_partner_is_not_registered(self, suite, method,
                                                                  request_):
        with pytest.raises(Aborted) as refusal:
            call_as(self.UNKNOWN, suite.check, method, request_)
        assert refusal.value.code == grpc.StatusCode.PERMISSION_DENIED
        assert "R42 [agency]" in refusal.value.details
        assert not suite.desk.actions(DEBTOR_ID)

    def test_the_refusal_of_an_unknown_partner_is_audited(self, suite):
        with pytest.raises(Aborted):
            suite.checked(DEBTOR_ID, caller=self.UNKNOWN)
        assert [e.outcome for e in suite.audit.entries(limit=10)] == ["denied"]

    def test_every_registered_partner_has_a_kind_of_r7(self):
        kinds = {p.kind for p in PartnerRegistry.load()}
        assert kinds <= set(PARTNER_KINDS) and "airline.ca" in PartnerRegistry.load()


class TestReportedAction:
    """R42 (issue 12 item 8): a report is a known action at a real, recent moment."""

    def report(self, suite, **fields):
        request = check_pb2.ReportActionRequest(
            **{"report_id": "CA-9", "identity_number": DEBTOR_ID, "action": "flight_ticket",
               **fields})
        return call_as(AIRLINE, suite.check, "ReportAction", request)

    @pytest.mark.parametrize("fields, field", [
        ({"action": "free text of any length"}, "action"),
        ({"action": ""}, "action"),
        ({"occurred_at": "yesterday"}, "occurred_at"),
        ({"occurred_at": "2026-03-02T09:00:00"}, "occurred_at"),  # no offset
        ({"occurred_at": "2026-03-02T11:00:00+08:00"}, "occurred_at"),  # an hour ahead
        ({"occurred_at": "1970-01-01T00:00:00+00:00"}, "occurred_at"),
    ], ids=["unknown action", "no action", "not a time", "no offset", "future", "ancient"])
    def test_invalid_argument_naming_the_field_when_the_report_is_not_one(self, suite,
                                                                          fields, field):
        with pytest.raises(Aborted) as refusal:
            self.report(suite, **fields)
        assert refusal.value.code == grpc.StatusCode.INVALID_ARGUMENT
        assert f"R42 [{field}]" in refusal.value.details
        assert not suite.desk.actions(DEBTOR_ID)

    def test_recorded_when_the_clock_of_the_partner_runs_a_minute_ahead(self, suite):
        assert self.report(suite, occurred_at="2026-03-02T10:01:00+08:00").recorded

    def test_stamped_now_when_the_time_is_left_out(self, suite):
        self.report(suite)
        assert [a.occurred_at for a in suite.desk.actions(DEBTOR_ID)] == [
            "2026-03-02T02:00:00+00:00"]

    def test_reports_are_newest_first_in_utc_when_partners_give_other_offsets(self, suite):
        # +14:00 on the 2nd is 19:30 UTC on the 1st: earlier than 01:00 UTC on the 2nd.
        # Stored in the partner's own offset, the text sorted it first and showed the
        # wrong day (issue 12 item 8, R42).
        self.report(suite, report_id="CA-1", occurred_at="2026-03-02T09:30:00+14:00")
        self.report(suite, report_id="CA-2", occurred_at="2026-03-02T01:00:00+00:00")
        assert [(a.report_id, a.occurred_at) for a in suite.desk.actions(DEBTOR_ID)] == [
            ("CA-2", "2026-03-02T01:00:00+00:00"), ("CA-1", "2026-03-01T19:30:00+00:00")]
