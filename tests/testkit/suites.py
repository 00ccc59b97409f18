"""Start the suite as real processes in either run mode (DESIGN §6) and drive it as one
thing: where each service's gRPC API is, which secret signs tokens, what day it is.

Cluster mode runs each service as its own api/relay/worker processes against the
PostgreSQL and Kafka of `make test`, in a corner of its own (fresh schemas and topic
namespace, see `stack_settings`); embedded mode runs `zhixing run --no-demo` with SQLite
under the test's directory, every service on one port.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from testkit.processes import Processes, free_port, serving
from testkit.stack import process_env, stack_settings
from testkit.waiting import wait_until
from zhixing.security.identity import Identity
from zhixing.security.tokens import issue_token

ROLES = {"cases": ("relay", "worker", "api"), "assets": ("relay", "worker", "api"),
         "credit": ("relay", "worker", "api"), "relief": ("relay", "worker", "api"),
         "supervision": ("relay", "worker", "api"), "publicity": ("relay", "worker", "api")}
"""The processes of each service in cluster mode, as scripts/cluster.sh starts them."""
BROKERLESS = ("ZHIXING_PG_DSN", "ZHIXING_KAFKA_BOOTSTRAP")
@dataclass
class RunningSuite:
    """One running suite, whichever the mode."""

    mode: str
    """"cluster" or "embedded"."""
    targets: dict[str, str]
    """gRPC address of each service's API, by service name."""
    env: dict[str, str]
    """The environment its processes run with (the secret, the clock file, the stack)."""
    clock_file: Path
    web: dict[str, str] = field(default_factory=dict)

    @property
    def secret(self) -> str:
        return self.env["ZHIXING_JWT_SECRET"]

    def target(self, service: str) -> str:
        return self.targets[service]

    def token(self, identity: Identity) -> str:
        return issue_token(identity, self.secret)

    def travel(self, moment: str) -> None:
        """Set the suite's now, e.g. "2026-03-02T10:00:00+08:00" (DESIGN §10)."""
        self.clock_file.write_text(moment)


def agency_sim_args(mode: str, env: dict[str, str], assets_target: str,
                    options: list[str]) -> list[str]:
    """`zhixing agency-sim …` answering the assets service: over its gRPC gateway in
    embedded mode, over the request and reply topics (own consumer group) in cluster mode."""
    if mode == "embedded":
        transport = ["--transport", "grpc", "--target", assets_target]
    else:
        transport = ["--transport", "kafka", "--group",
                     f"agency-sim-{env['ZHIXING_TOPIC_NAMESPACE']}"]
    return ["agency-sim", *transport, "--progress-every", "0", *options]


def cluster_suite(processes: Processes, var_dir: Path, services: tuple[str, ...],
                  now: str, agency_sim: list[str] | None = None,
                  **extra_env: str) -> RunningSuite:
    """`services` as separate processes on the shared stack, and the simulated agencies
    (with `agency_sim` options) when given. Every process starts at once and the APIs
    are awaited together: start-up is mostly imports, and on a busy machine awaiting
    them one after the other adds up."""
    settings = stack_settings(var_dir)
    clock = var_dir / "clock"
    clock.write_text(now)
    env = process_env(settings, ZHIXING_CLOCK_FILE=str(clock), **extra_env)
    apis = []
    for service in services:
        for role in ROLES[service]:
            if role == "api":
                apis.append(service)
            else:
                processes.start(f"{service}-{role}", [service, role], env)
    if agency_sim is not None:
        processes.start("agency-sim", agency_sim_args("cluster", env, "", agency_sim), env)
    targets = start_apis(processes, {f"{s}-api": [s, "api"] for s in apis}, env)
    return RunningSuite("cluster", {s: targets[f"{s}-api"] for s in apis}, env, clock,
                        dict(processes.web))


def start_apis(processes: Processes, apis: dict[str, list[str]], env: dict[str, str],
               timeout: float = 120) -> dict[str, str]:
    """Start every API process (name → args), then wait until all serve gRPC; like
    `Processes.start_api`, but the waits overlap. Returns name → gRPC address."""
    targets = {}
    for name, args in apis.items():
        ports = {"ZHIXING_GRPC_PORT": str(free_port()), "ZHIXING_HTTP_PORT": str(free_port())}
        process = processes.start(name, args, {**env, **ports})
        processes.web[name] = f"http://127.0.0.1:{ports['ZHIXING_HTTP_PORT']}"
        targets[name] = (f"127.0.0.1:{ports['ZHIXING_GRPC_PORT']}", process)
    for name, (target, process) in targets.items():
        wait_until(lambda t=target, p=process: p.poll() is not None or serving(t),
                   timeout=timeout, what=f"{name} to serve on {target}")
        assert process.poll() is None, f"{name} exited: {processes.log(name)}"
    return {name: target for name, (target, _) in targets.items()}


def embedded_suite(processes: Processes, var_dir: Path, services: tuple[str, ...],
                   now: str, agency_sim: list[str] | None = None,
                   **extra_env: str) -> RunningSuite:
    """`zhixing run --no-demo`: every service in one process, SQLite, one port; then
    the simulated agencies (with `agency_sim` options) when given."""
    clock = var_dir / "clock"
    clock.write_text(now)
    env = {k: v for k, v in os.environ.items() if k not in BROKERLESS}
    env.update(ZHIXING_VAR=str(var_dir / "var"), ZHIXING_CLOCK_FILE=str(clock),
               ZHIXING_JWT_SECRET=uuid.uuid4().hex, **extra_env)
    target = processes.start_api("embedded", ["run", "--no-demo"], env)
    if agency_sim is not None:
        processes.start("agency-sim", agency_sim_args("embedded", env, target, agency_sim), env)
    return RunningSuite("embedded", dict.fromkeys(services, target), env, clock,
                        dict(processes.web))
