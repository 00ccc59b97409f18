"""网络查控 starts by itself when an enforcement case is filed (DESIGN §1).

Each debtor of a newly filed 执, 执恢 or 执协 case is inquired about at once. The
inquiry's id derives from the case, the debtor and the occasion, so redelivery of
`CaseFiled` finds the inquiry already started and starts nothing new.
"""

from __future__ import annotations

from zhixing.assets.application import AssetsApplication
from zhixing.assets.application.inquiries import CaseRef, Debtor
from zhixing.contracts.events.cases.v1 import CaseFiled
from zhixing.messaging.typed import Context, TypedHandler, on

INQUIRED_CASE_TYPES = frozenset({"执", "执恢", "执协"})
"""Cases that enforce a claim; objections (执异), reviews (执复) and the like do not."""


class AutoInquiry(TypedHandler):
    """Starts the network inquiry of each debtor of an enforcement case just filed."""

    effect_elsewhere = True  # its commands go to the event store, idempotent

    def __init__(self, app: AssetsApplication) -> None:
        self.app = app

    @on(CaseFiled)
    def filed(self, filed: CaseFiled, ctx: Context) -> None:
        debtors = tuple(Debtor(p.identity_number, p.name) for p in filed.parties
                        if p.role == "respondent")
        if filed.case_type not in INQUIRED_CASE_TYPES or not debtors:
            return
        case = CaseRef(filed.case_id, filed.case_number, filed.court_code, debtors,
                       claim_total_fen=filed.claim_total_fen)
        self.app.start_inquiries(case, "filing")
