"""Failures with figures (issue 13): the suite in cluster mode on a stack of its own,
under a steady bounded load, one fault after another; for each, what was accepted, what
became visible, what was lost or applied twice, how long recovery took, the largest
consumer lag seen.

A scenario: the load starts; once a third of its ticks are sent the fault is inflicted
and the faulty part restarted; "recover" is the time from the restart until every
command accepted before it (the backlog) is visible; then the load runs out and every
command accepted at all must become visible (else it is LOST).
"""

from __future__ import annotations

import os
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from testkit.chaos_dlq import dead_letter_count, dead_letters_hold_exactly, poison
from testkit.chaos_load import Accepted, Load
from testkit.chaos_measure import Effects, LagWatch, Row
from testkit.chaos_stack import ChaosStack
from testkit.chaos_suite import GRACE_SECONDS, ChaosSuite
from testkit.stack import process_env
from testkit.suites import agency_sim_args
from testkit.waiting import wait_until
from zhixing.contracts.topics import CASES_EVENTS
from zhixing.eventstore.settings import Settings, new_cipher_key

NOW = "2026-03-02T10:00:00+08:00"
SETTLE_TIMEOUT = 300.0
"""How long every accepted command may take to become visible after the load ends."""
SESSION_TIMEOUT = 10.0
"""The consumers' session timeout (FastStream's default, 10 s): a broker stopped longer
than this has them expelled from their groups when it resumes."""
AGENCIES = ["--seed", "0", "--latency-ms", "5-20", "--error-rate", "0"]
Fault = Callable[["ChaosRun"], tuple[float, float | None, str]]
"""Inflicts a fault and repairs it: (when the repair was done, drain seconds, note)."""


