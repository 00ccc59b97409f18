"""Commands racing in two applications on one store — SQLite, and (connected) PostgreSQL
— (two 'processes', several threads each): a breach is raised once (R36), a case's
register of open alerts loses none of them (so closing the case closes every one), and a
court's interference register stays one unbroken chain (R35)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest

from testkit.stack import stack_settings
from zhixing.eventstore.settings import Settings
from zhixing.supervision.application import SupervisionApplication
from zhixing.supervision.domain.values import AlertStatus

from .app_kit import (  # noqa: F401  (fixtures)
    CASE_ID,
    COURT,
    alerts_in,
    app_fixture,
    calendar_fixture,
    clock_fixture,
    keys_fixture,
    node_alert,
    open_in_case,
    record,
    requeries_fixture,
)

THREADS = 8


@pytest.fixture(name="make_app", params=[
    "sqlite", pytest.param("postgres", marks=pytest.mark.connected)])
def make_app_fixture(request, tmp_path, clock, requeries, keys,
                     calendar) -> Iterator[Callable[[], SupervisionApplication]]:
    """Supervision applications on one store — a SQLite file, or (connected) one
    PostgreSQL schema: each call is another 'process'."""
    settings = (Settings(var_dir=tmp_path) if request.param == "sqlite"
                else stack_settings(tmp_path))
    made: list[SupervisionApplication] = []

    def make() -> SupervisionApplication:
        made.append(SupervisionApplication(settings, clock=clock, calendar=calendar,
                                           chain_keys=keys, requeries=requeries))
        return made[-1]

    yield make
    for app in made:
        app.close()


def race(apps: list[Any], act: Callable[[Any, int], Any]) -> list[Any]:
    """`act(app, n)` for n in 0..THREADS-1 at once, alternating the applications; the
    results in order (an exception is re-raised)."""
    results: list[Any] = [None] * THREADS
    failed: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def run(n: int) -> None:
        start.wait()
        try:
            results[n] = act(apps[n % len(apps)], n)
        except BaseException as error:  # handed to the test thread
            failed.append(error)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    if failed:
        raise failed[0]
    return results


class TestRaces:
    def test_a_breach_is_raised_once_when_reported_eight_times_at_once(self, make_app):
        apps = [make_app(), make_app()]
        raised = race(apps, lambda app, n: node_alert(app))
        assert sum(alert is not None for alert in raised) == 1
        assert len(alerts_in(apps[0])) == 1

    def test_the_case_keeps_every_open_alert_when_eight_are_raised_at_once(self, make_app):
        apps = [make_app(), make_app()]
        raised = race(apps, lambda app, n: node_alert(app, f"node-{n}"))
        assert sorted(open_in_case(apps[0])) == sorted(a.id for a in raised)
        assert apps[1].close_case_alerts(CASE_ID, on=date(2026, 3, 5),
                                         by_event="cn.zhixing.cases.v1.CaseClosed") == THREADS
        assert {a.status for a in alerts_in(apps[0])} == {AlertStatus.CLOSED}

    def test_the_register_stays_one_chain_when_eight_records_are_made_at_once(self, make_app):
        apps = [make_app(), make_app()]
        race(apps, lambda app, n: app.record_interference(
            COURT, record(), by="judge-7", recorded_on=date(2026, 3, 2), record_id=f"r-{n}"))
        entries = apps[0].register_entries(COURT)
        assert [e.seq for e in entries] == list(range(1, THREADS + 1))
        check = apps[1].verify_register(COURT)
        assert (check.ok, check.checked) == (True, THREADS)
