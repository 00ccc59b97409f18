"""The chaos tests' own PostgreSQL and Kafka (infra/stack.sh up <own state dir>): never
the stack the connected tests use, since these tests kill and stop both servers.

Faults on the servers, as an operator or the kernel would inflict them:
- `kill_kafka` / `kill_postgres`: SIGKILL to the broker's JVM / to the postmaster and
  every backend (a crash: no shutdown, no checkpoint);
- `pause_kafka` / `resume_kafka`: SIGSTOP / SIGCONT to the broker (a long GC pause, a
  frozen VM);
- `start_kafka` / `start_postgres`: the infra scripts' own start, which reuse the data
  and the ports, so the suite's processes reconnect to the same addresses.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from pathlib import Path

from testkit.waiting import wait_until

REPO = Path(__file__).resolve().parents[2]
INFRA = REPO / "infra"


class ChaosStack:
    """PostgreSQL + Kafka under `state`, started fresh and always stopped by `down`."""

    def __init__(self, state: Path) -> None:
        self.state = state
        self.env: dict[str, str] = {}

    def up(self) -> dict[str, str]:
        """A fresh stack (the state dir is emptied first); returns its stack.env."""
        self.down()
        subprocess.run(["rm", "-rf", str(self.state)], check=True)
        self.state.mkdir(parents=True)
        _run([str(INFRA / "stack.sh"), "up", str(self.state)])
        self.env = _read_env(self.state / "stack.env")
        return self.env

    def down(self) -> None:
        """Stop both servers, whatever state they are in (a paused broker is resumed)."""
        if not self.state.exists():
            return
        pid = self._kafka_pid()
        if pid:
            _signal(pid, signal.SIGCONT)
        subprocess.run([str(INFRA / "stack.sh"), "down", str(self.state)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)

    # ---- Kafka -------------------------------------------------------------------------
    def _kafka_pid(self) -> int | None:
        return _pid_in(self.state / "kafka.pid")

    def kill_kafka(self) -> None:
        pid = self._kafka_pid()
        assert pid, "the broker is not running"
        ports = [int(p) for p in (self.state / "kafka.ports").read_text().split()]
        _signal(pid, signal.SIGKILL)
        wait_until(lambda: not _alive(pid) and not any(map(_listening, ports)), timeout=60,
                   what="the broker to die and its ports to close", interval=0.2)

    def pause_kafka(self) -> None:
        pid = self._kafka_pid()
        assert pid, "the broker is not running"
        _signal(pid, signal.SIGSTOP)

    def resume_kafka(self) -> None:
        pid = self._kafka_pid()
        assert pid, "the broker is not running"
        _signal(pid, signal.SIGCONT)

    def start_kafka(self) -> None:
        _run([str(INFRA / "kafka" / "kafka.sh"), "start", str(self.state)],
             self.state / "restarts.log")
        self._same_address("ZHIXING_KAFKA_BOOTSTRAP", self.state / "kafka.env")

    # ---- PostgreSQL --------------------------------------------------------------------
    def _postmaster(self) -> int | None:
        base = Path((self.state / "postgres.datadir").read_text().strip())
        return _pid_in(base / "pgdata" / "postmaster.pid")

    def kill_postgres(self) -> None:
        """SIGKILL to the postmaster and its children at once: a crashed server (the
        postmaster alone would leave backends holding the shared memory)."""
        pid = self._postmaster()
        assert pid, "PostgreSQL is not running"
        children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True,
                                  text=True, check=False).stdout.split()
        for victim in [pid, *map(int, children)]:
            _signal(victim, signal.SIGKILL)
        port = int(self.env["ZHIXING_PG_DSN"].rsplit(":", 1)[1].split("/")[0])
        wait_until(lambda: not any(_alive(p) for p in [pid, *map(int, children)])
                   and not _listening(port), timeout=60, what="PostgreSQL to die",
                   interval=0.2)

    def start_postgres(self) -> None:
        _run([str(INFRA / "postgres" / "postgres.sh"), "start", str(self.state)],
             self.state / "restarts.log")
        self._same_address("ZHIXING_PG_DSN", self.state / "postgres.env")

    def _same_address(self, key: str, env_file: Path) -> None:
        now = _read_env(env_file, exported=False)[key]
        assert now == self.env[key], f"{key} moved from {self.env[key]} to {now} on restart"


def _run(command: list[str], log: Path | None = None) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)
    if log is not None:
        with log.open("a") as out:
            out.write(f"$ {' '.join(command)}\n{done.stdout}{done.stderr}")
    assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stderr[-3000:]}"


def _listening(port: int) -> bool:
    """Some socket still listens on `port`. A killed JVM is a zombie before all its
    threads are gone, and its listening socket outlives the zombie state until then."""
    found = subprocess.run(["ss", "-Htln", f"sport = :{port}"], capture_output=True,
                           text=True, check=False).stdout
    return bool(found.strip())


def _read_env(path: Path, exported: bool = True) -> dict[str, str]:
    """KEY=VALUE lines (or `export KEY='VALUE'` lines, as stack.env has them)."""
    values = {}
    for line in path.read_text().splitlines():
        if exported and line.startswith("export "):
            line = line[len("export "):]
        key, _, value = line.partition("=")
        if key:
            values[key] = value.strip("'")
    return values


def _pid_in(path: Path) -> int | None:
    try:
        first = path.read_text().split()[0]
    except (OSError, IndexError):
        return None
    return int(first) if first.isdigit() and _alive(int(first)) else None


def _alive(pid: int) -> bool:
    """The process exists, zombies included: the infra scripts ask `kill -0` whether a
    server runs, so a killed server counts as gone only once it has been reaped."""
    return Path(f"/proc/{pid}").exists()


def _signal(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)
