"""What the supervision application tests share: the application on SQLite (a file in the
test's folder) with a fixed clock, the bundled calendar, ephemeral chain keys and the
re-queries due as a plain list (the KPI read model's place); a case, a court, an
interference record whose names and request no event may show (R35), and the
integration events the log maps to."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import pytest

from zhixing.eventstore.settings import Settings
from zhixing.kernel.calendar import WorkingCalendar
from zhixing.kernel.clock import FixedClock
from zhixing.security.audit_keys import KeyRing
from zhixing.supervision.application import SupervisionApplication
from zhixing.supervision.domain.alert import Alert
from zhixing.supervision.domain.case_alerts import CaseAlerts
from zhixing.supervision.domain.interference import InterferenceRecord
from zhixing.supervision.domain.values import AlertKind, InterferenceMeans
from zhixing.supervision.outbound import mapping_for

CASE_ID = "7f1c2a9e-0000-4000-8000-000000000015"
CASE_NUMBER = "(2026)川0104执15号"
COURT = "川0104"
OFFICIAL = "张某某"
UNIT = "某区住建局"
POST = "副局长"
ASKED = "请求暂缓查封其亲属名下房产"
"""Who interfered and what was asked: no event, error or log may show them (R35)."""


@dataclass(frozen=True)
class Due:
    """What `projections.case_kpis.RequeryDue` carries (R18)."""

    case_id: str
    case_number: str
    court_code: str
    due_on: date


@dataclass
class FakeRequeries:
    """RequeryLookup as a list: the re-queries due, set by the test."""

    due: list[Due] = field(default_factory=list)

    def requeries_due(self, today: date) -> list[Due]:
        return [d for d in self.due if d.due_on <= today]


@pytest.fixture(name="clock")
def clock_fixture() -> FixedClock:
    return FixedClock(datetime(2026, 3, 2, 2, 0, tzinfo=UTC))  # 10:00 in Beijing


@pytest.fixture(name="requeries")
def requeries_fixture() -> FakeRequeries:
    return FakeRequeries()


@pytest.fixture(name="keys")
def keys_fixture() -> KeyRing:
    return KeyRing.ephemeral()


@pytest.fixture(name="calendar")
def calendar_fixture() -> WorkingCalendar:
    return WorkingCalendar()


@pytest.fixture(name="make_app")
def make_app_fixture(tmp_path, clock, requeries, keys,
                     calendar) -> Iterator[Callable[[], SupervisionApplication]]:
    """Supervision applications on one SQLite file: each call is another 'process'."""
    made: list[SupervisionApplication] = []

    def make() -> SupervisionApplication:
        made.append(SupervisionApplication(
            Settings(var_dir=tmp_path), clock=clock, calendar=calendar,
            chain_keys=keys, requeries=requeries))
        return made[-1]

    yield make
    for app in made:
        app.close()


@pytest.fixture(name="app")
def app_fixture(make_app) -> SupervisionApplication:
    return make_app()


def at_beijing_morning(clock: FixedClock, day: date) -> None:
    clock.set(datetime(day.year, day.month, day.day, 2, 0, tzinfo=UTC))


def node_alert(app: SupervisionApplication, node: str = "notice", case_id: str = CASE_ID,
               kind: AlertKind = AlertKind.NODE_OVERDUE, rule: str = "R27",
               due_on: date = date(2026, 2, 27)) -> Any:
    """A node of the case found overdue, as the watch raises it (R26–R28)."""
    return app.raise_alert(kind, court_code=COURT, case_id=case_id, case_number=CASE_NUMBER,
                           subject=node, act_by_role="officer", act_by="team-3",
                           due_on=due_on, source_event="cn.zhixing.cases.v1.NodeOverdue",
                           rule=rule)


def record(case_id: str = CASE_ID, corrects: str = "",
           means: InterferenceMeans = InterferenceMeans.CALL) -> InterferenceRecord:
    return InterferenceRecord(who_name=OFFICIAL, who_unit=UNIT, who_post=POST, means=means,
                              occurred_on=date(2026, 3, 1), case_id=case_id,
                              case_number=CASE_NUMBER if case_id else "", asked=ASKED,
                              corrects=corrects)


def public_events(app: SupervisionApplication) -> list[Any]:
    """Every integration event the application's log maps to, in order."""
    mapping = mapping_for(app)
    return [event for _, domain_event in app.read_notifications(0, limit=1000)
            for event in mapping(domain_event)]


def stored_count(app: SupervisionApplication) -> int:
    """How many domain events the application stored (a refused command adds none)."""
    return app.max_notification_id()


def alerts_in(app: SupervisionApplication) -> list[Alert]:
    """Every alert the log holds, in the order first raised (the alert index's place)."""
    ids = dict.fromkeys(e.originator_id for _, e in app.read_notifications(0, limit=1000)
                        if type(e).__qualname__.startswith("Alert."))
    return [a for i in ids if isinstance(a := app.get_or_none(i), Alert)]


def open_in_case(app: SupervisionApplication, case_id: str = CASE_ID) -> list[Any]:
    """The ids the case's register of open alerts holds (what closing a case closes)."""
    found = app.get_or_none(CaseAlerts.create_id(case_id))
    return found.open_ids() if isinstance(found, CaseAlerts) else []
