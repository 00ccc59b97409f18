"""The runner serves an ASGI mount that calls the suite's own gRPC server: it tells the
mount the bound address (`bind`) before the web starts, and a page answering on the web
server's loop reaches the gRPC server on the main loop (issue 16: the command centre)."""

from __future__ import annotations

import threading
import urllib.request
from typing import Any

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from zhixing.eventstore.settings import Settings
from zhixing.runtime import runners
from zhixing.runtime.ops_settings import OpsSettings
from zhixing.runtime.server import GrpcServer
from zhixing.runtime.service import ServiceInstance
from zhixing.runtime.web import WebPages
from zhixing.security.policy import PolicyBook


class HealthPage:
    """An ASGI page asking the gRPC server it was bound to whether it serves."""

    def __init__(self) -> None:
        self.target = ""

    def bind(self, target: str) -> None:
        self.target = target

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        async with grpc.aio.insecure_channel(self.target) as channel:
            answer = await health_pb2_grpc.HealthStub(channel).Check(
                health_pb2.HealthCheckRequest(), timeout=5)
        body = health_pb2.HealthCheckResponse.ServingStatus.Name(answer.status).encode()
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": body})


def test_the_mount_reaches_the_grpc_server_at_the_bound_address_when_the_suite_runs(tmp_path):
    settings = Settings(var_dir=tmp_path, grpc_port=0, http_port=0)
    page = HealthPage()
    store = settings.sql_store("probe")
    instance = ServiceInstance(
        name="probe", store=store, register_grpc=lambda _server: None,
        grpc_service_names=[], policies=PolicyBook(), close=store.close,
        web=WebPages("/command/", page, asgi=True, bind=page.bind))
    seen: dict[str, str] = {}
    done = threading.Event()

    def ready(server: GrpcServer | None, web: str) -> None:
        assert server is not None
        seen["target at ready"], seen["port"] = page.target, f"127.0.0.1:{server.port}"

        def fetch() -> None:  # off the main loop: it serves the gRPC call the page makes
            try:
                seen["page"] = urllib.request.urlopen(f"{web}command/health",
                                                      timeout=10).read().decode()
            finally:
                done.set()

        threading.Thread(target=fetch, daemon=True).start()

    def until_fetched(stop: threading.Event) -> None:
        done.wait(30)
        raise RuntimeError("the test is over")  # a failed loop stops the runner

    with pytest.raises(SystemExit):
        runners.run([instance], settings, [until_fetched], serve_grpc=True, on_ready=ready,
                    on_probes=lambda _address: None, ops=OpsSettings(metrics_port=0))
    assert seen["target at ready"] == seen["port"]
    assert seen["page"] == "SERVING"
