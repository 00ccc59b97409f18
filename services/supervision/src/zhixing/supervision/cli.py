"""`zhixing supervise …` — 执行监督: the figures of the courts' enforcement work (R33),
alerts (R36), procuratorial matters (R34), the interference register (R35) and judicial
suggestions (R37), over gRPC.

Each command calls with a development token for the role it names (`--role`,
`--court`, `--user`), unless ZHIXING_TOKEN holds a real one. The register's records
(who interfered, what was asked) are printed only by `interference read`, which needs a
`--purpose` (every read is audited, R46). `verify` exits 1 naming the first broken
record's seq. Mounted by the `zhixing` command through the `zhixing.cli` entry point
`supervise` (`zhixing supervision` runs the service's processes); a client of the public
contract only (contracts and the runtime's CLI kit).
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.contracts.pb.supervision.v1 import supervision_pb2_grpc
from zhixing.runtime import cli_kit as kit
from zhixing.runtime.cli_kit import TARGET, Court, Target, User

Role = Annotated[str, typer.Option(help="Your role (dev token).", envvar="ZHIXING_ROLE")]
Day = Annotated[str, typer.Option(help="YYYY-MM-DD; today when left out.")]
Month = Annotated[str, typer.Option(help="YYYY-MM.")]
Scope = Annotated[str, typer.Option(help="The court or court prefix; yours when left out.")]
Region = Annotated[str, typer.Option(help="A region: a court code prefix, or 成渝.")]
Id = Annotated[str, typer.Argument(help="The id.")]
PageSize = Annotated[int, typer.Option(min=0, max=500, help="At most this many (0: 50).")]
PageToken = Annotated[str, typer.Option(help="The token a previous page printed.")]
Key = Annotated[str, typer.Option(help="Idempotency key.")]


def _client(court: str, target: str, role: str, user: str) -> kit.Client:
    return kit.in_court(supervision_pb2_grpc.SupervisionServiceStub, court, target, role, "",
                        user)


def _more(token: str) -> None:
    if token:
        typer.echo(f"more: --page-token {token}")


# -- figures (R33) -----------------------------------------------------------------------

def kpis(from_month: Month, to_month: Month, scope: Scope = "", region: Region = "",
         court: Court = "川0104", target: Target = TARGET, role: Role = "supervisor",
         user: User = "cli") -> None:
    """执行指标 — a court's figures month by month, or a region's court by court (R33)."""
    answer = _client(court, target, role, user).call("GetKpis", pb.GetKpisRequest(
        court_code=scope, region=region, from_month=from_month, to_month=to_month))
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
    answer = _client(court, target, role, user).call("DrillDown", pb.DrillDownRequest(
        court_code=scope, region=region, from_month=from_month, to_month=to_month,
        figure=figure, page_size=page_size, page_token=page_token))
    for row in answer.cases:
        closed = f"  结案 {row.closed_on} {row.closure}" if row.closed_on else ""
        detail = f"  {row.detail}" if row.detail else ""
        typer.echo(f"{row.case_number}  {row.case_id}  立案 {row.filed_on}{closed}{detail}")
    _more(answer.next_page_token)


# -- alerts (R36) ------------------------------------------------------------------------

def alerts(scope: Scope = "", status: Annotated[str, typer.Option(
               help="open, acknowledged or closed; all when left out.")] = "",
           kind: Annotated[str, typer.Option(help="Only this kind, e.g. node_overdue.")] = "",
           page_size: PageSize = 50, page_token: PageToken = "", court: Court = "川0104",
           target: Target = TARGET, role: Role = "supervisor", user: User = "cli") -> None:
    """预警列表 — the scope's alerts, newest first (R36)."""
    answer = _client(court, target, role, user).call("ListAlerts", pb.ListAlertsRequest(
        court_code=scope, status=status, kind=kind, page_size=page_size,
        page_token=page_token))
    for found in answer.alerts:
        show_alert(found)
    _more(answer.next_page_token)


def alert(alert_id: Id, court: Court = "川0104", target: Target = TARGET,
          role: Role = "supervisor", user: User = "cli") -> None:
    """预警 — one alert with its timeline."""
    show_alert(_client(court, target, role, user).call(
        "GetAlert", pb.GetAlertRequest(alert_id=alert_id)).alert, timeline=True)


