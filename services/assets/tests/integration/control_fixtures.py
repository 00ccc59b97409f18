"""Helpers of the control-measure tests (查封、扣押、冻结): orders, cases of other courts,
published events, and the measures read model fed from the outbox.

The shared `app`, `clock` and `case` fixtures come from `tests/conftest.py`; the case is
a 执 case of 川0104 whose claim (costs included) is 100,000 yuan.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from zhixing.assets.application.inquiries import CaseRef, Debtor
from zhixing.assets.domain.control_terms import MeasureOrder
from zhixing.assets.outbound import to_public
from zhixing.assets.projections.measures import MeasureIndex, MeasureQueries
from zhixing.contracts.topics import ASSETS_EVENTS
from zhixing.eventstore.settings import Settings
from zhixing.messaging.outbox import Outbox

ASSET = "asset-deposit-1"
FLAT = "asset-flat-1"
YUAN = 100


def order(clock: Any, **changes: Any) -> MeasureOrder:
    """A freeze of 10,000 yuan in a company's deposit account, served now."""
    fields: dict[str, Any] = {
        "asset_id": ASSET, "kind": "freeze", "asset_kind": "deposit",
        "ruling_number": "(2026)川0104执100号之一", "amount_fen": 10_000 * YUAN,
        "served_at": clock.now()}
    fields.update(changes)
    return MeasureOrder(**fields)


def flat(clock: Any, value_yuan: int = 300_000, **changes: Any) -> MeasureOrder:
    """A seal of a flat (indivisible real property) worth `value_yuan`."""
    return order(clock, asset_id=FLAT, kind="seal", asset_kind="real_property",
                 amount_fen=value_yuan * YUAN, **changes)


def other_court_case(number: int = 1, claim_yuan: int = 100_000) -> CaseRef:
    """A 执 case of a Chongqing court (渝0103)."""
    return CaseRef(f"00000000-0000-4000-8000-0000000002{number:02d}",
                   f"(2026)渝0103执{number}号", "渝0103", team="执行二组",
                   claim_total_fen=claim_yuan * YUAN)


def case_with(case: CaseRef, **changes: Any) -> CaseRef:
    return replace(case, **changes)


def a_case(case_id: str, claim_yuan: int = 100_000, court: str = "川0104") -> CaseRef:
    return CaseRef(case_id, f"(2026){court}执{case_id[-3:]}号", court,
                   (Debtor("x", "y"),), team="执行一组", claim_total_fen=claim_yuan * YUAN)


def at(clock: Any, days: int = 0, hours: int = 0) -> datetime:
    return clock.now() + timedelta(days=days, hours=hours)


def published(app: Any, kind: type) -> list[Any]:
    """The integration events of `kind` the app has published so far, in order."""
    return [e for _, d in app.read_notifications(0) for e in to_public(d) if isinstance(e, kind)]


class MeasureView:
    """The `control_measures` read model, fed every event the app published so far."""

    def __init__(self, tmp_path: Any, app: Any) -> None:
        self.store = Settings(var_dir=tmp_path).sql_store("assets-view")
        MeasureIndex.migrate(self.store)
        self.index, self.queries = MeasureIndex(), MeasureQueries(self.store)
        self.outbox = Outbox(app, to_public, topic=ASSETS_EVENTS, region="chengdu")
        self.position = 0

    def catch_up(self) -> MeasureQueries:
        with self.store.transaction() as cursor:
            for entry in self.outbox.read(self.position):
                for event in entry.events:
                    self.index.handle(event, cursor)
                self.position = entry.position
        return self.queries

    def replay_all(self) -> MeasureQueries:
        """Deliver everything again from the start (a redelivery or a rebuild)."""
        self.position = 0
        return self.catch_up()
