"""Composition root of the publicity service: builds everything from `Settings`."""

from __future__ import annotations

from zhixing.contracts.pb.publicity.v1 import publicity_pb2_grpc
from zhixing.contracts.topics import CASES_EVENTS
from zhixing.eventstore.settings import Settings
from zhixing.kernel.policy import PolicyTable
from zhixing.publicity.api.servicer import POLICIES, SERVICE, PublicityServicer
from zhixing.publicity.application.queries import CaseProgressQueries, ZhongbenQueries
from zhixing.publicity.projections.case_progress import CaseProgressProjection
from zhixing.publicity.projections.zhongben_library import ZhongbenLibraryProjection
from zhixing.publicity.web.pages import PublicPages
from zhixing.runtime.service import Consumes, ServiceDefinition, ServiceInstance


def build(settings: Settings) -> ServiceInstance:
    store = settings.sql_store("publicity")
    CaseProgressProjection.migrate(store)
    ZhongbenLibraryProjection.migrate(store)
    policy = PolicyTable.load()
    mask = {"keep_head": policy.int("masking.keep_head"),
            "keep_tail": policy.int("masking.keep_tail")}
    queries = CaseProgressQueries(store)
    servicer = PublicityServicer(queries)
    return ServiceInstance(
        name="publicity",
        store=store,
        register_grpc=lambda server: publicity_pb2_grpc.add_PublicityServiceServicer_to_server(
            servicer, server),
        grpc_service_names=[SERVICE],
        policies=POLICIES,
        consumes=[
            Consumes(settings.topic(CASES_EVENTS), CaseProgressProjection(**mask),
                     group="publicity.case-progress"),
            Consumes(settings.topic(CASES_EVENTS), ZhongbenLibraryProjection(**mask),
                     group="publicity.zhongben"),
        ],
        web=PublicPages(queries, ZhongbenQueries(store)),
        close=store.close,
    )


service = ServiceDefinition(name="publicity", build=build)
