"""R46 without a timing oracle: a listing, restriction or case the credit service does
not know is audited as a denied attempt, as another court's is — both answers do the
same work, and probing for ids leaves a trace."""

from __future__ import annotations

from collections.abc import Iterator
from uuid import uuid4

import grpc
import pytest

from testkit.servicers import Aborted, call_as
from zhixing.contracts.pb.credit.v1 import credit_pb2
from zhixing.security.identity import Identity

from .test_credit_api import Suite

STRANGER = Identity("judge-2", "judge", "渝0103")


@pytest.fixture
def suite(app, case, tmp_path) -> Iterator[Suite]:
    running = Suite(app, case, tmp_path)
    yield running
    running.view.stop()


def _denied_by_stranger(suite: Suite) -> list[str]:
    return [e.action.rsplit("/", 1)[-1] for e in suite.audit.entries(limit=50)
            if e.actor == "judge-2" and e.outcome == "denied"]


class TestProbingUnknownIds:
    def test_the_attempt_is_audited_when_a_listing_id_names_no_listing(self, suite):
        with pytest.raises(Aborted) as refusal:
            call_as(STRANGER, suite.court, "RemoveListing",
                    credit_pb2.RemoveListingRequest(listing_id=str(uuid4()), reason=1))
        assert refusal.value.code == grpc.StatusCode.NOT_FOUND
        assert _denied_by_stranger(suite) == ["RemoveListing"]

    def test_the_attempt_is_audited_when_a_case_ref_names_no_case(self, suite):
        with pytest.raises(Aborted):
            call_as(STRANGER, suite.court, "DeclineListing", credit_pb2.DeclineListingRequest(
                case_ref="(2026)川0104执999号", reason_rule="R3", reason="担保"))
        assert _denied_by_stranger(suite) == ["DeclineListing"]
