"""The watch's subscriptions, for the composition root: one consumer per topic, each in
its own group (`GROUPS`), so a slow topic never holds up another's alerts.

    consumes=[Consumes(*s) for s in watch_subscriptions(settings, store, app, kpis)]

(tuples: the policies may not import the runtime, which brings the telemetry.)"""

from __future__ import annotations

from zhixing.contracts.topics import ASSETS_EVENTS, CASES_EVENTS, CREDIT_EVENTS, RELIEF_EVENTS
from zhixing.eventstore.settings import Settings
from zhixing.eventstore.sql import SqlStore
from zhixing.supervision.policies.watch import (
    GROUPS,
    AlertDesk,
    CaseNumbers,
    CasesWatch,
    CreditWatch,
    ReliefWatch,
    Watch,
)
from zhixing.supervision.policies.watch_assets import AssetsWatch


def watch_subscriptions(settings: Settings, store: SqlStore, app: AlertDesk,
                        numbers: CaseNumbers) -> list[tuple[str, Watch, str]]:
    """(wire topic, watch, consumer group) of the four watches; installs the watches'
    tables in `store` (the consumers' store: the assets watch's rows commit with its
    tracking position, the cases watch reads them in its own transaction)."""
    AssetsWatch.migrate(store)
    return [
        (settings.topic(CASES_EVENTS), CasesWatch(app, numbers), GROUPS["cases"]),
        (settings.topic(ASSETS_EVENTS), AssetsWatch(app, numbers), GROUPS["assets"]),
        (settings.topic(CREDIT_EVENTS), CreditWatch(app, numbers), GROUPS["credit"]),
        (settings.topic(RELIEF_EVENTS), ReliefWatch(app, numbers), GROUPS["relief"]),
    ]
