"""Every role's operations endpoints (DESIGN §9), on a port of their own
(`ZHIXING_METRICS_PORT`), apart from the public pages:

- `/healthz` — liveness: the process's loops are alive (its threads run, its main
  event loop ticks). Never "the broker is reachable": restarting cannot fix a broker.
- `/readyz` — readiness: it can serve — every store it uses answers, no background
  loop is backing off from a failing store, and every consumer it runs is within
  `max_lag` messages of the end of what it follows. A relay says on a second line
  whether it is the active one or a standby: both are ready (a standby is what takes
  over; calling it unready would only stall a rollout).
- `/metrics` — Prometheus text (prometheus-client).

Each answer names what is wrong, never a payload or an exception's text.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest
from prometheus_client.registry import CollectorRegistry

from zhixing.eventstore.sql import SqlStore
from zhixing.messaging.pacing import Faults
from zhixing.runtime.asgi import Receive, Scope, Send, plain_reply
from zhixing.runtime.lag import ConsumerLag


@dataclass
class Liveness:
    """Threads that must keep running, and a heartbeat the main loop beats."""

    threads: Sequence[threading.Thread] = ()
    stale_after: float = 15.0
    _beat: float = field(default_factory=time.monotonic)

    def beat(self) -> None:
        self._beat = time.monotonic()

    def problems(self) -> list[str]:
        # A loop not started yet is not a stopped one: the probes answer from just before
        # the loops start (seen as a 503 /healthz at start in the image's test, issue 13).
        dead = [f"loop {t.name} stopped" for t in self.threads
                if t.ident is not None and not t.is_alive()]
        silent = time.monotonic() - self._beat
        if silent > self.stale_after:
            dead.append(f"main loop silent for {silent:.0f} s")
        return dead


@dataclass
class Readiness:
    """Stores that must answer and consumers that must be caught up enough."""

    stores: dict[str, SqlStore]
    consumers: Sequence[ConsumerLag] = ()
    max_lag: int = 1000
    faults: Sequence[Faults] = ()
    """Of the background loops: a loop retrying a failing store is not ready."""
    notes: Sequence[Callable[[], str]] = ()
    """Lines added to a ready answer (a relay: active or standby)."""

    def summary(self) -> str:
        return "\n".join(["ok", *(note() for note in self.notes)])

    def problems(self) -> list[str]:
        found = [f"store {name} unreachable" for name, store in self.stores.items()
                 if not _answers(store)]
        if found:
            return found  # lags cannot be read from a store that does not answer
        found = [problem for faults in self.faults for problem in faults.problems()]
        for consumer in self.consumers:
            found += [f"consumer {lag.labels[0]} is {lag.behind} behind in {lag.labels[1]} "
                      f"(bound {self.max_lag}, ZHIXING_READY_MAX_LAG)"
                      for lag in consumer.lags() if lag.behind > self.max_lag]
        return found


class OpsEndpoints:
    """The ASGI application behind `/healthz`, `/readyz` and `/metrics`."""

    def __init__(self, liveness: Liveness, readiness: Readiness,
                 registry: CollectorRegistry = REGISTRY) -> None:
        self.checks: dict[str, Callable[[], list[str]]] = {
            "/healthz": liveness.problems, "/readyz": readiness.problems}
        self.ready_text: dict[str, Callable[[], str]] = {"/readyz": readiness.summary}
        self.registry = registry

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        path = scope["path"]
        if scope["method"] not in ("GET", "HEAD"):
            await plain_reply(send, 405, "only GET")
        elif path == "/metrics":
            text = await asyncio.to_thread(generate_latest, self.registry)
            await plain_reply(send, 200, text.decode(), content_type=CONTENT_TYPE_LATEST)
        elif path in self.checks:
            check = self.checks[path]
            # Liveness reads only memory: answered here, never queued in the shared thread
            # pool behind readiness checks or scrapes stuck on a silent database — else a
            # black-holed store would get the process restarted (DESIGN §9).
            problems = check() if path == "/healthz" else await asyncio.to_thread(check)
            fine = self.ready_text.get(path, lambda: "ok")
            await plain_reply(send, 503 if problems else 200,
                              "\n".join(problems) if problems else fine())
        else:
            await plain_reply(send, 404, "not found: /healthz, /readyz or /metrics")


def _answers(store: SqlStore) -> bool:
    try:
        with store.transaction(read_only=True) as cur:
            cur.execute("SELECT 1")
            answered = cur.fetchone() is not None
    except Exception:
        return False
    # An open SQLite connection still answers from a file deleted under it.
    return answered and (store.sqlite_path is None or store.sqlite_path.exists())
