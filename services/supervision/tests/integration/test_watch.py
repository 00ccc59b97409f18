"""The watch with the real supervision application (R36): an overdue node raises an alert
that the act closes, a moved deadline missed again is a new breach, a closed case closes
them all; what the application publishes lists the alert in the alert index, open and
then closed. SQLite, a fixed clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from testkit.assets import cloud_event
from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.cases import v1 as cases
from zhixing.contracts.events.credit.v1 import ListingRemoved
from zhixing.contracts.events.relief import v1 as relief
from zhixing.eventstore.settings import Settings
from zhixing.eventstore.sql import SqlStore
from zhixing.kernel.calendar import WorkingCalendar
from zhixing.kernel.clock import FixedClock
from zhixing.messaging.consumer import Handler
from zhixing.security.audit_keys import KeyRing
from zhixing.supervision.application import SupervisionApplication
from zhixing.supervision.domain.alert import Alert
from zhixing.supervision.domain.case_alerts import CaseAlerts
from zhixing.supervision.domain.values import AlertStatus
from zhixing.supervision.outbound import mapping_for
from zhixing.supervision.policies.watch import CasesWatch, CreditWatch, ReliefWatch
from zhixing.supervision.policies.watch_assets import AssetsWatch
from zhixing.supervision.projections.alert_index import AlertIndex, AlertQueries

CASE_ID = "7f1c2a9e-0000-4000-8000-000000000015"
CASE_NUMBER = "(2026)川0104执15号"
COURT = "川0104"
APPLICATION = "5e1a9d0c-0000-4000-8000-000000000001"


class NoRequeries:
    def requeries_due(self, today: date) -> list[object]:
        return []


class Numbers:
    """The KPI read model's 案号 lookup."""

    def case_number(self, case_id: str) -> str:
        return CASE_NUMBER if case_id == CASE_ID else ""


@pytest.fixture
def app(tmp_path) -> Iterator[SupervisionApplication]:
    made = SupervisionApplication(
        Settings(var_dir=tmp_path), clock=FixedClock(datetime(2026, 3, 2, 2, 0, tzinfo=UTC)),
        calendar=WorkingCalendar(), chain_keys=KeyRing.ephemeral(), requeries=NoRequeries())
    yield made
    made.close()


@pytest.fixture
def views(tmp_path) -> Iterator[SqlStore]:
    """The consumers' store, with the watches' tables."""
    store = Settings(var_dir=tmp_path / "views").sql_store("supervision")
    AssetsWatch.migrate(store)
    yield store
    store.close()


def deliver(views: SqlStore, watch: Handler, *events: IntegrationEvent) -> None:
    """As the consumer delivers: one transaction a delivery on the consumers' store (the
    watch writes through the application and reads the watches' tables)."""
    for position, event in enumerate(events, 1):
        with views.transaction() as cursor:
            watch.handle(cloud_event(event.event_type, CASE_ID,
                                     event.model_dump(mode="json"), position), cursor)


def head() -> dict[str, str]:
    return {"case_id": CASE_ID, "case_number": CASE_NUMBER, "court_code": COURT}


def overdue(node: str, due_on: str = "2026-02-20", rule: str = "R27") -> cases.NodeOverdue:
    return cases.NodeOverdue(**head(), node=node, rule=rule, due_on=due_on, team="执行一组")


def assigned() -> cases.CaseAssigned:
    return cases.CaseAssigned(**head(), team="执行一组", lead_officer="officer-1",
                              assigned_on="2026-03-03")


def alert_of(app: SupervisionApplication, kind: str, subject: str) -> Alert:
    return app.alert(Alert.breach_id(kind, COURT, CASE_ID, subject))


