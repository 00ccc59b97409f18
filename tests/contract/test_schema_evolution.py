"""Schema evolution (issue 13; DESIGN §4, STYLE 4).

Integration events: a v1 model only gains optional fields, so a record a newer release
published (one optional field more) must be read by today's consumers without error and
without losing a known field, and a record of an older release (the field absent) by
the newer model — both through the real path: Kafka record → `CloudEvent.from_kafka` →
a typed handler's `@on` model.

Domain events: each stored class of version N can upcast every older stored form. The
upcast itself, of records an old release really wrote, is specified in
services/cases/tests/integration/test_stored_v1_events.py (cases' `Filed` and snapshots
of version 1, on SQLite and PostgreSQL) and in the assets and account integration tests.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil

import pytest

from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events import all_models, base
from zhixing.contracts.events.cases.v1 import CaseAssigned
from zhixing.eventstore.domain import Aggregate, DomainEvent
from zhixing.messaging.typed import Context, TypedHandler, on
from zhixing.runtime.service import discover

pytestmark = pytest.mark.contract
KNOWN = {"case_id": "3b2a4416-2b94-5783-8ca4-5c20af5fa0e6",
         "case_number": "(2026)川0104执1号", "court_code": "川0104",
         "team": "T1", "lead_officer": "officer-7", "assigned_on": "2026-03-02",
         "lead_officer_name": "李明", "team_phone": "028-85550101"}


@pytest.fixture
def newer_case_assigned(monkeypatch):
    """`CaseAssigned` as a later release of v1 may publish it: one optional field more.
    It registers its type in a copy of the registry, so today's model stays in place."""
    monkeypatch.setattr(base, "_REGISTRY", dict(base._REGISTRY))

    class CaseAssignedLater(CaseAssigned):
        deputy_officer: str | None = None
        """Added in a later release: optional, as a v1 model may only gain."""

    return CaseAssignedLater


def record_of(data: dict[str, object]) -> tuple[bytes | None, list[tuple[str, bytes]]]:
    """The Kafka record a relay would publish for `data` (binary content mode)."""
    return CloudEvent(id="e-1", source="/zhixing/cases", type=CaseAssigned.event_type,
                      time="2026-03-02T01:00:00Z", subject=KNOWN["case_id"], court="川0104",
                      region="chengdu", sequence=2, position=7, data=data).to_kafka()


def consumed(handler_class: type[TypedHandler], record) -> list[object]:
    """What a typed handler receives for the record, parsed as a consumer parses it."""
    handler = handler_class()
    handler.handle(CloudEvent.from_kafka(*record), cursor=None)  # type: ignore[arg-type]
    return handler.seen  # type: ignore[attr-defined, no-any-return]


class TodaysConsumer(TypedHandler):
    def __init__(self) -> None:
        self.seen: list[CaseAssigned] = []

    @on(CaseAssigned)
    def assigned(self, event: CaseAssigned, ctx: Context) -> None:
        self.seen.append(event)


class TestIntegrationEventGainsAnOptionalField:
    def test_old_consumer_keeps_every_known_field_when_a_newer_producer_adds_one(
            self, newer_case_assigned):
        newer = newer_case_assigned(**KNOWN, deputy_officer="officer-9")
        [event] = consumed(TodaysConsumer, record_of(newer.model_dump(mode="json")))
        assert type(event) is CaseAssigned
        assert event.model_dump() == KNOWN

    def test_newer_consumer_reads_the_field_as_absent_when_an_old_producer_published(
            self, newer_case_assigned):
        class NewerConsumer(TypedHandler):
            def __init__(self) -> None:
                self.seen: list[object] = []

            @on(newer_case_assigned)
            def assigned(self, event: object, ctx: Context) -> None:
                self.seen.append(event)

        old = CaseAssigned(**KNOWN).model_dump(mode="json")
        [event] = consumed(NewerConsumer, record_of(old))
        assert event.model_dump() == {**KNOWN, "deputy_officer": None}  # type: ignore[attr-defined]

    @pytest.mark.parametrize("model", all_models(), ids=lambda m: m.__name__)
    def test_every_contract_ignores_fields_it_does_not_know_when_parsing(self, model):
        assert model.model_config.get("extra") == "ignore", (
            f"{model.__name__} must ignore unknown fields: a newer v1 producer may add one")


def stored_classes() -> list[type]:
    """Every aggregate and domain-event class of every registered service's domain."""
    for name in discover():
        if importlib.util.find_spec(f"zhixing.{name}.domain") is None:
            continue  # a service with no aggregates of its own (publicity: read models)
        package = importlib.import_module(f"zhixing.{name}.domain")
        for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            importlib.import_module(module.name)
    found: list[type] = []
    pending: list[type] = [Aggregate, DomainEvent]
    while pending:
        cls = pending.pop()
        found.append(cls)
        pending.extend(cls.__subclasses__())
    return [cls for cls in found if cls.__module__.startswith("zhixing.")]


class TestStoredClassesUpcast:
    def test_some_stored_class_has_moved_past_version_one(self):
        assert [c for c in stored_classes() if getattr(c, "class_version", 1) > 1]

    def test_every_older_version_has_its_upcaster_when_a_class_version_rises(self):
        missing = [f"{cls.__qualname__}.upcast_v{v}_v{v + 1}" for cls in stored_classes()
                   for v in range(1, getattr(cls, "class_version", 1))
                   if not callable(getattr(cls, f"upcast_v{v}_v{v + 1}", None))]
        assert missing == []
