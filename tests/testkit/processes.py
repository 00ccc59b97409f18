"""Run `zhixing …` commands as real processes and wait for their gRPC health."""

from __future__ import annotations

import random
import signal
import socket
import subprocess
import sys
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from testkit.waiting import wait_until

ZHIXING = str(Path(sys.executable).with_name("zhixing"))
PYCACHE = Path.home() / ".cache" / "zhixing" / "pycache"
"""Compiled modules of the suite's processes, kept outside the tree: a process imports
about a thousand modules, and compiling them all again at every start (no bytecode
written, as under PYTHONDONTWRITEBYTECODE) costs about as much CPU as the import."""


LISTEN_PORTS = range(20000, 32000)
"""Where the suite's servers listen in tests: below Linux's ephemeral range (32768–60999),
from which the kernel picks both `bind(0)` and every outgoing connection's port. A port
`bind(0)` found free could be taken by a Kafka or PostgreSQL client's connection before
the server bound it (seen: "HTTP port … is in use"); infra/lib.sh picks the same way."""
_handed_out: set[int] = set()
_pick = random.SystemRandom()
"""Its own source: tests that seed the `random` module must not make runs pick alike."""


def free_port() -> int:
    """A port free now, never handed out before by this test run."""
    for _ in range(200):
        port = _pick.randrange(LISTEN_PORTS.start, LISTEN_PORTS.stop)
        if port in _handed_out:
            continue
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        _handed_out.add(port)
        return port
    raise RuntimeError(f"no free port in {LISTEN_PORTS.start}–{LISTEN_PORTS.stop - 1}")


def serving(target: str) -> bool:
    with grpc.insecure_channel(target) as channel:
        try:
            reply = health_pb2_grpc.HealthStub(channel).Check(
                health_pb2.HealthCheckRequest(service=""), timeout=1)
        except grpc.RpcError:
            return False
    return reply.status == health_pb2.HealthCheckResponse.SERVING


class Processes:
    """Started processes, stopped with SIGTERM (then SIGKILL) at the end of a test."""

    def __init__(self, log_dir: Path, extra_env: dict[str, str] | None = None,
                 output_apart: bool = False) -> None:
        self.log_dir = log_dir
        self.running: list[tuple[str, subprocess.Popen[bytes]]] = []
        self.web: dict[str, str] = {}
        """Base URL of each API process's web pages, by name."""
        self.environments: list[dict[str, str]] = []
        """The environment of each process started (where its stores and topics are)."""
        self.extra_env = extra_env or {}
        """Added to every process's environment (the e2e layer records spans)."""
        self.output_apart = output_apart
        """Standard output to `<name>.out` (spans, banners), apart from the log on stderr."""

    def start(self, name: str, args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
        env = {**env, **self.extra_env}
        log = (self.log_dir / f"{name}.log").open("wb")
        out = (self.log_dir / f"{name}.out").open("wb") if self.output_apart else None
        process = subprocess.Popen([ZHIXING, *args], env=with_bytecode(env),
                                   stdout=out or log, stderr=log)
        self.running.append((name, process))
        self.environments.append(env)
        return process

    def start_api(self, name: str, args: list[str], env: dict[str, str]) -> str:
        """Start a process serving gRPC; return its address once it is SERVING."""
        port = free_port()
        ports = {"ZHIXING_GRPC_PORT": str(port), "ZHIXING_HTTP_PORT": str(free_port())}
        process = self.start(name, args, {**env, **ports})
        self.web[name] = f"http://127.0.0.1:{ports['ZHIXING_HTTP_PORT']}"
        target = f"127.0.0.1:{port}"
        wait_until(lambda: process.poll() is not None or serving(target), timeout=60,
                   what=f"{name} to serve on {target}")
        assert process.poll() is None, f"{name} exited: {self.log(name)}"
        return target

    def log(self, name: str) -> str:
        return (self.log_dir / f"{name}.log").read_text(errors="replace")[-3000:]

    def stop_all(self) -> None:
        for _, process in self.running:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for _, process in self.running:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)


def with_bytecode(env: dict[str, str]) -> dict[str, str]:
    """`env` for processes that keep their compiled modules in `PYCACHE` (unless the
    caller chose a prefix of its own)."""
    env = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.setdefault("PYTHONPYCACHEPREFIX", str(PYCACHE))
    return env
