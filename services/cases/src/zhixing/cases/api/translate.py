"""Protobuf ↔ domain translation for the cases service."""

from __future__ import annotations

from datetime import date

from zhixing.cases.domain.case import EnforcementCase
from zhixing.cases.domain.filing import Basis, Claim, Filing, Party, validate_filing
from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb

KIND_NAMES = {
    pb.PARTY_KIND_NATURAL_PERSON: "natural_person",
    pb.PARTY_KIND_ORGANISATION: "organisation",
    pb.PARTY_KIND_STATE_ORGAN: "state_organ",
}
KIND_VALUES = {name: value for value, name in KIND_NAMES.items()}


def filing_from(request: pb.FileCaseRequest, today: date) -> Filing:
    """Validate the request; raises InvalidFiling naming the field and rule."""
    return validate_filing(
        court_code=request.court_code,
        case_type=request.case_type,
        basis=Basis(request.basis.kind, request.basis.issuing_body,
                    request.basis.document_number, request.basis.effective_date),
        applicants=[_party("applicant", p) for p in request.applicants],
        respondents=[_party("respondent", p) for p in request.respondents],
        claim=Claim(request.claim.principal_fen, request.claim.interest_fen,
                    request.claim.costs_fen),
        today=today,
    )


def case_message(case: EnforcementCase) -> pb.EnforcementCase:
    parties = {"applicant": [], "respondent": []}  # type: dict[str, list[pb.Party]]
    for party in case.parties:
        parties[party["role"]].append(pb.Party(
            name=party["name"], identity_number=party["identity_number"],
            kind=KIND_VALUES[party["kind"]]))
    return pb.EnforcementCase(
        case_id=str(case.id), case_number=case.case_number, court_code=case.court_code,
        case_type=case.case_type, status=case.status, filed_on=case.filed_on,
        basis=pb.EnforcementBasis(**case.basis), applicants=parties["applicant"],
        respondents=parties["respondent"], claim=pb.Claim(**case.claim), version=case.version)


def _party(role: str, party: pb.Party) -> Party:
    return Party(role, KIND_NAMES.get(party.kind, "unspecified"), party.name,
                 party.identity_number)
