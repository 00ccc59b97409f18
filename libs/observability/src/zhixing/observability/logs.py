"""JSON log lines with trace ids, and a redaction safety net (R60, DESIGN §9).

One line per record on stderr: time, level, service, logger, message, trace_id,
span_id (and exception, when there is one). Code must never log personal data; the
`RedactionFilter` masks anything shaped like a resident ID or account number that
slips through anyway.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import TextIO

from opentelemetry import trace

from ._redact import redact

__all__ = ["JsonFormatter", "RedactionFilter", "configure_logging"]


class RedactionFilter(logging.Filter):
    """Replace the record's final message with a masked one (never drops a record)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = redact(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


class JsonFormatter(logging.Formatter):
    """A log record as one JSON object, stamped with the current trace and span ids."""

    def __init__(self, service: str) -> None:
        super().__init__()
        self._service = service

    def format(self, record: logging.LogRecord) -> str:
        span = trace.get_current_span().get_span_context()
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "service": self._service,
            "logger": record.name,
            "message": redact(record.getMessage()),
            "trace_id": format(span.trace_id, "032x") if span.is_valid else "",
            "span_id": format(span.span_id, "016x") if span.is_valid else "",
        }
        if record.exc_info:
            line["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(line, ensure_ascii=False)


class _ZhixingHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Marks the handler this module installed, so reconfiguring replaces only it."""


def configure_logging(
    service: str, level: str | int = "INFO", stream: TextIO | None = None
) -> None:
    """Send every log record, as a JSON line, to `stream` (default stderr). Idempotent."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _ZhixingHandler)]:
        root.removeHandler(old)
    handler = _ZhixingHandler(stream if stream is not None else sys.stderr)
    handler.setFormatter(JsonFormatter(service))
    handler.addFilter(RedactionFilter())
    root.addHandler(handler)
    root.setLevel(level.upper() if isinstance(level, str) else level)
