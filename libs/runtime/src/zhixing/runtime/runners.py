"""What the processes run: the embedded suite, and each cluster role (api, relay, worker).

Every runner stops the same way: intake first (gRPC server), then the loops (their
positions are already in their stores), then the stores (DESIGN §9 graceful shutdown).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import threading
from collections.abc import Callable, Iterable

from zhixing.contracts.topics import dead_letters
from zhixing.eventstore.settings import Settings
from zhixing.eventstore.sql import is_transient
from zhixing.messaging.consumer import TrackedConsumer
from zhixing.messaging.injected import InjectedEvents
from zhixing.messaging.kafka import KafkaEventSource, ensure_topics
from zhixing.messaging.relay import Relay
from zhixing.messaging.sources import (
    EventSource,
    MergedSource,
    NotificationLog,
    NotificationLogSource,
)
from zhixing.runtime.server import GrpcServer
from zhixing.runtime.service import Job, ServiceInstance, discover
from zhixing.runtime.web import WebServer
from zhixing.security.audit import AuditLog

log = logging.getLogger(__name__)
Loop = Callable[[threading.Event], None]


def build_all(settings: Settings, names: Iterable[str] | None = None) -> list[ServiceInstance]:
    definitions = discover()
    chosen = list(names) if names is not None else list(definitions)
    return [definitions[name].build(settings) for name in chosen]


def embedded_loops(instances: list[ServiceInstance], injected: InjectedEvents) -> list[Loop]:
    """Consumers fed straight from the publishers' notification logs (no broker).

    Events injected with `zhixing events publish` are followed too: alone for a topic
    with no publisher in this process, beside the publisher's log otherwise.
    """
    outboxes: dict[str, NotificationLog] = {
        topic: i.outbox.view(topic)
        for i in instances if i.outbox is not None for topic in i.outbox.topics}
    loops: list[Loop] = []
    for instance in instances:
        for sub in instance.consumes:
            injected_log = NotificationLogSource(injected.log(sub.topic))
            source: EventSource = injected_log if sub.topic not in outboxes else MergedSource(
                [NotificationLogSource(outboxes[sub.topic]), injected_log])
            loops.append(TrackedConsumer(source, sub.handler, instance.store, group=sub.group).run)
    return loops + job_loops(instances)


def job_loops(instances: list[ServiceInstance]) -> list[Loop]:
    """Each periodic job in a loop of its own, run now and then every `every_seconds`."""
    return [_every(job) for instance in instances for job in instance.jobs]


def _every(job: Job) -> Loop:
    def loop(stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                job.run()
            except Exception as error:
                if is_transient(error):
                    raise  # the store is down: restart the process, as consumers do
                log.exception("job failed; retrying at its next run", extra={"job": job.name})
            stop.wait(job.every_seconds)

    return loop


def relay_loops(instance: ServiceInstance, settings: Settings) -> list[Loop]:
    if instance.outbox is None:
        return []
    ensure_topics(settings.kafka_bootstrap, instance.outbox.topics)
    return [Relay(instance.outbox, instance.store, settings.kafka_bootstrap,
                  batch=settings.relay_batch).run]


def worker_loops(instance: ServiceInstance, settings: Settings) -> list[Loop]:
    # Dead-letter topics too: production brokers do not create topics on first use.
    ensure_topics(settings.kafka_bootstrap, [
        topic for sub in instance.consumes
        for topic in (sub.topic, dead_letters(sub.topic, sub.group))])
    return [TrackedConsumer(KafkaEventSource(settings.kafka_bootstrap, sub.topic, sub.group),
                            sub.handler, instance.store, group=sub.group).run
            for sub in instance.consumes] + job_loops([instance])


def run(instances: list[ServiceInstance], settings: Settings, loops: list[Loop], *,
        serve_grpc: bool, on_ready: Callable[[GrpcServer | None, str], None] = lambda *_: None) -> None:
    """Run loops in threads (and the gRPC server) until SIGINT/SIGTERM."""
    asyncio.run(_run(instances, settings, loops, serve_grpc, on_ready))


async def _run(instances: list[ServiceInstance], settings: Settings, loops: list[Loop],
               serve_grpc: bool, on_ready: Callable[[GrpcServer | None, str], None]) -> None:
    stop = threading.Event()
    threads = [threading.Thread(target=_guarded(loop), args=(stop,), daemon=True) for loop in loops]
    server = GrpcServer(instances, settings, AuditLog(instances[0].store)) if serve_grpc else None
    web = _web_server(instances, settings) if serve_grpc else None
    if server is not None:
        await server.start()
    if web is not None:
        web.start()
    for thread in threads:
        thread.start()
    on_ready(server, web.address if web is not None else "")
    signalled = await _until_signalled(stop)
    if web is not None:
        web.stop()
    if server is not None:
        await server.stop()
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    for instance in instances:
        instance.close()
    if not signalled:
        raise SystemExit("a background loop failed; see the log above")


def _web_server(instances: list[ServiceInstance], settings: Settings) -> WebServer | None:
    """The first service with web pages serves them (today: publicity)."""
    apps = [i.web for i in instances if i.web is not None]
    return WebServer(apps[0], settings.grpc_host, settings.http_port) if apps else None


def _guarded(loop: Loop) -> Loop:
    """A loop that dies takes the process down: a supervisor restarts it cleanly."""

    def guarded(stop: threading.Event) -> None:
        try:
            loop(stop)
        except Exception:
            log.exception("background loop failed; stopping the process")
            stop.set()

    return guarded


async def _until_signalled(stop: threading.Event) -> bool:
    """Wait for SIGINT/SIGTERM (True) or a failed loop (False)."""
    asyncio_stop = asyncio.Event()
    event_loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        event_loop.add_signal_handler(sig, asyncio_stop.set)
    while not asyncio_stop.is_set() and not stop.is_set():
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio_stop.wait(), timeout=0.5)
    return asyncio_stop.is_set()
