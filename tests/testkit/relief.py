"""The relief service as the cross-service tests and benchmarks drive it: one court's
people (officer, president, finance, an administrator) over its gRPC API, and enforcement
cases made known to relief by their integration events (issue 14)."""

from __future__ import annotations

from typing import Any

import grpc

from testkit.filings import company, person
from zhixing.contracts.events.assets.v1 import NetworkInquiryCompleted
from zhixing.contracts.events.cases.v1 import CaseFiled, PartyV1
from zhixing.contracts.pb.relief.v1 import relief_pb2 as pb
from zhixing.contracts.pb.relief.v1.relief_pb2_grpc import ReliefServiceStub
from zhixing.eventstore.settings import Settings
from zhixing.runtime.inject import publish_event
from zhixing.security.grpc_auth import bearer_metadata
from zhixing.security.identity import Identity
from zhixing.security.tokens import issue_token

COURT, TEAM = "川0104", "执行一组"
PROVINCE = "川"
NOT_YET = {grpc.StatusCode.NOT_FOUND, grpc.StatusCode.FAILED_PRECONDITION}
"""What an application answers before the case's facts have reached relief (R29)."""
QUERIED = ["bank_deposit", "vehicle", "real_estate", "securities", "tax"]


class ReliefCourt:
    """The people of one court who act on relief, each with a token of their role (R31):
    `court("Apply", "officer", …)` calls ReliefService.Apply as the court's officer."""

    ROLES = ("officer", "judge", "president", "relief_committee", "finance", "admin")

    def __init__(self, target: str, secret: str, court: str = COURT) -> None:
        self.channel = grpc.insecure_channel(target)
        self.stub = ReliefServiceStub(self.channel)
        self.metadata = {
            role: bearer_metadata(issue_token(
                Identity(f"{role}-{court}", role, "" if role == "admin" else court,
                         team=TEAM if role == "officer" else ""), secret))
            for role in self.ROLES}

    def __call__(self, method: str, role: str, **fields: Any) -> Any:
        request = getattr(pb, f"{method}Request")(**fields)
        return getattr(self.stub, method)(request, metadata=self.metadata[role], timeout=30)

    def refusal(self, method: str, role: str, **fields: Any) -> grpc.RpcError | None:
        """The call's refusal, or None when it was accepted."""
        try:
            self(method, role, **fields)
        except grpc.RpcError as error:
            return error
        return None

    def once_known(self, method: str, role: str, **fields: Any) -> Any:
        """The call's answer; None while relief does not yet know the case's facts (R29
        refusals are what an unknown case answers too), so a caller polls it with a
        deadline. Only for calls that change nothing when refused, and whose request id
        (where they take one) makes the accepted one the only one recorded."""
        try:
            return self(method, role, **fields)
        except grpc.RpcError as error:
            if error.code() in NOT_YET:
                return None
            raise

    def apply_once_known(self, **fields: Any) -> pb.Application | None:
        """Apply as the officer once relief knows the case (see `once_known`)."""
        applied = self.once_known("Apply", "officer", **fields)
        return None if applied is None else applied.application

    def close(self) -> None:
        self.channel.close()


def parties(serial: int) -> list[PartyV1]:
    """A natural-person applicant (index 0) and an organisation respondent (index 1)."""
    applicant, respondent = person(serial % 900 + 100), company()
    return [PartyV1(role="applicant", kind="natural_person", name=applicant.name,
                    identity_number=applicant.identity_number),
            PartyV1(role="respondent", kind="organisation", name=respondent.name,
                    identity_number=respondent.identity_number)]


def make_known_unable_to_pay(settings: Settings, case_id: str, serial: int,
                             claim_fen: int, court: str = COURT) -> None:
    """Publish a filed case and a network inquiry that found nothing disposable (R29:
    the debtor cannot pay) — the cases and assets services' events, validated against
    their contract models, on the topics relief follows (Kafka or the embedded store)."""
    filed = CaseFiled(case_id=case_id, case_number=f"(2026){court}执{serial}号",
                      court_code=court, case_type="执", filed_on="2026-03-02",
                      basis_kind="judgment", basis_document_number=f"(2025)民初{serial}号",
                      parties=parties(serial), claim_total_fen=claim_fen)
    inquiry = NetworkInquiryCompleted(
        inquiry_id=f"inq-{case_id}", case_id=case_id, court_code=court,
        debtor_identity_number=filed.parties[1].identity_number, completed_on="2026-03-20",
        agency_kinds=QUERIED, disposable_property_found=False)
    for event in (filed, inquiry):
        publish_event(settings, event.event_type, event.model_dump(mode="json"),
                      subject=case_id, court=court)
