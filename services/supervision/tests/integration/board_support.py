"""What the court board's tests share: the board's facts and the alert index on a fresh
store, and contract events built by small factories (no names reach the read model)."""

from __future__ import annotations

from pathlib import Path

from testkit.stack import stack_settings
from zhixing.contracts.events.assets.v1 import (
    AgencyAnswered,
    AgencyAnswerOverdue,
    MeasureLapsed,
    MeasureReleased,
    MeasureRenewed,
    MeasureTookEffect,
    NetworkInquiryStarted,
)
from zhixing.contracts.events.cases.v1 import CaseAssigned, NodeOverdue
from zhixing.contracts.events.supervision.v1 import AlertClosed, AlertRaised
from zhixing.eventstore.settings import Settings
from zhixing.eventstore.sql import SqlStore
from zhixing.supervision.projections.alert_index import AlertIndex
from zhixing.supervision.projections.board_facts import BoardView, request_key

from .read_support import COURT, DEBTOR_ID, head

BEIJING = "+08:00"


def board_store(backend: str, var_dir: Path) -> SqlStore:
    """The supervision store with the board's tables and the alert index, on `backend`."""
    settings = Settings(var_dir=var_dir) if backend == "sqlite" else stack_settings(var_dir)
    store = settings.sql_store("supervision")
    BoardView.migrate(store)
    AlertIndex.migrate(store)
    return store


def assigned(n: int, team: str, officer: str, on: str, court: str = COURT) -> CaseAssigned:
    return CaseAssigned(**head(n, court), team=team, lead_officer=officer, assigned_on=on)


def node_alert(n: int, node: str, *, court: str = COURT, team: str = "") -> AlertRaised:
    return AlertRaised(alert_id=f"alert-{court}-{n}-{node}", court_code=court,
                       kind="node_overdue", rule="R27", case_id=head(n, court)["case_id"],
                       case_number=head(n, court)["case_number"], subject=node,
                       act_by_role="officer", act_by=team, due_on="2026-03-01",
                       raised_on="2026-03-02")


def alert_closed(n: int, node: str, court: str = COURT) -> AlertClosed:
    return AlertClosed(alert_id=f"alert-{court}-{n}-{node}", court_code=court,
                       closed_on="2026-03-05", by_event="cn.zhixing.cases.v1.CaseAssigned")


def node_overdue(n: int, node: str, team: str = "", court: str = COURT) -> NodeOverdue:
    return NodeOverdue(**head(n, court), node=node, rule="R27", due_on="2026-03-01", team=team)


def started(n: int, inquiry: str, at: str, agencies: list[str],
            court: str = COURT) -> NetworkInquiryStarted:
    """An inquiry of case `n` sent at `at` (Beijing time, "YYYY-MM-DDTHH:MM")."""
    return NetworkInquiryStarted(inquiry_id=inquiry, case_id=head(n, court)["case_id"],
                                 court_code=court, debtor_identity_number=DEBTOR_ID,
                                 started_at=f"{at}:00{BEIJING}", agency_ids=agencies)


def answer(inquiry: str, agency: str, at: str, outcome: str = "nothing",
           by: str = "") -> AgencyAnswered:
    return AgencyAnswered(request_id=request_key(inquiry, agency), agency_id=by or agency,
                          answered_at=f"{at}:00{BEIJING}", outcome=outcome)


def overdue(n: int, inquiry: str, agency: str, kind: str, reply_by: str,
            court: str = COURT) -> AgencyAnswerOverdue:
    return AgencyAnswerOverdue(inquiry_id=inquiry, case_id=head(n, court)["case_id"],
                               court_code=court, request_id=request_key(inquiry, agency),
                               agency_id=agency, agency_kind=kind,
                               reply_by=f"{reply_by}T10:00:00{BEIJING}")


def measure(n: int, measure_id: str, expires_on: str, *, kind: str = "freeze",
            court: str = COURT) -> MeasureTookEffect:
    return MeasureTookEffect(measure_id=measure_id, case_id=head(n, court)["case_id"],
                             court_code=court, asset_id=f"asset-{measure_id}", kind=kind,
                             asset_class="deposit", amount_fen=100_00,
                             effective_on="2026-03-01", expires_on=expires_on)


def renewed(n: int, measure_id: str, expires_on: str) -> MeasureRenewed:
    return MeasureRenewed(measure_id=measure_id, case_id=head(n)["case_id"], court_code=COURT,
                          asset_id=f"asset-{measure_id}", expires_on=expires_on)


def released(n: int, measure_id: str, on: str) -> MeasureReleased:
    return MeasureReleased(measure_id=measure_id, case_id=head(n)["case_id"], court_code=COURT,
                           asset_id=f"asset-{measure_id}", ground="paid", released_on=on)


def lapsed(n: int, measure_id: str, on: str) -> MeasureLapsed:
    return MeasureLapsed(measure_id=measure_id, case_id=head(n)["case_id"], court_code=COURT,
                         asset_id=f"asset-{measure_id}", lapsed_on=on)