@dataclass
class ChaosRun:
    """The stack, the suite, the load and the rows measured so far."""

    stack: ChaosStack
    suite: ChaosSuite
    settings: Settings
    rate: float
    seconds: float
    accepted: Accepted = field(default_factory=Accepted)
    rows: list[Row] = field(default_factory=list)
    load: Load | None = None
    lag: LagWatch | None = None
    pause: float = SESSION_TIMEOUT + 5
    """How long the broker stays stopped (SIGSTOP): past the session timeout."""
    expected_parked: int = 0
    """Dead letters the current scenario is meant to make (its poison, once per group)."""
    shutdown: dict[str, tuple[float, int | None]] = field(default_factory=dict)
    """Each role's (seconds to exit, exit code) on the SIGTERM that ends the run."""
    seen: list[str] = field(default_factory=list)
    """Filed cases known visible everywhere: candidates for on-demand inquiries."""

    @classmethod
    def start(cls, state: Path, logs: Path, *, full: bool, rate: float,
              seconds: float) -> ChaosRun:
        """Stack up, every role started; on any failure or interrupt on the way, what
        was started is stopped again before the error goes on."""
        stack = ChaosStack(state)
        try:
            stack_env = stack.up()
        except BaseException:
            stack.down()
            raise
        tag = "chaos" + uuid.uuid4().hex[:8]
        settings = Settings(var_dir=logs / "var", postgres_dsn=stack_env["ZHIXING_PG_DSN"],
                            kafka_bootstrap=stack_env["ZHIXING_KAFKA_BOOTSTRAP"],
                            schema_prefix=tag, topic_namespace=tag,
                            cipher_key=new_cipher_key(), jwt_secret=uuid.uuid4().hex)
        (logs / "clock").write_text(NOW)
        env = process_env(settings, ZHIXING_CLOCK_FILE=str(logs / "clock"),
                          ZHIXING_KAFKA_CP=stack_env.get("ZHIXING_KAFKA_CP", ""))
        suite = ChaosSuite(env, logs)
        run = cls(stack, suite, settings, rate, seconds)
        try:
            run._add_roles(full)
            suite.start_all()
        except BaseException:
            run.close()
            raise
        return run

    def _add_roles(self, full: bool) -> None:
        """As scripts/cluster.sh; the short run leaves out the roles its load does not
        reach (credit's api and relay, publicity's api)."""
        suite = self.suite
        for service in ("cases", "assets"):
            suite.add(f"{service}-api", [service, "api"], api=True)
            suite.add(f"{service}-relay", [service, "relay"])
            suite.add(f"{service}-worker", [service, "worker"])
        suite.add("credit-worker", ["credit", "worker"])
        suite.add("publicity-worker", ["publicity", "worker"])
        if full:
            suite.add("credit-api", ["credit", "api"], api=True)
            suite.add("credit-relay", ["credit", "relay"])
            suite.add("publicity-api", ["publicity", "api"], api=True)
        suite.add("agency-sim", agency_sim_args("cluster", suite.env, "", AGENCIES), probes=False)

    # ---- the load ----------------------------------------------------------------------
    def effects(self) -> Effects | None:
        return Effects.read(self.settings.postgres_dsn, self.settings.schema_prefix)

    def warm_up(self, filings: int) -> None:
        """File a few cases and wait until they are visible: on-demand inquiries need
        cases assets has seen."""
        self.load = Load(self.suite.roles["cases-api"].target,
                         self.suite.roles["assets-api"].target, self.settings.jwt_secret,
                         self.accepted, self._ready, first_index=0)
        for index in range(filings):
            assert self.load.file(index), "a warm-up filing was refused"
        self.load.next_index = filings
        self._settle()
        self.lag = LagWatch([r.metrics for r in self.suite.roles.values()
                             if r.metrics_port is not None])

    def _ready(self) -> list[str]:
        """Cases every service has seen (known visible at the end of a scenario)."""
        return list(self.seen)

    # ---- one scenario ------------------------------------------------------------------
    def scenario(self, name: str, fault: Fault) -> Row:
        assert self.load is not None and self.lag is not None, "warm_up() first"
        row = Row(name)
        self.rows.append(row)  # shown even when the scenario fails half-way
        self.expected_parked = 0
        before = self._counts()
        earlier = self.accepted.copy()
        with self.accepted.lock:
            refusals_before = Counter(self.accepted.refusals)
        twice_before = self._twice()
        parked_before = dead_letter_count(self.settings.kafka_bootstrap,
                                          self.settings.topic_namespace)
        ticks = max(3, int(self.rate * self.seconds))
        first = self.load.next_index
        self.lag.start()
        self.load.start(self.rate, ticks)
        wait_until(lambda: self.load is not None and self.load.next_index - first >= ticks // 3,
                   timeout=self.seconds * 3 + 30, what="a third of the load to be sent")
        struck = time.monotonic()
        repaired, row.drain, row.note = fault(self)
        row.outage = repaired - struck
        row.recover = self._recovered(self.accepted.copy(), repaired)
        self.load.finish()
        self._settle()
        missing = self._missing(self.accepted.since(earlier))
        row.max_lag = self.lag.stop()
        after = self._counts()
        row.accepted = after[0] - before[0]
        row.refused = after[1] - before[1]
        row.lost = missing
        row.visible = row.accepted - missing
        row.twice = self._twice() - twice_before
        row.expected_parked = self.expected_parked
        row.parked = dead_letter_count(self.settings.kafka_bootstrap,
                                       self.settings.topic_namespace) - parked_before
        with self.accepted.lock:
            codes = self.accepted.refusals - refusals_before
        if codes:
            row.note += "; refused: " + ", ".join(f"{n} {c}" for c, n in sorted(codes.items()))
        died = self.suite.exited()
        if died:
            row.note += f"; exited: {', '.join(died)}"
        return row

    def _counts(self) -> tuple[int, int]:
        with self.accepted.lock:
            demanded = sum(1 for at in self.accepted.demanded.values() if at)
            return (len(self.accepted.filed) + demanded + len(self.accepted.paid),
                    self.accepted.refused)


    def _recovered(self, backlog: Accepted, repaired: float) -> float | None:
        """Seconds from the repair until the backlog is visible; None if it never is
        (within SETTLE_TIMEOUT: what stays missing is then counted as lost)."""
        while time.monotonic() < repaired + SETTLE_TIMEOUT:
            effects = self.effects()
            if effects is not None and effects.missing(backlog) == 0:
                return time.monotonic() - repaired
            time.sleep(0.1)  # polling interval of the read models
        return None

    def _settle(self) -> None:
        """Wait until every accepted command is visible (or the deadline). The cases
        seen everywhere become candidates for demands."""
        deadline = time.monotonic() + SETTLE_TIMEOUT
        while True:
            effects = self.effects()
            missing = effects.missing(self.accepted) if effects is not None else -1
            if missing == 0 or time.monotonic() > deadline:
                break
            time.sleep(0.25)  # polling interval of the read models
        if effects is not None:
            with self.accepted.lock:
                self.seen = [c for c in self.accepted.filed.values() if effects.visible(c)]

    def _missing(self, commands: Accepted) -> int:
        """Of `commands`, those whose effects are not visible (all of them while
        PostgreSQL does not answer)."""
        effects = self.effects()
        if effects is None:
            return len(commands.filed) + len(commands.demanded) + len(commands.paid)
        return effects.missing(commands)

    def _twice(self) -> int:
        effects = wait_until(self.effects, timeout=60, what="PostgreSQL to answer")
        return effects.twice(self.accepted)

    def close(self) -> list[int]:
        """Stop the load, every role (their exits in `shutdown`) and the stack; returns
        stray process ids."""
        if self.load is not None:
            self.load.close()
        if self.lag is not None:
            self.lag.stop()
        try:
            self.shutdown = self.suite.stop_all()
        finally:
            self.stack.down()
        return self.suite.strays()


