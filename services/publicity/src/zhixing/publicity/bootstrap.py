"""Composition root of the publicity service: builds everything from `Settings`.

Nothing runs at import (STYLE 6); the runtime calls `service.build(settings)`.
"""

from __future__ import annotations

from zhixing.contracts.pb.publicity.v1 import desk_pb2_grpc, publicity_pb2_grpc
from zhixing.contracts.topics import ASSETS_EVENTS, CASES_EVENTS, CREDIT_EVENTS, PUBLICITY_EVENTS
from zhixing.eventstore.columns import keep_blind_index_key
from zhixing.eventstore.settings import Settings
from zhixing.kernel.policy import PolicyTable
from zhixing.messaging.outbox import Outbox
from zhixing.observability.tracing import current_traceparent
from zhixing.publicity import demo
from zhixing.publicity.api.desk import PublicityDeskServicer
from zhixing.publicity.api.policies import DESK, POLICIES, SERVICE
from zhixing.publicity.api.servicer import PublicityServicer
from zhixing.publicity.application.portal import Portal
from zhixing.publicity.application.publicity import PublicityApplication
from zhixing.publicity.outbound import mapping_for
from zhixing.publicity.projections.case_progress import (
    CaseProgressProjection,
    seal_earlier_progress,
)
from zhixing.publicity.projections.dishonest_list import (
    DishonestListProjection,
    seal_earlier_entries,
)
from zhixing.publicity.projections.leads import LeadsProjection
from zhixing.publicity.projections.party_window_feeds import (
    PartyMeasuresProjection,
    PartyMessagesProjection,
    PartyWindowProjection,
)
from zhixing.publicity.projections.party_window_feeds import migrate as migrate_party_window
from zhixing.publicity.projections.restricted_list import RestrictedListProjection
from zhixing.publicity.projections.typical_cases import GROUP as TYPICAL_GROUP
from zhixing.publicity.projections.typical_cases import TypicalCaseProjection
from zhixing.publicity.projections.wrong_codes import WrongCodeLimiter
from zhixing.publicity.projections.zhongben_library import (
    ZhongbenLibraryProjection,
    seal_earlier_library,
)
from zhixing.publicity.web.pages import PublicPages
from zhixing.runtime.audit_home import close_audit, open_audit
from zhixing.runtime.service import Consumes, ServiceDefinition, ServiceInstance
from zhixing.runtime.web import WebPages


def build(settings: Settings) -> ServiceInstance:
    store = settings.sql_store("publicity")
    CaseProgressProjection.migrate(store)
    ZhongbenLibraryProjection.migrate(store)
    DishonestListProjection.migrate(store)
    # (issue 17) the new read models migrate here, one line each.
    LeadsProjection.migrate(store)
    RestrictedListProjection.migrate(store)  # 限制消费 list (search)
    TypicalCaseProjection.migrate(store)
    migrate_party_window(store)  # parties' window; its wrong-code counts next
    WrongCodeLimiter.migrate(store)

    policy = PolicyTable.load()
    mask = {"keep_head": policy.int("masking.keep_head"),
            "keep_tail": policy.int("masking.keep_tail")}
    cipher = settings.field_cipher  # R60: the read models seal personal data
    keep_blind_index_key(store, cipher)  # the public list is searched by blind index (R60)
    for seal_earlier in (seal_earlier_progress, seal_earlier_library, seal_earlier_entries):
        seal_earlier(store, cipher)
    app = PublicityApplication(settings, clock=settings.clock(),
                               traceparent=current_traceparent)
    portal = Portal.over(store, cipher, app)
    home = open_audit(settings)  # the suite's one audit log (R46)
    servicer, desk = PublicityServicer(portal), PublicityDeskServicer(portal, home.log)

    def register(server: object) -> None:
        publicity_pb2_grpc.add_PublicityServiceServicer_to_server(servicer, server)
        desk_pb2_grpc.add_PublicityDeskServiceServicer_to_server(desk, server)

    def close() -> None:
        app.close()
        store.close()
        close_audit(home)

    consumes = [
        Consumes(settings.topic(CASES_EVENTS), CaseProgressProjection(cipher, **mask),
                 group="publicity.case-progress"),
        Consumes(settings.topic(CASES_EVENTS), ZhongbenLibraryProjection(cipher, **mask),
                 group="publicity.zhongben"),
        Consumes(settings.topic(CREDIT_EVENTS), DishonestListProjection(cipher, **mask),
                 group="publicity.dishonest-list"),
        # --- search (综合查询, 限制消费) -----------------------------------------------
        Consumes(settings.topic(CREDIT_EVENTS), RestrictedListProjection(cipher, **mask),
                 group="publicity.restricted-list"),

        # --- typical cases (典型案例) ----------------------------------------------------
        Consumes(settings.topic(PUBLICITY_EVENTS), TypicalCaseProjection(),
                 group=TYPICAL_GROUP),

        # --- leads and reward notices (执行线索, 悬赏公告) ------------------------------
        # One group per topic (embedded mode: a group keeps one position per log).
        Consumes(settings.topic(PUBLICITY_EVENTS), LeadsProjection(cipher, **mask),
                 group="publicity.leads"),
        Consumes(settings.topic(ASSETS_EVENTS), LeadsProjection(cipher, **mask),
                 group="publicity.lead-status"),
        Consumes(settings.topic(CASES_EVENTS), LeadsProjection(cipher, **mask),
                 group="publicity.lead-cases"),

        # --- parties' window (当事人查询) --------------------------------------------------
        Consumes(settings.topic(CASES_EVENTS), PartyWindowProjection(cipher),
                 group="publicity.party-window"),
        Consumes(settings.topic(ASSETS_EVENTS), PartyMeasuresProjection(),
                 group="publicity.party-measures"),
        Consumes(settings.topic(PUBLICITY_EVENTS), PartyMessagesProjection(cipher),
                 group="publicity.party-messages"),

    ]
    return ServiceInstance(
        name="publicity",
        store=store,
        register_grpc=register,
        grpc_service_names=[SERVICE, DESK],
        policies=POLICIES,
        outbox=Outbox(app, mapping_for(app), topic=settings.topic(PUBLICITY_EVENTS),
                      wire=settings.topic, region=settings.region),
        consumes=consumes,
        load_demo=lambda: demo.load(app, portal),
        audit=home.log,
        close=close,
        web=WebPages(prefix="/", app=PublicPages(portal.progress, portal.zhongben,
                                                 portal.dishonest)),
    )


service = ServiceDefinition(name="publicity", build=build)
"""The publicity service (执行信息公开 · 当事人查询), found through the `zhixing.services`
entry point."""
