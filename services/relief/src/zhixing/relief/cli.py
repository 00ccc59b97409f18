"""`zhixing aid …` — 司法救助 (国家司法救助 · 执行救助): the wage table of the cap (R30),
the courts' funds (R32), applications and their decision, payment and recovery
(R29–R32), and the reports, over gRPC.

Each command calls with a development token for the role R31 names for its step
(`--role`, `--court`, `--user`), unless ZHIXING_TOKEN holds a real one. Amounts are
typed and printed in yuan. Hardship facts are printed only by `hardship`, which needs a
`--purpose` (every read is audited, R46). Mounted by the `zhixing` command through the
`zhixing.cli` entry point `aid` (`zhixing relief` runs the service's processes); a
client of the public contract only (contracts and the runtime's CLI kit).
"""

from __future__ import annotations

import unicodedata
from typing import Annotated, Any

import typer

from zhixing.contracts.pb.relief.v1 import relief_pb2 as pb
from zhixing.contracts.pb.relief.v1 import relief_pb2_grpc
from zhixing.runtime import cli_kit as kit
from zhixing.runtime.cli_kit import TARGET, Court, Target, User, fen, positive_fen, rmb

Role = Annotated[str, typer.Option(help="Your role (dev token).", envvar="ZHIXING_ROLE")]
Day = Annotated[str, typer.Option(help="YYYY-MM-DD; today when left out.")]
Year = Annotated[int, typer.Option(help="The year; this year when 0.", min=0, max=9999)]
Application = Annotated[str, typer.Argument(help="The application's id (救助申请).")]
CaseRef = Annotated[str, typer.Argument(help="The enforcement case: its id or 案号.")]
Amount = Annotated[str, typer.Option(help="Amount in yuan, e.g. 30000.00.")]
Party = Annotated[int, typer.Option(help="The applicant's index among the case's parties.",
                                    min=0, max=kit.INT32_MAX)]

STATUS = {"applied": "已申请", "reviewed": "已审查", "approved": "已批准",
          "rejected": "不予救助", "withdrawn": "已撤回", "disbursed": "已发放",
          "notified": "已告知到账", "revoked": "已撤销"}
"""The statuses of a relief case as a court says them."""
KINDS = {"appropriated": "财政拨款", "donated": "社会捐助", "reserved": "批准预留",
         "released": "释放预留", "disbursed": "发放", "repaid": "执行款归还",
         "recovered": "追回"}
"""The fund's movements as a court says them (R32)."""


def _client(court: str, target: str, role: str, user: str) -> kit.Client:
    return kit.in_court(relief_pb2_grpc.ReliefServiceStub, court, target, role, "", user)


def _on_case(ref: str, court: str) -> str:
    """The court to call as: the one a 案号 names, else `--court`."""
    return kit.court_of(ref) if "执" in ref else court


def wage_enter(province: Annotated[str, typer.Argument(help="The province, e.g. 川 or 渝.")],
               year: Annotated[int, typer.Argument(help="The figure's year.", min=0, max=9999)],
               wage: Annotated[str, typer.Option(help="Average monthly wage in yuan.")],
               source: Annotated[str, typer.Option(help="The statistics bulletin it is from.")],
               demonstration: Annotated[bool, typer.Option(
                   help="Mark the figure as demonstration data.")] = False,
               target: Target = TARGET, role: Role = "admin", user: User = "cli") -> None:
    """录入职工月平均工资 — a province's average monthly wage of a year (R30).

    The cap of the next year's decisions is 36 times it."""
    answer = _client("", target, role, user).call("EnterWage", pb.EnterWageRequest(
        province=province, year=year, monthly_wage_fen=positive_fen(wage, "--wage"),
        source=source, demonstration=demonstration))
    show_wage(answer.wage)


def wage_show(province: Annotated[str, typer.Argument(help="The province, e.g. 川.")],
              year: Annotated[int, typer.Argument(help="The figure's year.", min=0, max=9999)],
              court: Court = "川0104", target: Target = TARGET, role: Role = "officer",
              user: User = "cli") -> None:
    """职工月平均工资 — a province's entry of a year and the cap it gives (R30)."""
    show_wage(_client(court, target, role, user).call(
        "GetWage", pb.GetWageRequest(province=province, year=year)).wage)


