"""A decision number names one decision (R5): sent again unchanged it is answered as the
first time; sent with another term (R7 extension) or other persons (R14) it is refused
with ALREADY_EXISTS [decision_number] — not answered with the earlier listing as if the
change had been made."""

from __future__ import annotations

from collections.abc import Iterator

import grpc
import pytest

from testkit.servicers import Aborted
from zhixing.contracts.pb.credit.v1 import credit_pb2

from .test_credit_api import Suite

LEGAL_REPRESENTATIVE = credit_pb2.Person(role="legal_representative", name="赵六",
                                          identity_number="110101198001010053")


@pytest.fixture
def suite(app, case, tmp_path) -> Iterator[Suite]:
    running = Suite(app, case, tmp_path)
    yield running
    running.view.stop()


class TestDecisionSentAgain:
    def test_the_same_listing_is_answered_when_the_same_extension_is_sent_again(self, suite):
        first = suite.decide(extension_years=2).listing
        again = suite.decide(extension_years=2).listing
        assert (again.listing_id, again.expires_on) == (first.listing_id, first.expires_on)

    def test_already_exists_naming_decision_number_when_another_extension_is_sent(self, suite):
        first = suite.decide().listing
        with pytest.raises(Aborted) as refusal:
            suite.decide(extension_years=2)
        assert refusal.value.code == grpc.StatusCode.ALREADY_EXISTS
        assert "[decision_number]" in refusal.value.details
        assert first.expires_on not in refusal.value.details

    def test_already_exists_naming_decision_number_when_other_persons_are_sent(self, suite):
        suite.decide()
        with pytest.raises(Aborted) as refusal:
            suite.decide(persons=[LEGAL_REPRESENTATIVE])
        assert refusal.value.code == grpc.StatusCode.ALREADY_EXISTS
        assert "[decision_number]" in refusal.value.details
