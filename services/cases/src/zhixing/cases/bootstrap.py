"""Composition root of the cases service: builds everything from `Settings`.

Nothing runs at import (STYLE 6); the runtime calls `service.build(settings)`.
"""

from __future__ import annotations

from zhixing.cases import demo
from zhixing.cases.api.servicer import POLICIES, SERVICE, CasesServicer
from zhixing.cases.application import CasesApplication
from zhixing.cases.outbound import CaseOutbound
from zhixing.cases.policies.delegation import DelegationPolicy
from zhixing.cases.policies.facts import CaseFactsPolicy
from zhixing.cases.policies.party_messages import PartyMessagePolicy
from zhixing.cases.projections.case_index import CaseIndexProjection, CaseIndexQueries
from zhixing.cases.sweep import NodeSweep
from zhixing.contracts.pb.cases.v1 import cases_pb2_grpc
from zhixing.contracts.topics import (
    ASSETS_EVENTS,
    CALENDAR_EVENTS,
    CASES_EVENTS,
    CREDIT_EVENTS,
    PUBLICITY_EVENTS,
    RELIEF_EVENTS,
)
from zhixing.eventstore.settings import Settings
from zhixing.messaging.outbox import Outbox
from zhixing.messaging.schedules import ScheduleFollower, ScheduleTable, calendar_over
from zhixing.observability.tracing import current_traceparent
from zhixing.runtime.audit_home import close_audit, open_audit
from zhixing.runtime.service import Consumes, Job, ServiceDefinition, ServiceInstance


def build(settings: Settings) -> ServiceInstance:
    # The calendar reads the schedules this service received through a store of its own:
    # it may be asked inside a consumer's transaction on `store` (R64).
    calendar_store = settings.sql_store("cases")
    calendar = calendar_over(calendar_store)
    app = CasesApplication(settings, clock=settings.clock(), calendar=calendar,
                           traceparent=current_traceparent)
    store = settings.sql_store("cases")
    CaseIndexProjection.migrate(store)
    home = open_audit(settings)  # the suite's one audit log (R46)
    queries = CaseIndexQueries(store)
    servicer = CasesServicer(app, home.log, queries)
    facts = CaseFactsPolicy(app)
    schedules = ScheduleFollower(ScheduleTable(store), calendar, lambda _schedule:
                                 app.recount_provisional(queries.provisional_cases()))
    return ServiceInstance(
        name="cases",
        store=store,
        register_grpc=lambda server: cases_pb2_grpc.add_CasesServiceServicer_to_server(
            servicer, server),
        grpc_service_names=[SERVICE],
        policies=POLICIES,
        outbox=Outbox(app, CaseOutbound(app), topic=settings.topic(CASES_EVENTS), wire=settings.topic,
                      region=settings.region),
        consumes=[
            Consumes(settings.topic(CASES_EVENTS), CaseIndexProjection(app), "cases.case-index"),
            Consumes(settings.topic(CASES_EVENTS), DelegationPolicy(app), "cases.delegation"),
            Consumes(settings.topic(CALENDAR_EVENTS), schedules, "cases.calendar"),
            *(Consumes(settings.topic(topic), facts, f"cases.facts.{name}")
              for name, topic in (("assets", ASSETS_EVENTS), ("credit", CREDIT_EVENTS),
                                  ("relief", RELIEF_EVENTS))),
            # issue 17: a party's message (当事人留言) onto the team's worklist
            Consumes(settings.topic(PUBLICITY_EVENTS), PartyMessagePolicy(app),
                     "cases.party-messages"),
        ],
        jobs=[Job("cases.node-sweep", settings.sweep_seconds, NodeSweep(app, queries).run),
              Job("cases.calendar-catch-up", settings.sweep_seconds, schedules.catch_up)],
        load_demo=lambda: demo.load(app),
        audit=home.log,
        close=lambda: (app.close(), store.close(), calendar_store.close(), close_audit(home)),
    )


service = ServiceDefinition(name="cases", build=build)
