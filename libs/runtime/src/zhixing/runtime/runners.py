"""What the processes run: the embedded suite, and each cluster role (api, relay, worker).

Every process serves its operations endpoints (`/healthz`, `/readyz`, `/metrics`) on
`ZHIXING_METRICS_PORT`; the api role and the embedded suite also serve gRPC and every
service's web pages, each under its prefix, on `ZHIXING_HTTP_PORT`.

Every runner stops the same way: intake first (gRPC and pages), then the loops (their
positions are already in their stores), then the stores (DESIGN §9 graceful shutdown).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import threading
from collections.abc import Callable, Iterable
from contextlib import AsyncExitStack
from typing import TypeVar

from prometheus_client import REGISTRY, disable_created_metrics

from zhixing.eventstore.application import on_appended
from zhixing.eventstore.settings import Settings
from zhixing.messaging.pacing import Pacing, Wakeup
from zhixing.observability.metrics import EVENTS_APPENDED
from zhixing.runtime.audit_home import close_audit, open_audit
from zhixing.runtime.http import HttpServer
from zhixing.runtime.lag import ConsumerLag, LagCollector, RelayLag
from zhixing.runtime.loops import (
    Following,
    Loop,
    embedded_loops,
    job_loops,
    relay_loops,
    worker_loops,
)
from zhixing.runtime.ops_settings import OpsSettings
from zhixing.runtime.probes import Liveness, OpsEndpoints, Readiness
from zhixing.runtime.rate import RateLimiter
from zhixing.runtime.server import GrpcServer
from zhixing.runtime.service import ServiceInstance, discover
from zhixing.runtime.watched import ReadinessCollector, RebuildCollector
from zhixing.runtime.web import mounted

__all__ = ["Loop", "build_all", "embedded_loops", "job_loops", "relay_loops", "run",
           "worker_loops"]
log = logging.getLogger(__name__)
T = TypeVar("T")


def build_all(settings: Settings, names: Iterable[str] | None = None) -> list[ServiceInstance]:
    definitions = discover()
    chosen = list(names) if names is not None else list(definitions)
    return [definitions[name].build(settings) for name in chosen]


def run(instances: list[ServiceInstance], settings: Settings, loops: list[Loop], *,
        serve_grpc: bool, on_ready: Callable[[GrpcServer | None, str], None] = lambda *_: None,
        on_probes: Callable[[str], None] | None = None, ops: OpsSettings | None = None) -> None:
    """Run loops in threads (and the gRPC server and pages) until SIGINT/SIGTERM.

    `on_probes` hears the probes' base URL before `on_ready` is called; by default it
    is printed."""
    asyncio.run(_run(instances, settings, loops, serve_grpc, on_ready,
                     on_probes or _print_probes, ops or OpsSettings.from_env()))


def _print_probes(address: str) -> None:
    print(f"  health   : {address}healthz, readyz, metrics", flush=True)


async def _run(instances: list[ServiceInstance], settings: Settings, loops: list[Loop],
               serve_grpc: bool, on_ready: Callable[[GrpcServer | None, str], None],
               on_probes: Callable[[str], None], ops: OpsSettings) -> None:
    stop = threading.Event()
    threads = [threading.Thread(target=_guarded(loop), args=(stop,), daemon=True,
                                name=f"loop-{n}") for n, loop in enumerate(loops)]
    pacings = _pacings(loops)
    wakeup = Wakeup()
    for pacing in pacings:
        pacing.wakeup = wakeup  # an idle loop hears this process's appends at once
    on_appended(_appended(wakeup))
    stores = {i.name: i.store for i in instances}
    async with AsyncExitStack() as stack:
        server = None
        if serve_grpc:
            audit = open_audit(settings)  # the one its services' servicers write
            stack.callback(close_audit, audit)
            stores["audit"] = audit.store
            server = GrpcServer(instances, settings, audit.log,
                                public_rate=RateLimiter(ops.public_grpc_rate()))
        liveness = Liveness(threads)
        readiness = Readiness(stores, _lags(loops, ConsumerLag), ops.ready_max_lag,
                              faults=[pacing.faults for pacing in pacings],
                              notes=[_relay_state(lag) for lag in _lags(loops, RelayLag)])
        endpoints = _endpoints(liveness, readiness, loops, stack)
        probes = HttpServer(endpoints, settings.grpc_host, ops.metrics_port,
                            setting="ZHIXING_METRICS_PORT", name="ops")
        pages = mounted(i.web for i in instances if i.web is not None) if serve_grpc else None
        web = HttpServer(pages, settings.grpc_host, settings.http_port,
                         setting="ZHIXING_HTTP_PORT", name="web",
                         limits=ops.web_limits()) if pages else None
        if pages is not None:
            stack.callback(pages.close)
        probes.start()
        stack.callback(probes.stop)  # last to stop: probes answer while the rest drains
        if server is not None:
            await server.start()
            if pages is not None:  # pages calling the gRPC API learn where it listens
                pages.bind(grpc_target(settings.grpc_host, server.port))
        if web is not None:
            web.start()
        for thread in threads:
            thread.start()
        on_probes(probes.address)
        on_ready(server, web.address if web is not None else "")
        signalled = await _until_signalled(stop, liveness)
        if web is not None:
            web.stop()
        if server is not None:
            await server.stop()
        stop.set()
        wakeup.notify()  # idle loops wait on it: let them see `stop` now
        for thread in threads:
            thread.join(timeout=30)
        for instance in instances:
            instance.close()
    if not signalled:
        raise SystemExit("a background loop failed; see the log above")


def grpc_target(host: str, port: int) -> str:
    """The address a client in this process dials for the gRPC server bound on
    `host:port`: loopback when it listens on every interface; an IPv6 address in
    brackets ("[::1]:54321"), as gRPC reads a target."""
    if host in ("", "0.0.0.0", "::", "[::]"):
        return f"127.0.0.1:{port}"
    return f"[{host}]:{port}" if ":" in host and not host.startswith("[") else f"{host}:{port}"


def _endpoints(liveness: Liveness, readiness: Readiness, loops: list[Loop],
               stack: AsyncExitStack) -> OpsEndpoints:
    """The probes, with the lags of this process's followers, its readiness and the
    rebuilds of the projections it feeds measured at each scrape."""
    disable_created_metrics()  # type: ignore[no-untyped-call] # `_created` series add nothing a dashboard reads
    consumers = _lags(loops, ConsumerLag)
    for collector in (LagCollector(consumers, _lags(loops, RelayLag)),
                      ReadinessCollector(readiness),
                      RebuildCollector([lag.consumer for lag in consumers])):
        REGISTRY.register(collector)
        stack.callback(REGISTRY.unregister, collector)
    return OpsEndpoints(liveness, readiness)


def _lags(loops: list[Loop], kind: type[T]) -> list[T]:
    return [loop.lag for loop in loops if isinstance(loop, Following) and isinstance(loop.lag, kind)]


def _relay_state(lag: RelayLag) -> Callable[[], str]:
    """`/readyz`'s line for a relay: whether it publishes or stands by (one per log)."""
    return lambda: f"relay {lag.service}: {'active' if lag.relay.active else 'standby'}"


