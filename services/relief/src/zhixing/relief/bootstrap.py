"""Composition root of the relief service: builds everything from `Settings`.

Nothing runs at import (STYLE 6); the runtime calls `service.build(settings)`.
"""

from __future__ import annotations

from zhixing.contracts.pb.relief.v1 import relief_pb2_grpc
from zhixing.contracts.topics import ASSETS_EVENTS, CALENDAR_EVENTS, CASES_EVENTS, RELIEF_EVENTS
from zhixing.eventstore.columns import keep_blind_index_key
from zhixing.eventstore.settings import Settings
from zhixing.messaging.consumer import InOrder
from zhixing.messaging.outbox import Outbox
from zhixing.messaging.schedules import ScheduleFollower, ScheduleTable, calendar_over
from zhixing.observability.tracing import current_traceparent
from zhixing.relief import demo
from zhixing.relief.api.policies import POLICIES
from zhixing.relief.api.servicer import ReliefServicer
from zhixing.relief.application import ReliefApplication
from zhixing.relief.outbound import mapping_for
from zhixing.relief.policies.recovery import RecoveryPolicy
from zhixing.relief.projections.case_facts import CaseFactsQueries, CaseFactsView
from zhixing.relief.projections.relief_index import ReliefIndex, ReliefIndexQueries
from zhixing.relief.projections.reports import FundReport, FundReportQueries
from zhixing.runtime.audit_home import close_audit, open_audit
from zhixing.runtime.service import Consumes, Job, ServiceDefinition, ServiceInstance


def build(settings: Settings) -> ServiceInstance:
    # The calendar reads the schedules this service received through a store of its own:
    # it may be asked inside a consumer's transaction on `store` (R64).
    calendar_store = settings.sql_store("relief")
    calendar = calendar_over(calendar_store)
    store = settings.sql_store("relief")
    CaseFactsView.migrate(store)
    FundReport.migrate(store)
    ReliefIndex.migrate(store)
    cases = CaseFactsQueries(store)
    # R29 tells a party in a 执恢 case and in the case it continues by a blind index of
    # its identity (R60): the store refuses a key ring that would key them otherwise.
    cipher = settings.field_cipher
    keep_blind_index_key(store, cipher)
    app = ReliefApplication(settings, facts=cases, clock=settings.clock(), calendar=calendar,
                            traceparent=current_traceparent)
    home = open_audit(settings)  # the suite's one audit log (R46)
    servicer = ReliefServicer(app, home.log, cases, ReliefIndexQueries(store),
                              FundReportQueries(store))

    def register(server: object) -> None:
        relief_pb2_grpc.add_ReliefServiceServicer_to_server(servicer, server)

    def close() -> None:
        app.close()
        store.close()
        calendar_store.close()
        close_audit(home)

    # A recount moves the deadlines counted on a provisional calendar (R64).
    schedules = ScheduleFollower(ScheduleTable(store), calendar,
                                 lambda _schedule: app.recount_provisional())
    recovery = RecoveryPolicy(app)
    return ServiceInstance(
        name="relief",
        store=store,
        register_grpc=register,
        grpc_service_names=[servicer.SERVICE],
        policies=POLICIES,
        outbox=Outbox(app, mapping_for(app), topic=settings.topic(RELIEF_EVENTS),
                      wire=settings.topic, region=settings.region),
        # The facts first, then what they oblige: a repayment from the case account is
        # credited once the case it belongs to is known (one consumer per topic, in order).
        # The reports and the index follow the service's own events (STYLE 17).
        consumes=[
            # Each part of the case facts follows its own topic, so each is rebuildable
            # (`zhixing relief rebuild relief_case_facts|relief_case_inquiries`).
            Consumes(settings.topic(CASES_EVENTS),
                     InOrder(CaseFactsView("cases", cipher=cipher), recovery),
                     "relief.case-facts"),
            Consumes(settings.topic(ASSETS_EVENTS), CaseFactsView("assets"),
                     "relief.case-facts-assets"),
            Consumes(settings.topic(RELIEF_EVENTS), InOrder(FundReport(), ReliefIndex()),
                     "relief.reports"),
            Consumes(settings.topic(CALENDAR_EVENTS), schedules, "relief.calendar"),
        ],
        jobs=[Job("relief.sweep", settings.sweep_seconds, app.sweep),
              Job("relief.calendar-catch-up", settings.sweep_seconds, schedules.catch_up)],
        load_demo=lambda: demo.load(app, cases),
        audit=home.log,
        close=close,
    )


service = ServiceDefinition(name="relief", build=build)
"""The relief service (国家司法救助 · 执行救助), found through the `zhixing.services` entry point."""
