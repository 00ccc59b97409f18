"""What ends control measures from outside their own commands.

- 结案 (CaseClosed, from the cases service): a case that ended — executed in full,
  terminated, not enforced, rejected, withdrawn, or sent to bankruptcy (R45) — keeps
  nothing under control; its measures are released on ground "case_closed" (R25). A
  delegated case (委托执行) keeps them: the assisting court enforces on them.
- 处置完成 (DisposalConcluded, the service's own event): the disposing case's measure has
  done its work; the measures waiting behind it lapse (whole asset) or continue on the
  rest (R22).

Both reactions are idempotent in the application (a released measure is not released
again; a disposal already applied finds the asset no longer held by the case), so the
consumer's at-least-once delivery has an exactly-once effect.
"""

from __future__ import annotations

import logging
from datetime import date

from zhixing.assets.application import AssetsApplication
from zhixing.contracts.events.assets.v1 import DisposalConcluded
from zhixing.contracts.events.cases.v1 import CaseClosed
from zhixing.messaging.typed import Context, TypedHandler, on

log = logging.getLogger(__name__)

RELEASING_CLOSURES = frozenset({"executed_in_full", "terminated", "not_enforced", "rejected",
                                "withdrawn", "bankruptcy"})
ENDS_PRESERVATION = frozenset({"rejected", "withdrawn", "bankruptcy"})
"""Closures that end a preservation (保全) too; otherwise it runs on into the enforcement
case (R23) and keeps its place in the queue."""


class ControlPolicy(TypedHandler):
    """Releases a closed case's measures; applies concluded disposals to the queue."""

    effect_elsewhere = True  # its commands go to the event store, idempotent

    def __init__(self, app: AssetsApplication) -> None:
        self.app = app

    @on(CaseClosed)
    def closed(self, p: CaseClosed, ctx: Context) -> None:
        if p.closure not in RELEASING_CLOSURES:
            return
        released = self.app.release_case_measures(
            p.case_id, "case_closed", date.fromisoformat(p.closed_on),
            preservations=p.closure in ENDS_PRESERVATION)
        if released:
            log.info("measures released on closure", extra={"released": released})

    @on(DisposalConcluded)
    def disposal_concluded(self, p: DisposalConcluded, ctx: Context) -> None:
        if p.method == "unsold":
            return  # nothing left the debtor: the measure stays, its term runs on
        self.app.asset_disposed(p.asset_id, p.whole_asset, date.fromisoformat(p.concluded_on),
                                p.case_id)
