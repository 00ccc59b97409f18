"""Composition root of the publicity service: builds everything from `Settings`."""

from __future__ import annotations

from zhixing.contracts.pb.publicity.v1 import publicity_pb2_grpc
from zhixing.contracts.topics import CASES_EVENTS, CREDIT_EVENTS
from zhixing.eventstore.columns import keep_blind_index_key
from zhixing.eventstore.settings import Settings
from zhixing.kernel.policy import PolicyTable
from zhixing.publicity.api.servicer import POLICIES, SERVICE, PublicityServicer
from zhixing.publicity.application.queries import (
    CaseProgressQueries,
    DishonestQueries,
    ZhongbenQueries,
)
from zhixing.publicity.projections.case_progress import (
    CaseProgressProjection,
    seal_earlier_progress,
)
from zhixing.publicity.projections.dishonest_list import (
    DishonestListProjection,
    seal_earlier_entries,
)
from zhixing.publicity.projections.zhongben_library import (
    ZhongbenLibraryProjection,
    seal_earlier_library,
)
from zhixing.publicity.web.pages import PublicPages
from zhixing.runtime.service import Consumes, ServiceDefinition, ServiceInstance
from zhixing.runtime.web import WebPages


def build(settings: Settings) -> ServiceInstance:
    store = settings.sql_store("publicity")
    CaseProgressProjection.migrate(store)
    ZhongbenLibraryProjection.migrate(store)
    DishonestListProjection.migrate(store)
    policy = PolicyTable.load()
    mask = {"keep_head": policy.int("masking.keep_head"),
            "keep_tail": policy.int("masking.keep_tail")}
    cipher = settings.field_cipher  # R60: the read models seal personal data
    keep_blind_index_key(store, cipher)  # the public list is searched by blind index (R60)
    for seal_earlier in (seal_earlier_progress, seal_earlier_library, seal_earlier_entries):
        seal_earlier(store, cipher)
    queries, dishonest = CaseProgressQueries(store, cipher), DishonestQueries(store, cipher)
    servicer = PublicityServicer(queries, dishonest)
    return ServiceInstance(
        name="publicity",
        store=store,
        register_grpc=lambda server: publicity_pb2_grpc.add_PublicityServiceServicer_to_server(
            servicer, server),
        grpc_service_names=[SERVICE],
        policies=POLICIES,
        consumes=[
            Consumes(settings.topic(CASES_EVENTS), CaseProgressProjection(cipher, **mask),
                     group="publicity.case-progress"),
            Consumes(settings.topic(CASES_EVENTS), ZhongbenLibraryProjection(cipher, **mask),
                     group="publicity.zhongben"),
            Consumes(settings.topic(CREDIT_EVENTS), DishonestListProjection(cipher, **mask),
                     group="publicity.dishonest-list"),
        ],
        web=WebPages(prefix="/", app=PublicPages(queries, ZhongbenQueries(store, cipher), dishonest)),
        close=store.close,
    )


service = ServiceDefinition(name="publicity", build=build)
