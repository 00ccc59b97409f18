"""Protobuf ↔ domain translation for the cases service: requests in, the case out."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from zhixing.cases.domain.case import CLOSURES, EnforcementCase
from zhixing.cases.domain.filing import Basis, Claim, Filing, Party, validate_filing
from zhixing.cases.domain.nodes import node_label, node_rule
from zhixing.cases.domain.values import Delegation, Node, Settlement
from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb
from zhixing.kernel.errors import InvalidInput

KIND_NAMES = {
    pb.PARTY_KIND_NATURAL_PERSON: "natural_person",
    pb.PARTY_KIND_ORGANISATION: "organisation",
    pb.PARTY_KIND_STATE_ORGAN: "state_organ",
}
KIND_VALUES = {name: value for value, name in KIND_NAMES.items()}


def filing_from(request: pb.FileCaseRequest, today: date, linked_case_id: str = "") -> Filing:
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
        linked_case_id=linked_case_id,
    )


def parse_uuid(text: str, field: str) -> UUID:
    try:
        return UUID(text)
    except ValueError:
        raise InvalidInput("not an id (UUID)", field=field) from None


def parse_date(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput("not a date (YYYY-MM-DD)", field=field) from None


def parse_past_date(text: str, field: str, today: date, rule: str) -> date:
    """A date a court reports as past (money arrived, a search made): not after `today`.
    A far-future date also overran the calendar when a deadline was counted from it."""
    day = parse_date(text, field)
    if day > today:
        raise InvalidInput(f"must not be after today ({today.isoformat()})", rule=rule,
                           field=field)
    return day


def instalments_from(request: pb.AgreeSettlementRequest) -> list[tuple[date, int]]:
    return [(parse_date(i.due_on, f"instalments[{n}].due_on"), i.amount_fen)
            for n, i in enumerate(request.instalments)]


def case_message(case: EnforcementCase) -> pb.EnforcementCase:
    parties = {"applicant": [], "respondent": []}  # type: dict[str, list[pb.Party]]
    for party in case.parties:
        parties[party.role].append(pb.Party(
            name=party.name, identity_number=party.identity_number,
            kind=KIND_VALUES[party.kind]))
    return pb.EnforcementCase(
        case_id=str(case.id), case_number=case.case_number, court_code=case.court_code,
        case_type=case.case_type, status=case.status, filed_on=case.filed_on,
        basis=pb.EnforcementBasis(**case.basis.as_dict()), applicants=parties["applicant"],
        respondents=parties["respondent"], claim=pb.Claim(**case.claim.as_dict()),
        version=case.version,
        status_label=case.status_label, closure=case.closure,
        closure_label=CLOSURES.get(case.closure, ""), team=case.team,
        lead_officer=case.lead_officer, nodes=_nodes(case.nodes),
        linked_case_id=case.linked_case_id, link_kind=case.link_kind,
        government_debtor=case.government_debtor, concluded_on=case.concluded_on,
        requery_dates=case.requery_dates,
        resumed_as_case_number=case.resumed_as.case_number if case.resumed_as else "",
        resumed_as_case_id=case.resumed_as.case_id if case.resumed_as else "",
        settlement=_settlement(case.settlement),
        notice_served_on=case.notice.served_on if case.notice else "",
        property_report=case.property_report, interviewed_on=case.interviewed_on,
        debtor_missing=case.debtor_missing, debtor_searched=case.debtor_searched,
        leads=[pb.PropertyLead(lead_id=lead_id, **lead.as_dict())
               for lead_id, lead in case.leads.items()],
        sanctions=[pb.Sanction(**sanction.as_dict()) for sanction in case.sanctions],
        respondent_progress=_respondent_progress(case),
        delegation=_delegation(case.delegation))


def _nodes(nodes: dict[str, Node]) -> list[pb.CaseNode]:
    return [pb.CaseNode(node=name, label=node_label(name), rule=node_rule(name),
                        due_on=node.due, done_on=node.done_on, overdue=node.overdue,
                        extended=node.extended, provisional=node.provisional)
            for name, node in sorted(nodes.items(), key=lambda item: item[1].due)]


def _settlement(settlement: Settlement | None) -> pb.Settlement | None:
    if settlement is None:
        return None
    return pb.Settlement(agreed_on=settlement.agreed_on, state=settlement.state,
                         instalments=[pb.Instalment(**i.as_dict())
                                      for i in settlement.instalments])


def _respondent_progress(case: EnforcementCase) -> list[pb.RespondentProgress]:
    progress = []
    for index, party in enumerate(case.respondents):
        debtor = party.identity_number
        inquiry = case.inquiries.get(debtor)
        progress.append(pb.RespondentProgress(
            respondent_index=index, restricted=debtor in case.restricted,
            listing_decided=debtor in case.listing_decided,
            inquiry_kinds=inquiry.kinds if inquiry else [],
            inquiry_completed_on=inquiry.completed_on if inquiry else "",
            disposable_property_found=inquiry is not None and inquiry.disposable))
    return progress


def _delegation(delegation: Delegation | None) -> pb.Delegation | None:
    if delegation is None:
        return None
    result = delegation.result
    return pb.Delegation(
        to_court=delegation.to_court, delegated_on=delegation.delegated_on,
        assisting_case_number=result.case_number if result else "",
        result_closure=result.closure if result else "",
        recovered_fen=result.recovered_fen if result else 0,
        result_closed_on=result.closed_on if result else "")


def _party(role: str, party: pb.Party) -> Party:
    return Party(role, KIND_NAMES.get(party.kind, "unspecified"), party.name,
                 party.identity_number)
