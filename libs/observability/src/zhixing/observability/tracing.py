"""OpenTelemetry tracing configured from `OTEL_*` env, and W3C context propagation.

The trace context crosses gRPC → event store → relay → Kafka → consumer → projection
(DESIGN §9): `current_traceparent()` is what a command stores in its event metadata,
`inject_headers()`/`context_from_headers()` carry it on Kafka records. Spans carry ids
and types only — `safe_attributes()` drops everything else (R60, STYLE 11).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable, Mapping
from typing import Any

from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import (
    BatchSpanProcessor,
    ConsoleSpanExporter,
    SimpleSpanProcessor,
    SpanExporter,
)
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from ._redact import looks_personal

__all__ = [
    "ALLOWED_ATTRIBUTES",
    "configure_tracing",
    "context_from_headers",
    "current_traceparent",
    "extract_context",
    "inject_headers",
    "safe_attributes",
    "tracer",
]

ALLOWED_ATTRIBUTES = frozenset(
    {
        "messaging.system",
        "messaging.destination.name",
        "messaging.operation",
        "messaging.kafka.partition",
        "messaging.kafka.offset",
        "messaging.kafka.consumer.group",
        "cloudevents.event_id",
        "cloudevents.event_type",
        "cloudevents.event_source",
        "zhixing.case_id",
        "zhixing.court",
    }
)
ALLOWED_PREFIXES = ("rpc.",)
TRACEPARENT, TRACESTATE = "traceparent", "tracestate"

_W3C = TraceContextTextMapPropagator()
_lock = threading.Lock()
_provider: TracerProvider | None = None
_log = logging.getLogger(__name__)


def configure_tracing(service_name: str, *, exporter: SpanExporter | None = None) -> None:
    """Install an SDK tracer provider for `service_name` once per process.

    `OTEL_TRACES_EXPORTER` chooses the exporter: ``console``, ``otlp`` (when its package
    is installed) or ``none``/unset — spans are still made so context propagates.
    `exporter` adds one more (tests pass an in-memory exporter); later calls only add it.
    """
    global _provider
    with _lock:
        if _provider is None:
            _provider = _adopt_or_install(service_name)
        if exporter is not None:
            _provider.add_span_processor(SimpleSpanProcessor(exporter))


def tracer(name: str) -> trace.Tracer:
    return trace.get_tracer(name)


def current_traceparent() -> str:
    """The W3C ``traceparent`` of the current span, or "" outside any span."""
    carrier: dict[str, str] = {}
    _W3C.inject(carrier)
    return carrier.get(TRACEPARENT, "")


def extract_context(traceparent: str, tracestate: str = "") -> otel_context.Context:
    """A context whose parent is `traceparent` (an empty one if it is malformed)."""
    carrier = {TRACEPARENT: traceparent}
    if tracestate:
        carrier[TRACESTATE] = tracestate
    return _W3C.extract(carrier)


def inject_headers(ctx: otel_context.Context | None = None) -> list[tuple[str, bytes]]:
    """Kafka record headers carrying the current (or given) trace context."""
    carrier: dict[str, str] = {}
    _W3C.inject(carrier, context=ctx)
    return [(key, value.encode("ascii")) for key, value in carrier.items()]


def context_from_headers(
    headers: Iterable[tuple[str, bytes | str | None]] | Mapping[str, Any] | None,
) -> otel_context.Context:
    """The trace context carried by Kafka headers (list of pairs or a mapping)."""
    pairs = headers.items() if isinstance(headers, Mapping) else (headers or ())
    carrier: dict[str, str] = {}
    for key, value in pairs:
        if key.lower() in (TRACEPARENT, TRACESTATE) and value is not None:
            carrier[key.lower()] = (
                value.decode("ascii", "replace") if isinstance(value, bytes) else str(value)
            )
    return _W3C.extract(carrier)


def safe_attributes(
    attributes: Mapping[str, Any] | None = None, /, **kw: Any
) -> dict[str, str | int | float | bool]:
    """Only allowlisted keys (ids and types) with scalar values that look impersonal."""
    merged = {**(attributes or {}), **kw}
    return {
        key: value
        for key, value in merged.items()
        if _allowed(key)
        and isinstance(value, str | int | float | bool)
        and not (isinstance(value, str) and looks_personal(value))
    }


def _adopt_or_install(service_name: str) -> TracerProvider:
    existing = trace.get_tracer_provider()
    if isinstance(existing, TracerProvider):  # set up already (e.g. by auto-instrumentation)
        return existing
    provider = TracerProvider(resource=Resource.create({"service.name": service_name}))
    for configured in _exporters_from_env():
        provider.add_span_processor(BatchSpanProcessor(configured))
    trace.set_tracer_provider(provider)
    return provider


def _allowed(key: str) -> bool:
    return key in ALLOWED_ATTRIBUTES or key.startswith(ALLOWED_PREFIXES)


def _exporters_from_env() -> list[SpanExporter]:
    names = os.environ.get("OTEL_TRACES_EXPORTER", "none")
    exporters: list[SpanExporter] = []
    for name in (n.strip().lower() for n in names.split(",")):
        if name == "console":
            exporters.append(ConsoleSpanExporter())
        elif name == "otlp":
            exporters.extend(_otlp())
        elif name not in ("", "none"):
            _log.warning("unknown OTEL_TRACES_EXPORTER %r ignored", name)
    return exporters


def _otlp() -> list[SpanExporter]:
    try:
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter
    except ImportError:
        _log.warning("OTEL_TRACES_EXPORTER=otlp but the OTLP exporter is not installed")
        return []
    return [OTLPSpanExporter()]
