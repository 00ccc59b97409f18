"""Valid filings for the cross-service tests and benchmarks (check digits computed)."""

from __future__ import annotations

from zhixing.cases.demo import credit_code, resident_id
from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb


def person(serial: int = 123) -> pb.Party:
    """A natural-person applicant with a valid resident ID (born 1998 in 锦江区)."""
    return pb.Party(name="张伟", kind=pb.PARTY_KIND_NATURAL_PERSON,
                    identity_number=resident_id("510104", "19980312", f"{serial:03d}"))


def company() -> pb.Party:
    """An organisation respondent with a valid unified social credit code."""
    return pb.Party(name="成都锦城建设有限公司", kind=pb.PARTY_KIND_ORGANISATION,
                    identity_number=credit_code("91510104MA6C", "Q1W2E"))


def file_case_request(index: int = 0, court: str = "川0104", **changes: object) -> pb.FileCaseRequest:
    fields: dict[str, object] = {
        "court_code": court, "case_type": "执",
        "basis": pb.EnforcementBasis(kind="judgment", issuing_body="人民法院",
                                     document_number=f"(2025)民初{index}号",
                                     effective_date="2025-05-01"),
        "applicants": [person(index % 900 + 100)], "respondents": [company()],
        "claim": pb.Claim(principal_fen=10_000_00 + index),
    }
    fields.update(changes)
    return pb.FileCaseRequest(**fields)  # type: ignore[arg-type]
