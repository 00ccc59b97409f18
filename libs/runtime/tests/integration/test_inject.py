"""Injecting an integration event in embedded mode: validated against its contract model,
stored under ZHIXING_VAR, and followed by the embedded runner's consumers of a topic
that has no publisher in process."""

from __future__ import annotations

import json
import threading

import pytest
from typer.testing import CliRunner

from testkit.waiting import wait_until
from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.topics import ASSETS_EVENTS
from zhixing.eventstore.settings import Settings
from zhixing.eventstore.sql import Cursor, SqlStore
from zhixing.runtime import cli, runners
from zhixing.runtime.inject import InvalidEvent, injected_events, publish_event
from zhixing.runtime.service import Consumes, ServiceInstance
from zhixing.security.policy import PolicyBook


class PropertyFound(IntegrationEvent):
    """A private test model on a topic whose publishing service does not exist yet."""

    event_type = "test.inject.PropertyFound"
    topic = ASSETS_EVENTS
    case_id: str
    court_code: str
    value_fen: int


FOUND = {"case_id": "c-1", "court_code": "川0104", "value_fen": 120_000_00}


class Applied:
    """A consumer's effect: one row per application, so a duplicate would show."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store
        store.migrate("CREATE TABLE IF NOT EXISTS applied (ce_id TEXT, case_id TEXT)")

    def handle(self, event: CloudEvent, cursor: Cursor) -> None:
        cursor.execute("INSERT INTO applied (ce_id, case_id) VALUES (%s, %s)",
                       (event.id, event.data["case_id"]))

    def ids(self) -> list[str]:
        with self.store.transaction(read_only=True) as cur:
            cur.execute("SELECT ce_id FROM applied ORDER BY rowid")
            return [row[0] for row in cur.fetchall()]


@pytest.fixture
def settings(tmp_path):
    return Settings(var_dir=tmp_path / "var")


@pytest.fixture
def consumer(tmp_path):
    """A service that consumes the assets topic and publishes nothing."""
    store = SqlStore(sqlite_path=tmp_path / "consumer" / "views.db")
    applied = Applied(store)
    instance = ServiceInstance(
        name="consumer", store=store, register_grpc=lambda server: None,
        grpc_service_names=[], policies=PolicyBook(),
        consumes=[Consumes(ASSETS_EVENTS, applied, group="consumer.assets")])
    yield instance, applied
    store.close()


def run_embedded_until(settings: Settings, instance: ServiceInstance, done, what: str) -> int:
    """Run the embedded loops as `zhixing run` would, until `done()`, then stop them;
    returns how many deliveries the consumers processed in this run."""
    injected = injected_events(settings)
    stop = threading.Event()
    loops = runners.embedded_loops([instance], injected)
    threads = [threading.Thread(target=loop, args=(stop,)) for loop in loops]
    for thread in threads:
        thread.start()
    try:
        wait_until(done, timeout=10, what=what)
    finally:
        stop.set()
        for thread in threads:
            thread.join(10)
        injected.close()
    return sum(loop.__self__.processed_count for loop in loops)  # type: ignore[attr-defined]


def injected_head(settings: Settings, topic: str) -> int:
    injected = injected_events(settings)
    try:
        return injected.log(topic).head()
    finally:
        injected.close()


class TestEmbeddedInjection:
    def test_an_injected_event_reaches_the_consumer_exactly_once(self, settings, consumer):
        instance, applied = consumer
        published = publish_event(settings, PropertyFound.event_type, FOUND, subject="c-1")
        run_embedded_until(settings, instance, applied.ids, "the injected event")
        assert applied.ids() == [published.event.id]

    def test_the_consumer_resumes_after_its_position_when_restarted(self, settings, consumer):
        instance, applied = consumer
        first = publish_event(settings, PropertyFound.event_type, FOUND)
        run_embedded_until(settings, instance, applied.ids, "the first event")
        second = publish_event(settings, PropertyFound.event_type, {**FOUND, "case_id": "c-2"})
        processed = run_embedded_until(settings, instance, lambda: len(applied.ids()) >= 2,
                                       "the second event")
        assert applied.ids() == [first.event.id, second.event.id]
        assert processed == 1  # it did not read the first event again

    def test_the_envelope_is_new_from_the_injected_source_of_the_region(self, settings):
        published = publish_event(settings, PropertyFound.event_type, FOUND, subject="c-1")
        event = published.event
        assert (event.source, event.type, event.subject) == (
            "/zhixing/chengdu/injected", PropertyFound.event_type, "c-1")
        assert event.court == "川0104"  # from the data's court_code when --court is not given
        assert published.topic == ASSETS_EVENTS and event.time.endswith("Z")
        assert publish_event(settings, PropertyFound.event_type, FOUND).event.id != event.id

    def test_the_topic_carries_the_settings_namespace(self, tmp_path):
        settings = Settings(var_dir=tmp_path, topic_namespace="staging")
        published = publish_event(settings, PropertyFound.event_type, FOUND)
        assert published.topic == f"staging.{ASSETS_EVENTS}"
        assert injected_head(settings, published.topic) == 1


class TestRefusedInjection:
    def test_invalid_data_is_refused_naming_the_field_and_nothing_is_stored(self, settings):
        with pytest.raises(InvalidEvent, match=r"value_fen: .*integer"):
            publish_event(settings, PropertyFound.event_type, {**FOUND, "value_fen": "lots"})
        assert injected_head(settings, ASSETS_EVENTS) == 0

    def test_missing_field_is_named(self, settings):
        with pytest.raises(InvalidEvent, match="case_id: Field required"):
            publish_event(settings, PropertyFound.event_type, {"court_code": "川0104",
                                                                "value_fen": 1})

    def test_an_unknown_type_is_refused(self, settings):
        with pytest.raises(InvalidEvent, match="no integration event model for type"):
            publish_event(settings, "test.inject.Nothing", FOUND)

    def test_data_that_is_not_an_object_is_refused(self, settings):
        with pytest.raises(InvalidEvent, match="data: expected a JSON object"):
            publish_event(settings, PropertyFound.event_type, [FOUND])


class TestEventsCommand:
    def invoke(self, settings: Settings, *args: str):  # type: ignore[no-untyped-def]
        env = {"ZHIXING_VAR": str(settings.var_dir), "ZHIXING_KAFKA_BOOTSTRAP": "",
               "ZHIXING_PG_DSN": "", "ZHIXING_TOPIC_NAMESPACE": ""}
        return CliRunner().invoke(cli.app, ["events", *args], env=env)

    def test_publish_says_where_the_event_went(self, settings):
        result = self.invoke(settings, "publish", "--type", PropertyFound.event_type,
                             "--data", json.dumps(FOUND), "--subject", "c-1")
        assert result.exit_code == 0, result.output
        assert ASSETS_EVENTS in result.stdout and "position 1" in result.stdout
        assert str(settings.var_dir) in result.stdout

    def test_publish_reads_the_data_from_a_file(self, settings, tmp_path):
        path = tmp_path / "found.json"
        path.write_text(json.dumps(FOUND), "utf-8")
        result = self.invoke(settings, "publish", "--type", PropertyFound.event_type,
                             "--data", f"@{path}")
        assert result.exit_code == 0, result.output
        injected = injected_events(settings)
        [entry] = injected.log(ASSETS_EVENTS).read(0)
        injected.close()
        assert entry.events[0].data == FOUND

    def test_invalid_data_exits_2_with_one_line_naming_the_field(self, settings):
        result = self.invoke(settings, "publish", "--type", PropertyFound.event_type,
                             "--data", json.dumps({**FOUND, "value_fen": "lots"}))
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1 and "value_fen" in result.stderr
        assert injected_head(settings, ASSETS_EVENTS) == 0

    def test_unreadable_json_exits_2(self, settings):
        result = self.invoke(settings, "publish", "--type", PropertyFound.event_type,
                             "--data", "{not json")
        assert result.exit_code == 2 and result.stderr.startswith("zhixing: data: not valid JSON")

    def test_types_lists_the_contract_events_with_their_topics(self, settings):
        result = self.invoke(settings, "types")
        assert result.exit_code == 0
        assert "cn.zhixing.cases.v1.CaseFiled" in result.stdout
        line = next(ln for ln in result.stdout.splitlines() if "CaseFiled" in ln)
        assert line.split()[-1] == "zhixing.cases.events.v1"
        assert PropertyFound.event_type not in result.stdout  # test models are private
