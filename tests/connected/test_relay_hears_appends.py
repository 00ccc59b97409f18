"""The relay hears the event store's appends (issue 19): on PostgreSQL it LISTENs on the
channel the recorder NOTIFYs on every insert, so an idle relay publishes a filing at
once instead of after its idle pause."""

from __future__ import annotations

import threading

import pytest

from testkit.waiting import wait_until
from zhixing.cases.outbound import CaseOutbound
from zhixing.contracts.topics import CASES_EVENTS
from zhixing.eventstore.sql import SqlStore
from zhixing.messaging.listening import Listener
from zhixing.messaging.outbox import Outbox
from zhixing.messaging.pacing import Backoff, Pacing, Wakeup
from zhixing.messaging.relay import Relay

pytestmark = pytest.mark.connected
LONG = 600.0
"""An idle pause no test waits out: only a notice ends it."""


def test_an_append_wakes_the_listener_when_it_is_committed(settings, cases_app, file_cases):
    wakeup = Wakeup()
    listener = Listener(settings.postgres_dsn, cases_app.recorder.channel_name, wakeup).start()
    try:
        assert listener.listening.wait(30)
        seen = wakeup.generation
        file_cases(1)
        wakeup.wait(seen, 30)
        assert wakeup.generation != seen
    finally:
        listener.close()


def test_an_idle_relay_publishes_a_filing_when_the_store_notifies(settings, cases_app,
                                                                   file_cases):
    outbox = Outbox(cases_app, CaseOutbound(cases_app), topic=settings.topic(CASES_EVENTS),
                    wire=settings.topic, region=settings.region)
    store = SqlStore(dsn=settings.postgres_dsn, schema=settings.schema("cases"))
    relay = Relay(outbox, store, settings.kafka_bootstrap,
                  pacing=Pacing(idle=Backoff(LONG, LONG)), notices=settings.postgres_dsn)
    stop = threading.Event()
    thread = threading.Thread(target=relay.run, args=(stop,), daemon=True)
    thread.start()
    try:
        wait_until(lambda: relay.listener is not None and relay.listener.listening.is_set()
                   and relay.pacing.idle.engaged, timeout=60,
                   what="the relay listening, idle")
        file_cases(1)
        wait_until(lambda: relay.position() > 0, timeout=60, what="the filing published")
    finally:
        stop.set()
        if relay.pacing.wakeup is not None:
            relay.pacing.wakeup.notify()
        thread.join(60)
        store.close()
