"""Composition root of the assets service: builds everything from `Settings`.

Nothing runs at import (STYLE 6); the runtime calls `service.build(settings)`.
"""

from __future__ import annotations

from typing import Any

from zhixing.assets import demo
from zhixing.assets.agencies import AgencyRegistry
from zhixing.assets.api import control, disposal, gateway, inquiry
from zhixing.assets.application import AssetsApplication
from zhixing.assets.outbound import to_public
from zhixing.assets.policies.agency_replies import AgencyReplies
from zhixing.assets.policies.auto_inquiry import AutoInquiry
from zhixing.assets.policies.control import ControlPolicy
from zhixing.assets.policies.public_leads import PublicLeads
from zhixing.assets.projections.agency_inbox import (
    AgencyInbox,
    AgencyInboxQueries,
    seal_earlier_requests,
)
from zhixing.assets.projections.cases_seen import (
    CasesSeen,
    CasesSeenQueries,
    seal_earlier_cases,
)
from zhixing.assets.projections.inquiries import InquiryIndex, InquiryQueries
from zhixing.assets.projections.leads import LeadIndex, LeadListQueries
from zhixing.assets.projections.measures import MeasureIndex
from zhixing.assets.sweep import AssetsSweep
from zhixing.contracts.agencies import AGENCY_KINDS
from zhixing.contracts.pb.assets.v1 import (
    control_pb2_grpc,
    disposal_pb2_grpc,
    gateway_pb2_grpc,
    inquiry_pb2_grpc,
)
from zhixing.contracts.topics import (
    ASSETS_EVENTS,
    ASSETS_REPLIES,
    CALENDAR_EVENTS,
    CASES_EVENTS,
    PUBLICITY_EVENTS,
    assets_requests,
)
from zhixing.eventstore.settings import Settings
from zhixing.messaging.outbox import Outbox
from zhixing.messaging.schedules import ScheduleFollower, ScheduleTable, calendar_over
from zhixing.observability.tracing import current_traceparent
from zhixing.runtime.audit_home import close_audit, open_audit
from zhixing.runtime.service import Consumes, Job, ServiceDefinition, ServiceInstance
from zhixing.security.policy import PolicyBook


def build(settings: Settings) -> ServiceInstance:
    # The calendar reads the schedules this service received through a store of its own:
    # it may be asked inside a consumer's transaction on `store` (R64).
    calendar_store = settings.sql_store("assets")
    calendar = calendar_over(calendar_store)
    app = AssetsApplication(settings, clock=settings.clock(), agencies=AgencyRegistry.from_env(),
                            calendar=calendar, traceparent=current_traceparent)
    store = settings.sql_store("assets")
    for view in (CasesSeen, InquiryIndex, AgencyInbox, MeasureIndex, LeadIndex):
        view.migrate(store)
    home = open_audit(settings)  # the suite's one audit log (R46)
    audit = home.log
    cipher = settings.field_cipher  # R60: the read models seal personal data
    seal_earlier_cases(store, cipher)
    seal_earlier_requests(store, cipher)
    cases, inquiries = CasesSeenQueries(store, cipher), InquiryQueries(store)
    servicers: list[tuple[Any, Any]] = [
        (inquiry.AssetInquiryServicer(app, audit, cases, inquiries),
         inquiry_pb2_grpc.add_AssetInquiryServiceServicer_to_server),
        (control.AssetControlServicer(app, audit, cases),
         control_pb2_grpc.add_AssetControlServiceServicer_to_server),
        (disposal.AssetDisposalServicer(app, audit, cases),
         disposal_pb2_grpc.add_AssetDisposalServiceServicer_to_server),
        (gateway.AgencyGatewayServicer(app, audit, cases, AgencyInboxQueries(store, cipher)),
         gateway_pb2_grpc.add_AgencyGatewayServiceServicer_to_server),
    ]
    request_topics = {kind: settings.topic(assets_requests(kind)) for kind in AGENCY_KINDS}
    return ServiceInstance(
        name="assets",
        store=store,
        register_grpc=lambda server: [add(servicer, server) for servicer, add in servicers],
        grpc_service_names=[servicer.SERVICE for servicer, _ in servicers],
        policies=_policies(servicer for servicer, _ in servicers),
        outbox=Outbox(app, to_public, topic=settings.topic(ASSETS_EVENTS), wire=settings.topic,
                      region=settings.region, also=request_topics.values()),
        consumes=[
            Consumes(settings.topic(CASES_EVENTS), CasesSeen(cipher), "assets.cases-seen"),
            Consumes(settings.topic(CASES_EVENTS), AutoInquiry(app), "assets.auto-inquiry"),
            Consumes(settings.topic(CASES_EVENTS), ControlPolicy(app), "assets.control.cases"),
            Consumes(settings.topic(ASSETS_EVENTS), InquiryIndex(), "assets.inquiry-index"),
            Consumes(settings.topic(ASSETS_EVENTS), MeasureIndex(), "assets.control-measures"),
            Consumes(settings.topic(ASSETS_EVENTS), ControlPolicy(app), "assets.control.disposals"),
            # Leads the public reported (issue 17, R27): accepted, then listed.
            Consumes(settings.topic(PUBLICITY_EVENTS), PublicLeads(app),
                     "assets.public-leads"),
            Consumes(settings.topic(ASSETS_EVENTS), LeadIndex(), "assets.lead-index"),
            Consumes(settings.topic(ASSETS_REPLIES), AgencyReplies(app), "assets.agency-replies"),
            # R20 reminder windows are counted when read or swept, with the calendar as it
            # is then; a lead's R27 day counted provisionally is stored, so it is counted
            # again when a schedule arrives (R64, issue 17).
            Consumes(settings.topic(CALENDAR_EVENTS), ScheduleFollower(
                ScheduleTable(store), calendar, lambda _schedule: app.recount_provisional_leads(
                    LeadListQueries(store).unverified())), "assets.calendar"),
            # One group per topic: in embedded mode every topic is a view of the same
            # notification log, and a group keeps one position per log.
            *(Consumes(topic, AgencyInbox(cipher), f"assets.agency-inbox.{kind}")
              for kind, topic in request_topics.items()),
        ],
        jobs=[Job("assets.sweep", settings.sweep_seconds, AssetsSweep(app, cases).run)],
        load_demo=lambda: demo.load(app),
        audit=audit,
        close=lambda: (app.close(), store.close(), calendar_store.close(), close_audit(home)),
    )


def _policies(servicers: Any) -> PolicyBook:
    book = PolicyBook()
    for servicer in servicers:
        book = book | servicer.POLICIES
    return book


service = ServiceDefinition(name="assets", build=build)
