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
from functools import singledispatchmethod

from zhixing.assets.application import AssetsApplication
from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events import IntegrationEvent, parse_known
from zhixing.contracts.events.assets.v1 import DisposalConcluded
from zhixing.contracts.events.cases.v1 import CaseClosed
from zhixing.eventstore.sql import Cursor

log = logging.getLogger(__name__)

RELEASING_CLOSURES = frozenset({"executed_in_full", "terminated", "not_enforced", "rejected",
                                "withdrawn", "bankruptcy"})
ENDS_PRESERVATION = frozenset({"rejected", "withdrawn", "bankruptcy"})
"""Closures that end a preservation (保全) too; otherwise it runs on into the enforcement
case (R23) and keeps its place in the queue."""


class ControlPolicy:
    """Releases a closed case's measures; applies concluded disposals to the queue."""

    def __init__(self, app: AssetsApplication) -> None:
        self.app = app

    def handle(self, event: CloudEvent, cursor: Cursor) -> None:
        payload = parse_known(event.type, event.data)
        if payload is not None:  # else a newer publisher's event this policy has no use for
            self._apply(payload)

    @singledispatchmethod
    def _apply(self, payload: IntegrationEvent) -> None:
        """Events that end no measure."""

    @_apply.register
    def _(self, p: CaseClosed) -> None:
        if p.closure not in RELEASING_CLOSURES:
            return
        released = self.app.release_case_measures(
            p.case_id, "case_closed", date.fromisoformat(p.closed_on),
            preservations=p.closure in ENDS_PRESERVATION)
        if released:
            log.info("measures released on closure", extra={"released": released})

    @_apply.register
    def _(self, p: DisposalConcluded) -> None:
        if p.method == "unsold":
            return  # nothing left the debtor: the measure stays, its term runs on
        self.app.asset_disposed(p.asset_id, p.whole_asset, date.fromisoformat(p.concluded_on),
                                p.case_id)