def credit(kind: Annotated[str, typer.Argument(help="appropriation (财政拨款) or donation (社会捐助).")],
           amount: Amount, entry: Annotated[str, typer.Option(help="The entry's reference (idempotent).")],
           document: Annotated[str, typer.Option(help="The document's number.")],
           year: Year = 0, on: Day = "", court: Court = "川0104", target: Target = TARGET,
           role: Role = "finance", user: User = "cli") -> None:
    """救助资金入账 — credit the court's fund (R32)."""
    answer = _client(court, target, role, user).call("CreditFund", pb.CreditFundRequest(
        court_code=court, year=year, kind=kind, entry_id=entry, document_number=document,
        credited_on=on, amount_fen=positive_fen(amount, "--amount")))
    show_fund(answer.fund)


def fund(year: Year = 0, page_size: Annotated[int, typer.Option(min=0, max=500)] = 50,
         page_token: str = "", court: Court = "川0104", target: Target = TARGET,
         role: Role = "finance", user: User = "cli") -> None:
    """司法救助资金 — the court's fund of a year and its ledger (R32)."""
    answer = _client(court, target, role, user).call("GetFund", pb.GetFundRequest(
        court_code=court, year=year, page_size=page_size, page_token=page_token))
    show_fund(answer.fund)
    for line in answer.ledger:
        typer.echo(f"  {line.day}  {KINDS.get(line.kind, line.kind)}  {rmb(line.amount_fen)}"
                   f"  {line.ref}  余额 {rmb(line.balance_fen)}")
    if answer.next_page_token:
        typer.echo(f"  more: --page-token {answer.next_page_token}")


def notify(case: CaseRef, party: Party, on: Day = "", court: Court = "川0104",
           target: Target = TARGET, role: Role = "officer", user: User = "cli") -> None:
    """告知申请司法救助权利 — the party was told of its right to apply (R31)."""
    answer = _client(_on_case(case, court), target, role, user).call(
        "NotifyRight", pb.NotifyRightRequest(case_ref=case, party_index=party, notified_on=on))
    typer.echo(f"已告知  case {answer.case_id}  party #{answer.party_index}  on {answer.notified_on}")


def apply(case: CaseRef, party: Party, amount: Amount,
          category: Annotated[str, typer.Option(
              help="medical, livelihood, disability, elderly, minor, injury_or_death or other.")],
          narrative: Annotated[str, typer.Option(help="The hardship's facts (sensitive).")],
          other_organ_paid: Annotated[bool, typer.Option(
              help="Another organ already paid relief for the claim (R29).")] = False,
          request_id: Annotated[str, typer.Option(help="Idempotency key.")] = "",
          on: Day = "", court: Court = "川0104", target: Target = TARGET,
          role: Role = "officer", user: User = "cli") -> None:
    """司法救助申请 — file an application; a 司救执 case is opened (R29, R38)."""
    show(_client(_on_case(case, court), target, role, user).call("Apply", pb.ApplyRequest(
        case_ref=case, party_index=party, requested_fen=positive_fen(amount, "--amount"),
        hardship_category=category, narrative=narrative, other_organ_paid=other_organ_paid,
        applied_on=on, request_id=request_id)).application)


def review(application: Application, amount: Amount,
           opinion: Annotated[str, typer.Option(help="The review opinion (审查意见).")],
           court: Court = "川0104", target: Target = TARGET, role: Role = "officer",
           user: User = "cli") -> None:
    """审查 — propose an amount for the decision (R31)."""
    show(_client(court, target, role, user).call("Review", pb.ReviewRequest(
        application_id=application, proposed_fen=fen(amount, "--amount"),
        opinion=opinion)).application)


def approve(application: Application, amount: Amount,
            exceptional: Annotated[str, typer.Option(
                help="Reasons of an exceptional decision above the R30 cap.")] = "",
            on: Day = "", court: Court = "川0104", target: Target = TARGET,
            role: Role = "president", user: User = "cli") -> None:
    """批准救助 — within the cap (R30) and the fund's money, which is reserved (R32)."""
    request = pb.ApproveRequest(application_id=application,
                                amount_fen=positive_fen(amount, "--amount"), decided_on=on)
    if exceptional:
        request.exceptional.reasons = exceptional
    show(_client(court, target, role, user).call("Approve", request).application)