def ack(alert_id: Id, note: Annotated[str, typer.Option(help="A note for the record.")] = "",
        on: Day = "", court: Court = "川0104", target: Target = TARGET,
        role: Role = "officer", user: User = "cli") -> None:
    """签收预警 — take an alert on."""
    show_alert(_client(court, target, role, user).call("AcknowledgeAlert",
                                                       pb.AcknowledgeAlertRequest(
        alert_id=alert_id, note=note, acknowledged_on=on)).alert, timeline=True)


def close(alert_id: Id, reason: Annotated[str, typer.Option(help="Why it is closed (R36).")],
          on: Day = "", court: Court = "川0104", target: Target = TARGET,
          role: Role = "supervisor", user: User = "cli") -> None:
    """关闭预警 — close an alert by hand, with a reason (R36)."""
    show_alert(_client(court, target, role, user).call("CloseAlert", pb.CloseAlertRequest(
        alert_id=alert_id, reason=reason, closed_on=on)).alert, timeline=True)


# -- procuratorial matters (R34) ---------------------------------------------------------

def matter_receive(kind: Annotated[str, typer.Argument(
                       help="suggestion (检察建议) or inquiry (书面询问).")],
                   document: Annotated[str, typer.Option(help="The document number.")],
                   procuratorate: Annotated[str, typer.Option(help="The procuratorate.")],
                   case_id: Annotated[str, typer.Option(help="The case it names, by id.")] = "",
                   case_number: Annotated[str, typer.Option(help="That case's 案号.")] = "",
                   summary: Annotated[str, typer.Option(help="What it asks.")] = "",
                   request_id: Key = "", on: Day = "", scope: Scope = "",
                   court: Court = "川0104", target: Target = TARGET,
                   role: Role = "supervisor", user: User = "cli") -> None:
    """收到检察建议/询问 — the reply is due in 3 months or 15 days (R34)."""
    show_matter(_client(court, target, role, user).call("ReceiveMatter",
                                                        pb.ReceiveMatterRequest(
        court_code=scope, kind=kind, document_number=document, procuratorate=procuratorate,
        case_id=case_id, case_number=case_number, received_on=on, summary=summary,
        request_id=request_id)).matter)


def matter_extend(matter_id: Id, on: Day = "", court: Court = "川0104",
                  target: Target = TARGET, role: Role = "president",
                  user: User = "cli") -> None:
    """批准延期回复 — one more month, asked for before the reply's last day (R34)."""
    show_matter(_client(court, target, role, user).call("ExtendReply", pb.ExtendReplyRequest(
        matter_id=matter_id, requested_on=on)).matter)


def matter_reply(matter_id: Id, document: Annotated[str, typer.Option(
                     help="The court's reply document number.")],
                 on: Day = "", court: Court = "川0104", target: Target = TARGET,
                 role: Role = "supervisor", user: User = "cli") -> None:
    """回复检察监督 — the court's reply (R34)."""
    show_matter(_client(court, target, role, user).call("RecordReply", pb.RecordReplyRequest(
        matter_id=matter_id, replied_on=on, document_number=document)).matter)


def matter_show(matter_id: Id, court: Court = "川0104", target: Target = TARGET,
                role: Role = "supervisor", user: User = "cli") -> None:
    """检察监督事项 — one matter."""
    found = _client(court, target, role, user).call("GetMatter", pb.GetMatterRequest(
        matter_id=matter_id)).matter
    show_matter(found)
    if found.summary:
        typer.echo(f"  {found.summary}")


def matter_list(scope: Scope = "", status: Annotated[str, typer.Option(
                    help="awaiting or replied; all when left out.")] = "",
                page_size: PageSize = 50, page_token: PageToken = "",
                court: Court = "川0104", target: Target = TARGET,
                role: Role = "supervisor", user: User = "cli") -> None:
    """检察监督事项列表 — the scope's matters, newest first."""
    answer = _client(court, target, role, user).call("ListMatters", pb.ListMattersRequest(
        court_code=scope, status=status, page_size=page_size, page_token=page_token))
    for found in answer.matters:
        show_matter(found)
    _more(answer.next_page_token)


# -- interference register (R35) ---------------------------------------------------------

