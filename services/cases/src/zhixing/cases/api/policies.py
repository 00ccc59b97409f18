"""Who may call each RPC of CasesService, over what (R46, DESIGN §8): default deny.

One table, one policy per RPC: its roles and its scope. Reads of a case (the file, its
account, timeline, 终本 checklist, referrals) and the court's lists are for the court's
readers (COURT). Every act on a case belongs to the team it is assigned to (承办团队,
TEAM): the procedure, 约谈, settlement, 终本, closure, money, sanctions and 拒执
referrals — the judges and president of the court act on any case of it. Three acts
are the court's, not a team's: filing (立案, no team yet), 恢复执行 (a new 执恢 filing,
on the applicant's application) and the president's extension of a time limit (R26).
The runtime's `AuditedServicer` enforces the table; `tests/e2e` calls every RPC as every
kind of caller against it.
"""

from __future__ import annotations

from zhixing.security.policy import BENCH, Policy, PolicyBook

SERVICE = "zhixing.cases.v1.CasesService"

STAFF = ("officer", "judge", "president")
"""执行干警: enforcement officers, judges and (vice-)presidents of the court."""
READERS = (*STAFF, "finance", "supervisor")
"""Who reads a court's cases: its staff, its finance office and its command centre."""


def _court_staff() -> Policy:
    return Policy.for_roles(*STAFF)


def _readers() -> Policy:
    return Policy.for_roles(*READERS)


def _team() -> Policy:
    return Policy.for_team(*STAFF)


POLICIES = PolicyBook.for_service(SERVICE, {
    "FileCase": _court_staff(),
    "GetCase": _readers(),
    # Reassigning a case is for its team or the bench; the first 分案 is open to staff.
    "AssignCase": Policy.for_team(*STAFF, while_unassigned=True),
    "ServeNotice": _team(),
    "RequestLeads": _team(),
    "ReceiveLead": _team(),
    "VerifyLead": _team(),
    "AnswerPartyMessage": _team(),  # issue 17: the case's team answers its parties
    "RecordPropertyReport": _team(),
    "ExtendDeadline": Policy.for_roles("president"),  # R26: the president approves
    "InterviewApplicant": _team(),
    "ReportDebtorMissing": _team(),
    "RecordDebtorSearch": _team(),
    "CheckConclusion": _readers(),
    "ConcludeCase": _team(),
    "ResumeCase": _court_staff(),
    "AgreeSettlement": _team(),
    "PerformSettlement": _team(),  # closes the case as executed
    "RecordSettlementDefault": _team(),
    "DecideSanction": _team(),
    "ReferRefusal": _team(),
    "AdvanceReferral": _team(),
    "GetReferral": _readers(),
    "CloseCase": _team(),
    "TransferToBankruptcy": _team(),
    "DelegateCase": _team(),
    # Receipts are booked by the team, the bench or the finance office; money leaves
    # by the team or the finance office (R28).
    "RecordPayment": Policy.for_team(*STAFF, "finance", also=BENCH | {"finance"}),
    "Disburse": Policy.for_team(*STAFF, "finance", also=frozenset({"finance"})),
    "GetAccount": _readers(),
    "GetTimeline": _readers(),
    "ListCases": _readers(),
    "GetWorklist": _readers(),
})