def reject(application: Application,
           rule: Annotated[str, typer.Option(help="The rule it rests on, e.g. R29.")],
           reason: Annotated[str, typer.Option(help="Why, as the decision states it.")],
           on: Day = "", court: Court = "川0104", target: Target = TARGET,
           role: Role = "president", user: User = "cli") -> None:
    """不予救助 — refuse, stating the rule."""
    show(_client(court, target, role, user).call("Reject", pb.RejectRequest(
        application_id=application, rule=rule, reason=reason, decided_on=on)).application)


def withdraw(application: Application, on: Day = "", court: Court = "川0104",
             target: Target = TARGET, role: Role = "officer", user: User = "cli") -> None:
    """撤回申请 — the applicant withdrew; a reservation is released (R32)."""
    show(_client(court, target, role, user).call("Withdraw", pb.WithdrawRequest(
        application_id=application, withdrawn_on=on)).application)


def disburse(application: Application, on: Day = "", court: Court = "川0104",
             target: Target = TARGET, role: Role = "finance", user: User = "cli") -> None:
    """发放救助金 — pay from the fund; notify within 2 working days (R31, R32)."""
    show(_client(court, target, role, user).call("Disburse", pb.DisburseRequest(
        application_id=application, disbursed_on=on)).application)


def notified(application: Application, on: Day = "", court: Court = "川0104",
             target: Target = TARGET, role: Role = "finance", user: User = "cli") -> None:
    """告知到账 — the applicant was told the funds arrived (R31)."""
    show(_client(court, target, role, user).call("RecordNotified", pb.RecordNotifiedRequest(
        application_id=application, notified_on=on)).application)


def revoke(application: Application,
           reason: Annotated[str, typer.Option(help="Why (relief obtained by fraud).")],
           on: Day = "", court: Court = "川0104", target: Target = TARGET,
           role: Role = "president", user: User = "cli") -> None:
    """撤销救助 — revoke with a recovery order (R32)."""
    show(_client(court, target, role, user).call("Revoke", pb.RevokeRequest(
        application_id=application, reason=reason, revoked_on=on)).application)


def repayment(application: Application, amount: Amount,
              recovery: Annotated[str, typer.Option(help="The repayment's reference (idempotent).")],
              on: Day = "", court: Court = "川0104", target: Target = TARGET,
              role: Role = "finance", user: User = "cli") -> None:
    """追回救助金 — money repaid on a revoked relief (R32)."""
    show(_client(court, target, role, user).call("RecordRepayment", pb.RecordRepaymentRequest(
        application_id=application, recovery_id=recovery,
        amount_fen=positive_fen(amount, "--amount"), repaid_on=on)).application)


def show_application(application: Application, court: Court = "川0104",
                     target: Target = TARGET, role: Role = "officer", user: User = "cli") -> None:
    """救助申请 — one application (without its hardship facts)."""
    show(_client(court, target, role, user).call("GetApplication", pb.GetApplicationRequest(
        application_id=application)).application)


def hardship(application: Application,
             purpose: Annotated[str, typer.Option(help="Why you read it (kept in the audit log).")],
             court: Court = "川0104", target: Target = TARGET, role: Role = "officer",
             user: User = "cli") -> None:
    """困难情况 — an application's hardship facts; every read is audited (R46)."""
    answer = _client(court, target, role, user).call("ReadHardship", pb.ReadHardshipRequest(
        application_id=application, purpose=purpose))
    typer.echo(f"{answer.category}: {answer.narrative}")


def applications(status: Annotated[str, typer.Option(help="Only this status.")] = "",
                 page_size: Annotated[int, typer.Option(min=0, max=500)] = 50,
                 page_token: str = "", court: Court = "川0104", target: Target = TARGET,
                 role: Role = "officer", user: User = "cli") -> None:
    """救助案件列表 — the court's applications, newest first."""
    answer = _client(court, target, role, user).call("ListApplications",
                                                     pb.ListApplicationsRequest(
        status=status, page_size=page_size, page_token=page_token))
    for found in answer.applications:
        show(found)
    if answer.next_page_token:
        typer.echo(f"more: --page-token {answer.next_page_token}")


