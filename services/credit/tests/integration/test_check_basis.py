"""Check names its basis (issue 18): listed on which grounds (R1, R5), restricted as the
debtor (R12), or bound as one of an organisation's persons (R14) — which organisation,
which case, which role; BatchCheck answers states alone (its speed is the partners')."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from testkit.servicers import call_as
from zhixing.contracts.pb.credit.v1 import credit_pb2

from ..conftest import COMPANY_CODE, CONTROLLER_ID, DEBTOR_ID, LEGAL_REP_ID
from .test_credit_api import JUDGE, Suite

CASE_NUMBER, COURT = "(2026)川0104执100号", "川0104"
COMPANY = "成都锦城建设有限公司"
PERSONS = [credit_pb2.Person(role="legal_representative", name="李四",
                             identity_number=LEGAL_REP_ID),
           credit_pb2.Person(role="actual_controller", name="赵六",
                             identity_number=CONTROLLER_ID)]


@pytest.fixture
def suite(app, case, tmp_path) -> Iterator[Suite]:
    running = Suite(app, case, tmp_path)
    yield running
    running.view.stop()


def _bases(suite: Suite, identity: str) -> list[tuple]:
    return [(b.kind, tuple(b.grounds), b.case_number, b.court_code, b.organisation_name,
             b.organisation_code, b.role, "flights" in b.conduct, b.since)
            for b in suite.checked(identity).basis]


class TestCheckNamesItsBasis:
    """One basis per listing or restriction in force on the identity."""

    def test_listed_and_restricted_debtor_named_when_the_debtor_is_listed(self, suite):
        suite.decide(grounds=[2, 4])
        assert _bases(suite, DEBTOR_ID) == [
            ("listed", ("2", "4"), CASE_NUMBER, COURT, "", "", "", False, "2026-03-02"),
            ("restricted_debtor", (), CASE_NUMBER, COURT, "", "", "", True, "2026-03-02")]

    def test_organisation_and_role_named_when_a_person_is_bound_under_r14(self, suite):
        suite.decide(debtor=COMPANY_CODE, persons=PERSONS)
        assert _bases(suite, CONTROLLER_ID) == [
            ("restricted_person", (), CASE_NUMBER, COURT, COMPANY, COMPANY_CODE,
             "actual_controller", True, "2026-03-02")]
        assert [b.role for b in suite.checked(LEGAL_REP_ID).basis] == ["legal_representative"]
        assert [b.kind for b in suite.checked(COMPANY_CODE).basis] == ["listed",
                                                                       "restricted_debtor"]

    def test_only_restricted_debtor_named_when_ordered_without_a_listing(self, suite):
        call_as(JUDGE, suite.court, "OrderRestriction", credit_pb2.OrderRestrictionRequest(
            case_ref=CASE_NUMBER, debtor_identity_number=DEBTOR_ID,
            order_number="(2026)川0104执100号之二"))
        assert [b.kind for b in suite.checked(DEBTOR_ID).basis] == ["restricted_debtor"]

    def test_no_basis_when_the_identity_is_not_on_the_list(self, suite):
        suite.decide()
        answer = suite.checked(LEGAL_REP_ID)
        assert not answer.state.restricted and list(answer.basis) == []

    def test_no_basis_when_the_restriction_is_lifted(self, suite):
        restriction = call_as(JUDGE, suite.court, "OrderRestriction",
                              credit_pb2.OrderRestrictionRequest(
                                  case_ref=CASE_NUMBER, debtor_identity_number=DEBTOR_ID,
                                  order_number="(2026)川0104执100号之二")).restriction
        call_as(JUDGE, suite.court, "LiftRestriction", credit_pb2.LiftRestrictionRequest(
            restriction_id=restriction.restriction_id, ground="security", reference="担保书"))
        assert list(suite.checked(DEBTOR_ID).basis) == []



class TestBasesAreNotReadPerCall:
    """Review R-A (R42, R46): a partner repeating a Check of a listed identity must not
    make every call read the store (a partner-driven load on the decisions' store); the
    bases are read again once the list has moved, so a removal or lift is never hidden."""

    @staticmethod
    def _counting_reads(suite: Suite, monkeypatch) -> list[object]:
        reads: list[object] = []
        read = suite.app.get_or_none

        def counted(aggregate_id):  # type: ignore[no-untyped-def]
            reads.append(aggregate_id)
            return read(aggregate_id)

        monkeypatch.setattr(suite.app, "get_or_none", counted)
        return reads

    def test_the_store_is_read_once_when_the_same_identity_is_checked_again(self, suite,
                                                                           monkeypatch):
        suite.decide(grounds=[2, 4])
        reads = self._counting_reads(suite, monkeypatch)
        first = [_bases(suite, DEBTOR_ID) for _ in range(5)]
        assert len(reads) == 1 and first[0] == first[-1] and len(first[0]) == 2

    def test_the_lift_shows_when_the_list_moved_after_a_cached_check(self, suite):
        restriction = call_as(JUDGE, suite.court, "OrderRestriction",
                              credit_pb2.OrderRestrictionRequest(
                                  case_ref=CASE_NUMBER, debtor_identity_number=DEBTOR_ID,
                                  order_number="(2026)川0104执100号之二")).restriction
        assert [b.kind for b in suite.checked(DEBTOR_ID).basis] == ["restricted_debtor"]
        call_as(JUDGE, suite.court, "LiftRestriction", credit_pb2.LiftRestrictionRequest(
            restriction_id=restriction.restriction_id, ground="security", reference="担保书"))
        assert list(suite.checked(DEBTOR_ID).basis) == []
