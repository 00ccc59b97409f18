"""The relay records a position only while it holds its lease, and never backwards
(issue 13, single active relay): a relay that lost its lock mid-batch must not write
over what the relay that took over recorded."""

from __future__ import annotations

import pytest

from zhixing.eventstore.sql import SqlStore
from zhixing.messaging.relay import Relay


class Switch:
    """A lease the test turns off (the lock's connection lost)."""

    def __init__(self) -> None:
        self.on = True

    def held(self) -> bool:
        return self.on

    def close(self) -> None:
        self.on = False


class Broker:
    """Stands in for Kafka: keeps what was published; may run a hook while publishing."""

    def __init__(self, during=None) -> None:
        self.published: list[str] = []
        self.during = during

    def publish_all(self, topic, records) -> None:
        self.published += [topic] * len(records)
        if self.during is not None:
            self.during()

    def close(self) -> None:
        return None


@pytest.fixture
def relay_store(tmp_path):
    store = SqlStore(sqlite_path=tmp_path / "relay.db")
    yield store
    store.close()


def relay_on(outbox, store, lease, broker) -> Relay:
    relay = Relay(outbox, store, "127.0.0.1:1", lease=lease)
    relay._publisher.close()
    relay._publisher = broker  # type: ignore[assignment]
    return relay


def recorded(store: SqlStore) -> int | None:
    with store.transaction(read_only=True) as cur:
        cur.execute("SELECT position FROM relay_position")
        row = cur.fetchone()
    return None if row is None else int(row[0])


class TestRelayLease:
    def test_position_not_recorded_when_the_lease_is_lost_while_publishing(
            self, outbox, write_notes, relay_store):
        write_notes("a", "b", "c")
        lease = Switch()
        broker = Broker(during=lambda: setattr(lease, "on", False))
        relay = relay_on(outbox, relay_store, lease, broker)

        relay.run_once()

        assert broker.published, "the batch went out before the lease was lost"
        assert recorded(relay_store) is None
        assert relay.active is False

    def test_position_never_moves_backwards_when_a_stale_relay_records(
            self, outbox, write_notes, relay_store):
        write_notes("a", "b", "c")
        stale = relay_on(outbox, relay_store, Switch(), Broker())
        stale._save_position(3)

        stale._save_position(1)

        assert recorded(relay_store) == 3

    def test_standby_publishes_nothing_when_the_lease_is_not_held(
            self, outbox, write_notes, relay_store):
        write_notes("a")
        lease, broker = Switch(), Broker()
        lease.on = False
        relay = relay_on(outbox, relay_store, lease, broker)

        assert relay.run_once() == 0
        assert broker.published == []

    def test_gauge_says_standby_when_an_active_relay_is_closed(
            self, outbox, write_notes, relay_store):
        from prometheus_client import REGISTRY

        write_notes("a")
        relay = relay_on(outbox, relay_store, Switch(), Broker())
        relay.run_once()
        service = outbox.app.service_name
        assert REGISTRY.get_sample_value("zhixing_relay_active", {"service": service}) == 1

        relay.close()

        assert REGISTRY.get_sample_value("zhixing_relay_active", {"service": service}) == 0
        assert relay.active is False


class TestAdvisoryLeaseConnection:
    def test_checks_time_out_when_the_network_goes_silent(self, monkeypatch):
        import psycopg

        from zhixing.messaging.lease import USER_TIMEOUT_MS, AdvisoryLease

        asked: dict[str, object] = {}

        def refuse(*args: object, **kwargs: object) -> None:
            asked.update(kwargs)
            raise psycopg.OperationalError("no database in a unit test")

        monkeypatch.setattr(psycopg, "connect", refuse)
        assert AdvisoryLease("postgresql://x@127.0.0.1:1/x", "zhixing_notes").held() is False
        assert asked["tcp_user_timeout"] == USER_TIMEOUT_MS <= 30_000
        assert asked["keepalives"] == 1