def report(year: Year = 0, csv: Annotated[bool, typer.Option(
        "--csv", help="Print the report as CSV.")] = False,
           court: Court = "川0104", target: Target = TARGET, role: Role = "president",
           user: User = "cli") -> None:
    """救助资金使用报表 — a court's fund use of a year (R32): a table, or CSV."""
    answer = _client(court, target, role, user).call("GetReport", pb.GetReportRequest(
        court_code=court, year=year, csv=csv))
    if csv:
        typer.echo(answer.csv, nl=False)
        return
    for label, value in report_rows(answer.report):
        typer.echo(f"{label}{' ' * (20 - _width(label))}{value:>16}")


def _width(text: str) -> int:
    """Columns `text` takes on a terminal: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def report_rows(r: Any) -> list[tuple[str, str]]:
    """The report as a table's rows: label, value."""
    return [("法院 court", r.court_code), ("年度 year", str(r.year)),
            ("财政拨款", rmb(r.appropriated_fen)), ("社会捐助", rmb(r.donated_fen)),
            ("已发放", rmb(r.disbursed_fen)), ("已归还/追回", rmb(r.recovered_fen)),
            ("余额", rmb(r.balance_fen)), ("申请", str(r.applied)),
            ("批准", str(r.approved)), ("不予救助", str(r.rejected)), ("撤回", str(r.withdrawn)),
            ("发放", str(r.disbursed)), ("撤销", str(r.revoked)),
            ("决定用时 中位/最长", _days(r.decision_days_median, r.decision_days_max,
                                    r.approved + r.rejected)),
            ("发放用时 中位/最长", _days(r.payment_days_median, r.payment_days_max,
                                    r.disbursed))]


def _days(median: float, most: int, counted: int) -> str:
    """Median and longest days, or "—" when no application reached the step: the
    answer's 0 then means "none", not "the same day" (the CSV leaves it empty)."""
    return f"{median:g} / {most} 天" if counted else "—"


def show(a: Any) -> None:
    """One line of an application, as a court reads it."""
    money = f"申请 {rmb(a.requested_fen)}" + (f"  批准 {rmb(a.amount_fen)}" if a.amount_fen else "")
    if a.cap_fen:  # what R30 checked the decision against
        above = "，特别决定" if a.exceptional else ""
        money += f" (上限 {rmb(a.cap_fen)} = 36 × {a.wage_year} 年月平均工资{above})"
    due = (f"  决定期限 {a.decide_by}{' (暂定)' if a.decide_by_provisional else ''}"
           if a.status in ("applied", "reviewed") else "")
    due += (f"  告知期限 {a.notify_by}{' (暂定)' if a.notify_by_provisional else ''}"
            if a.status == "disbursed" else "")
    rule = f" ({a.rejection_rule})" if a.rejection_rule else ""
    owed = f"  待归还 {rmb(a.outstanding_fen)}" if a.outstanding_fen else ""
    typer.echo(f"{a.relief_case_number}  {a.application_id}  {a.case_number}  "
               f"party #{a.party_index}  {STATUS.get(a.status, a.status)}{rule}  {money}"
               f"{due}{owed}")


def show_wage(w: Any) -> None:
    demo = "  (演示数据 demonstration)" if w.demonstration else ""
    typer.echo(f"{w.province} {w.year}  月平均工资 {rmb(w.monthly_wage_fen)}  "
               f"救助上限 {rmb(w.cap_fen)} (36×, R30)  来源 {w.source}{demo}")


def show_fund(f: Any) -> None:
    typer.echo(f"{f.court_code} {f.year}  收入 {rmb(f.income_fen)}  发放 {rmb(f.disbursed_fen)}"
               f"  预留 {rmb(f.reserved_fen)}  余额 {rmb(f.balance_fen)}"
               f"  可用 {rmb(f.available_fen)}")


COMMANDS = {"wage-enter": wage_enter, "wage": wage_show, "credit": credit, "fund": fund,
            "notify": notify, "apply": apply, "review": review, "approve": approve,
            "reject": reject, "withdraw": withdraw, "disburse": disburse,
            "notified": notified, "revoke": revoke, "repayment": repayment,
            "show": show_application, "hardship": hardship, "list": applications,
            "report": report}

app = typer.Typer(no_args_is_help=True,
                  help="司法救助 — wage table, funds, applications, decisions, payments, reports.")
for _name, _command in COMMANDS.items():
    app.command(_name)(_command)
