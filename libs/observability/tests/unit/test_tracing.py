from opentelemetry import trace
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from zhixing.observability import (
    configure_tracing,
    context_from_headers,
    current_traceparent,
    extract_context,
    inject_headers,
    safe_attributes,
    tracer,
)


class TestPropagation:
    def test_child_has_same_trace_id_when_traceparent_is_injected_and_extracted(
        self, spans: InMemorySpanExporter
    ) -> None:
        with tracer("test").start_as_current_span("command") as parent:
            traceparent = current_traceparent()
        with tracer("test").start_as_current_span("relay", context=extract_context(traceparent)):
            pass
        command, relay = spans.get_finished_spans()
        assert relay.context.trace_id == parent.get_span_context().trace_id
        assert relay.parent is not None and relay.parent.span_id == command.context.span_id

    def test_child_continues_trace_when_carried_in_kafka_headers(
        self, spans: InMemorySpanExporter
    ) -> None:
        with tracer("test").start_as_current_span("publish") as producer:
            headers = inject_headers()
        assert [key for key, _ in headers] == ["traceparent"]
        with tracer("test").start_as_current_span("consume", context=context_from_headers(headers)):
            pass
        consumer = spans.get_finished_spans()[-1]
        assert consumer.context.trace_id == producer.get_span_context().trace_id

    def test_new_trace_when_headers_are_missing(self, spans: InMemorySpanExporter) -> None:
        with tracer("test").start_as_current_span("consume", context=context_from_headers(None)):
            pass
        assert spans.get_finished_spans()[0].parent is None

    def test_traceparent_is_empty_when_outside_any_span(self, spans: InMemorySpanExporter) -> None:
        assert current_traceparent() == ""

    def test_provider_kept_when_configured_twice(self, spans: InMemorySpanExporter) -> None:
        provider = trace.get_tracer_provider()
        configure_tracing("another-name")
        assert trace.get_tracer_provider() is provider


class TestSafeAttributes:
    def test_name_is_dropped_when_passed(self) -> None:
        attributes = safe_attributes(
            {"messaging.system": "kafka", "zhixing.court": "2400"}, name="张三"
        )
        assert attributes == {"messaging.system": "kafka", "zhixing.court": "2400"}

    def test_rpc_keys_are_kept_when_passed(self) -> None:
        assert safe_attributes({"rpc.method": "FileCase"}) == {"rpc.method": "FileCase"}

    def test_id_number_is_dropped_when_under_an_allowed_key(self) -> None:
        assert safe_attributes({"zhixing.case_id": "51010419900101123X"}) == {}

    def test_payload_is_dropped_when_not_a_scalar(self) -> None:
        assert safe_attributes({"cloudevents.event_type": {"debtor": "x"}}) == {}
