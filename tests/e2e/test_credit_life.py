"""A debtor listed, restricted, mirrored by a partner, then removed when the case is
executed in full — in both run modes (issue: the credit service, end to end).

A case is filed and its execution notice served with the listing warning (R5) → a month
on, past the grace period (R10), the judge decides the listing on ground (2) → it is
published at once and, with it, the consumption restriction every listed debtor is under
(R12, R13) → a partner's mirror of the list (`examples/partner_mirror`: from the
compacted topic in cluster mode, from `Follow` in embedded mode) and `Check` both see it
→ the debtor pays, the money is disbursed, the case is closed as executed in full → the
credit service removes the listing within R8's 3 working days and lifts the restriction
(R15) → the mirror and `Check` both say not listed. Both modes give the same results.
"""

from __future__ import annotations

from typing import Any

import grpc
import pytest

from testkit.filings import file_case_request
from testkit.suites import RunningSuite, cluster_suite, embedded_suite
from testkit.waiting import wait_until
from zhixing.contracts.pb.cases.v1 import cases_pb2
from zhixing.contracts.pb.cases.v1.cases_pb2_grpc import CasesServiceStub
from zhixing.contracts.pb.credit.v1 import check_pb2, credit_pb2
from zhixing.contracts.pb.credit.v1.check_pb2_grpc import CreditCheckServiceStub
from zhixing.contracts.pb.credit.v1.credit_pb2_grpc import CreditServiceStub
from zhixing.security.grpc_auth import bearer_metadata
from zhixing.security.identity import Identity

from .credit_mirror import start_mirror

pytestmark = pytest.mark.e2e

COURT, TEAM = "川0104", "执行一组"
FILED = "2026-03-02T10:00:00+08:00"
DECIDED = "2026-04-10T10:00:00+08:00"
"""After the grace period of one month from the notice's warning (R10)."""
SERVICES = ("cases", "credit")
NOT_YET = {grpc.StatusCode.NOT_FOUND, grpc.StatusCode.FAILED_PRECONDITION}
"""What DecideListing answers before the filing and the notice have reached credit."""


class Court:
    """A judge of 川0104 over the cases and credit APIs, and an airline over Check."""

    def __init__(self, suite: RunningSuite) -> None:
        judge = suite.token(Identity(f"judge-{COURT}", "judge", COURT, team=TEAM))
        airline = suite.token(Identity("airline-ca", "partner", agency="airline.ca"))
        self.judge, self.airline = bearer_metadata(judge), bearer_metadata(airline)
        self.channels = [grpc.insecure_channel(suite.target(s)) for s in SERVICES]
        self.cases = CasesServiceStub(self.channels[0])
        self.credit = CreditServiceStub(self.channels[1])
        self.check = CreditCheckServiceStub(self.channels[1])

    def __call__(self, stub: Any, method: str, request: Any, partner: bool = False) -> Any:
        return getattr(stub, method)(request, metadata=self.airline if partner else self.judge,
                                     timeout=15)

    def checked(self, identity: str) -> check_pb2.CreditState:
        return self(self.check, "Check", check_pb2.CheckRequest(identity_number=identity),
                    partner=True).state

    def decide(self, request: credit_pb2.DecideListingRequest) -> credit_pb2.Listing | None:
        try:
            return self(self.credit, "DecideListing", request).listing
        except grpc.RpcError as error:
            if error.code() in NOT_YET:
                return None
            raise

    def close(self) -> None:
        for channel in self.channels:
            channel.close()


def describe(state: Any) -> str:
    return (f"listed={state.listed} restricted={state.restricted} "
            f"conduct={len(state.conduct)} since={state.since or '-'}")


