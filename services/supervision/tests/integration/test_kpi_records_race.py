"""Two topics' KPI consumers refreshing one case's record at once (issue 16, R33): the
record must hold both facts, whichever commits last. Real PostgreSQL (READ COMMITTED:
each statement reads what was committed when it started)."""

from __future__ import annotations

import threading

import pytest

from testkit.assets import cloud_event
from testkit.waiting import wait_until
from zhixing.supervision.projections.case_kpis import CaseKpiView

from .read_support import cipher, closed, feed, filed, inquiry, kpi_store, subject_of

pytestmark = pytest.mark.connected


def test_a_closure_is_kept_when_another_topics_fact_of_the_case_is_refreshed_at_once(tmp_path):
    store = kpi_store("postgres", tmp_path)
    view = CaseKpiView(cipher())
    feed(store, view, [filed(1, "2026-01-05")])

    def delivered(event, position):  # type: ignore[no-untyped-def]
        return cloud_event(event.event_type, subject_of(event), event.model_dump(mode="json"),
                           position)

    first_handled, commit_first = threading.Event(), threading.Event()

    def closure_consumer() -> None:  # the cases part: CaseClosed, committed last but one
        with store.transaction() as cur:
            view.handle(delivered(closed(1, "2026-03-01"), 10), cur)
            first_handled.set()
            commit_first.wait(60)

    def inquiry_consumer() -> None:  # the assets part, the same case, at the same time
        first_handled.wait(60)
        with store.transaction() as cur:
            view.handle(delivered(inquiry(1, "2026-02-01"), 11), cur)

    threads = [threading.Thread(target=closure_consumer), threading.Thread(target=inquiry_consumer)]
    for thread in threads:
        thread.start()
    try:
        wait_until(lambda: _waiting_on_a_lock(store) >= 1, timeout=30,
                   what="the second consumer waiting for the first's transaction")
    finally:
        commit_first.set()
        for thread in threads:
            thread.join(60)
    with store.transaction(read_only=True) as cur:
        cur.execute("SELECT closed_on, closure FROM supervision_kpi_records")
        assert cur.fetchall() == [("2026-03-01", "executed_in_full")]
    store.close()


def _waiting_on_a_lock(store) -> int:  # type: ignore[no-untyped-def]
    with store.transaction(read_only=True) as cur:
        cur.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'")
        return int(cur.fetchone()[0])
