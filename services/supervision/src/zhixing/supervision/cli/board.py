"""`zhixing supervise board|agencies|case` — the command centre's court board, the
agencies' answering (R41) and a case file, as tables on the terminal.

The board and a case file name cases by 案号, officers by subject, agencies by id — no
party; each read of them is audited by the service (R46).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import typer

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.runtime.cli_kit import TARGET, Court, Target, User, rmb
from zhixing.supervision.cli.common import Id, Month, Region, Role, Scope, client_for
from zhixing.supervision.cli.show import show_alert

WorkingDays = Annotated[int, typer.Option(
    min=0, max=60, help="Measures expiring within this many working days (R64; 0: 10).")]
Limit = Annotated[int, typer.Option(min=0, max=100, help="Rows of each list (0: 20).")]


def table(title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A titled table, columns padded to their widest cell (a CJK character counts as
    two columns on the terminal); "（无）" when there are no rows."""
    typer.echo(f"— {title} —")
    if not rows:
        typer.echo("（无）")
        return
    cells = [[str(c) for c in header], *[[str(c) for c in row] for row in rows]]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(header))]
    for row in cells:
        typer.echo("  ".join(cell + " " * (w - _width(cell))
                             for cell, w in zip(row, widths, strict=True)).rstrip())


def _width(text: str) -> int:
    return sum(2 if "\u2e80" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef" else 1
               for c in text)


def board(scope: Scope = "", within: WorkingDays = 10, limit: Limit = 20,
          court: Court = "川0104", target: Target = TARGET, role: Role = "supervisor",
          user: User = "cli") -> None:
    """法院看板 — a court's overdue nodes by team and officer, oldest unanswered agency
    requests, expiring measures and relief funds (audited, R46)."""
    answer = client_for(court, target, role, user).call("GetCourtBoard", pb.GetCourtBoardRequest(
        court_code=scope, within_working_days=within, limit=limit))
    table("超期节点 · 按团队", ("团队", "超期节点"),
          [(t.key, t.count) for t in answer.overdue_by_team])
    table("超期节点 · 按承办人", ("承办人", "超期节点"),
          [(t.key, t.count) for t in answer.overdue_by_officer])
    table("协助单位未反馈（最久）", ("案号", "协助单位", "类别", "发出", "期限", "已等待"),
          [(w.case_number or w.case_id, w.agency_id, w.agency_kind or "—", w.sent_on,
            w.due_on or "—", f"{w.days_waiting}天") for w in answer.oldest_unanswered])
    table(f"即将到期的控制措施（{within or 10}个工作日内）",
          ("案号", "措施", "种类", "到期", "剩余工作日"),
          [(m.case_number or m.case_id, m.measure_id, m.measure_kind, m.expires_on,
            m.working_days_left) for m in answer.expiring])
    table("司法救助资金", ("法院", "年度", "拨入", "已批准", "退回", "追回", "余额"),
          [(f.court_code, f.fund_year, rmb(f.credited_fen), rmb(f.reserved_fen),
            rmb(f.released_fen), rmb(f.recovered_fen), rmb(f.balance_fen))
           for f in answer.funds])


def _days(row: pb.AgencyAnswers, name: str) -> str:
    return f"{getattr(row, name):.1f}" if row.HasField(name) else "—"


def agencies(from_month: Month, to_month: Month, scope: Scope = "", region: Region = "",
             court: Court = "川0104", target: Target = TARGET, role: Role = "supervisor",
             user: User = "cli") -> None:
    """协助单位反馈 — each agency's requests, answers, overdue answers and answer days over
    a court's or a region's period (R41)."""
    answer = client_for(court, target, role, user).call(
        "ListAgencyAnswers", pb.ListAgencyAnswersRequest(
            court_code=scope, region=region, from_month=from_month, to_month=to_month))
    table(f"协助单位反馈 {from_month}..{to_month}",
          ("协助单位", "类别", "请求", "已反馈", "逾期", "未反馈", "平均天数", "P90天数"),
          [(r.agency_id, r.agency_kind or "—", r.requests, r.answered, r.overdue, r.unanswered,
            _days(r, "avg_answer_days"), _days(r, "p90_answer_days")) for r in answer.rows])


def case(case_id: Id, court: Court = "川0104", target: Target = TARGET,
         role: Role = "supervisor", user: User = "cli") -> None:
    """案件档案 — one case as the figures see it: its closure, the R16 rules a 终本 did not
    meet, its alerts (audited; a procurator only the cases its matters name, R46)."""
    answer = client_for(court, target, role, user).call(
        "GetCaseFile", pb.GetCaseFileRequest(case_id=case_id))
    row = answer.case
    closed = f"  结案 {row.closed_on} {row.closure}" if row.closed_on else "  未结"
    typer.echo(f"{row.case_number}  {row.case_id}  {row.court_code}  立案 {row.filed_on}"
               f"{closed}")
    if answer.unmet:
        typer.echo(f"终本未满足: {', '.join(answer.unmet)} (R16)")
    for found in answer.alerts:
        show_alert(found)
