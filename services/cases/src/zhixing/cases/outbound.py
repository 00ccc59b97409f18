"""Domain event → integration event: the only place the cases service does this
(STYLE 3). Events with no public meaning (serials, the number index, facts recorded
from other services) map to nothing.

Later case events carry the case number, court and debtors so consumers need no lookup;
those facts never change after filing, so they are read once per case and cached.
"""

from __future__ import annotations

from functools import lru_cache, singledispatchmethod
from typing import Any
from uuid import UUID

from zhixing.cases.domain.account import CaseAccount
from zhixing.cases.domain.case import EnforcementCase
from zhixing.cases.domain.referral import RefusalReferral
from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.cases import v1
from zhixing.eventstore.application import ServiceApplication


class CaseOutbound:
    """Maps the cases service's domain events to its public v1 events."""

    def __init__(self, app: ServiceApplication) -> None:
        self.app = app
        self._case = lru_cache(maxsize=4096)(self._load_case)
        self._account_case = lru_cache(maxsize=4096)(self._load_account_case)

    def __call__(self, domain_event: Any) -> list[IntegrationEvent]:
        return self._map(domain_event)

    @singledispatchmethod
    def _map(self, domain_event: Any) -> list[IntegrationEvent]:
        return []

    @_map.register
    def _(self, e: EnforcementCase.Filed) -> list[IntegrationEvent]:
        return [v1.CaseFiled(
            case_id=str(e.originator_id), case_number=e.case_number, court_code=e.court_code,
            case_type=e.case_type, filed_on=e.filed_on, basis_kind=e.basis.kind,
            basis_document_number=e.basis.document_number,
            basis_issuing_body=e.basis.issuing_body,
            parties=[v1.PartyV1(**party.as_dict()) for party in e.parties],
            claim_total_fen=e.claim.total_fen,
            linked_case_id=e.link.case_id if e.link else None,
            link_kind=e.link.kind if e.link else None,
            government_debtor=any(p.role == "respondent" and p.kind == "state_organ"
                                  for p in e.parties),
            access=[v1.PartyAccessV1(**a.as_dict()) for a in e.access],
        )]

    @_map.register
    def _(self, e: EnforcementCase.Assigned) -> list[IntegrationEvent]:
        return [v1.CaseAssigned(**self._head(e), team=e.team, lead_officer=e.lead_officer,
                                assigned_on=e.assigned_on,
                                lead_officer_name=e.lead_officer_name,
                                team_phone=e.team_phone)]

    @_map.register
    def _(self, e: EnforcementCase.NoticeServed) -> list[IntegrationEvent]:
        return [v1.ExecutionNoticeServed(
            **self._head(e), served_on=e.served_on, property_report_due=e.property_report_due,
            listing_warning=e.listing_warning, respondents=self._respondents(e))]

    @_map.register
    def _(self, e: EnforcementCase.PropertyReported) -> list[IntegrationEvent]:
        return [v1.PropertyReported(**self._head(e), reported_on=e.reported_on)]

    @_map.register
    def _(self, e: EnforcementCase.PropertyReportMissed) -> list[IntegrationEvent]:
        return [v1.PropertyReportMissed(**self._head(e), due_on=e.due_on,
                                        respondents=self._respondents(e))]

    @_map.register
    def _(self, e: EnforcementCase.NodeOverdue) -> list[IntegrationEvent]:
        team = self.app.repository.get(e.originator_id, version=e.originator_version).team
        return [v1.NodeOverdue(**self._head(e), node=e.node, rule=e.rule, due_on=e.due_on,
                                team=team)]

    @_map.register
    def _(self, e: EnforcementCase.DeadlineExtended) -> list[IntegrationEvent]:
        return [v1.DeadlineExtended(**self._head(e), node=e.node, due_on=e.due_on,
                                    approved_by=e.approved_by)]

    @_map.register
    def _(self, e: EnforcementCase.DeadlinesCounted) -> list[IntegrationEvent]:
        deadlines = [v1.CountedDeadlineV1(node=node, due_on=c.due, provisional=c.provisional)
                     for node, c in sorted(e.counted.items())]
        return [v1.DeadlinesCounted(**self._head(e), deadlines=deadlines,
                                    counted_on=e.counted_on)]

    @_map.register
    def _(self, e: CaseAccount.DisbursementDeadlinesCounted) -> list[IntegrationEvent]:
        deadlines = [v1.CountedDeadlineV1(node=f"disburse:{reference}", due_on=c.due,
                                          provisional=c.provisional)
                     for reference, c in sorted(e.counted.items())]
        return [v1.DeadlinesCounted(**self._account_head(e), deadlines=deadlines,
                                    counted_on=e.counted_on)]

    @_map.register
    def _(self, e: EnforcementCase.SettlementAgreed) -> list[IntegrationEvent]:
        return [v1.SettlementAgreed(**self._head(e), agreed_on=e.agreed_on,
                                    instalments=[i.as_dict() for i in e.instalments])]

    @_map.register
    def _(self, e: EnforcementCase.SettlementPerformed) -> list[IntegrationEvent]:
        return [v1.SettlementPerformed(**self._head(e), performed_on=e.performed_on,
                                       respondents=self._respondents(e))]

    @_map.register
    def _(self, e: EnforcementCase.SettlementDefaulted) -> list[IntegrationEvent]:
        return [v1.SettlementDefaulted(**self._head(e), defaulted_on=e.defaulted_on,
                                       respondents=self._respondents(e))]

    @_map.register
    def _(self, e: EnforcementCase.SanctionDecided) -> list[IntegrationEvent]:
        return [v1.SanctionDecided(**self._head(e), sanction_id=e.sanction_id, kind=e.kind,
                                   amount_fen=e.amount_fen, days=e.days,
                                   document_number=e.document_number, decided_on=e.decided_on)]

    @_map.register
    def _(self, e: EnforcementCase.Concluded) -> list[IntegrationEvent]:
        return [v1.CaseConcluded(**self._head(e), concluded_on=e.concluded_on,
                                 unpaid_fen=e.unpaid_fen, requery_dates=e.requery_dates,
                                 respondents=self._respondents(e))]

    @_map.register
    def _(self, e: EnforcementCase.Resumed) -> list[IntegrationEvent]:
        return [v1.CaseResumed(**self._head(e), resumed_on=e.resumed_on,
                               new_case_id=e.new_case_id, new_case_number=e.new_case_number,
                               reason=e.reason)]

    @_map.register
    def _(self, e: EnforcementCase.Closed) -> list[IntegrationEvent]:
        case = self._case(e.originator_id)
        assisted = case.linked_case_id if case.link_kind == "assists" else None
        return [v1.CaseClosed(**self._head(e), closure=e.closure, closed_on=e.closed_on,
                              recovered_fen=e.recovered_fen, respondents=self._respondents(e),
                              linked_case_id=assisted)]

    @_map.register
    def _(self, e: EnforcementCase.Delegated) -> list[IntegrationEvent]:
        case = self._case(e.originator_id)
        basis = case.basis
        return [v1.CaseDelegated(
            **self._head(e), to_court=e.to_court, delegated_on=e.delegated_on,
            basis_kind=basis.kind, basis_document_number=basis.document_number,
            basis_issuing_body=basis.issuing_body, basis_effective_date=basis.effective_date,
            parties=[v1.PartyV1(**p.as_dict()) for p in case.parties],
            claim_fen=case.claim.as_dict())]

    @_map.register
    def _(self, e: EnforcementCase.PartyMessageReceived) -> list[IntegrationEvent]:
        return [v1.PartyMessageReceived(**self._head(e), message_id=e.message_id,
                                        party_role=e.party_role, due_on=e.due_on,
                                        provisional=e.provisional)]

    @_map.register
    def _(self, e: EnforcementCase.PartyMessageAnswered) -> list[IntegrationEvent]:
        return [v1.PartyMessageAnswered(**self._head(e), message_id=e.message_id,
                                        answer=e.answer, answered_on=e.answered_on)]

    @_map.register
    def _(self, e: CaseAccount.MoneyReceived) -> list[IntegrationEvent]:
        return [v1.MoneyReceived(**self._account_head(e), receipt_id=e.reference,
                                 source=e.source, amount_fen=e.amount_fen,
                                 received_on=e.received_on, disburse_by=e.disburse_by)]

    @_map.register
    def _(self, e: CaseAccount.MoneyDisbursed) -> list[IntegrationEvent]:
        account = self.app.repository.get(e.originator_id, version=e.originator_version)
        return [v1.MoneyDisbursed(**self._account_head(e), disbursement_id=e.reference,
                                  payee=e.payee, amount_fen=e.amount_fen,
                                  disbursed_on=e.disbursed_on,
                                  received_total_fen=account.received_fen,
                                  claim_total_fen=account.claim.total_fen)]

    @_map.register
    def _(self, e: CaseAccount.DisbursementOverdue) -> list[IntegrationEvent]:
        return [v1.NodeOverdue(**self._account_head(e), node="disburse", rule="R28",
                               due_on=e.due_on)]

    @_map.register
    def _(self, e: RefusalReferral.Referred) -> list[IntegrationEvent]:
        return [v1.RefusalReferralAdvanced(
            case_id=e.case_id, case_number=e.case_number, court_code=e.court_code,
            referral_id=str(e.originator_id), stage="referred",
            document_number=e.document_number, decided_on=e.decided_on)]

    @_map.register
    def _(self, e: RefusalReferral.Advanced) -> list[IntegrationEvent]:
        referral = self.app.repository.get(e.originator_id, version=e.originator_version)
        return [v1.RefusalReferralAdvanced(
            case_id=referral.case_id, case_number=referral.case_number,
            court_code=referral.court_code, referral_id=str(e.originator_id), stage=e.stage,
            document_number=e.document_number, decided_on=e.decided_on)]

    # --- the facts every event repeats ------------------------------------------------

    def _head(self, e: Any) -> dict[str, str]:
        case = self._case(e.originator_id)
        return {"case_id": str(case.id), "case_number": case.case_number,
                "court_code": case.court_code}

    def _account_head(self, e: Any) -> dict[str, str]:
        return self._account_case(e.originator_id)

    def _load_account_case(self, account_id: UUID) -> dict[str, str]:
        """The case an account belongs to: set when it opened, so read once."""
        account = self.app.repository.get(account_id, version=1)
        return {"case_id": account.case_id, "case_number": account.case_number,
                "court_code": account.court_code}

    def _respondents(self, e: Any) -> list[v1.PartyV1]:
        return [v1.PartyV1(**p.as_dict()) for p in self._case(e.originator_id).respondents]

    def _load_case(self, case_id: UUID) -> EnforcementCase:
        return self.app.repository.get(case_id)  # type: ignore[no-any-return]

