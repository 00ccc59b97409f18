"""R46 without a timing oracle: an unknown case or referral id is audited as a denied
attempt, just as another court's is, so both answers do the same work (an audit write)
and probing for ids leaves a trace."""

from __future__ import annotations

from uuid import uuid4

import grpc

from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb

from .conftest import OTHER_COURT, refused


class TestProbingUnknownIds:
    def test_the_attempt_is_audited_as_denied_when_a_case_id_names_no_case(self, grpc_cases):
        stranger = grpc_cases.caller(court=OTHER_COURT, subject="stranger-1")
        unknown = refused(lambda: stranger.GetCase(pb.GetCaseRequest(case_id=str(uuid4()))))
        assert unknown.code() == grpc.StatusCode.NOT_FOUND
        [entry] = grpc_cases.audit("GetCase")
        assert (entry.actor, entry.court, entry.outcome) == ("stranger-1", OTHER_COURT, "denied")

    def test_the_attempt_is_audited_as_denied_when_a_referral_id_names_no_referral(
            self, grpc_cases):
        stranger = grpc_cases.caller(court=OTHER_COURT, subject="stranger-1")
        refused(lambda: stranger.GetReferral(pb.GetReferralRequest(referral_id=str(uuid4()))))
        [entry] = grpc_cases.audit("GetReferral")
        assert (entry.actor, entry.outcome) == ("stranger-1", "denied")

    def test_both_answers_write_one_audit_entry_when_another_court_probes_two_ids(
            self, grpc_cases):
        number = grpc_cases.assigned()
        stranger = grpc_cases.caller(court=OTHER_COURT, subject="stranger-1")
        for case_id in (str(grpc_cases.case_id(number)), str(uuid4())):
            refused(lambda: stranger.GetCase(pb.GetCaseRequest(case_id=case_id)))  # noqa: B023
        assert [e.outcome for e in grpc_cases.audit("GetCase")] == ["denied", "denied"]
