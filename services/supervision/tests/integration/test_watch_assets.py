"""The assets watch with the real supervision application, in the consumer's transaction
(it keeps the overdue agency requests): an agency silent past its deadline (R41) raises an
alert that its late answer — the inquiry's result published again without it — closes,
while a still-silent agency's stays; a re-query's result closes the sweep's R18 alert;
the first inquiry closes an overdue investigation node (R27) — or, seen before the node
was reported overdue, keeps a timely one from being raised. The application on SQLite with
a fixed clock; the consumers' store on SQLite and, connected, PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from testkit.assets import cloud_event
from testkit.stack import stack_settings
from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.assets import v1 as assets
from zhixing.contracts.events.cases.v1 import NodeOverdue
from zhixing.eventstore.settings import Settings
from zhixing.eventstore.sql import SqlStore
from zhixing.kernel.calendar import WorkingCalendar
from zhixing.kernel.clock import FixedClock
from zhixing.security.audit_keys import KeyRing
from zhixing.supervision.application import SupervisionApplication
from zhixing.supervision.domain.alert import Alert
from zhixing.supervision.domain.values import AlertStatus
from zhixing.supervision.policies.watch import CasesWatch, Watch
from zhixing.supervision.policies.watch_assets import AssetsWatch

CASE_ID = "7f1c2a9e-0000-4000-8000-000000000015"
CASE_NUMBER = "(2026)川0104执15号"
COURT = "川0104"
INQUIRY = "1a2b3c4d-0000-4000-8000-000000000041"
ICBC, CCB = "bank.icbc", "bank.ccb"


@dataclass(frozen=True)
class Due:
    case_id: str
    case_number: str
    court_code: str
    due_on: date


class Requeries:
    """The KPI read model's place: one re-query due on 1 February (R18)."""

    def requeries_due(self, today: date) -> list[Due]:
        return [Due(CASE_ID, CASE_NUMBER, COURT, date(2026, 2, 1))]


class Numbers:
    def case_number(self, case_id: str) -> str:
        return CASE_NUMBER


@pytest.fixture
def app(tmp_path) -> Iterator[SupervisionApplication]:
    made = SupervisionApplication(
        Settings(var_dir=tmp_path), clock=FixedClock(datetime(2026, 3, 2, 2, 0, tzinfo=UTC)),
        calendar=WorkingCalendar(), chain_keys=KeyRing.ephemeral(), requeries=Requeries())
    yield made
    made.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.connected)])
def store(request, tmp_path) -> Iterator[SqlStore]:
    """The consumers' store with the watches' tables, on SQLite and (connected)
    PostgreSQL."""
    views = tmp_path / "views"
    settings = Settings(var_dir=views) if request.param == "sqlite" else stack_settings(views)
    found = settings.sql_store("supervision")
    AssetsWatch.migrate(found)
    yield found
    found.close()


def deliver(store: SqlStore, watch: Watch, *events: IntegrationEvent) -> None:
    """One transaction a delivery, as the tracked consumer runs a cursor-writing handler."""
    for position, event in enumerate(events, 1):
        with store.transaction() as cursor:
            watch.handle(cloud_event(event.event_type, INQUIRY, event.model_dump(mode="json"),
                                     position), cursor)


def silent(agency: str) -> assets.AgencyAnswerOverdue:
    return assets.AgencyAnswerOverdue(
        inquiry_id=INQUIRY, case_id=CASE_ID, court_code=COURT, request_id=f"{INQUIRY}:{agency}",
        agency_id=agency, agency_kind="bank_deposit", reply_by="2026-02-27T17:00:00+08:00")


def result(overdue: list[str], revision: int, requery: bool = False,
           on: str = "2026-03-04") -> assets.NetworkInquiryCompleted:
    return assets.NetworkInquiryCompleted(
        inquiry_id=INQUIRY, case_id=CASE_ID, court_code=COURT,
        debtor_identity_number="510104198003121234", completed_on=on,
        agency_kinds=["vehicle"], disposable_property_found=False, requery=requery,
        overdue_agency_ids=overdue, revision=revision)


def investigation_overdue() -> NodeOverdue:
    return NodeOverdue(case_id=CASE_ID, case_number=CASE_NUMBER, court_code=COURT,
                       node="investigation", rule="R27", due_on="2026-03-01")


