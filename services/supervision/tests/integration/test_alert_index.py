"""ListAlerts (R36): the alerts of a scope of courts (R39 prefixes; 成渝 is 川 and 渝) from
the supervision service's own events — one row each, its life moving forward only,
whatever the order or the repeats; pages and counts. On SQLite and, connected, PostgreSQL."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from testkit.assets import cloud_event
from testkit.stack import stack_settings
from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.supervision.v1 import AlertAcknowledged, AlertClosed, AlertRaised
from zhixing.eventstore.settings import Settings
from zhixing.eventstore.sql import SqlStore
from zhixing.kernel.errors import InvalidInput
from zhixing.messaging.consumer import Handler
from zhixing.supervision.projections.alert_index import AlertIndex, AlertQueries

CASE_ID = "7f1c2a9e-0000-4000-8000-000000000015"


def settings_for(backend: str, var_dir: Path) -> Settings:
    return Settings(var_dir=var_dir) if backend == "sqlite" else stack_settings(var_dir)


def deliver(store: SqlStore, handler: Handler, events: list[IntegrationEvent]) -> None:
    """Each event in its own transaction, as the consumer delivers them."""
    for position, event in enumerate(events, 1):
        with store.transaction() as cursor:
            handler.handle(cloud_event(event.event_type, "s", event.model_dump(mode="json"),
                                       position), cursor)


def alert_id(n: int) -> str:
    return f"0a1e7000-0000-5000-8000-{n:012d}"


def raised(n: int, court: str = "川0104", kind: str = "node_overdue",
           on: str = "2026-03-02") -> AlertRaised:
    return AlertRaised(alert_id=alert_id(n), court_code=court, kind=kind, rule="R27",
                       case_id=CASE_ID, case_number="(2026)川0104执15号", subject="notice",
                       act_by_role="officer", act_by="执行一组", due_on="2026-02-20",
                       raised_on=on)


def acknowledged(n: int, court: str = "川0104") -> AlertAcknowledged:
    return AlertAcknowledged(alert_id=alert_id(n), court_code=court, by="officer-1",
                             acknowledged_on="2026-03-03")


def closed(n: int, court: str = "川0104") -> AlertClosed:
    return AlertClosed(alert_id=alert_id(n), court_code=court, closed_on="2026-03-04",
                       by_event="cn.zhixing.cases.v1.ExecutionNoticeServed")


LIFE = [raised(1), acknowledged(1), closed(1),
        raised(2, kind="measure_expiring", on="2026-03-03"), acknowledged(2),
        raised(3, court="川0105", kind="removal_late", on="2026-03-04"),
        raised(4, court="川01", on="2026-03-05"),
        raised(5, court="渝0103", kind="relief_overdue", on="2026-03-06"),
        raised(6, court="京0105", on="2026-03-07")]
"""1 closed, 2 acknowledged, 3–6 open: three in 川, one in 渝, one in 京."""


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.connected)])
def store(request, tmp_path):
    found = settings_for(request.param, tmp_path).sql_store("supervision")
    AlertIndex.migrate(found)
    yield found
    found.close()


@pytest.fixture
def queries(store) -> AlertQueries:
    deliver(store, AlertIndex(), LIFE)
    return AlertQueries(store)


def listed(queries: AlertQueries, scope=("川",), **filters) -> dict[str, object]:
    found, _ = queries.list(scope, page_size=500, **filters)
    return {row.alert_id: row for row in found}


class TestListed:
    def test_each_alert_shows_its_rule_case_who_acts_and_life_when_listed(self, queries):
        row = listed(queries)[alert_id(1)]
        assert (row.kind, row.rule, row.case_number, row.subject, row.act_by_role,
                row.act_by, row.due_on, row.raised_on) == (
            "node_overdue", "R27", "(2026)川0104执15号", "notice", "officer", "执行一组",
            "2026-02-20", "2026-03-02")
        assert (row.status, row.acknowledged_by, row.acknowledged_on, row.closed_on,
                row.closed_by_event, row.closed_by) == (
            "closed", "officer-1", "2026-03-03", "2026-03-04",
            "cn.zhixing.cases.v1.ExecutionNoticeServed", "")

    def test_only_the_courts_of_the_scope_are_listed_when_scoped(self, queries):
        assert set(listed(queries, ("川0104",))) == {alert_id(1), alert_id(2)}
        assert set(listed(queries, ("川",))) == {alert_id(n) for n in (1, 2, 3, 4)}
        assert set(listed(queries, ("川", "渝"))) == {alert_id(n) for n in (1, 2, 3, 4, 5)}

    def test_only_that_status_or_kind_is_listed_when_filtered(self, queries):
        assert set(listed(queries, status="acknowledged")) == {alert_id(2)}
        assert set(listed(queries, status="open", kind="node_overdue")) == {alert_id(4)}

    def test_the_pages_cover_every_alert_once_newest_first_when_followed(self, queries):
        seen, token = [], ""
        while True:
            page, token = queries.list(("川", "渝"), page_size=2, page_token=token)
            seen += [row.alert_id for row in page]
            if not token:
                break
        assert seen == [alert_id(n) for n in (5, 4, 3, 2, 1)]

    def test_a_bad_filter_scope_or_token_is_refused_naming_the_field(self, queries):
        for bad, field in (({"status": "done"}, "status"), ({"kind": "late"}, "kind"),
                           ({"page_token": "x1"}, "page_token"),
                           ({"page_token": "9" * 40}, "page_token")):
            with pytest.raises(InvalidInput, match=rf"\[{field}\]"):
                queries.list(("川",), **bad)
        for scope in ((), ("",), ("川" * 21,)):
            with pytest.raises(InvalidInput, match=r"R39 \[court_code\]"):
                queries.list(scope)

    def test_a_prefix_is_not_a_pattern_when_it_holds_a_wildcard(self, queries):
        assert listed(queries, ("%",)) == {} and listed(queries, ("_",)) == {}


class TestCounts:
    def test_the_scopes_alerts_are_counted_by_kind_and_status(self, queries):
        assert queries.counts(("川",)) == {
            "node_overdue": {"closed": 1, "open": 1}, "measure_expiring": {"acknowledged": 1},
            "removal_late": {"open": 1}}


class TestOfCase:
    """A case file's alerts (GetCaseFile, issue 16): the case's, newest first, bounded."""

    EVERY = ("川", "渝", "京")

    def test_the_cases_alerts_are_listed_newest_first_when_a_case_file_reads_them(self, queries):
        assert [row.alert_id for row in queries.of_case(CASE_ID, self.EVERY)] == [
            alert_id(n) for n in (6, 5, 4, 3, 2, 1)]

    def test_at_most_the_limit_is_listed_when_a_case_has_more(self, queries):
        assert [row.alert_id for row in queries.of_case(CASE_ID, self.EVERY, limit=2)] == [
            alert_id(6), alert_id(5)]

    def test_only_the_scopes_alerts_are_listed_when_other_courts_name_the_case(self, queries):
        # R39: 川0104 reads its own, not 川01's above it, nor 渝's or 京's.
        assert [row.alert_id for row in queries.of_case(CASE_ID, ("川0104",))] == [
            alert_id(2), alert_id(1)]

    def test_no_alert_is_listed_when_the_case_has_none(self, queries):
        assert queries.of_case("7f1c2a9e-0000-4000-8000-000000000099", self.EVERY) == []


class TestOrder:
    def test_the_same_rows_result_when_events_repeat_or_come_in_another_order(self, store,
                                                                              tmp_path):
        events = LIFE * 2
        random.Random(15).shuffle(events)
        deliver(store, AlertIndex(), events)
        other = Settings(var_dir=tmp_path / "in-order").sql_store("supervision")
        AlertIndex.migrate(other)
        deliver(other, AlertIndex(), LIFE)
        try:
            assert listed(AlertQueries(store), ("川", "渝", "京")) == listed(
                AlertQueries(other), ("川", "渝", "京"))
        finally:
            other.close()

    def test_a_closed_alert_stays_closed_when_its_acknowledgement_comes_after(self, store):
        deliver(store, AlertIndex(), [raised(1), closed(1), acknowledged(1)])
        assert listed(AlertQueries(store))[alert_id(1)].status == "closed"
