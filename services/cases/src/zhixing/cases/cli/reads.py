"""`zhixing case <read>` — the 终本 checklist, the account, the timeline, lists, worklists."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import typer

from zhixing.cases.cli.common import day, in_court, on_case, show_account
from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb
from zhixing.runtime.cli_kit import (
    INT32_MAX,
    INT32_MIN,
    TARGET,
    Court,
    Number,
    Role,
    Target,
    Team,
    User,
    fail,
    yuan,
)


def check_conclusion(number: Number, target: Target = TARGET, role: Role = "officer",
                     team: Team = "", user: User = "cli") -> None:
    """终本 checklist — every unmet precondition with its rule (R16, R17)."""
    client, case = on_case(number, target, role, team, user)
    checklist = client.call("CheckConclusion", pb.CheckConclusionRequest(case=case))
    for item in checklist.unmet:
        typer.echo(f"{item.rule:<7} {item.text}")
    if checklist.may_conclude:
        typer.echo(f"{number}: every precondition holds; 终本 may be ruled")


def account(number: Number, target: Target = TARGET, role: Role = "officer", team: Team = "",
            user: User = "cli") -> None:
    """案款账户 — received, disbursed, held, owed and paid per payee, in yuan (R28)."""
    client, case = on_case(number, target, role, team, user)
    show_account(client.call("GetAccount", pb.GetAccountRequest(case=case)).account)


def timeline(number: Number, target: Target = TARGET, role: Role = "officer", team: Team = "",
             user: User = "cli") -> None:
    """案件流程 — every act on the case and its money, oldest first."""
    client, case = on_case(number, target, role, team, user)
    for entry in client.call("GetTimeline", pb.GetTimelineRequest(case=case)).entries:
        details = "  ".join(f"{k}={v}" for k, v in sorted(entry.details.items()) if v)
        typer.echo(f"{entry.at[:19]}  {entry.label}  {details}".rstrip())


def list_cases(status: str = "", lead_officer: str = "", case_type: str = "",
               of_team: Annotated[str, typer.Option("--of-team", help="Only this team's.")] = "",
               page_size: Annotated[int, typer.Option(min=INT32_MIN, max=INT32_MAX)] = 50,
               page_token: str = "", court: Court = "川0104",
               target: Target = TARGET, role: Role = "officer", team: Team = "",
               user: User = "cli") -> None:
    """案件列表 — the court's cases, newest first; prints the next page's token."""
    page = in_court(court, target, role, team, user).call("ListCases", pb.ListCasesRequest(
        court_code=court, status=status, team=of_team, lead_officer=lead_officer,
        case_type=case_type, page_size=page_size, page_token=page_token))
    for row in page.cases:
        typer.echo(f"{row.case_number}  {row.status_label}  filed {row.filed_on}  "
                   f"{row.team or '-'}/{row.lead_officer or '-'}  claim "
                   f"{yuan(row.claim_total_fen)}  received {yuan(row.received_fen)}"
                   + (f"  next {day(row.next_due, row.next_due_provisional)}"
                      if row.next_due else ""))
    if page.next_page_token:
        typer.echo(f"more: --page-token {page.next_page_token}")


def worklist(lead_officer: str = "",
             of_team: Annotated[str, typer.Option("--of-team", help="Default: --team.")] = "",
             within: Annotated[int, typer.Option(help="Days ahead.", min=INT32_MIN,
                                                 max=INT32_MAX)] = 7,
             court: Court = "川0104", target: Target = TARGET, role: Role = "officer",
             team: Team = "", user: User = "cli") -> None:
    """待办 — running time limits overdue or due within `--within` days (R26–R28)."""
    if not (lead_officer or of_team or team):
        fail("worklist: give --lead-officer or --of-team (or your --team)", code=2)
    items = in_court(court, target, role, team, user).call("GetWorklist", pb.GetWorklistRequest(
        court_code=court, lead_officer=lead_officer,
        team=of_team or ("" if lead_officer else team), due_within_days=within)).items
    for item in items:
        typer.echo(f"{day(item.due_on, item.provisional)}  "
                   f"{'OVERDUE ' if item.overdue else ''}{item.case_number}  "
                   f"{item.label} ({item.rule or '本院规定 local practice'})"
                   + (f"  [{item.node}] {item.detail}" if item.detail else ""))
    if not items:
        typer.echo("nothing due")


COMMANDS: dict[str, Callable[..., None]] = {
    "check-conclusion": check_conclusion, "account": account, "timeline": timeline,
    "list": list_cases, "worklist": worklist,
}
