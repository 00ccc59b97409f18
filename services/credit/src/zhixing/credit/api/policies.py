"""Who may call each RPC of the credit services, over what (R7, R42, R46, DESIGN §8).

One table per gRPC service, one policy per RPC, default deny. Credit decisions are the
bench's of the court that holds the case or the decision (COURT): a judge or president
decides whichever team holds the case, so no team scope applies. Candidates and a
debtor's record are answered for the caller's own court (OWN_COURT). Partners check
the list and report back only as registered partners (`partners.toml`, R7, R42). The
runtime's `AuditedServicer` enforces the tables; `tests/e2e` calls every RPC as every
kind of caller against them.
"""

from __future__ import annotations

from zhixing.security.policy import Policy, PolicyBook

_BENCH = Policy.for_roles("judge", "president")
_STAFF = ("officer", "judge", "president", "supervisor")

COURT = PolicyBook.for_service("zhixing.credit.v1.CreditService", {
    "DecideListing": _BENCH, "DeclineListing": _BENCH, "RemoveListing": _BENCH,
    "AdvanceCorrection": _BENCH,
    "OrderRestriction": _BENCH, "LiftRestriction": _BENCH, "ReleasePerson": _BENCH,
    "ListCandidates": Policy.own_court(*_STAFF),
    "GetDebtorRecord": Policy.own_court(*_STAFF),
})
CHECK = PolicyBook.for_service("zhixing.credit.v1.CreditCheckService", {
    name: Policy.partner() for name in ("Check", "BatchCheck", "ReportAction", "Follow")})
POLICIES = COURT | CHECK
"""Every RPC the credit service serves."""
