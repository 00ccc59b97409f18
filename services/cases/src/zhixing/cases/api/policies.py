"""Who may call each RPC of CasesService (R46, DESIGN §8): default deny.

Two layers. `POLICIES` (role × court) is checked by the interceptor (role) and by the
servicer against the court of the case the call is about. `TEAM_ACTS` names the
sensitive acts that also belong to the case's assigned team (承办团队): money, 终本,
closure, bankruptcy, delegation, sanctions and 拒执 referrals.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhixing.security.policy import Policy, PolicyBook

SERVICE = "zhixing.cases.v1.CasesService"

STAFF = ("officer", "judge", "president")
"""执行干警: enforcement officers, judges and (vice-)presidents of the court."""
READERS = (*STAFF, "finance", "supervisor")
"""Who reads a court's cases: its staff, its finance office and its command centre."""
BENCH = frozenset({"judge", "president"})
"""Who decides for any case of their court, whichever team it is assigned to."""


@dataclass(frozen=True)
class TeamBound:
    """R46: the act belongs to the case's assigned team; `also` roles may act on any case
    of their court; `while_unassigned` lets anyone the policy admits act before 分案."""

    also: frozenset[str] = BENCH
    while_unassigned: bool = False


def _staff() -> Policy:
    return Policy.for_roles(*STAFF)


def _readers() -> Policy:
    return Policy.for_roles(*READERS)


POLICIES = PolicyBook.for_service(SERVICE, {
    "FileCase": _staff(),
    "GetCase": _readers(),
    "AssignCase": _staff(),
    "ServeNotice": _staff(),
    "RequestLeads": _staff(),
    "ReceiveLead": _staff(),
    "VerifyLead": _staff(),
    "RecordPropertyReport": _staff(),
    "ExtendDeadline": Policy.for_roles("president"),  # R26: the president approves
    "InterviewApplicant": _staff(),
    "ReportDebtorMissing": _staff(),
    "RecordDebtorSearch": _staff(),
    "CheckConclusion": _readers(),
    "ConcludeCase": _staff(),
    "ResumeCase": _staff(),
    "AgreeSettlement": _staff(),
    "PerformSettlement": _staff(),
    "RecordSettlementDefault": _staff(),
    "DecideSanction": _staff(),
    "ReferRefusal": _staff(),
    "AdvanceReferral": _staff(),
    "GetReferral": _readers(),
    "CloseCase": _staff(),
    "TransferToBankruptcy": _staff(),
    "DelegateCase": _staff(),
    "RecordPayment": Policy.for_roles(*STAFF, "finance"),
    "Disburse": Policy.for_roles(*STAFF, "finance"),
    "GetAccount": _readers(),
    "GetTimeline": _readers(),
    "ListCases": _readers(),
    "GetWorklist": _readers(),
})

TEAM_ACTS: dict[str, TeamBound] = {
    # Reassigning a case is for its team or the bench; the first 分案 is open to staff.
    "AssignCase": TeamBound(while_unassigned=True),
    "ConcludeCase": TeamBound(),
    "PerformSettlement": TeamBound(),  # closes the case as executed
    "DecideSanction": TeamBound(),
    "ReferRefusal": TeamBound(),
    "AdvanceReferral": TeamBound(),
    "CloseCase": TeamBound(),
    "TransferToBankruptcy": TeamBound(),
    "DelegateCase": TeamBound(),
    "RecordPayment": TeamBound(also=BENCH | {"finance"}),
    "Disburse": TeamBound(also=frozenset({"finance"})),  # R28: money leaves by its team
}