def alert_of(app: SupervisionApplication, kind: str, subject: str) -> Alert:
    return app.alert(Alert.breach_id(kind, COURT, CASE_ID, subject))


class TestAgencyOverdue:
    """R41: an assisting agency answers by its deadline."""

    def test_an_alert_due_on_the_deadlines_day_when_an_agency_is_silent(self, app, store):
        deliver(store, AssetsWatch(app, Numbers()), silent(ICBC))
        alert = alert_of(app, "agency_overdue", f"{INQUIRY}:{ICBC}")
        assert (alert.rule, alert.case_number, alert.act_by_role, alert.due_on,
                alert.status) == ("R41", CASE_NUMBER, "officer", date(2026, 2, 27),
                                  AlertStatus.OPEN)

    def test_only_the_late_answerers_alert_closes_when_the_result_is_revised(self, app,
                                                                             store):
        watch = AssetsWatch(app, Numbers())
        deliver(store, watch, silent(ICBC), silent(CCB), result([ICBC, CCB], 0),
                result([CCB], 1, on="2026-03-06"))
        late, still = (alert_of(app, "agency_overdue", f"{INQUIRY}:{a}") for a in (ICBC, CCB))
        assert (late.status, late.closed_on, late.closed_by_event) == (
            AlertStatus.CLOSED, date(2026, 3, 6), "cn.zhixing.assets.v1.NetworkInquiryCompleted")
        assert still.status is AlertStatus.OPEN

    def test_the_alert_closes_when_the_agency_answers_before_the_inquiry_completes(
            self, app, store):
        # Overdue, then answered late while others were still pending: the first result
        # already leaves it out.
        deliver(store, AssetsWatch(app, Numbers()), silent(ICBC), result([], 0))
        assert alert_of(app, "agency_overdue", f"{INQUIRY}:{ICBC}").status is AlertStatus.CLOSED

    def test_nothing_more_is_closed_when_the_result_is_delivered_again(self, app, store):
        watch = AssetsWatch(app, Numbers())
        deliver(store, watch, silent(ICBC), result([], 0))
        before = app.max_notification_id()
        deliver(store, watch, result([], 0))
        assert app.max_notification_id() == before


class TestInquiryResult:
    def test_the_investigation_node_alert_closes_when_the_inquiry_completes(self, app, store):
        # R27: the property investigation node; its act is the assets service's.
        deliver(store, CasesWatch(app, Numbers()), investigation_overdue())
        deliver(store, AssetsWatch(app, Numbers()), result([], 0))
        assert alert_of(app, "node_overdue", "investigation").status is AlertStatus.CLOSED

    def test_nothing_is_raised_when_the_inquiry_had_completed_by_the_last_day(self, app,
                                                                               store):
        # The cases service flagged it before hearing of the result (another topic).
        deliver(store, AssetsWatch(app, Numbers()), result([], 0, on="2026-02-26"))
        deliver(store, CasesWatch(app, Numbers()), investigation_overdue())
        assert app.max_notification_id() == 0

    def test_raised_and_closed_on_the_results_day_when_it_completed_late(self, app, store):
        # Two inquiries (two debtors), their results in either order: the first counts.
        deliver(store, AssetsWatch(app, Numbers()), result([], 0, on="2026-03-09"),
                result([], 0, on="2026-03-04"))
        deliver(store, CasesWatch(app, Numbers()), investigation_overdue())
        alert = alert_of(app, "node_overdue", "investigation")
        assert (alert.due_on, alert.status, alert.closed_on, alert.closed_by_event) == (
            date(2026, 3, 1), AlertStatus.CLOSED, date(2026, 3, 4),
            "cn.zhixing.assets.v1.NetworkInquiryCompleted")

    def test_the_sweeps_requery_alert_closes_when_the_requery_completes(self, app, store):
        # R18: the sweep raised it (subject requery:<date>); a first inquiry does not close it.
        assert app.sweep() == 1
        watch = AssetsWatch(app, Numbers())
        deliver(store, watch, result([], 0))
        assert alert_of(app, "requery_missing", "requery:2026-02-01").status is AlertStatus.OPEN
        deliver(store, watch, result([], 0, requery=True))
        assert alert_of(app, "requery_missing",
                        "requery:2026-02-01").status is AlertStatus.CLOSED
