"""Tracing and JSON logs with trace ids; never personal data."""

from .logs import JsonFormatter, RedactionFilter, configure_logging
from .tracing import (
    ALLOWED_ATTRIBUTES,
    configure_tracing,
    context_from_headers,
    current_traceparent,
    extract_context,
    inject_headers,
    safe_attributes,
    tracer,
)

__all__ = [
    "ALLOWED_ATTRIBUTES",
    "JsonFormatter",
    "RedactionFilter",
    "configure_logging",
    "configure_tracing",
    "context_from_headers",
    "current_traceparent",
    "extract_context",
    "inject_headers",
    "safe_attributes",
    "tracer",
]
