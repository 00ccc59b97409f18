"""Composition root of the credit service: builds everything from `Settings`.

Nothing runs at import (STYLE 6); the runtime calls `service.build(settings)`.
"""

from __future__ import annotations

from zhixing.contracts.pb.credit.v1 import check_pb2_grpc, credit_pb2_grpc
from zhixing.contracts.topics import (
    ASSETS_EVENTS,
    CALENDAR_EVENTS,
    CASES_EVENTS,
    CREDIT_EVENTS,
    CREDIT_LIST,
    PARTNER_KINDS,
    credit_notices,
)
from zhixing.credit import demo
from zhixing.credit.api.check import CreditCheckServicer
from zhixing.credit.api.court import CreditServicer
from zhixing.credit.api.policies import POLICIES
from zhixing.credit.api.regions import PeerList, RegionView
from zhixing.credit.application import CreditApplication
from zhixing.credit.application.bases import CheckBases
from zhixing.credit.application.list_feed import ListFeed, ListView
from zhixing.credit.application.partners import PartnerDesk
from zhixing.credit.outbound import mapping_for
from zhixing.credit.partners import PartnerRegistry
from zhixing.credit.policies.case_events import CaseEventsPolicy
from zhixing.credit.projections.candidates import Candidates, seal_earlier_candidates
from zhixing.credit.projections.cases_seen import (
    CasesSeen,
    CasesSeenQueries,
    seal_earlier_cases,
)
from zhixing.eventstore.columns import keep_blind_index_key
from zhixing.eventstore.settings import Settings
from zhixing.messaging.consumer import InOrder
from zhixing.messaging.kafka import CompactedTopicReader
from zhixing.messaging.outbox import Outbox
from zhixing.messaging.schedules import ScheduleFollower, ScheduleTable, calendar_over
from zhixing.observability.tracing import current_traceparent
from zhixing.runtime.audit_home import close_audit, open_audit
from zhixing.runtime.service import Consumes, Job, ServiceDefinition, ServiceInstance


def build(settings: Settings) -> ServiceInstance:
    # The calendar reads the schedules this service received through a store of its own:
    # it may be asked inside a consumer's transaction on `store` (R64).
    calendar_store = settings.sql_store("credit")
    calendar = calendar_over(calendar_store)
    app = CreditApplication(settings, clock=settings.clock(), calendar=calendar,
                            traceparent=current_traceparent)
    store = settings.sql_store("credit")
    CasesSeen.migrate(store)
    Candidates.migrate(store)
    PartnerDesk.migrate(store)
    home = open_audit(settings)  # the suite's one audit log (R46)
    cipher = settings.field_cipher  # R60: the read models seal personal data
    audit, cases, desk = home.log, CasesSeenQueries(store, cipher), PartnerDesk(store, cipher)
    keep_blind_index_key(store, cipher)  # debtors are looked up by blind index (R60)
    seal_earlier_cases(store, cipher)
    seal_earlier_candidates(store, cipher)
    desk.seal_earlier()
    view = _region_view(settings, ListView(ListFeed(app), also=(desk.flush,)))
    court = CreditServicer(app, audit, cases, desk)
    check = CreditCheckServicer(view, desk, app.clock, partners=PartnerRegistry.from_env(),
                                audit=audit, bases=CheckBases(app))

    def register(server: object) -> None:
        credit_pb2_grpc.add_CreditServiceServicer_to_server(court, server)
        check_pb2_grpc.add_CreditCheckServiceServicer_to_server(check, server)

    def close() -> None:
        view.stop()
        app.close()
        store.close()
        calendar_store.close()
        close_audit(home)

    policy = CaseEventsPolicy(app, cipher)
    schedules = ScheduleFollower(ScheduleTable(store), calendar,
                                 lambda _schedule: app.recount_provisional())
    return ServiceInstance(
        name="credit",
        store=store,
        register_grpc=register,
        grpc_service_names=[court.SERVICE, check.SERVICE],
        policies=POLICIES,
        outbox=Outbox(app, mapping_for(app), topic=settings.topic(CREDIT_EVENTS),
                      wire=settings.topic, region=settings.region,
                      also=[settings.topic(CREDIT_LIST),
                            *(settings.topic(credit_notices(k)) for k in PARTNER_KINDS)]),
        # The facts first, then what they oblige: a closure's good faith reads the notice's
        # deadline the same event stream wrote (one consumer per topic, in order). The
        # candidates are proposed by the cases events and settled by the credit service's
        # own decisions (STYLE 17).
        consumes=[
            Consumes(settings.topic(CASES_EVENTS), InOrder(CasesSeen(cipher), Candidates(cipher), policy),
                     "credit.cases"),
            Consumes(settings.topic(ASSETS_EVENTS), InOrder(CasesSeen(cipher), policy), "credit.assets"),
            Consumes(settings.topic(CREDIT_EVENTS), Candidates(cipher), "credit.candidates"),
            Consumes(settings.topic(CALENDAR_EVENTS), schedules, "credit.calendar"),
        ],
        jobs=[Job("credit.sweep", settings.sweep_seconds, app.sweep),
              Job("credit.calendar-catch-up", settings.sweep_seconds, schedules.catch_up)],
        load_demo=lambda: demo.load(app, cases),
        audit=audit,
        close=close,
    )


def _region_view(settings: Settings, local: ListView) -> ListView | RegionView:
    """With peer regions (and Kafka, which MirrorMaker copies their lists into), Check
    answers for the whole circle (R43)."""
    if not (settings.peer_regions and settings.kafka_bootstrap):
        return local
    return RegionView(local, [PeerList(CompactedTopicReader(
        settings.kafka_bootstrap, settings.peer_topic(region, CREDIT_LIST)))
        for region in settings.peer_regions])


service = ServiceDefinition(name="credit", build=build)