class TestNodeAlert:
    """R26–R28 through the application: raised once, closed by the act."""

    def test_the_alert_closes_naming_the_act_when_the_overdue_node_is_done(self, app, views):
        deliver(views, CasesWatch(app, Numbers()), overdue("assign"), overdue("assign"), assigned())
        alert = alert_of(app, "node_overdue", "assign")
        assert (alert.rule, alert.case_number, alert.act_by, alert.due_on) == (
            "R27", CASE_NUMBER, "执行一组", date(2026, 2, 20))
        assert [(s.what, s.on) for s in alert.timeline] == [
            ("raised", date(2026, 3, 2)), ("closed", date(2026, 3, 3))]
        assert alert.closed_by_event == "cn.zhixing.cases.v1.CaseAssigned"

    def test_a_new_alert_when_the_extended_limit_is_missed_again(self, app, views):
        watch = CasesWatch(app, Numbers())
        deliver(views, watch, overdue("close", rule="R26"), cases.DeadlineExtended(
            **head(), node="close", due_on="2026-06-20", approved_by="president-1"))
        deliver(views, watch, overdue("close", "2026-06-20", "R26"))
        again = alert_of(app, "node_overdue", "close@2026-06-20")
        assert (alert_of(app, "node_overdue", "close").status, again.status, again.due_on) == (
            AlertStatus.CLOSED, AlertStatus.OPEN, date(2026, 6, 20))

    def test_the_waiting_alerts_close_and_a_breach_stays_open_when_the_case_is_closed(
            self, app, views):
        """The acts no longer owed close with the case; a late removal (R8, a breach
        already done) waits for a person to look into it (R36)."""
        deliver(views, CasesWatch(app, Numbers()), overdue("notice"), overdue("investigation"))
        deliver(views, CreditWatch(app, Numbers()), ListingRemoved(
            listing_id="l-1", court_code=COURT, debtor_identity_number="510104198003121234",
            case_id=CASE_ID, reason=1, triggered_on="2026-03-02", remove_by="2026-03-05",
            removed_on="2026-03-09"))
        deliver(views, CasesWatch(app, Numbers()), cases.CaseClosed(
            **head(), closure="executed_in_full", closed_on="2026-03-10", recovered_fen=1,
            respondents=[]))
        alerts = [alert_of(app, "node_overdue", "notice"),
                  alert_of(app, "node_overdue", "investigation")]
        assert {(a.status, a.closed_on) for a in alerts} == {
            (AlertStatus.CLOSED, date(2026, 3, 10))}
        assert alert_of(app, "removal_late", "l-1").status is AlertStatus.OPEN

    def test_the_procuratorial_and_suggestion_alerts_stay_open_when_the_case_is_closed(
            self, app, views):
        """R34/R37: the reply owed to the procuratorate and the recipient's handling do
        not end with the case — only the reply or the handling closes their alerts."""
        matter = app.receive_matter(
            "suggestion", court_code=COURT, document_number="川检建〔2025〕1号",
            procuratorate="某区人民检察院", case_id=CASE_ID, case_number=CASE_NUMBER,
            received_on=date(2025, 11, 20), summary="", by="clerk-1")
        app.send_suggestion("judicial", court_code=COURT, recipient="某区住建局",
                            agency_id="", case_id=CASE_ID, document_number="(2025)川0104司建1号",
                            reason="逾期未协助", sent_on=date(2025, 12, 1), by="president-1")
        assert app.sweep() == 2
        deliver(views, CasesWatch(app, Numbers()), cases.CaseClosed(
            **head(), closure="executed_in_full", closed_on="2026-03-10", recovered_fen=1,
            respondents=[]))
        matter_alert = alert_of(app, "procuratorial_overdue", str(matter.id))
        assert matter_alert.status is AlertStatus.OPEN
        assert [a.status for a in alerts_of_kind(app, "suggestion_overdue")] == [
            AlertStatus.OPEN]
        app.record_reply(matter.id, replied_on=date(2026, 3, 2), document_number="复函1号",
                         by="president-1")
        assert alert_of(app, "procuratorial_overdue", str(matter.id)).status is (
            AlertStatus.CLOSED)


def alerts_of_kind(app: SupervisionApplication, kind: str) -> list[Alert]:
    found = app.repository.get(CaseAlerts.create_id(CASE_ID))
    return [app.alert(a) for a in found.open_ids([kind])]


class TestReliefAlert:
    def test_the_decision_alert_closes_when_the_application_is_approved(self, app, views):
        base = {"application_id": APPLICATION, "relief_case_number": "(2026)川0104司救执1号",
                "case_id": CASE_ID, "court_code": COURT}
        deliver(views, ReliefWatch(app, Numbers()),
                relief.ReliefStepOverdue(**base, step="decision", due_on="2026-02-27",
                                         detected_on="2026-03-02", act_by_role="president"),
                relief.ReliefApproved(**base, amount_fen=1, fund_year=2026,
                                      decided_on="2026-03-04"))
        alert = alert_of(app, "relief_overdue", f"{APPLICATION}:decision")
        assert (alert.rule, alert.act_by_role, alert.status, alert.closed_on) == (
            "R31", "president", AlertStatus.CLOSED, date(2026, 3, 4))


class TestListedInTheIndex:
    """What the application publishes feeds ListAlerts (the index follows the topic)."""

    def test_the_alert_is_listed_open_then_closed_when_the_act_arrives(self, app, views, tmp_path):
        store = Settings(var_dir=tmp_path / "views").sql_store("supervision")
        AlertIndex.migrate(store)
        queries, position = AlertQueries(store), [0]

        def catch_up() -> dict[str, str]:
            mapping = mapping_for(app)
            for notification_id, domain_event in app.read_notifications(position[0],
                                                                    limit=1000):
                for event in mapping(domain_event):
                    with store.transaction() as cursor:
                        AlertIndex().handle(cloud_event(
                            event.event_type, "a", event.model_dump(mode="json"),
                            notification_id), cursor)
                position[0] = notification_id
            rows, _ = queries.list(("川",))
            return {row.subject: row.status for row in rows}

        try:
            deliver(views, CasesWatch(app, Numbers()), overdue("assign"))
            assert catch_up() == {"assign": "open"}
            deliver(views, CasesWatch(app, Numbers()), assigned())
            assert catch_up() == {"assign": "closed"}
        finally:
            store.close()
