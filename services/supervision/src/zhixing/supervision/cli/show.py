"""How the commands print figures, alerts, matters and suggestions."""

from __future__ import annotations

from typing import Any

import typer


def _pct(message: Any, name: str) -> str:
    return f"{getattr(message, name) * 100:.1f}%" if message.HasField(name) else "—"


def show_figures(f: Any, label: str = "") -> None:
    """One row of figures, as a court reads them."""
    where = label or f.month or f.court_code or f.region
    days = (f"{f.avg_days:.0f}/{f.p90_days}天" if f.HasField("avg_days") else "—")
    typer.echo(f"{where}  收案 {f.received}  结案 {f.closed}  旧存 {f.pending_at_start}  "
               f"结案率 {_pct(f, 'closure_rate')}  到位率 {_pct(f, 'recovered_rate')}  "
               f"用时 均/P90 {days}  终本 {f.zhongben} ({_pct(f, 'zhongben_rate')}, "
               f"合规 {_pct(f, 'zhongben_compliance')})  超期节点 {f.overdue_nodes}  "
               f"首执限内 {f.first_closed_within_limit}/{f.first_closed}  "
               f"删除限内 {f.removals_within_limit}/{f.removals}  "
               f"救助限内 {f.relief_within_limit}/{f.relief_decided}")


def show_alert(a: Any, timeline: bool = False) -> None:
    """One line of an alert (and its timeline)."""
    case = f"  {a.case_number or a.case_id}" if (a.case_number or a.case_id) else ""
    who = f"{a.act_by_role}{' ' + a.act_by if a.act_by else ''}"
    typer.echo(f"{a.alert_id}  {a.label or a.kind} ({a.rule})  {a.status}  {a.court_code}"
               f"{case}  {a.subject}  由 {who} 于 {a.due_on} 前办理  预警 {a.raised_on}")
    if timeline:
        for step in a.timeline:
            note = f"  {step.note}" if step.note else ""
            typer.echo(f"  {step.on}  {step.what}  {step.by}{note}")


def show_matter(m: Any) -> None:
    """One line of a procuratorial matter."""
    due = f"{m.reply_by}{' (暂定)' if m.reply_by_provisional else ''}"
    extended = "  已延期" if m.extended else ""
    replied = (f"  已回复 {m.replied_on} {m.reply_document_number}"
               f"{'' if m.within_limit else ' (逾期)'}" if m.replied_on else "")
    overdue = "  逾期未回复" if m.overdue and not m.replied_on else ""
    case = f"  {m.case_number}" if m.case_number else ""
    by = f"  {m.procuratorate}" if m.procuratorate else ""  # a list's row carries none
    typer.echo(f"{m.matter_id}  {m.kind}  {m.document_number}{by}  "
               f"{m.court_code}{case}  收到 {m.received_on}  回复期限 {due}{extended}"
               f"{replied}{overdue}")


def show_suggestion(s: Any) -> None:
    """One line of a judicial suggestion."""
    due = f"{s.handle_by}{' (暂定)' if s.handle_by_provisional else ''}"
    outcome = f": {s.outcome}" if s.outcome else ""  # a list's row carries none
    handled = (f"  已办理 {s.handled_on}{'' if s.within_limit else ' (逾期)'}{outcome}"
               if s.handled_on else "")
    overdue = "  逾期未办理" if s.overdue and not s.handled_on else ""
    typer.echo(f"{s.suggestion_id}  {s.kind}  {s.document_number}  → {s.recipient}  "
               f"{s.court_code}  发出 {s.sent_on}  办理期限 {due}{handled}{overdue}")
