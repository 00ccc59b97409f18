"""Embedded mode (the default): every service in one process, SQLite under ./var,
services following each other's notification logs directly, one gRPC port, every
service's web pages on one HTTP port. Topics with no publisher in process are fed by
`zhixing events publish` (`runtime.inject`)."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from zhixing.eventstore.settings import Settings
from zhixing.observability.logs import configure_logging
from zhixing.observability.tracing import configure_tracing
from zhixing.runtime import runners
from zhixing.runtime.inject import injected_events
from zhixing.runtime.ops_settings import InvalidSetting
from zhixing.runtime.server import GrpcServer
from zhixing.runtime.service import ServiceInstance

COMMAND_PREFIX = "/command/"


class DataFolderInUse(InvalidSetting):
    """Another embedded suite already runs on this data folder."""


@contextmanager
def data_folder_held(var_dir: Path) -> Iterator[None]:
    """Hold `var_dir` for this process alone: two suites on one folder would run every
    policy twice and race each other's SQLite writers. The lock is the kernel's, so a
    killed process leaves no stale lock behind."""
    var_dir.mkdir(parents=True, exist_ok=True)
    with open(var_dir / ".run.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DataFolderInUse(
                f"another `zhixing run` is using {var_dir.resolve()}: stop it, or set "
                "ZHIXING_VAR to another folder") from None
        yield


def run_embedded(settings: Settings, *, demo: bool = True) -> None:
    with data_folder_held(settings.var_dir):
        _run(settings, demo)


def _run(settings: Settings, demo: bool) -> None:
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
              f"  gRPC     : {server.address}  (reflection v1 + v1alpha, grpc.health.v1)\n"
              f"  web      : {web or '(none)'}  (public case progress, masked)\n"
              f"{_command_line(instances, web)}"
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


def _command_line(instances: list[ServiceInstance], web: str) -> str:
    """The banner's line for the command centre (issue 16), when a service mounts it."""
    if not web or not any(i.web is not None and i.web.prefix == COMMAND_PREFIX
                          for i in instances):
        return ""
    return (f"  command  : {web}command/  (执行指挥中心: sign in with a token from "
            "`zhixing token --role president --court 川0104`)\n")
