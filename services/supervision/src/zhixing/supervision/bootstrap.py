"""Composition root of the supervision service: builds everything from `Settings`.

Nothing runs at import (STYLE 6); the runtime calls `service.build(settings)`.
"""

from __future__ import annotations

import os

from zhixing.contracts.pb.supervision.v1 import supervision_pb2_grpc
from zhixing.contracts.topics import (
    ASSETS_EVENTS,
    CALENDAR_EVENTS,
    CASES_EVENTS,
    CREDIT_EVENTS,
    RELIEF_EVENTS,
    SUPERVISION_EVENTS,
)
from zhixing.eventstore.columns import keep_blind_index_key
from zhixing.eventstore.settings import Settings
from zhixing.messaging.consumer import InOrder
from zhixing.messaging.outbox import Outbox
from zhixing.messaging.schedules import ScheduleFollower, ScheduleTable, calendar_over
from zhixing.observability.tracing import current_traceparent
from zhixing.runtime.audit_home import close_audit, open_audit
from zhixing.runtime.audit_settings import AuditSettings
from zhixing.runtime.service import Consumes, Job, ServiceDefinition, ServiceInstance
from zhixing.runtime.web import WebPages
from zhixing.supervision import demo
from zhixing.supervision.api.base import Reads
from zhixing.supervision.api.policies import POLICIES
from zhixing.supervision.api.servicer import SupervisionServicer
from zhixing.supervision.application import SupervisionApplication
from zhixing.supervision.outbound import mapping_for
from zhixing.supervision.policies.watches import watch_subscriptions
from zhixing.supervision.projections.alert_index import AlertIndex, AlertQueries
from zhixing.supervision.projections.board import BoardQueries
from zhixing.supervision.projections.board_facts import BoardView
from zhixing.supervision.projections.board_tables import GROUPS as BOARD_GROUPS
from zhixing.supervision.projections.board_tables import TOPICS as BOARD_TOPICS
from zhixing.supervision.projections.case_kpis import GROUPS as KPI_GROUPS
from zhixing.supervision.projections.case_kpis import CaseKpiView
from zhixing.supervision.projections.kpi_queries import KpiQueries
from zhixing.supervision.projections.matter_index import MatterIndex, MatterQueries
from zhixing.supervision.projections.suggestion_index import SuggestionIndex, SuggestionQueries
from zhixing.supervision.web.app import command_centre_from_env

TOPICS = {"cases": CASES_EVENTS, "assets": ASSETS_EVENTS, "credit": CREDIT_EVENTS,
          "relief": RELIEF_EVENTS}
"""The other contexts' topics the figures and the watch follow."""


def build(settings: Settings) -> ServiceInstance:
    # The calendar reads the schedules this service received through a store of its own:
    # it may be asked inside a consumer's transaction on `store` (R64).
    calendar_store = settings.sql_store("supervision")
    calendar = calendar_over(calendar_store)
    # The watch reads a case's 案号 from the figures' facts inside its consumer's
    # transaction on `store`: through a store of its own too.
    numbers_store = settings.sql_store("supervision")
    store = settings.sql_store("supervision")
    CaseKpiView.migrate(store)
    AlertIndex.migrate(store)
    MatterIndex.migrate(store)
    SuggestionIndex.migrate(store)
    BoardView.migrate(store)
    cipher = settings.field_cipher
    keep_blind_index_key(store, cipher)  # R16(2): respondents matched by blind index (R60)
    kpis = KpiQueries(store, calendar)
    # The register's chain is MACed with the audit log's keys (R35): the same ring
    # `zhixing audit key` rotates, made on first use when missing.
    chain_keys = AuditSettings.from_env().key_ring(create=True)
    app = SupervisionApplication(settings, clock=settings.clock(), calendar=calendar,
                                 chain_keys=chain_keys, requeries=kpis,
                                 traceparent=current_traceparent)
    home = open_audit(settings)  # the suite's one audit log (R46)
    reads = Reads(kpis=kpis, alerts=AlertQueries(store), matters=MatterQueries(store),
                  suggestions=SuggestionQueries(store), board=BoardQueries(store, calendar))
    servicer = SupervisionServicer(app, home.log, reads, settings.clock())
    # The command centre (issue 16): a client of this servicer over loopback gRPC, called
    # with each person's own token; the runtime tells it the address (`bind`).
    centre = command_centre_from_env(os.environ, clock=settings.clock().now,
                                     jwt_secrets=(settings.jwt_secret, *settings.jwt_old_secrets),
                                     cluster=settings.uses_postgres)

    def register(server: object) -> None:
        supervision_pb2_grpc.add_SupervisionServiceServicer_to_server(servicer, server)

    def close() -> None:
        app.close()
        store.close()
        calendar_store.close()
        numbers_store.close()
        close_audit(home)

    # A schedule published for a year counted provisionally moves the reply and handling
    # days counted on it (R64).
    schedules = ScheduleFollower(ScheduleTable(store), calendar,
                                 lambda _schedule: app.recount_provisional())
    # Per topic one group for the figures' facts and one for the watch (the spec's
    # groups): each rebuilds and lags on its own. The watch raises an alert without its
    # 案号 rather than late when the facts have not caught up (`Watch.number_of`).
    consumes = [
        *(Consumes(settings.topic(topic), CaseKpiView(cipher, part), KPI_GROUPS[part])
          for part, topic in TOPICS.items()),
        # The command centre's court board (issue 16), one group per topic; "answers" is
        # the agencies' answers topic (R41: their answer times).
        *(Consumes(settings.topic(topic), BoardView(part), BOARD_GROUPS[part])
          for part, topic in BOARD_TOPICS.items()),
        *(Consumes(*subscription)
          for subscription in watch_subscriptions(settings, store, app,
                                                  KpiQueries(numbers_store))),
        Consumes(settings.topic(SUPERVISION_EVENTS),
                 InOrder(AlertIndex(), MatterIndex(), SuggestionIndex()),
                 "supervision.alert-index"),
        Consumes(settings.topic(CALENDAR_EVENTS), schedules, "supervision.calendar"),
    ]
    return ServiceInstance(
        name="supervision",
        store=store,
        register_grpc=register,
        grpc_service_names=[servicer.SERVICE],
        policies=POLICIES,
        outbox=Outbox(app, mapping_for(app), topic=settings.topic(SUPERVISION_EVENTS),
                      wire=settings.topic, region=settings.region),
        consumes=consumes,
        jobs=[Job("supervision.sweep", settings.sweep_seconds, app.sweep),
              Job("supervision.calendar-catch-up", settings.sweep_seconds,
                  schedules.catch_up)],
        load_demo=lambda: demo.load(app, kpis),
        audit=home.log,
        close=close,
        web=WebPages("/command/", centre, asgi=True, methods=("GET", "HEAD", "POST"),
                     bind=centre.bind),
    )


service = ServiceDefinition(name="supervision", build=build)
"""The supervision service (执行监督), found through the `zhixing.services` entry point."""
