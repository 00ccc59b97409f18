"""The e2e layer's fixtures: every scenario's processes, and the personal-data scanner
that reads everything they emitted once the scenario is over (issue 12, R60)."""

from __future__ import annotations

import grpc
import pytest

from testkit.pii.recording import recording_channels
from testkit.pii.watch import SCANNED_ENV, PiiWatch
from testkit.processes import Processes

_WATCH = pytest.StashKey[PiiWatch]()


@pytest.fixture(scope="session")
def pii_watch(request):
    """The session's scanner; every gRPC channel the tests open is recorded."""
    watch = PiiWatch()
    request.config.stash[_WATCH] = watch
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(grpc, "insecure_channel", recording_channels(lambda: watch.record))
        yield watch


@pytest.fixture
def processes(tmp_path, pii_watch):
    """The scenario's processes; once it is over, its pages, RPC answers and errors,
    logs, spans and dead letters are scanned, and a full personal number fails it."""
    running = Processes(tmp_path, extra_env=SCANNED_ENV, output_apart=True)
    pii_watch.begin()
    yield running
    findings = pii_watch.finish(running)
    if findings:
        listed = "\n".join(f"  {finding}" for finding in findings[:20])
        pytest.fail(f"{len(findings)} full personal numbers where no one may read them "
                    f"(R60, DESIGN §8):\n{listed}", pytrace=False)


def pytest_terminal_summary(terminalreporter, config):  # type: ignore[no-untyped-def]
    watch = config.stash.get(_WATCH, None)
    if watch is not None and watch.scenarios:
        terminalreporter.write_line(watch.summary())
