"""The background loops of each run mode: consumers, the relay, periodic jobs.

A loop that follows something (a consumer, the relay) also says how far behind it is
(`lag`), for `/metrics` and `/readyz`; a job records its last success. Every loop has
its `pacing` (`zhixing.messaging.pacing`): how it idles, and how it backs off while its
store fails — the runner wakes idle loops on local appends and shows failing stores on
`/readyz`; a transient store error never stops the process (issue 12, item 1).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from zhixing.contracts.topics import dead_letters
from zhixing.eventstore.settings import Settings
from zhixing.eventstore.sql import is_transient
from zhixing.messaging.consumer import TrackedConsumer
from zhixing.messaging.injected import InjectedEvents
from zhixing.messaging.kafka import KafkaEventSource, ensure_topics
from zhixing.messaging.lease import AdvisoryLease, Sole
from zhixing.messaging.pacing import Backoff, Pacing, store_answered, store_failed
from zhixing.messaging.relay import Relay
from zhixing.messaging.sources import (
    EventSource,
    MergedSource,
    NotificationLog,
    NotificationLogSource,
)
from zhixing.observability.metrics import JOB_FAILURES, JOB_LAST_SUCCESS
from zhixing.runtime.lag import ConsumerLag, RelayLag, Watermarks, kafka_ends, log_ends
from zhixing.runtime.service import Job, ServiceInstance

log = logging.getLogger(__name__)
Loop = Callable[[threading.Event], None]


class Following:
    """A loop that follows a stream, with the measure of its lag. Like the bound
    method it wraps, its `__self__` is the follower (the consumer or the relay)."""

    def __init__(self, run: Callable[[threading.Event], None],
                 lag: ConsumerLag | RelayLag) -> None:
        self.run = run
        self.lag = lag

    @property
    def __self__(self) -> object:
        return getattr(self.run, "__self__", None)

    @property
    def pacing(self) -> Pacing:
        return self.__self__.pacing  # type: ignore[attr-defined]

    def __call__(self, stop: threading.Event) -> None:
        self.run(stop)


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
            logs = [*([outboxes[sub.topic]] if sub.topic in outboxes else []),
                    injected.log(sub.topic)]
            sources = [NotificationLogSource(followed) for followed in logs]
            source: EventSource = sources[0] if len(sources) == 1 else MergedSource(sources)
            consumer = TrackedConsumer(source, sub.handler, instance.store, group=sub.group)
            loops.append(Following(consumer.run, ConsumerLag(consumer, log_ends(logs))))
    return loops + job_loops(instances)


def job_loops(instances: list[ServiceInstance]) -> list[Loop]:
    """Each periodic job in a loop of its own, run now and then every `every_seconds`."""
    return [JobLoop(job) for instance in instances for job in instance.jobs]


class JobLoop:
    """A periodic job: a failed run is retried at its next run; a run the store failed
    is retried sooner, after a backoff no longer than the job's period."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.pacing = Pacing(retry=Backoff(min(1.0, job.every_seconds), job.every_seconds))

    def __call__(self, stop: threading.Event) -> None:
        while not stop.is_set():
            stop.wait(self._run_once())

    def _run_once(self) -> float:
        """Run the job once; returns how long to wait before the next run."""
        job = self.job
        try:
            job.run()
        except Exception as error:
            JOB_FAILURES.labels(job.name).inc()
            if is_transient(error):
                return store_failed(job.name, error, self.pacing)
            log.exception("job failed; retrying at its next run", extra={"job": job.name})
            return job.every_seconds
        JOB_LAST_SUCCESS.labels(job.name).set(time.time())
        store_answered(job.name, self.pacing)
        return job.every_seconds


def relay_loops(instance: ServiceInstance, settings: Settings) -> list[Loop]:
    if instance.outbox is None:
        return []
    ensure_topics(settings.kafka_bootstrap, instance.outbox.topics)
    lease = (AdvisoryLease(settings.postgres_dsn, settings.schema(instance.name))
             if settings.uses_postgres else Sole())
    relay = Relay(instance.outbox, instance.store, settings.kafka_bootstrap,
                  batch=settings.relay_batch, lease=lease, notices=settings.postgres_dsn)
    return [Following(relay.run, RelayLag(relay, instance.name))]


def worker_loops(instance: ServiceInstance, settings: Settings) -> list[Loop]:
    # Dead-letter topics too: production brokers do not create topics on first use.
    ensure_topics(settings.kafka_bootstrap, [
        topic for sub in instance.consumes
        for topic in (sub.topic, dead_letters(sub.topic, sub.group))])
    loops: list[Loop] = []
    watermarks = Watermarks(settings.kafka_bootstrap)
    for sub in instance.consumes:
        consumer = TrackedConsumer(KafkaEventSource(settings.kafka_bootstrap, sub.topic, sub.group),
                                   sub.handler, instance.store, group=sub.group)
        loops.append(Following(consumer.run, ConsumerLag(
            consumer, kafka_ends(watermarks, sub.topic))))
    return loops + job_loops([instance])
