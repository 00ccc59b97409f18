"""How far each follower is behind what it follows, measured when asked (a scrape or
a readiness probe), from stored positions:

- a consumer group: per stream, the end of the stream (a Kafka partition's high
  watermark, a notification log's last id) less the position it has recorded;
- the relay: the notification log's last id less the position it has published.

The broker being unreachable leaves a Kafka lag unknown (left out), never "behind":
readiness must not hang on the broker (DESIGN §9).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from zhixing.messaging.consumer import TrackedConsumer
from zhixing.messaging.relay import Relay
from zhixing.messaging.sources import NotificationLog
from zhixing.observability.metrics import CONSUMER_LAG, RELAY_LAG, Lag, lag_family

log = logging.getLogger(__name__)
Ends = Callable[[], dict[str, tuple[int, int]]]
"""Stream name → (position of its last message, the position that means "none yet")."""


class ConsumerLag:
    """The lag of one tracked consumer, per stream: labels (group, stream)."""

    def __init__(self, consumer: TrackedConsumer, ends: Ends) -> None:
        self.consumer = consumer
        self.ends = ends

    def lags(self) -> list[Lag]:
        tracking = self.consumer.tracking
        return [Lag((self.consumer.group, stream), last - _or(tracking.position(stream), start))
                for stream, (last, start) in self.ends().items()]


class RelayLag:
    """The relay's distance behind its notification log: labels (service)."""

    def __init__(self, relay: Relay, service: str) -> None:
        self.relay = relay
        self.service = service

    def lags(self) -> list[Lag]:
        return [Lag((self.service,), self.relay.outbox.head() - self.relay.position())]


def log_ends(logs: Iterable[NotificationLog]) -> Ends:
    """Ends of notification logs (embedded mode): their last notification ids; ids
    start at 1, so 0 is "none yet"."""
    followed = list(logs)
    return lambda: {followed_log.stream: (followed_log.head(), 0) for followed_log in followed}


class Watermarks:
    """Reads topics' ends from one broker through one client, shared by every consumer
    of the process. When the broker does not answer, every lag is unknown for
    `quiet_seconds` without asking again: a probe or a scrape then waits one `timeout`,
    not one per consumer (a worker runs twenty)."""

    def __init__(self, bootstrap: str, timeout: float = 2.0, quiet_seconds: float = 30.0) -> None:
        self.bootstrap = bootstrap
        self.timeout = timeout
        self.quiet_seconds = quiet_seconds
        self._client: Any = None
        self._lock = threading.Lock()  # one client; a probe and a scrape take turns
        self._quiet_until = 0.0

    def ends(self, topic: str) -> dict[str, tuple[int, int]]:
        """The last offset of each partition (high watermark − 1) and the offset before
        the first one kept (low watermark − 1); empty when the broker is silent."""
        from confluent_kafka import KafkaException

        with self._lock:
            if time.monotonic() < self._quiet_until:
                return {}
            try:
                return self._read(topic)
            except KafkaException:
                self._quiet_until = time.monotonic() + self.quiet_seconds
                log.warning("consumer lag unknown: the broker did not answer",
                            extra={"topic": topic})
                return {}

    def _read(self, topic: str) -> dict[str, tuple[int, int]]:
        from confluent_kafka import Consumer, TopicPartition

        from zhixing.messaging.kafka_security import client_config

        if self._client is None:  # made on first use: nothing runs before a probe asks
            self._client = Consumer(client_config(self.bootstrap, {
                "group.id": "zhixing-lag", "enable.auto.commit": False, "log_level": 3}))
        found = self._client.list_topics(topic, timeout=self.timeout).topics.get(topic)
        partitions = sorted(found.partitions) if found is not None else []
        marks = {p: self._client.get_watermark_offsets(TopicPartition(topic, p),
                                                       timeout=self.timeout)
                 for p in partitions}
        return {f"{topic}/{p}": (high - 1, low - 1) for p, (low, high) in marks.items()}


def kafka_ends(watermarks: Watermarks, topic: str) -> Ends:
    """Ends of a topic's partitions, read through the process's `watermarks`."""
    return lambda: watermarks.ends(topic)


class LagCollector(Collector):
    """`zhixing_consumer_lag` and `zhixing_relay_lag`, measured at each scrape."""

    def __init__(self, consumers: list[ConsumerLag], relays: list[RelayLag]) -> None:
        self.consumers = consumers
        self.relays = relays

    def collect(self) -> Iterator[GaugeMetricFamily]:
        yield lag_family(CONSUMER_LAG, "Messages a consumer group has still to process, "
                         "per stream (partition or notification log).", ["group", "stream"],
                         _measured(self.consumers))
        yield lag_family(RELAY_LAG, "Notifications the relay has still to publish.",
                         ["service"], _measured(self.relays))


def _measured(followers: Iterable[ConsumerLag | RelayLag]) -> list[Lag]:
    measured: list[Lag] = []
    for follower in followers:
        try:
            measured.extend(follower.lags())
        except Exception:  # a store down shows on /readyz; the scrape still answers
            log.warning("lag unknown: a store did not answer", exc_info=True)
    return measured


def _or(value: int | None, default: int) -> int:
    return default if value is None else value
