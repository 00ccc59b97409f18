"""Who may call each RPC of the relief service, over what (R31, R46, DESIGN §8).

One table, one policy per RPC, default deny. Every step of a relief case is taken by the
role R31 names for it, in the court that decides it (COURT): an officer or judge
records the notice and the application and proposes; the president or the relief
committee (司法救助委员会) decides and revokes; finance credits the fund, pays and
records repayments. The wage table of R30 is a reference table an administrator keeps
for every court (ANY_COURT); the court's staff read it. Hardship facts are read by those
who decide on them only, with a purpose, audited (R46). The runtime's `AuditedServicer`
enforces the table; `tests/e2e` calls every RPC as every kind of caller against it.
"""

from __future__ import annotations

from zhixing.security.policy import Policy, PolicyBook

SERVICE = "zhixing.relief.v1.ReliefService"

PROPOSERS = ("officer", "judge")
"""Who records the notice, the application and the proposal (R31)."""
DECIDERS = ("president", "relief_committee")
"""Who decides on relief (R31)."""
FINANCE = ("finance",)
"""Who keeps the fund's money (R32)."""
STAFF = ("officer", "judge", "president", "relief_committee", "finance", "supervisor")
"""Who reads the court's applications, funds and reports."""
HARDSHIP_READERS = ("officer", "judge", "president", "relief_committee")
"""Who may read hardship facts: those who propose and decide on them (R46)."""

POLICIES = PolicyBook.for_service(SERVICE, {
    "EnterWage": Policy.for_roles("admin", court_scoped=False),
    "GetWage": Policy.for_roles("admin", *STAFF, court_scoped=False),
    "CreditFund": Policy.for_roles(*FINANCE),
    "GetFund": Policy.for_roles(*STAFF),
    "NotifyRight": Policy.for_roles(*PROPOSERS),
    "Apply": Policy.for_roles(*PROPOSERS),
    "Review": Policy.for_roles(*PROPOSERS),
    "Withdraw": Policy.for_roles(*PROPOSERS),
    "Approve": Policy.for_roles(*DECIDERS),
    "Reject": Policy.for_roles(*DECIDERS),
    "Revoke": Policy.for_roles(*DECIDERS),
    "Disburse": Policy.for_roles(*FINANCE),
    "RecordNotified": Policy.for_roles(*FINANCE),
    "RecordRepayment": Policy.for_roles(*FINANCE),
    "GetApplication": Policy.for_roles(*STAFF),
    "ReadHardship": Policy.for_roles(*HARDSHIP_READERS),
    "ListApplications": Policy.own_court(*STAFF),
    "GetReport": Policy.for_roles(*STAFF),
})
"""Every RPC the relief service serves."""
