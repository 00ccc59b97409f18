"""The Kafka channel: requests from every `zhixing.assets.requests.v1.<kind>` topic,
answers to `zhixing.assets.replies.v1` as CloudEvents (DESIGN §4).

A plain confluent consumer in one consumer group is enough here: the simulator is not a
tracked consumer (a request lost in a crash is resent by the service with attempt + 1).
An answer's `ce_id` is derived from its source, request id and attempt, so answering a
redelivered request again would still carry the same id and be deduplicated.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Protocol

from confluent_kafka import Consumer, KafkaError, KafkaException
from confluent_kafka.admin import AdminClient
from pydantic import ValidationError

from zhixing.contracts.agencies import AGENCY_KINDS
from zhixing.contracts.envelope import CloudEvent, MalformedEvent, stable_event_id, utc_time
from zhixing.contracts.events.assets.v1 import AgencyAnswered, AgencyRequest
from zhixing.contracts.topics import ASSETS_REPLIES, assets_requests
from zhixing.messaging.kafka import KafkaPublisher, ensure_topics
from zhixing.runtime.agency_sim.channel import ChannelRefused, ChannelUnavailable, Received, Reply

RECEIVE_BATCH = 500
SEND_BATCH = 1000


class Publisher(Protocol):
    """What the channel needs of `KafkaPublisher` (tests pass a recording fake)."""

    def publish_all(self, topic: str, records: list[Any], timeout: float = 60) -> None: ...

    def close(self) -> None: ...


def reply_event(reply: Reply, region: str) -> CloudEvent:
    """An answer on the wire: from "/agencies/<agency>", about its request."""
    request, answer = reply.request, reply.answer
    source = f"/agencies/{answer.agency_id}"
    return CloudEvent(
        id=stable_event_id(f"{source}/{request.request_id}", request.attempt),
        source=source, type=AgencyAnswered.event_type,
        time=utc_time(datetime.fromisoformat(answer.answered_at).astimezone(UTC)),
        subject=request.request_id, court=request.court_code, region=region,
        sequence=request.attempt, position=request.attempt,
        data=answer.model_dump(mode="json"))


def read_request(value: bytes | None, headers: list[tuple[str, bytes]] | None) -> AgencyRequest | None:
    """The request a record carries, or None when it is not one (counted, skipped)."""
    try:
        event = CloudEvent.from_kafka(value, headers)
        if event.type != AgencyRequest.event_type:
            return None
        return AgencyRequest.model_validate(event.data)
    except (MalformedEvent, ValidationError):
        return None


class KafkaChannel:
    """Requests in through `consumer`, answers out through `publisher`."""

    def __init__(self, consumer: Any, publisher: Publisher, *, replies_topic: str = ASSETS_REPLIES,
                 region: str = "chengdu") -> None:
        self._consumer = consumer
        self._publisher = publisher
        self._replies_topic = replies_topic
        self._region = region

    @classmethod
    def connect(cls, bootstrap: str, *, group: str = "agency-sim", region: str = "chengdu",
                topic: Callable[[str], str] = str) -> KafkaChannel:
        """Create the topics if need be, join `group` on every request topic.

        `topic` maps a contract topic to its wire name (`Settings.topic`: namespaces);
        the default `str` keeps it as it is."""
        requests = [topic(assets_requests(kind)) for kind in AGENCY_KINDS]
        replies = topic(ASSETS_REPLIES)
        try:
            _probe(bootstrap)
            ensure_topics(bootstrap, [*requests, replies])
            consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": group,
                                 "auto.offset.reset": "earliest", "enable.auto.commit": True,
                                 "client.id": "zhixing-agency-sim"})
            consumer.subscribe(requests)
            publisher = KafkaPublisher(bootstrap)
        except (KafkaException, TimeoutError) as error:
            raise ChannelUnavailable(f"Kafka at {bootstrap}: {error}") from error
        return cls(consumer, publisher, replies_topic=replies, region=region)

    def receive(self, timeout: float) -> Received:
        try:
            messages = self._consumer.consume(num_messages=RECEIVE_BATCH, timeout=timeout)
        except KafkaException as error:
            raise ChannelUnavailable(f"consume failed: {error}") from error
        requests: list[AgencyRequest] = []
        unreadable = 0
        for message in messages:
            if message.error() is not None:
                _raise_unless_benign(message.error())
                continue
            request = read_request(message.value(), message.headers())
            if request is None:
                unreadable += 1
            else:
                requests.append(request)
        return Received(requests, unreadable)

    def send(self, replies: list[Reply]) -> None:
        for start in range(0, len(replies), SEND_BATCH):
            batch = replies[start:start + SEND_BATCH]
            records = [(event.key, *event.to_kafka())
                       for event in (reply_event(reply, self._region) for reply in batch)]
            try:
                self._publisher.publish_all(self._replies_topic, records)
            except (KafkaException, TimeoutError) as error:
                # What went before is acknowledged; this batch and the rest are not.
                raise ChannelUnavailable(f"publish failed: {error}",
                                         unsent=replies[start:]) from error

    def close(self) -> None:
        try:
            self._consumer.close()
        finally:
            self._publisher.close()


def _probe(bootstrap: str, timeout: float = 10.0) -> None:
    """Fail fast, and quietly, when no broker answers (librdkafka would log every retry)."""
    AdminClient({"bootstrap.servers": bootstrap, "log_level": 0}).list_topics(timeout=timeout)


def _raise_unless_benign(error: KafkaError) -> None:
    """End of a partition is news, not trouble; a broker error is worth a retry."""
    if error.code() == KafkaError._PARTITION_EOF:
        return
    if error.fatal():  # the consumer is unusable: no retry can help
        raise ChannelRefused(f"consumer error: {error.str()}")
