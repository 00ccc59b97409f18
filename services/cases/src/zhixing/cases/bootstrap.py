"""Composition root of the cases service: builds everything from `Settings`.

Nothing runs at import (STYLE 6); the runtime calls `service.build(settings)`.
"""

from __future__ import annotations

from zhixing.cases import demo
from zhixing.cases.api.servicer import POLICIES, SERVICE, CasesServicer
from zhixing.cases.application import CasesApplication
from zhixing.cases.outbound import to_integration_events
from zhixing.contracts.pb.cases.v1 import cases_pb2_grpc
from zhixing.contracts.topics import CASES_EVENTS
from zhixing.eventstore.settings import Settings
from zhixing.messaging.outbox import Outbox
from zhixing.observability.tracing import current_traceparent
from zhixing.runtime.service import ServiceDefinition, ServiceInstance
from zhixing.security.audit import AuditLog


def build(settings: Settings) -> ServiceInstance:
    app = CasesApplication(settings, traceparent=current_traceparent)
    store = settings.sql_store("cases")
    audit = AuditLog(store)
    servicer = CasesServicer(app, audit)
    return ServiceInstance(
        name="cases",
        store=store,
        register_grpc=lambda server: cases_pb2_grpc.add_CasesServiceServicer_to_server(
            servicer, server),
        grpc_service_names=[SERVICE],
        policies=POLICIES,
        outbox=Outbox(app, to_integration_events, topic=settings.topic(CASES_EVENTS), region=settings.region),
        load_demo=lambda: demo.load(app),
        close=lambda: (app.close(), store.close()),
    )


service = ServiceDefinition(name="cases", build=build)
