"""The eventsourcing Application every Zhixing service builds on.

- Persistence comes from `Settings` (SQLite file or a PostgreSQL schema per service).
- Each stored domain event keeps the W3C `traceparent` of the command that caused it,
  so the relay can publish with the originating trace (DESIGN §9).
- Commands run through one `CommandUnit` (`self.unit`): load, act, save, retried on an
  optimistic-concurrency conflict.
- Notifications are read back as `(notification_id, domain_event)` pairs: the outbox
  that the relay and the embedded event source follow (DESIGN §5).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any
from uuid import UUID

from eventsourcing.application import (
    AggregateNotFoundError,
    Application,
    Repository,
    project_aggregate,
)
from eventsourcing.persistence import JSONTranscoder, Mapper

from zhixing.eventstore.mapper import PydanticMapper
from zhixing.eventstore.settings import Settings
from zhixing.eventstore.unit import DEFAULT_STRIPES, CommandUnit, Work

TraceparentGetter = Callable[[], str]
AppendedHook = Callable[[str, int], None]
"""Hears `(service_name, how many events)` after each save (the runtime counts them)."""

_appended: list[AppendedHook] = []


def on_appended(hook: AppendedHook | None) -> None:
    """Have `hook` hear every save of every service application in this process (the
    runtime's `zhixing_events_appended_total`); None stops it. This library stays free
    of any metrics library: the runtime, which owns the metrics, registers the hook."""
    _appended[:] = [hook] if hook is not None else []


def _no_trace() -> str:
    return ""


class ServiceApplication(Application[UUID]):
    """Base class: `ServiceApplication(settings)` builds the store from settings.

    `unit` runs the service's commands (load–act–save with retry, `zhixing.eventstore.
    unit`); `work_type` is the `Work` its commands receive, `command_stripes` how many
    in-process locks they queue on (1: one command at a time)."""

    service_name = "service"
    notification_batch = 500
    log_section_size = 1000
    work_type: type[Work] = Work
    command_stripes = DEFAULT_STRIPES

    def __init__(self, settings: Settings, *, traceparent: TraceparentGetter = _no_trace) -> None:
        self._traceparent = traceparent
        env = settings.eventsourcing_env(self.service_name)
        with settings.schema_lock(self.service_name):  # creates its tables if missing
            super().__init__(env=env)
        self.unit: CommandUnit[Any] = CommandUnit(self, self.work_type,
                                                  stripes=self.command_stripes)

    def construct_repository(self) -> Repository[UUID]:
        repository = super().construct_repository()
        repository.__class__ = _Repository  # same state, a faster replay (see below)
        return repository

    def construct_mapper(self) -> Mapper[UUID]:
        return self.factory.mapper(transcoder=JSONTranscoder(), mapper_class=PydanticMapper)

    def save(self, *objs: Any, **kwargs: Any) -> Any:
        """Save, stamping the current trace context onto each new event."""
        traceparent = self._traceparent()
        if traceparent:
            for obj in objs:
                pending = getattr(obj, "_pending_events", [])
                pending[:] = [e.model_copy(update={"traceparent": traceparent}) for e in pending]
        return super().save(*objs, **kwargs)

    def notify(self, new_events: list[Any]) -> None:
        """eventsourcing's hook for "new events were saved" (after the commit)."""
        for hook in _appended:
            hook(self.service_name, len(new_events))
        super().notify(new_events)

    def get_or_none(self, aggregate_id: UUID) -> Any:
        """The aggregate with that id, or None (reads; commands load through `unit`)."""
        try:
            return self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            return None

    def read_notifications(self, after: int, limit: int | None = None) -> Iterator[tuple[int, Any]]:
        """Domain events after notification id `after`, in commit order."""
        batch = self.notification_log.select(
            start=after, limit=limit or self.notification_batch, inclusive_of_start=False
        )
        for notification in batch:
            yield notification.id, self.mapper.to_domain_event(notification)

    def max_notification_id(self) -> int:
        return self.recorder.max_notification_id() or 0


def replay(aggregate: Any, domain_events: Any) -> Any:
    """eventsourcing's `project_aggregate` without its per-event runtime-Protocol
    `isinstance` check, which is 30–45% of replaying a long case on Python 3.11
    (tests/perf/cases); our mapper only ever yields events that mutate."""
    for domain_event in domain_events:
        aggregate = domain_event.mutate(aggregate)
    return aggregate


class _Repository(Repository[UUID]):
    def get(self, aggregate_id: UUID, *, version: int | None = None,
            projector_func: Any = replay, **options: Any) -> Any:
        if projector_func is project_aggregate:  # the default snapshots pass explicitly
            projector_func = replay
        return super().get(aggregate_id, version=version, projector_func=projector_func,
                           **options)
