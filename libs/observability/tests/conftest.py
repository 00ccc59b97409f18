from collections.abc import Iterator

import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from zhixing.observability import configure_tracing


@pytest.fixture(scope="session")
def session_exporter() -> InMemorySpanExporter:
    exporter = InMemorySpanExporter()
    configure_tracing("zhixing-tests", exporter=exporter)
    return exporter


@pytest.fixture
def spans(session_exporter: InMemorySpanExporter) -> Iterator[InMemorySpanExporter]:
    """Finished spans of this test only (the tracer provider is process-wide)."""
    session_exporter.clear()
    yield session_exporter
    session_exporter.clear()
