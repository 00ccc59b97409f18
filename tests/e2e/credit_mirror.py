"""A partner's mirror of the list for the credit e2e test: the example partners copy
(`examples/partner_mirror`), fed from the compacted topic in cluster mode and from the
`Follow` stream in embedded mode (which has no Kafka)."""

from __future__ import annotations

import threading
from typing import Any

import grpc

from examples.partner_mirror.mirror import ListMirror
from testkit.suites import RunningSuite
from zhixing.contracts.topics import CREDIT_LIST
from zhixing.messaging.kafka import ensure_topics


class RunningMirror:
    def __init__(self, mirror: ListMirror, feed: Any) -> None:
        self.mirror, self.stop_feed = mirror, threading.Event()
        self.thread = threading.Thread(target=feed, args=(self.stop_feed,), daemon=True,
                                       name="partner-mirror")
        self.thread.start()

    def check(self, identity: str) -> Any:
        return self.mirror.check(identity)

    def stop(self) -> None:
        self.stop_feed.set()
        self.mirror.close()
        self.thread.join(timeout=10)


def start_mirror(suite: RunningSuite, metadata: Any) -> RunningMirror:
    mirror = ListMirror()
    if suite.mode == "cluster":
        bootstrap = suite.env["ZHIXING_KAFKA_BOOTSTRAP"]
        topic = f"{suite.env['ZHIXING_TOPIC_NAMESPACE']}.{CREDIT_LIST}"
        ensure_topics(bootstrap, [topic])  # as the credit relay does, whichever comes first
        mirror.connect_kafka(bootstrap, topic)
        return RunningMirror(mirror, mirror.run)
    channel = grpc.insecure_channel(suite.target("credit"))

    def follow(stop: threading.Event) -> None:
        try:
            mirror.follow(channel, tuple(metadata))
        except grpc.RpcError:
            pass  # cancelled by stop()
        finally:
            channel.close()

    return RunningMirror(mirror, follow)