# ---- the faults ------------------------------------------------------------------------
def terminated(role: str) -> Fault:
    """SIGTERM under load, measure the drain; then start it again."""

    def fault(run: ChaosRun) -> tuple[float, float | None, str]:
        drained, code = run.suite.terminate(role)
        note = (f"{role} exit {code}" if code is not None
                else f"{role} killed after the {GRACE_SECONDS:.0f} s grace period")
        return run.suite.restart(role), drained if code is not None else None, note

    return fault


def killed(role: str) -> Fault:
    def fault(run: ChaosRun) -> tuple[float, float | None, str]:
        run.suite.kill(role)
        return run.suite.restart(role), None, f"{role} SIGKILL"

    return fault


def broker_killed(run: ChaosRun) -> tuple[float, float | None, str]:
    run.stack.kill_kafka()
    run.stack.start_kafka()
    return time.monotonic(), None, "broker SIGKILL, restarted"


def postgres_killed(run: ChaosRun) -> tuple[float, float | None, str]:
    run.stack.kill_postgres()
    run.stack.start_postgres()
    return time.monotonic(), None, "postmaster + backends SIGKILL, restarted"


def broker_paused(run: ChaosRun) -> tuple[float, float | None, str]:
    run.stack.pause_kafka()
    try:
        time.sleep(run.pause)  # the fault's length, past the session timeout
    finally:
        run.stack.resume_kafka()
    return time.monotonic(), None, f"broker SIGSTOP {run.pause:.0f} s"


def poisoned(count: int) -> Fault:
    def fault(run: ChaosRun) -> tuple[float, float | None, str]:
        topic = run.settings.topic(CASES_EVENTS)
        places = poison(run.settings.kafka_bootstrap, topic, count)
        injected = time.monotonic()
        groups = dead_letters_hold_exactly(run.settings.kafka_bootstrap, topic, places)
        run.expected_parked = count * groups
        return injected, None, (f"{count} malformed on {CASES_EVENTS}: each of "
                                f"{groups} groups' DLQ holds exactly them")

    return fault


SCENARIOS: dict[str, Fault] = {
    "SIGTERM api": terminated("cases-api"),
    "SIGTERM relay": terminated("cases-relay"),
    "SIGTERM worker": terminated("assets-worker"),
    "kill -9 api": killed("cases-api"),
    "kill -9 relay": killed("cases-relay"),
    "kill -9 worker": killed("assets-worker"),
    "kill -9 broker": broker_killed,
    "kill -9 PostgreSQL": postgres_killed,
    "SIGSTOP broker": broker_paused,
    "poison → DLQ": poisoned(20),
}
SHORT = ("SIGTERM worker", "kill -9 relay", "kill -9 broker", "poison → DLQ")
"""The short run in `make test` (about 2 minutes on 2 cores); `make chaos` runs all."""


def chosen() -> list[str]:
    """CHAOS_SCENARIOS: "all", or names separated by commas; default the short run."""
    wanted = os.environ.get("CHAOS_SCENARIOS", "")
    if wanted == "all":
        return list(SCENARIOS)
    if not wanted:
        return list(SHORT)
    names = [n.strip() for n in wanted.split(",") if n.strip()]
    unknown = [n for n in names if n not in SCENARIOS]
    assert not unknown, f"CHAOS_SCENARIOS: unknown {unknown}; known: {list(SCENARIOS)}"
    return names
