"""Every consumer of the suite, in-process on SQLite, for the consumer fuzz (issue 12):
the services built as the embedded runner builds them, their demo data published and
pumped through their consumers (so real events of many types exist to mutate), and a
tracked consumer per group fed one delivery at a time."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from testkit.fuzz_events import Corpus
from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events import IntegrationEvent
from zhixing.eventstore.settings import Settings
from zhixing.kernel.errors import RuleViolation
from zhixing.messaging.consumer import Handler, InOrder, TrackedConsumer
from zhixing.messaging.sources import Delivery, NotificationLogSource, ResumePoint
from zhixing.messaging.typed import TypedHandler
from zhixing.runtime.service import Consumes, ServiceInstance, discover

NOW = "2026-06-01T10:00:00+08:00"
"""The demo replays five months before now, from bases effective 2025-11-01."""


class FedSource:
    """An event source the test feeds; dead letters are kept here, with their reason."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.queue: list[Delivery] = []
        self.parked: list[str] = []

    def start(self, resume: ResumePoint) -> None:
        return None

    def poll(self, timeout: float) -> list[Delivery]:
        deliveries, self.queue = self.queue, []
        return deliveries

    def dead_letter(self, delivery: Delivery, error: str, consumer: str) -> bool:
        self.parked.append(error)
        return True

    def processed(self, deliveries: list[Delivery]) -> None:
        return None

    def close(self) -> None:
        return None


@dataclass
class FuzzedConsumer:
    """One consumer group and the event types its typed handlers declare."""

    group: str
    reads: dict[str, type[IntegrationEvent]]
    consumer: TrackedConsumer
    source: FedSource
    positions: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def deliver(self, event_type: str, data: object) -> str:
        """Process one event; "" when processed, else why it was parked. A crash of the
        consumer loop propagates."""
        position = next(self.positions)
        event = CloudEvent(id=f"fuzz-{self.group}-{position}", source="/fuzz", type=event_type,
                           time="2026-03-02T02:00:00Z", subject=f"fuzz-{position}",
                           court="川0104", region="chengdu", sequence=1, position=position,
                           data=data)  # type: ignore[arg-type]
        self.source.queue.append(Delivery(self.source.name, position, event))
        parked = len(self.source.parked)
        self.consumer.run_once(0)
        return self.source.parked[parked] if len(self.source.parked) > parked else ""


def build(var_dir: Path) -> list[ServiceInstance]:
    """Every installed service on SQLite under `var_dir`, its clock fixed at `NOW`."""
    clock = var_dir / "clock"
    clock.write_text(NOW)
    settings = Settings(var_dir=var_dir, clock_file=str(clock))
    return [definition.build(settings) for definition in discover().values()]


def _subscriptions(instances: list[ServiceInstance]) -> Iterator[tuple[ServiceInstance, Consumes]]:
    for instance in instances:
        for consumes in instance.consumes:
            yield instance, consumes


def pump(instances: list[ServiceInstance], rounds: int = 3) -> Corpus:
    """Load the demo data, run every consumer over the outboxes until quiet (`rounds`
    passes: a policy's events feed the next), and return every published event."""
    for instance in instances:
        if instance.load_demo is not None:
            instance.load_demo()
    consumers = [TrackedConsumer(NotificationLogSource(outbox.view(consumes.topic)),
                                 consumes.handler, instance.store, group=consumes.group)
                 for instance, consumes in _subscriptions(instances)
                 for outbox in _outboxes(instances, consumes.topic)]
    for _ in range(rounds):
        for consumer in consumers:
            while consumer.run_once(0):
                pass
    corpus = Corpus()
    for instance in instances:
        if instance.outbox is not None:
            for entry in instance.outbox.read_routed(0):
                for _topic, event in entry.routed:
                    corpus.add(event.type, event.data)
    return corpus


def _outboxes(instances: list[ServiceInstance], topic: str) -> list:
    return [i.outbox for i in instances if i.outbox is not None and topic in i.outbox.topics]


def fuzzed_consumers(instances: list[ServiceInstance]) -> list[FuzzedConsumer]:
    """A fed consumer per subscription, in the group's own name."""
    found = []
    for instance, consumes in _subscriptions(instances):
        source = FedSource(f"fuzz.{consumes.group}")
        consumer = TrackedConsumer(source, consumes.handler, instance.store,
                                   group=consumes.group)
        reads = {model.event_type: model for handler in _typed(consumes.handler)
                 for model in handler.reads()}
        found.append(FuzzedConsumer(consumes.group, reads, consumer, source))
    return found


def _typed(handler: Handler) -> list[TypedHandler]:
    if isinstance(handler, InOrder):
        return [h for inner in handler.handlers for h in _typed(inner)]
    return [handler] if isinstance(handler, TypedHandler) else []


def refusal_names() -> set[str]:
    """Every named refusal (a `RuleViolation` subclass) the loaded code defines."""
    names, todo = set(), [RuleViolation]
    while todo:
        kind = todo.pop()
        names.add(kind.__name__)
        todo.extend(kind.__subclasses__())
    return names
