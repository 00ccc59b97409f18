"""Protobuf messages for what is not the case itself: its account, timeline, referrals,
and the rows of lists and worklists."""

from __future__ import annotations

from zhixing.cases.application.timeline import TimelineEntry
from zhixing.cases.domain.account import CaseAccount
from zhixing.cases.domain.case import STATUS_LABELS
from zhixing.cases.domain.referral import STAGES, RefusalReferral
from zhixing.cases.projections.case_index import CaseRow, WorkItem
from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb


def account_message(account: CaseAccount) -> pb.Account:
    """一案一账号 (R28): totals, what each payee is owed and was paid, every receipt."""
    return pb.Account(
        case_id=account.case_id, case_number=account.case_number,
        received_fen=account.received_fen, disbursed_fen=account.disbursed_fen,
        balance_fen=account.balance_fen,
        owed_fen={payee: fen for payee, fen in account.owed.items() if fen},
        paid_fen=account.paid, disburse_by=account.disburse_by(),
        disburse_by_provisional=account.disburse_by_provisional(),
        unpaid_claim_fen=account.unpaid_claim_fen,
        relief_advanced_fen=account.relief_advanced,
        receipts=[pb.Receipt(reference=r.reference, source=r.source,
                             amount_fen=r.amount_fen, received_on=r.received_on,
                             disburse_by=r.disburse_by, allocation_fen=r.allocation,
                             disburse_by_provisional=r.provisional)
                  for r in account.receipts])


def timeline_message(entry: TimelineEntry) -> pb.TimelineEntry:
    return pb.TimelineEntry(at=entry.at, act=entry.act, label=entry.label,
                            details=entry.details)


def referral_message(referral: RefusalReferral) -> pb.Referral:
    """拒执罪 (R44): every hand-off with its document and date."""
    return pb.Referral(
        referral_id=str(referral.id), case_id=referral.case_id,
        case_number=referral.case_number, court_code=referral.court_code,
        stage=referral.stage,
        history=[pb.ReferralStep(stage=step.stage, label=STAGES[step.stage],
                                 document_number=step.document_number,
                                 decided_on=step.decided_on)
                 for step in referral.history])


def summary_message(row: CaseRow) -> pb.CaseSummary:
    return pb.CaseSummary(
        case_id=row.case_id, case_number=row.case_number, court_code=row.court_code,
        case_type=row.case_type, status=row.status,
        status_label=STATUS_LABELS.get(row.status, row.status), closure=row.closure,
        team=row.team, lead_officer=row.lead_officer, filed_on=row.filed_on,
        claim_total_fen=row.claim_total_fen, received_fen=row.received_fen,
        next_due=row.next_due, next_due_provisional=row.next_due_provisional)


def work_item_message(item: WorkItem) -> pb.WorkItem:
    return pb.WorkItem(case_number=item.case_number, case_id=item.case_id, node=item.node,
                       label=item.label, rule=item.rule, due_on=item.due_on,
                       overdue=item.overdue, provisional=item.provisional,
                       detail=item.detail)