def count_appended(service: str, count: int) -> None:
    """The events a service's application saved in this process (`on_appended`)."""
    EVENTS_APPENDED.labels(service).inc(count)


def _appended(wakeup: Wakeup) -> Callable[[str, int], None]:
    """Count a save and wake the idle loops that may follow it."""

    def appended(service: str, count: int) -> None:
        count_appended(service, count)
        wakeup.notify()

    return appended


def _pacings(loops: list[Loop]) -> list[Pacing]:
    """The pacing of each loop that has one (followers and jobs)."""
    return [pacing for loop in loops
            if isinstance(pacing := getattr(loop, "pacing", None), Pacing)]


def _guarded(loop: Loop) -> Loop:
    """A loop that dies takes the process down: a supervisor restarts it cleanly."""

    def guarded(stop: threading.Event) -> None:
        try:
            loop(stop)
        except Exception:
            log.exception("background loop failed; stopping the process")
            stop.set()

    return guarded


async def _until_signalled(stop: threading.Event, liveness: Liveness) -> bool:
    """Wait for SIGINT/SIGTERM (True) or a failed loop (False), beating the heartbeat."""
    asyncio_stop = asyncio.Event()
    event_loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        event_loop.add_signal_handler(sig, asyncio_stop.set)
    while not asyncio_stop.is_set() and not stop.is_set():
        liveness.beat()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio_stop.wait(), timeout=0.5)
    return asyncio_stop.is_set()