def list_restrict_and_remove(suite: RunningSuite) -> list[tuple[str, str]]:
    court, seen = Court(suite), []
    filed = court(court.cases, "FileCase", file_case_request(5, court=COURT,
                                                             request_id="credit-1"))
    ref = cases_pb2.CaseRef(case_id=filed.case_id)
    court(court.cases, "AssignCase", cases_pb2.AssignCaseRequest(
        case=ref, team=TEAM, lead_officer="officer-e2e"))
    court(court.cases, "ServeNotice", cases_pb2.ServeNoticeRequest(case=ref))
    case = court(court.cases, "GetCase", cases_pb2.GetCaseRequest(case_id=filed.case_id)).case
    debtor = case.respondents[0].identity_number
    claim = case.claim.principal_fen + case.claim.interest_fen + case.claim.costs_fen
    mirror = start_mirror(suite, court.airline)
    assert mirror.check(debtor) is None

    suite.travel(DECIDED)
    decision = credit_pb2.DecideListingRequest(
        case_ref=case.case_number, debtor_identity_number=debtor, grounds=[2],
        facts="以暴力方法阻碍执行", decision_number=f"{case.case_number}之一",
        signed_by_president=True, persons=[credit_pb2.Person(
            role="legal_representative", name="赵六",
            identity_number="110105194912310021"[:-1] + "X")])
    listing = wait_until(lambda: court.decide(decision), timeout=60,
                         what="the listing decision, once credit has seen the notice")
    seen.append(("listing", f"grounds {list(listing.grounds)} decided {listing.decided_on} "
                            f"published {listing.published} term to {listing.expires_on}"))

    state = wait_until(lambda: (s := court.checked(debtor)).listed and s, timeout=30,
                       what="Check to say the debtor is listed")
    seen.append(("check", describe(state)))
    mirrored = wait_until(lambda: mirror.check(debtor), timeout=60,
                          what="the partner's mirror to see the listing")
    seen.append(("mirror", f"listed={mirrored.listed} restricted={mirrored.restricted}"))

    account = court(court.cases, "RecordPayment", cases_pb2.RecordPaymentRequest(
        case=ref, reference="pay-1", amount_fen=claim, source="voluntary")).account
    for number, (payee, owed) in enumerate(sorted(account.owed_fen.items())):
        court(court.cases, "Disburse", cases_pb2.DisburseRequest(
            case=ref, reference=f"out-{number}", payee=payee, amount_fen=owed))
    court(court.cases, "CloseCase", cases_pb2.CloseCaseRequest(case=ref,
                                                               closure="executed_in_full"))

    state = wait_until(lambda: (s := court.checked(debtor)) and not s.listed and s,
                       timeout=60, what="Check to say the debtor is no longer listed")
    seen.append(("check after", describe(state)))
    wait_until(lambda: mirror.check(debtor) is None, timeout=60,
               what="the partner's mirror to drop the debtor (tombstone)")
    seen.append(("mirror after", "not listed"))
    record = court(court.credit, "GetDebtorRecord",
                   credit_pb2.GetDebtorRecordRequest(identity_number=debtor))
    removed = record.listings[0]
    assert removed.removed_on <= removed.remove_by, "removed within 3 working days (R8)"
    seen.append(("removed", f"reason {removed.removal_reason} on {removed.removed_on} "
                            f"by {removed.remove_by}; restriction lifted "
                            f"{record.restrictions[0].lift_ground}"))
    mirror.stop()
    court.close()
    return seen


@pytest.fixture(scope="module")
def lives() -> dict[str, list[tuple[str, str]]]:
    return {}


class TestCreditLife:
    def test_cluster_mode_lists_mirrors_and_removes(self, tmp_path, processes, lives):
        suite = cluster_suite(processes, tmp_path, SERVICES, FILED)
        lives["cluster"] = seen = list_restrict_and_remove(suite)
        assert seen == EXPECTED

    def test_embedded_mode_gives_the_same_results(self, tmp_path, processes, lives):
        suite = embedded_suite(processes, tmp_path, SERVICES, FILED)
        seen = list_restrict_and_remove(suite)
        assert seen == EXPECTED
        if "cluster" in lives:
            assert seen == lives["cluster"]


EXPECTED = [
    # Decided on 10 April 2026: ground (2) lists for 2 years from the next day (R2, R62).
    ("listing", "grounds [2] decided 2026-04-10 published True term to 2028-04-10"),
    # Listed and under every restriction of R13 from the same day (R12).
    ("check", "listed=True restricted=True conduct=15 since=2026-04-10"),
    ("mirror", "listed=True restricted=True"),
    ("check after", "listed=False restricted=False conduct=0 since=-"),
    ("mirror after", "not listed"),
    # Closed as executed in full on a Friday: removal due by the third working day (R8),
    # done the same day; full performance lifts the restriction (R15).
    ("removed", "reason 1 on 2026-04-10 by 2026-04-15; restriction lifted full_performance"),
]
