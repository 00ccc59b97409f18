"""`zhixing supervise kpis|drill|alerts|alert|ack|close` — the figures (R33) and alerts (R36)."""

from __future__ import annotations

from typing import Annotated

import typer

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.runtime.cli_kit import TARGET, Court, Target, User
from zhixing.supervision.cli.common import (
    Day,
    Id,
    Month,
    PageSize,
    PageToken,
    Region,
    Role,
    Scope,
    client_for,
    print_more,
)
from zhixing.supervision.cli.show import (
    show_alert,
    show_figures,
)


def kpis(from_month: Month, to_month: Month, scope: Scope = "", region: Region = "",
         monthly: Annotated[bool, typer.Option(
             help="A region's totals month by month instead of court by court.")] = False,
         court: Court = "川0104", target: Target = TARGET, role: Role = "supervisor",
         user: User = "cli") -> None:
    """执行指标 — a court's figures month by month, or a region's court by court (or
    month by month, --monthly) (R33)."""
    answer = client_for(court, target, role, user).call("GetKpis", pb.GetKpisRequest(
        court_code=scope, region=region, from_month=from_month, to_month=to_month,
        monthly=monthly))
    for row in answer.rows:
        show_figures(row)
    show_figures(answer.total, "合计")


def drill(figure: Annotated[str, typer.Argument(
              help="received, closed, pending, zhongben, zhongben_noncompliant, overdue_nodes, "
                   "closed_beyond_limit, removals_late or relief_late.")],
          from_month: Month, to_month: Month, scope: Scope = "", region: Region = "",
          page_size: PageSize = 50, page_token: PageToken = "", court: Court = "川0104",
          target: Target = TARGET, role: Role = "supervisor", user: User = "cli") -> None:
    """指标明细 — the cases behind a figure (audited, R46)."""
    answer = client_for(court, target, role, user).call("DrillDown", pb.DrillDownRequest(
        court_code=scope, region=region, from_month=from_month, to_month=to_month,
        figure=figure, page_size=page_size, page_token=page_token))
    for row in answer.cases:
        closed = f"  结案 {row.closed_on} {row.closure}" if row.closed_on else ""
        detail = f"  {row.detail}" if row.detail else ""
        typer.echo(f"{row.case_number}  {row.case_id}  立案 {row.filed_on}{closed}{detail}")
    print_more(answer.next_page_token)


# -- alerts (R36) ------------------------------------------------------------------------

def alerts(scope: Scope = "", status: Annotated[str, typer.Option(
               help="open, acknowledged or closed; all when left out.")] = "",
           kind: Annotated[str, typer.Option(help="Only this kind, e.g. node_overdue.")] = "",
           page_size: PageSize = 50, page_token: PageToken = "", court: Court = "川0104",
           target: Target = TARGET, role: Role = "supervisor", user: User = "cli") -> None:
    """预警列表 — the scope's alerts, newest first (R36)."""
    answer = client_for(court, target, role, user).call("ListAlerts", pb.ListAlertsRequest(
        court_code=scope, status=status, kind=kind, page_size=page_size,
        page_token=page_token))
    for found in answer.alerts:
        show_alert(found)
    print_more(answer.next_page_token)


def alert(alert_id: Id, court: Court = "川0104", target: Target = TARGET,
          role: Role = "supervisor", user: User = "cli") -> None:
    """预警 — one alert with its timeline."""
    show_alert(client_for(court, target, role, user).call(
        "GetAlert", pb.GetAlertRequest(alert_id=alert_id)).alert, timeline=True)


def ack(alert_id: Id, note: Annotated[str, typer.Option(help="A note for the record.")] = "",
        on: Day = "", court: Court = "川0104", target: Target = TARGET,
        role: Role = "officer", user: User = "cli") -> None:
    """签收预警 — take an alert on."""
    show_alert(client_for(court, target, role, user).call("AcknowledgeAlert",
                                                       pb.AcknowledgeAlertRequest(
        alert_id=alert_id, note=note, acknowledged_on=on)).alert, timeline=True)


def close(alert_id: Id, reason: Annotated[str, typer.Option(help="Why it is closed (R36).")],
          on: Day = "", court: Court = "川0104", target: Target = TARGET,
          role: Role = "supervisor", user: User = "cli") -> None:
    """关闭预警 — close an alert by hand, with a reason (R36)."""
    show_alert(client_for(court, target, role, user).call("CloseAlert", pb.CloseAlertRequest(
        alert_id=alert_id, reason=reason, closed_on=on)).alert, timeline=True)
