"""Embedded mode (the default): every service in one process, SQLite under ./var,
services following each other's notification logs directly, one gRPC port, every
service's web pages on one HTTP port. Topics with no publisher in process are fed by
`zhixing events publish` (`runtime.inject`)."""

from __future__ import annotations

from zhixing.eventstore.settings import Settings
from zhixing.observability.logs import configure_logging
from zhixing.observability.tracing import configure_tracing
from zhixing.runtime import runners
from zhixing.runtime.inject import injected_events
from zhixing.runtime.server import GrpcServer


def run_embedded(settings: Settings, *, demo: bool = True) -> None:
    configure_logging("zhixing", "WARNING")
    configure_tracing("zhixing-embedded")
    instances = runners.build_all(settings)
    filed = sum(i.load_demo() for i in instances if demo and i.load_demo is not None)
    demo_line = ("off" if not demo else f"{filed} cases filed and worked through every state" if filed
                 else "existing data resumed")

    probes: list[str] = []

    def ready(server: GrpcServer | None, web: str) -> None:
        assert server is not None
        names = ", ".join(i.name for i in instances)
        print(f"Zhixing 执行 — embedded mode, region {settings.region}\n"
              f"  services : {names}\n"
              f"  gRPC     : {server.address}  (reflection, grpc.health.v1)\n"
              f"  web      : {web or '(none)'}  (public case progress, masked)\n"
              f"  health   : {probes[0]}healthz, readyz, metrics  (ZHIXING_METRICS_PORT)\n"
              f"  data     : {settings.var_dir.resolve()}\n"
              f"  demo     : {demo_line}\n"
              f"Try: zhixing case list --court 川0104   |   zhixing case --help   |   "
              f"{web.rstrip('/')}/zhongben (终本案件库)\n"
              f"Ctrl-C stops cleanly.", flush=True)

    injected = injected_events(settings)
    try:
        runners.run(instances, settings, runners.embedded_loops(instances, injected),
                    serve_grpc=True, on_ready=ready, on_probes=probes.append)
    finally:
        injected.close()  # after the loops that read it have stopped
