"""A decision not to list (不予纳入, R5) is for a candidate, not for a debtor the court
has already listed in the case: that listing ends by removal (R8) or correction (R9).
Declining it is refused, and nothing is recorded; once the listing is removed, a later
decision not to list again stands."""

from __future__ import annotations

from collections.abc import Iterator

import grpc
import pytest

from testkit.servicers import Aborted, call_as
from zhixing.contracts.pb.credit.v1 import credit_pb2

from ..conftest import DEBTOR_ID
from .test_credit_api import JUDGE, Suite


@pytest.fixture
def suite(app, case, tmp_path) -> Iterator[Suite]:
    running = Suite(app, case, tmp_path)
    yield running
    running.view.stop()


def decline(suite: Suite) -> credit_pb2.DeclineListingResponse:
    return call_as(JUDGE, suite.court, "DeclineListing", credit_pb2.DeclineListingRequest(
        case_ref=suite.case.case_number, debtor_identity_number=DEBTOR_ID,
        reason_rule="R3", reason="已提供充分有效担保", decided_on="2026-03-02"))


def declined_events(suite: Suite) -> int:
    return sum(1 for _, e in suite.app.read_notifications(0)
               if type(e).__qualname__.endswith("ListingDeclined"))


class TestDecliningAListedDebtor:
    def test_failed_precondition_naming_r5_when_the_debtor_is_listed_in_the_case(self, suite):
        suite.decide()
        with pytest.raises(Aborted) as refusal:
            decline(suite)
        assert refusal.value.code == grpc.StatusCode.FAILED_PRECONDITION
        assert refusal.value.details.startswith("R5 [debtor_identity_number]")
        assert DEBTOR_ID not in refusal.value.details
        assert declined_events(suite) == 0

    def test_the_decision_stands_when_the_listing_was_removed_first(self, suite):
        listing = suite.decide().listing
        call_as(JUDGE, suite.court, "RemoveListing", credit_pb2.RemoveListingRequest(
            listing_id=listing.listing_id, reason=1, triggered_on="2026-03-02"))
        assert decline(suite).reason_rule == "R3"
        assert declined_events(suite) == 1
