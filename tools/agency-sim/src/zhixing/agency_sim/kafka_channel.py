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

from confluent_kafka import Consumer, KafkaError, KafkaException, Producer
from confluent_kafka.admin import AdminClient, NewTopic
from pydantic import ValidationError

from zhixing.agency_sim.channel import ChannelRefused, ChannelUnavailable, Received, Reply
from zhixing.contracts.agencies import AGENCY_KINDS
from zhixing.contracts.envelope import CloudEvent, MalformedEvent, stable_event_id, utc_time
from zhixing.contracts.events.assets.v1 import AgencyAnswered, AgencyRequest
from zhixing.contracts.topics import ASSETS_REPLIES, assets_requests

RECEIVE_BATCH = 500
SEND_BATCH = 1000
PARTITIONS = 3  # as the suite creates its topics (zhixing.messaging.kafka.DEFAULT_PARTITIONS)


class Publisher(Protocol):
    """What the channel needs of a producer (tests pass a recording fake)."""

    def publish_all(self, topic: str, records: list[Any], timeout: float = 60) -> None: ...

    def close(self) -> None: ...


class ReplyPublisher:
    """Publishes batches of (key, value, headers) and returns only when the broker has
    acknowledged them all — what an agency's gateway would do with its answers."""

    def __init__(self, bootstrap: str) -> None:
        self._producer = Producer({"bootstrap.servers": bootstrap, "enable.idempotence": True,
                                   "client.id": "zhixing-agency-sim"})

    def publish_all(self, topic: str, records: list[Any], timeout: float = 60) -> None:
        failed: list[KafkaError] = []

        def delivered(error: KafkaError | None, _message: Any) -> None:
            if error is not None:
                failed.append(error)

        for key, value, headers in records:
            self._producer.produce(topic, value=value, key=key, headers=headers,
                                   on_delivery=delivered)
            self._producer.poll(0)
        if self._producer.flush(timeout) > 0:
            raise TimeoutError(f"{topic}: not every answer was acknowledged in {timeout}s")
        if failed:
            raise KafkaException(failed[0])

    def close(self) -> None:
        self._producer.flush(10)


def create_topics(bootstrap: str, topics: list[str], timeout: float = 30.0) -> None:
    """Create the request and reply topics that do not exist yet (idempotent): the
    simulator may start before the assets service has created them."""
    admin = AdminClient({"bootstrap.servers": bootstrap})
    existing = admin.list_topics(timeout=timeout).topics
    wanted = [NewTopic(t, num_partitions=PARTITIONS, replication_factor=1)
              for t in dict.fromkeys(topics) if t not in existing]
    for future in (admin.create_topics(wanted, operation_timeout=timeout).values()
                   if wanted else []):
        try:
            future.result(timeout)
        except KafkaException as error:
            if "TOPIC_ALREADY_EXISTS" not in str(error):
                raise


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
            create_topics(bootstrap, [*requests, replies])
            consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": group,
                                 "auto.offset.reset": "earliest", "enable.auto.commit": True,
                                 "client.id": "zhixing-agency-sim"})
            consumer.subscribe(requests)
            publisher = ReplyPublisher(bootstrap)
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
