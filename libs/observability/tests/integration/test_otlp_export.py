"""Spans reach an OTLP/gRPC receiver (the chart's OpenTelemetry Collector) when a role
runs with the environment the chart gives it: `OTEL_TRACES_EXPORTER=otlp`, the
collector's endpoint, and the resource attributes naming service, role and region."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from concurrent import futures

import grpc
from opentelemetry.proto.collector.trace.v1 import trace_service_pb2, trace_service_pb2_grpc

SCRIPT = (
    "from zhixing.observability import configure_tracing, tracer\n"
    "configure_tracing('zhixing-cases-worker')\n"
    "with tracer('t').start_as_current_span('file-case'): pass\n"
)


class _Receiver(trace_service_pb2_grpc.TraceServiceServicer):  # type: ignore[misc]
    def __init__(self) -> None:
        self.requests: list[trace_service_pb2.ExportTraceServiceRequest] = []
        self.received = threading.Event()

    def Export(self, request, context):  # the generated service names it so
        self.requests.append(request)
        self.received.set()
        return trace_service_pb2.ExportTraceServiceResponse()


def _attributes(resource) -> dict[str, str]:
    return {kv.key: kv.value.string_value for kv in resource.attributes}


class TestOtlpExport:
    def test_span_and_resource_reach_the_collector_when_the_otel_env_is_set(self) -> None:
        receiver = _Receiver()
        server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
        trace_service_pb2_grpc.add_TraceServiceServicer_to_server(receiver, server)
        port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        try:
            env = {**os.environ, "OTEL_TRACES_EXPORTER": "otlp",
                   "OTEL_EXPORTER_OTLP_ENDPOINT": f"http://127.0.0.1:{port}",
                   "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc", "OTEL_EXPORTER_OTLP_INSECURE": "true",
                   "OTEL_SERVICE_NAME": "zhixing-cases-worker",
                   "OTEL_RESOURCE_ATTRIBUTES": "zhixing.service=cases,zhixing.role=worker,"
                                               "cloud.region=chengdu"}
            # The SDK flushes its batch when the process exits.
            subprocess.run([sys.executable, "-c", SCRIPT], env=env, timeout=60, check=True)
            assert receiver.received.wait(timeout=10)
        finally:
            server.stop(grace=None)
        [spans] = [rs for request in receiver.requests for rs in request.resource_spans]
        attributes = _attributes(spans.resource)
        assert {k: attributes.get(k) for k in ("service.name", "zhixing.service",
                                               "zhixing.role", "cloud.region")} == {
            "service.name": "zhixing-cases-worker", "zhixing.service": "cases",
            "zhixing.role": "worker", "cloud.region": "chengdu"}
        assert [s.name for ss in spans.scope_spans for s in ss.spans] == ["file-case"]
