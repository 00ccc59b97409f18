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
from collections.abc import Callable, Iterable, Iterator

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


def kafka_ends(bootstrap: str, topic: str, timeout: float = 2.0) -> Ends:
    """Ends of a topic's partitions: the last offset of each (high watermark − 1) and
    the offset before the first one kept (low watermark − 1)."""
    from confluent_kafka import Consumer, KafkaException, TopicPartition

    client: list[Consumer] = []

    def ends() -> dict[str, tuple[int, int]]:
        if not client:  # made on first use: nothing runs before a probe asks
            client.append(Consumer({"bootstrap.servers": bootstrap, "group.id": "zhixing-lag",
                                    "enable.auto.commit": False, "log_level": 3}))
        try:
            found = client[0].list_topics(topic, timeout=timeout).topics.get(topic)
            partitions = sorted(found.partitions) if found is not None else []
            marks = {p: client[0].get_watermark_offsets(TopicPartition(topic, p), timeout=timeout)
                     for p in partitions}
            return {f"{topic}/{p}": (high - 1, low - 1) for p, (low, high) in marks.items()}
        except KafkaException:
            log.warning("consumer lag unknown: the broker did not answer",
                        extra={"topic": topic})
            return {}

    return ends


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