def interference_record(
        who_name: Annotated[str, typer.Option(help="Who interfered: the name.")],
        who_unit: Annotated[str, typer.Option(help="Their unit.")],
        who_post: Annotated[str, typer.Option(help="Their post.")],
        means: Annotated[str, typer.Option(
            help="letter, call, in_person, via_relatives, via_staff or other.")],
        asked: Annotated[str, typer.Option(help="What was asked.")],
        case_id: Annotated[str, typer.Option(help="The case it concerns, by id.")] = "",
        case_number: Annotated[str, typer.Option(help="That case's 案号.")] = "",
        corrects: Annotated[str, typer.Option(help="The record it corrects, by id.")] = "",
        occurred_on: Day = "", request_id: Key = "", scope: Scope = "",
        court: Court = "川0104", target: Target = TARGET, role: Role = "officer",
        user: User = "cli") -> None:
    """记录干预过问 — append a record to the court's register (R35); nothing of it is
    printed back."""
    answer = _client(court, target, role, user).call("RecordInterference",
                                                     pb.RecordInterferenceRequest(
        court_code=scope, who_name=who_name, who_unit=who_unit, who_post=who_post,
        means=means, occurred_on=occurred_on, case_id=case_id, case_number=case_number,
        asked=asked, corrects=corrects, request_id=request_id))
    typer.echo(f"已记录  {answer.court_code} #{answer.seq}  {answer.record_id}  "
               f"chain {answer.chain_hash}")


def interference_read(purpose: Annotated[str, typer.Option(
                          help="Why you read it (kept in the audit log).")],
                      scope: Scope = "", page_size: PageSize = 50,
                      page_token: PageToken = "", court: Court = "川0104",
                      target: Target = TARGET, role: Role = "president",
                      user: User = "cli") -> None:
    """干预过问记录 — the court's register; every read is audited (R35, R46)."""
    answer = _client(court, target, role, user).call("ReadInterference",
                                                     pb.ReadInterferenceRequest(
        court_code=scope, purpose=purpose, page_size=page_size, page_token=page_token))
    for e in answer.entries:
        fixes = f"  更正 {e.corrects}" if e.corrects else ""
        case = f"  {e.case_number or e.case_id}" if (e.case_number or e.case_id) else ""
        typer.echo(f"#{e.seq}  {e.occurred_on}  {e.who_name} ({e.who_unit} {e.who_post})  "
                   f"{e.means}{case}{fixes}  记录 {e.recorded_on} {e.recorded_by}\n"
                   f"    {e.asked}")
    _more(answer.next_page_token)


def verify(scope: Scope = "",
           head_seq: Annotated[int, typer.Option(
               min=0, max=kit.INT32_MAX, help="A head seq kept outside (0: none).")] = 0,
           head_hash: Annotated[str, typer.Option(help="That head's hash.")] = "",
           court: Court = "川0104", target: Target = TARGET, role: Role = "president",
           user: User = "cli") -> None:
    """核验干预过问记录链 — prove the register unbroken (R35); exit 1 naming the first
    broken record's seq."""
    answer = _client(court, target, role, user).call("VerifyRegister",
                                                     pb.VerifyRegisterRequest(
        court_code=scope, head_seq=head_seq, head_hash=head_hash))
    if not answer.ok:
        kit.fail(f"the register is broken at seq {answer.first_bad_seq}: {answer.problem} "
                 f"({answer.checked} records checked)")
    typer.echo(f"完好 ok  {answer.checked} records  head #{answer.head_seq} {answer.head_hash}")


def summary(quarter: Annotated[int, typer.Argument(min=1, max=4, help="The quarter, 1–4.")],
            year: Annotated[int, typer.Option(min=0, max=9999,
                                              help="The year; this year when 0.")] = 0,
            scope: Scope = "", court: Court = "川0104", target: Target = TARGET,
            role: Role = "president", user: User = "cli") -> None:
    """干预过问季度报告 — the quarter's summary; a nil report when none was recorded (R35)."""
    s = _client(court, target, role, user).call("GetQuarterSummary",
                                                pb.GetQuarterSummaryRequest(
        court_code=scope, year=year, quarter=quarter))
    head = f"  head #{s.head_seq} {s.head_hash}" if s.head_seq else ""
    if s.nil:
        typer.echo(f"{s.court_code} {s.year}Q{s.quarter}  零报告 nil report{head}")
        return
    means = ", ".join(f"{c.key} {c.count}" for c in s.by_means)
    typer.echo(f"{s.court_code} {s.year}Q{s.quarter}  {s.count} 件 ({means})  "
               f"涉及案件 {s.cases_named}  更正 {s.corrections}{head}")


# -- judicial suggestions (R37) ----------------------------------------------------------

