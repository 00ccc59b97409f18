"""`zhixing <service> rebuild <projection>`: a read model rebuilt blue/green.

The projection is replayed from the start of the source its live consumer follows — the
publisher's notification log in embedded mode, the Kafka topic in a cluster — into a new
version of its tables while the old one keeps serving; then the views swap in one
transaction (`zhixing.messaging.rebuild`). Interrupted, the same command resumes.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

import typer

from zhixing.eventstore.settings import MissingCipherKey, Settings
from zhixing.eventstore.sql import is_transient
from zhixing.eventstore.versioned import registration
from zhixing.messaging.kafka import KafkaEventSource
from zhixing.messaging.rebuild import Rebuild, Rebuildable, RebuildFailed, rebuildable
from zhixing.messaging.sources import EventSource, MergedSource, NotificationLogSource
from zhixing.runtime import runners
from zhixing.runtime.cli_kit import fail as _fail
from zhixing.runtime.cli_kit import settings as checked
from zhixing.runtime.inject import injected_events
from zhixing.runtime.service import ServiceInstance

READ_BATCH = 1000
"""Notifications per read of a log while replaying: larger than a live consumer's."""


@dataclass(frozen=True)
class Target:
    """A rebuildable projection of a service and the consumer that feeds it."""

    name: str
    projection: Rebuildable
    topic: str
    group: str


def targets(instance: ServiceInstance) -> dict[str, Target]:
    """The service's rebuildable projections by name. One fed by several consumers (a
    view of two topics) is left out: a replay follows one consumer's positions."""
    found: dict[str, list[Target]] = {}
    for sub in instance.consumes:
        for projection in rebuildable(sub.handler):
            name = projection.tables.name
            found.setdefault(name, []).append(Target(name, projection, sub.topic, sub.group))
    return {name: only[0] for name, only in sorted(found.items()) if len(only) == 1}


def rebuild_command(service: str) -> Callable[..., None]:
    """The `rebuild` command of `zhixing <service>`."""

    def rebuild(
        projection: Annotated[str, typer.Argument(help="The read model; none lists them.")] = "",
        list_: Annotated[bool, typer.Option("--list", help="List the rebuildable ones.")] = False,
    ) -> None:
        """Rebuild a read model into a new table while the old one serves, then swap."""
        try:
            run(checked(), service, projection.replace("-", "_"), listing=list_)
        except (MissingCipherKey, RebuildFailed, LookupError) as error:
            _fail(str(error))
        except KeyboardInterrupt:
            _fail("interrupted: run the same command again to resume")
        except Exception as error:
            if not is_transient(error):
                raise
            _fail(f"the store is unavailable ({type(error).__name__}): nothing was swapped; "
                  "run the same command again to resume")

    return rebuild


def run(settings: Settings, service: str, projection: str, *, listing: bool = False,
        out: Any = None) -> int | None:
    """List the service's projections, or rebuild one; returns the version now live."""
    instances = runners.build_all(settings, None if not settings.kafka_bootstrap else [service])
    try:
        instance = next(i for i in instances if i.name == service)
        found = targets(instance)
        if listing or not projection:
            _list(instance, found, out)
            return None
        if projection not in found:
            raise LookupError(f"{service} has no rebuildable projection {projection!r}; "
                              f"choose one of: {', '.join(found) or '(none)'}")
        return _rebuild(settings, instances, instance, found[projection], out)
    finally:
        for each in instances:
            each.close()


def _rebuild(settings: Settings, instances: list[ServiceInstance], instance: ServiceInstance,
             target: Target, out: Any) -> int:
    sources = source_maker(settings, instances, target.topic)
    job = Rebuild(instance.store, target.projection, sources, target.group)
    bar, started = _Bar(f"{instance.name} {target.name}"), time.perf_counter()
    try:
        version = job.run(bar)
    finally:
        bar.close()
        sources.close_all()
    seconds = time.perf_counter() - started
    print(f"rebuilt {instance.name} {target.name}: version {version} is live "
          f"({job.replayed} events in {seconds:.1f} s)", file=out or sys.stdout)
    return version


class _Sources:
    """Makes the rebuild's source (it names its own consumer group) and closes what
    it opened beside it."""

    def __init__(self, make: Callable[[str], EventSource], close: Callable[[], None]) -> None:
        self.make = make
        self.close_all = close

    def __call__(self, group: str) -> EventSource:
        return self.make(group)


def source_maker(settings: Settings, instances: list[ServiceInstance], topic: str) -> _Sources:
    """The source the live consumer follows (see `runners`), from its start."""
    if settings.kafka_bootstrap:
        return _Sources(lambda group: KafkaEventSource(settings.kafka_bootstrap, topic, group),
                        lambda: None)
    injected = injected_events(settings)
    logs = {t: i.outbox.view(t) for i in instances if i.outbox is not None
            for t in i.outbox.topics}

    def embedded(group: str) -> EventSource:
        alone = NotificationLogSource(injected.log(topic), batch=READ_BATCH)
        if topic not in logs:
            return alone
        return MergedSource([NotificationLogSource(logs[topic], batch=READ_BATCH), alone])

    return _Sources(embedded, injected.close)


def _list(instance: ServiceInstance, found: dict[str, Target], out: Any) -> None:
    if not found:
        print(f"{instance.name} has no rebuildable projections", file=out or sys.stdout)
        return
    with instance.store.transaction(read_only=True) as cur:
        for name in found:
            state = registration(cur, name)
            live = f"version {state.version}" if state is not None else "not installed"
            pending = (f", rebuild of version {state.building} under way"
                       if state is not None and state.building is not None else "")
            print(f"{name}\t{live}{pending}", file=out or sys.stdout)


class _Bar:
    """A progress bar with an ETA on stderr, sized on the first report."""

    def __init__(self, label: str) -> None:
        self.label = label
        self._bar: Any = None
        self._shown = 0

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            self._bar = typer.progressbar(length=max(total, 1), label=self.label,
                                          file=sys.stderr, show_eta=True, show_pos=True)
            self._bar.__enter__()
        self._bar.update(max(0, done - self._shown))
        self._shown = max(done, self._shown)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
