"""The chaos run: one stack of its own and one suite for every scenario of the session,
stopped whatever happens; the table of figures printed at the end and written to
var/chaos/report.md."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from testkit.chaos import SESSION_TIMEOUT, ChaosRun
from testkit.chaos_measure import shutdown_table, table
from testkit.chaos_suite import GRACE_SECONDS

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "var" / "chaos"
_ROWS = pytest.StashKey[list]()


def bounded(name: str, default: float, low: float, high: float) -> float:
    """A number from the environment, refused outside [low, high] (the run stays bounded)."""
    value = float(os.environ.get(name, default))
    if not low <= value <= high:
        raise pytest.UsageError(f"{name}={value}: must be between {low} and {high}")
    return value


@pytest.fixture(scope="session")
def chaos_run(request):
    """Stack, suite, warm-up; afterwards every process stopped and none left behind."""
    full = os.environ.get("CHAOS_SCENARIOS") == "all"
    rate = bounded("CHAOS_RATE", 4 if full else 2, 0.5, 20)
    seconds = bounded("CHAOS_SECONDS", 30 if full else 12, 3, 120)
    logs = OUT / "logs"
    shutil.rmtree(logs, ignore_errors=True)
    logs.mkdir(parents=True)
    run = None
    try:
        run = ChaosRun.start(OUT / "stack", logs, full=full, rate=rate, seconds=seconds)
        run.pause = bounded("CHAOS_PAUSE", run.pause, SESSION_TIMEOUT + 1, 120)
        request.config.stash[_ROWS] = run.rows
        run.warm_up(max(6, int(rate * seconds) // 2))
        yield run
    finally:
        strays = run.close() if run is not None else []
        if run is not None:
            write_report(run)
        assert not strays, f"processes left running: {strays}"
        unclean = {n: e for n, e in (run.shutdown if run else {}).items() if e[1] != 0}
        assert not unclean, f"roles that did not drain and exit 0 on SIGTERM: {unclean}"
        left = subprocess.run(["pgrep", "-f", str(OUT / "stack")], capture_output=True,
                              text=True, check=False).stdout.split()
        assert not left, f"servers of the chaos stack left running: {left}"


def write_report(run: ChaosRun) -> None:
    heading = (f"Load: {run.rate:g} ticks/s for {run.seconds:g} s per scenario "
               "(a tick: FileCase; every other tick also StartInquiry and RecordPayment); "
               f"{len(run.suite.roles)} processes.\n\n")
    shutdown = ("\nEvery role stopped at once at the end (SIGTERM; grace "
                f"{GRACE_SECONDS:.0f} s):\n\n{shutdown_table(run.shutdown)}" if run.shutdown else "")
    (OUT / "report.md").write_text(heading + table(run.rows) + shutdown)


def pytest_terminal_summary(terminalreporter, config):  # type: ignore[no-untyped-def]
    rows = config.stash.get(_ROWS, None)
    if rows:
        terminalreporter.write_sep("=", "chaos: failures with figures")
        terminalreporter.write_line((OUT / "report.md").read_text()
                                    if (OUT / "report.md").exists() else table(rows))
        terminalreporter.write_line(f"(written to {OUT / 'report.md'})")