def suggest_send(kind: Annotated[str, typer.Argument(
                     help="judicial (司法建议) or disciplinary (纪律处分建议).")],
                 recipient: Annotated[str, typer.Option(help="The unit or official.")],
                 document: Annotated[str, typer.Option(help="The document number.")],
                 reason: Annotated[str, typer.Option(help="Why (R37).")],
                 agency_id: Annotated[str, typer.Option(help="The agency, if one.")] = "",
                 case_id: Annotated[str, typer.Option(help="The case, by id.")] = "",
                 handle_by: Annotated[str, typer.Option(
                     help="Its handling's last day; 2 months when left out.")] = "",
                 request_id: Key = "", on: Day = "", scope: Scope = "",
                 court: Court = "川0104", target: Target = TARGET,
                 role: Role = "president", user: User = "cli") -> None:
    """发出司法建议 — to a unit or official that refuses to assist (R37)."""
    show_suggestion(_client(court, target, role, user).call("SendSuggestion",
                                                            pb.SendSuggestionRequest(
        court_code=scope, kind=kind, recipient=recipient, agency_id=agency_id,
        case_id=case_id, document_number=document, reason=reason, sent_on=on,
        handle_by=handle_by, request_id=request_id)).suggestion)


def suggest_handled(suggestion_id: Id, outcome: Annotated[str, typer.Option(
                        help="What the recipient did.")],
                    on: Day = "", court: Court = "川0104", target: Target = TARGET,
                    role: Role = "supervisor", user: User = "cli") -> None:
    """司法建议办理情况 — the recipient's handling (R37)."""
    show_suggestion(_client(court, target, role, user).call("RecordHandling",
                                                            pb.RecordHandlingRequest(
        suggestion_id=suggestion_id, handled_on=on, outcome=outcome)).suggestion)


def suggest_list(scope: Scope = "", status: Annotated[str, typer.Option(
                     help="sent or handled; all when left out.")] = "",
                 page_size: PageSize = 50, page_token: PageToken = "",
                 court: Court = "川0104", target: Target = TARGET,
                 role: Role = "supervisor", user: User = "cli") -> None:
    """司法建议列表 — the scope's suggestions, newest first."""
    answer = _client(court, target, role, user).call("ListSuggestions",
                                                     pb.ListSuggestionsRequest(
        court_code=scope, status=status, page_size=page_size, page_token=page_token))
    for found in answer.suggestions:
        show_suggestion(found)
    _more(answer.next_page_token)


# -- printing ----------------------------------------------------------------------------

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
    typer.echo(f"{m.matter_id}  {m.kind}  {m.document_number}  {m.procuratorate}  "
               f"{m.court_code}{case}  收到 {m.received_on}  回复期限 {due}{extended}"
               f"{replied}{overdue}")


def show_suggestion(s: Any) -> None:
    """One line of a judicial suggestion."""
    due = f"{s.handle_by}{' (暂定)' if s.handle_by_provisional else ''}"
    handled = (f"  已办理 {s.handled_on}{'' if s.within_limit else ' (逾期)'}: {s.outcome}"
               if s.handled_on else "")
    overdue = "  逾期未办理" if s.overdue and not s.handled_on else ""
    typer.echo(f"{s.suggestion_id}  {s.kind}  {s.document_number}  → {s.recipient}  "
               f"{s.court_code}  发出 {s.sent_on}  办理期限 {due}{handled}{overdue}")


COMMANDS = {"kpis": kpis, "drill": drill, "alerts": alerts, "alert": alert, "ack": ack,
            "close": close, "verify": verify, "summary": summary}
GROUPS = {
    "matter": ("检察监督 — procuratorial suggestions and inquiries (R34).",
               {"receive": matter_receive, "extend": matter_extend, "reply": matter_reply,
                "show": matter_show, "list": matter_list}),
    "interference": ("干预过问记录 — the interference register (R35).",
                     {"record": interference_record, "read": interference_read}),
    "suggest": ("司法建议 — judicial and disciplinary suggestions (R37).",
                {"send": suggest_send, "handled": suggest_handled, "list": suggest_list}),
}

app = typer.Typer(no_args_is_help=True,
                  help="执行监督 — figures, alerts, procuratorial matters, interference "
                       "register, judicial suggestions.")
for _name, _command in COMMANDS.items():
    app.command(_name)(_command)
for _group, (_help, _commands) in GROUPS.items():
    _sub = typer.Typer(no_args_is_help=True, help=_help)
    for _name, _command in _commands.items():
        _sub.command(_name)(_command)
    app.add_typer(_sub, name=_group)
