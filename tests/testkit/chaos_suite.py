"""The suite in cluster mode as the chaos tests run it: each role its own process, as
scripts/cluster.sh starts them, on the chaos stack, each with fixed ports so that a role
restarted after a fault serves where it served before (as a Kubernetes Service would).

`terminate` measures a graceful shutdown (SIGTERM → exit) against the grace period;
`kill` is SIGKILL; `restart` starts the role again and waits until it is up (gRPC
SERVING for an API, `/healthz` for the others). `stop_all` ends every process, whatever
happened, and `strays` lists any `zhixing` process this suite started that is still alive.
"""

from __future__ import annotations

import signal
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from testkit.processes import ZHIXING, free_port, serving, with_bytecode
from testkit.waiting import wait_until

GRACE_SECONDS = 30.0
"""The grace period a role gets between SIGTERM and SIGKILL (Kubernetes' default
terminationGracePeriodSeconds)."""
START_TIMEOUT = 180.0
"""A role's start on a busy 2-core machine: mostly imports."""


@dataclass
class Role:
    """One process of the suite: its command, its ports, its current process."""

    name: str
    args: list[str]
    grpc_port: int | None
    metrics_port: int | None
    process: subprocess.Popen[bytes] | None = None
    starts: int = 0

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.grpc_port}"

    @property
    def metrics(self) -> str:
        return f"http://127.0.0.1:{self.metrics_port}/metrics"


@dataclass
class ChaosSuite:
    """The roles, started and restarted with one environment; logs under `log_dir`."""

    env: dict[str, str]
    log_dir: Path
    roles: dict[str, Role] = field(default_factory=dict)
    pids: set[int] = field(default_factory=set)
    """Every process id this suite ever started (for the stray check)."""

    def add(self, name: str, args: list[str], api: bool = False, probes: bool = True) -> Role:
        role = Role(name, args, free_port() if api else None, free_port() if probes else None)
        self.roles[name] = role
        return role

    def start(self, name: str) -> None:
        role = self.roles[name]
        env = dict(self.env)
        if role.grpc_port is not None:
            env.update(ZHIXING_GRPC_PORT=str(role.grpc_port), ZHIXING_HTTP_PORT=str(free_port()))
        if role.metrics_port is not None:
            env["ZHIXING_METRICS_PORT"] = str(role.metrics_port)
        role.starts += 1
        log = (self.log_dir / f"{name}.{role.starts}.log").open("wb")
        role.process = subprocess.Popen([ZHIXING, *role.args], env=with_bytecode(env),
                                        stdout=log, stderr=subprocess.STDOUT)
        self.pids.add(role.process.pid)

    def wait_up(self, names: list[str]) -> None:
        """Until each named role answers: an API its gRPC health, the others `/healthz`."""
        for name in names:
            role = self.roles[name]
            wait_until(lambda r=role: self._exited(r) or self._up(r), timeout=START_TIMEOUT,
                       what=f"{name} to start")
            assert not self._exited(role), f"{name} exited on start:\n{self.log(name)}"

    def start_all(self) -> None:
        for name in self.roles:
            self.start(name)
        self.wait_up(list(self.roles))

    def restart(self, name: str) -> float:
        """Start the role again and wait until it is up; returns the monotonic time then."""
        self.start(name)
        self.wait_up([name])
        return time.monotonic()

    def kill(self, name: str) -> None:
        process = self._process(name)
        process.send_signal(signal.SIGKILL)
        process.wait(30)

    def terminate(self, name: str) -> tuple[float, int | None]:
        """SIGTERM; returns (seconds until the process exited, its exit code). A role
        still running after the grace period is killed, as the kubelet would: the code
        is then None."""
        process = self._process(name)
        began = time.monotonic()
        process.send_signal(signal.SIGTERM)
        try:
            code: int | None = process.wait(GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(30)
            code = None
        return time.monotonic() - began, code

    def exited(self) -> list[str]:
        """Roles whose process has exited without being told to."""
        return [name for name, role in self.roles.items() if self._exited(role)]

    def log(self, name: str) -> str:
        role = self.roles[name]
        path = self.log_dir / f"{name}.{role.starts}.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def stop_all(self) -> dict[str, tuple[float, int | None]]:
        """SIGTERM to every live role at once, then SIGKILL to any still alive after the
        grace period; returns each one's (seconds to exit, exit code — None if killed)."""
        live = {name: r.process for name, r in self.roles.items()
                if r.process is not None and r.process.poll() is None}
        began = time.monotonic()
        for process in live.values():
            process.send_signal(signal.SIGCONT)  # a stopped process cannot hear SIGTERM
            process.send_signal(signal.SIGTERM)
        exits: dict[str, tuple[float, int | None]] = {}
        pending = dict(live)
        while pending and time.monotonic() < began + GRACE_SECONDS:
            for name, process in list(pending.items()):
                if process.poll() is not None:
                    exits[name] = (time.monotonic() - began, process.returncode)
                    del pending[name]
            time.sleep(0.05)  # polling the exits, to time each one
        for name, process in pending.items():
            process.kill()
            process.wait(30)
            exits[name] = (time.monotonic() - began, None)
        return exits

    def strays(self) -> list[int]:
        """Processes this suite started that are still alive (must be none after stop)."""
        return [pid for pid in self.pids if _running_zhixing(pid)]

    def _process(self, name: str) -> subprocess.Popen[bytes]:
        process = self.roles[name].process
        assert process is not None and process.poll() is None, f"{name} is not running"
        return process

    @staticmethod
    def _exited(role: Role) -> bool:
        return role.process is not None and role.process.poll() is not None

    @staticmethod
    def _up(role: Role) -> bool:
        if role.grpc_port is not None:
            return serving(role.target)
        if role.metrics_port is None:
            return True
        try:
            with urllib.request.urlopen(
                    f"http://127.0.0.1:{role.metrics_port}/healthz", timeout=1) as reply:
                return bool(reply.status == 200)
        except OSError:
            return False


def _running_zhixing(pid: int) -> bool:
    """`pid` is a live (not zombie) `zhixing` process."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        state = Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0]
    except (OSError, IndexError):
        return False  # gone while we looked
    return "zhixing" in command and state != "Z"
