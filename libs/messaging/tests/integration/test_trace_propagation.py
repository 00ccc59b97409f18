"""One trace spans command → event store → consumer → projection (DESIGN §9)."""

from __future__ import annotations

from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from testkit.notes import Note, Noted, NotesApp, to_public
from zhixing.eventstore.settings import Settings
from zhixing.messaging.consumer import TrackedConsumer
from zhixing.messaging.outbox import Outbox
from zhixing.messaging.sources import NotificationLogSource
from zhixing.observability.tracing import configure_tracing, current_traceparent, tracer


def test_consumer_span_continues_the_trace_of_the_command(tmp_path, note_view, view_store):
    spans = InMemorySpanExporter()
    configure_tracing("test", exporter=spans)
    app = NotesApp(Settings(var_dir=tmp_path / "traced"), traceparent=current_traceparent)
    with tracer("test").start_as_current_span("command") as command:
        app.save(Note("a"))
    outbox = Outbox(app, to_public, topic=Noted.topic, region="chengdu")
    consumer = TrackedConsumer(NotificationLogSource(outbox), note_view, view_store, group="v")
    while consumer.run_once(timeout=0.01):
        pass
    [processed] = [s for s in spans.get_finished_spans() if s.name == "process test.Noted"]
    assert processed.context.trace_id == command.get_span_context().trace_id
    assert processed.parent.span_id == command.get_span_context().span_id
    assert "text" not in str(dict(processed.attributes))  # ids and types only
    app.close()


def test_a_failing_handler_leaves_no_personal_data_in_spans_or_dead_letters(
        tmp_path, view_store):
    from zhixing.observability.tracing import ALLOWED_ATTRIBUTES

    full_id = "51010419980312123X"

    class Refuses:
        def handle(self, event, cursor):
            raise ValueError(f"input_value={full_id} is not valid")

    spans = InMemorySpanExporter()
    configure_tracing("test", exporter=spans)
    app = NotesApp(Settings(var_dir=tmp_path / "refused"))
    app.save(Note("a"))
    outbox = Outbox(app, to_public, topic=Noted.topic, region="chengdu")
    consumer = TrackedConsumer(NotificationLogSource(outbox), Refuses(), view_store, group="r")
    while consumer.run_once(timeout=0.01):
        pass
    processed = [s for s in spans.get_finished_spans() if s.name == "process test.Noted"]
    assert processed and all(not s.events and full_id not in str(s.status) for s in processed)
    assert all(set(s.attributes) <= ALLOWED_ATTRIBUTES for s in processed)
    with view_store.transaction() as cur:
        cur.execute("SELECT error FROM dead_letters WHERE consumer = 'r'")
        [(error,)] = cur.fetchall()
    assert "ValueError" in error and full_id not in error
    app.close()
