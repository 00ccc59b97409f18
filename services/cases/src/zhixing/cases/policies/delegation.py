"""委托执行 — the receiving court's side of a delegation, and the result flowing back.

A delegated case (CaseDelegated) becomes a 执协 case at the receiving court, filed with
a request id derived from the delegating case, so a redelivered event finds the case
already filed. When that 执协 case closes, its result is recorded on the delegating case.
"""

from __future__ import annotations

from zhixing.cases.application import CasesApplication
from zhixing.cases.application.base import case_uuid
from zhixing.cases.domain.errors import CaseNotFound
from zhixing.cases.domain.filing import Basis, Claim, Party, validate_filing
from zhixing.contracts.events.cases.v1 import CaseClosed, CaseDelegated
from zhixing.messaging.typed import Context, TypedHandler, on


class DelegationPolicy(TypedHandler):
    effect_elsewhere = True  # its commands go to the event store, keyed: idempotent

    def __init__(self, app: CasesApplication) -> None:
        self.app = app

    @on(CaseDelegated)
    def delegated(self, p: CaseDelegated, ctx: Context) -> None:
        parties = [Party(x.role, x.kind, x.name, x.identity_number) for x in p.parties]
        filing = validate_filing(
            court_code=p.to_court, case_type="执协",
            basis=Basis(p.basis_kind, p.basis_issuing_body, p.basis_document_number,
                        p.basis_effective_date),
            applicants=[x for x in parties if x.role == "applicant"],
            respondents=[x for x in parties if x.role == "respondent"],
            claim=Claim(**p.claim_fen), today=self.app.today(),
            linked_case_id=p.case_id)
        self.app.file_case(filing, request_id=f"delegation/{p.case_id}")

    @on(CaseClosed)
    def closed(self, p: CaseClosed, ctx: Context) -> None:
        if not p.linked_case_id:
            return
        try:
            self.app.apply_delegation_result(case_uuid(p.linked_case_id), p.case_id, p.case_number,
                                             p.closure, p.recovered_fen, p.closed_on)
        except CaseNotFound:
            return  # the delegating court is in another deployment
